import { describe, expect, it } from 'vitest';
import {
  chiSquareSurvival, digamma, erfc, inverseStandardNormalCdf, logBeta, logGamma, logRegularizedUpperGamma,
  regularizedIncompleteBeta, regularizedLowerGamma, regularizedUpperGamma, standardNormalCdf, standardNormalPdf,
} from '../../../src/engine/math/specialFunctions.ts';

// Closed forms and tabled values: Abramowitz & Stegun (A&S) chapters 6, 7 and 26.
const EULER_GAMMA = 0.5772156649015329;

describe('logGamma and logBeta', () => {
  it('ln Γ(n) = ln (n − 1)! and ln Γ(½) = ln √π (A&S 6.1.6, 6.1.8)', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(2)).toBeCloseTo(0, 14);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
  });

  it('satisfies the reflection Γ(¼)Γ(¾) = π/sin(π/4) = π√2 (A&S 6.1.17)', () => {
    expect(logGamma(0.25) + logGamma(0.75)).toBeCloseTo(Math.log(Math.PI * Math.SQRT2), 13);
  });

  it('ln B(2, 3) = ln(Γ(2)Γ(3)/Γ(5)) = ln(1/12)', () => {
    expect(logBeta(2, 3)).toBeCloseTo(-Math.log(12), 13);
  });
});

