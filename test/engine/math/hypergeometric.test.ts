import { describe, expect, it } from 'vitest';
import { hypergeometric2F1 } from '../../../src/engine/math/hypergeometric.ts';

// Closed forms from Abramowitz & Stegun 15.1.3–15.1.6 and the binomial series.
describe('hypergeometric2F1 against its closed forms', () => {
  const zs = [0.01, 0.2, 0.5, 0.9, 0.99];

  it('₂F₁(1, 1; 2; z) = −ln(1 − z)/z (A&S 15.1.3)', () => {
    for (const z of zs) expect(hypergeometric2F1(1, 1, 2, z) / (-Math.log1p(-z) / z)).toBeCloseTo(1, 12);
  });

  it('₂F₁(a, b; b; z) = (1 − z)^(−a), the binomial series', () => {
    for (const z of zs) expect(hypergeometric2F1(2.5, 0.7, 0.7, z) / Math.pow(1 - z, -2.5)).toBeCloseTo(1, 11);
  });

  it('₂F₁(½, 1; 3/2; z²) = artanh(z)/z (A&S 15.1.5) and ₂F₁(½, ½; 3/2; z²) = arcsin(z)/z (A&S 15.1.6)', () => {
    for (const z of [0.1, 0.5, 0.9]) {
      expect(hypergeometric2F1(0.5, 1, 1.5, z * z)).toBeCloseTo(Math.atanh(z) / z, 12);
      expect(hypergeometric2F1(0.5, 0.5, 1.5, z * z)).toBeCloseTo(Math.asin(z) / z, 12);
    }
  });

  it('is 1 at z = 0 and NaN outside 0 ≤ z < 1', () => {
    expect(hypergeometric2F1(3, 4, 5, 0)).toBe(1);
    expect(hypergeometric2F1(1, 1, 2, 1)).toBeNaN();
    expect(hypergeometric2F1(1, 1, 2, -0.5)).toBeNaN();
    expect(hypergeometric2F1(1, 1, 2, NaN)).toBeNaN();
  });
});
