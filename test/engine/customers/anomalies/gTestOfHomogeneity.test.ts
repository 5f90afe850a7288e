import { describe, expect, it } from 'vitest';
import { gTestOfHomogeneity } from '../../../../src/engine/customers/anomalies/gTestOfHomogeneity.ts';
import {
  chiSquareSurvival, erfc, logRegularizedUpperGamma, regularizedLowerGamma, regularizedUpperGamma,
} from '../../../../src/engine/math/specialFunctions.ts';

describe('gTestOfHomogeneity', () => {
  it('gives 2 Σ O ln(O/E) on K − 1 degrees of freedom, and nothing for the same mix', () => {
    const disjoint = gTestOfHomogeneity(new Map([['a', 10]]), new Map([['b', 10]]));
    expect(disjoint.statistic).toBeCloseTo(40 * Math.LN2, 12);
    expect(disjoint.degrees).toBe(1);
    expect(disjoint.logP).toBeCloseTo(Math.log(erfc(Math.sqrt(20 * Math.LN2))), 9);
    // Proportional rows: the same mix, G = 0 and P = 1.
    const same = gTestOfHomogeneity(new Map([['a', 2], ['b', 4]]), new Map([['a', 1], ['b', 2]]));
    expect(same.statistic).toBeCloseTo(0, 12);
    expect(same.logP).toBeCloseTo(0, 12);
  });
});

describe('regularized incomplete gamma (the G-test p-value)', () => {
  it('gives the chi-square tail at tabulated critical values', () => {
    // 95% points of chi-square (Abramowitz & Stegun Table 26.8): 1, 3 and 10 degrees of freedom.
    expect(chiSquareSurvival(3.841459, 1)).toBeCloseTo(0.05, 7);
    expect(chiSquareSurvival(7.814728, 3)).toBeCloseTo(0.05, 7);
    expect(chiSquareSurvival(18.307038, 10)).toBeCloseTo(0.05, 7);
  });

  it('matches the closed forms: Q(1, x) = e^-x, Q(1/2, x) = erfc √x, and the Poisson sum for whole a', () => {
    for (const x of [0.01, 0.7, 3, 25]) {
      expect(regularizedUpperGamma(1, x)).toBeCloseTo(Math.exp(-x), 14);
      expect(regularizedUpperGamma(0.5, x) / erfc(Math.sqrt(x))).toBeCloseTo(1, 12);
    }
    // Q(n, x) = e^-x Σ_{k<n} x^k / k! (A&S 6.5.13): one case on each side of x = a + 1.
    const poissonSum = (n: number, x: number) => { let term = 1; let sum = 1; for (let k = 1; k < n; k++) { term *= x / k; sum += term; } return Math.exp(-x) * sum; };
    expect(regularizedUpperGamma(5, 3.7) / poissonSum(5, 3.7)).toBeCloseTo(1, 12);
    expect(regularizedUpperGamma(3, 10) / poissonSum(3, 10)).toBeCloseTo(1, 12);
    expect(regularizedLowerGamma(5, 3.7) + regularizedUpperGamma(5, 3.7)).toBeCloseTo(1, 14);
    expect(regularizedUpperGamma(2, 0)).toBe(1);
    expect(regularizedUpperGamma(-1, 2)).toBeNaN();
  });

  it('keeps the log of a tail far below what a double can hold', () => {
    expect(logRegularizedUpperGamma(1, 2000)).toBeCloseTo(-2000, 9);
    // ln erfc z ≈ −z² − ln(z √π) + ln(1 − 1/(2z²) + 3/(4z⁴)) (A&S 7.1.23), z = √1000.
    const z = Math.sqrt(1000);
    expect(logRegularizedUpperGamma(0.5, 1000)).toBeCloseTo(-1000 - Math.log(z * Math.sqrt(Math.PI)) + Math.log(1 - 1 / (2 * z * z) + 3 / (4 * z ** 4)), 6);
  });
});
