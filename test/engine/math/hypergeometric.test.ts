import { describe, expect, it } from 'vitest';
import { hypergeometric2F1, scaledKummer } from '../../../src/engine/math/hypergeometric.ts';

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

// Closed forms of Kummer's function from Abramowitz & Stegun 13.6.12 and 13.6.14.
describe('scaledKummer, e^(−z)·M(a; c; z)', () => {
  it('is 1 for M(a; a; z) = e^z, and (1 − e^(−z))/z for M(1; 2; z) = (e^z − 1)/z', () => {
    for (const z of [0, 0.3, 5, 80, 600]) {
      expect(scaledKummer(1.7, 1.7, z)).toBeCloseTo(1, 11);
      if (z > 0) expect(scaledKummer(1, 2, z) / (-Math.expm1(-z) / z)).toBeCloseTo(1, 11);
    }
  });

  it('gives E[e^(−zp)] for p ~ Beta(a, b) as M(b; a+b; z)e^(−z), checked by numerical integration', () => {
    const [a, b, z] = [0.8, 2.5, 4];
    // E[e^(−zp)] = ∫ e^(−zp) p^(a−1)(1−p)^(b−1) dp / B(a, b), by the midpoint rule in p = u^(1/a) (smooth in u).
    const steps = 200_000;
    let sum = 0;
    let norm = 0;
    for (let k = 0; k < steps; k++) {
      const u = (k + 0.5) / steps;
      const p = Math.pow(u, 1 / a);
      const w = Math.pow(1 - p, b - 1);
      sum += w * Math.exp(-z * p);
      norm += w;
    }
    expect(scaledKummer(b, a + b, z)).toBeCloseTo(sum / norm, 8);
  });
});