describe('regularizedIncompleteBeta', () => {
  it('matches the closed forms I_x(1, 1) = x, I_x(2, 1) = x², I_x(2, 2) = 3x² − 2x³', () => {
    for (const x of [0.05, 0.3, 0.5, 0.8, 0.99]) {
      expect(regularizedIncompleteBeta(x, 1, 1)).toBeCloseTo(x, 13);
      expect(regularizedIncompleteBeta(x, 2, 1)).toBeCloseTo(x * x, 13);
      expect(regularizedIncompleteBeta(x, 2, 2)).toBeCloseTo(3 * x * x - 2 * x ** 3, 13);
    }
  });

  it('is symmetric, I_x(α, β) = 1 − I_{1−x}(β, α), so I_½(α, α) = ½', () => {
    expect(regularizedIncompleteBeta(0.3, 2.5, 4.2) + regularizedIncompleteBeta(0.7, 4.2, 2.5)).toBeCloseTo(1, 13);
    expect(regularizedIncompleteBeta(0.5, 3.7, 3.7)).toBeCloseTo(0.5, 13);
  });

  it('is 0 at or below 0 and 1 at or above 1', () => {
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(-1, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
  });
});

describe('the normal distribution and erfc', () => {
  it('Φ(0) = ½, Φ(1.959963984540054) = 0.975, Φ(−1) = 0.158655253931457 and φ(0) = 1/√(2π)', () => {
    expect(standardNormalCdf(0)).toBe(0.5);
    expect(standardNormalCdf(1.959963984540054)).toBeCloseTo(0.975, 15);
    expect(standardNormalCdf(-1)).toBeCloseTo(0.158655253931457, 14);
    expect(standardNormalPdf(0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 15);
  });

  it('keeps its precision in the lower tail: Φ(−8) = 6.22096057427178e-16 (relative 1e-12)', () => {
    expect(standardNormalCdf(-8) / 6.22096057427178e-16).toBeCloseTo(1, 12);
  });

  it('is 0, 1 and NaN at −∞, ∞ and NaN', () => {
    expect(standardNormalCdf(-Infinity)).toBe(0);
    expect(standardNormalCdf(Infinity)).toBe(1);
    expect(standardNormalCdf(NaN)).toBeNaN();
  });

  it('erfc(0) = 1, erfc(0.5) = 1 − erf(0.5) = 0.4795001221869535, erfc(1) = 0.1572992070502851, and erfc(−x) = 2 − erfc(x) (A&S table 7.1)', () => {
    expect(erfc(0)).toBe(1);
    expect(erfc(0.5)).toBeCloseTo(0.4795001221869535, 15);
    expect(erfc(1)).toBeCloseTo(0.1572992070502851, 15);
    expect(erfc(5) / 1.5374597944280349e-12).toBeCloseTo(1, 12);
    for (const x of [0.2, 1.3, 4.5]) expect(erfc(-x)).toBeCloseTo(2 - erfc(x), 15);
  });

  it('Φ⁻¹ inverts Φ: Φ⁻¹(0.975) = 1.959963984540054, Φ⁻¹(½) = 0, and round trips down to p = 1e-20', () => {
    expect(inverseStandardNormalCdf(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(inverseStandardNormalCdf(0.5)).toBe(0);
    for (const p of [1e-20, 1e-9, 0.01, 0.3, 0.8, 0.999]) expect(standardNormalCdf(inverseStandardNormalCdf(p)) / p).toBeCloseTo(1, 12);
  });

  it('Φ⁻¹ is −∞ at 0, ∞ at 1 and NaN outside [0, 1]', () => {
    expect(inverseStandardNormalCdf(0)).toBe(-Infinity);
    expect(inverseStandardNormalCdf(1)).toBe(Infinity);
    expect(inverseStandardNormalCdf(1.5)).toBeNaN();
    expect(inverseStandardNormalCdf(-0.1)).toBeNaN();
  });
});

describe('digamma', () => {
  it('ψ(1) = −γ and ψ(½) = −γ − 2 ln 2 (A&S 6.3.2, 6.3.3)', () => {
    expect(digamma(1)).toBeCloseTo(-EULER_GAMMA, 13);
    expect(digamma(0.5)).toBeCloseTo(-EULER_GAMMA - 2 * Math.LN2, 13);
  });

  it('satisfies the recurrence ψ(x + 1) = ψ(x) + 1/x (A&S 6.3.5)', () => {
    for (const x of [0.3, 2.7, 12.5, 40]) expect(digamma(x + 1) - digamma(x)).toBeCloseTo(1 / x, 12);
  });
});

describe('the incomplete gamma functions', () => {
  it('P(1, x) = 1 − e^−x and Q(1, x) = e^−x; Q(½, x) = erfc(√x) (A&S 6.5.17)', () => {
    for (const x of [0.1, 1, 3.5, 20]) {
      expect(regularizedLowerGamma(1, x)).toBeCloseTo(-Math.expm1(-x), 14);
      expect(regularizedUpperGamma(1, x) / Math.exp(-x)).toBeCloseTo(1, 12);
      expect(regularizedUpperGamma(0.5, x) / erfc(Math.sqrt(x))).toBeCloseTo(1, 12);
      expect(regularizedLowerGamma(2.5, x) + regularizedUpperGamma(2.5, x)).toBeCloseTo(1, 14);
    }
  });

  it('P is 0 and Q is 1 at x = 0, the reverse at ∞, and both are NaN for a ≤ 0 or x < 0', () => {
    expect(regularizedLowerGamma(3, 0)).toBe(0);
    expect(regularizedUpperGamma(3, 0)).toBe(1);
    expect(regularizedLowerGamma(3, Infinity)).toBe(1);
    expect(regularizedUpperGamma(3, Infinity)).toBe(0);
    expect(regularizedLowerGamma(0, 1)).toBeNaN();
    expect(regularizedUpperGamma(2, -1)).toBeNaN();
  });

  it('ln Q stays finite where Q underflows: ln Q(1, x) = −x even at x = 1000', () => {
    expect(logRegularizedUpperGamma(1, 2)).toBeCloseTo(-2, 13);
    expect(logRegularizedUpperGamma(1, 1000)).toBeCloseTo(-1000, 9);
    expect(logRegularizedUpperGamma(1, Infinity)).toBe(-Infinity);
  });

  it('P(χ²₂ > x) = e^(−x/2), and 3.841459 is the 5% point of χ²₁ (A&S 26.4.19, table 26.8)', () => {
    expect(chiSquareSurvival(3, 2)).toBeCloseTo(Math.exp(-1.5), 14);
    expect(chiSquareSurvival(3.841459, 1)).toBeCloseTo(0.05, 7);
    expect(chiSquareSurvival(-1, 3)).toBe(1);
  });
});
