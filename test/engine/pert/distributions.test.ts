import { describe, expect, it } from 'vitest';
import {
  betaPertShape, betaQuantile, distributionCdf, distributionMean, distributionQuantile, distributionVariance, pertClassicVariance,
  pertExpectedTime,
} from '../../../src/engine/pert/distributions.ts';
import type { DistributionKind } from '../../../src/engine/journey/types.ts';
import { referenceCase } from '../referenceCases.ts';

const moments = referenceCase('beta-pert-moments');

describe('beta-PERT against scipy.stats.beta (reference file, exact to 1e-6)', () => {
  for (const item of moments.items) {
    it(`reproduces shape, moments, quantiles and CDF for (${item.a}, ${item.m}, ${item.b})`, () => {
      const { a, m, b } = item;
      const shape = betaPertShape(a, m, b);
      expect(shape.alpha).toBeCloseTo(item.alpha, 6);
      expect(shape.beta).toBeCloseTo(item.beta, 6);
      expect(distributionMean('beta-pert', a, m, b)).toBeCloseTo(item.mean, 6);
      expect(distributionVariance('beta-pert', a, m, b)).toBeCloseTo(item.var, 6);
      expect(Math.sqrt(distributionVariance('beta-pert', a, m, b))).toBeCloseTo(item.sd, 6);
      expect(distributionQuantile('beta-pert', a, m, b, 0.5)).toBeCloseTo(item.median, 6);
      expect(distributionQuantile('beta-pert', a, m, b, 0.1)).toBeCloseTo(item.p10, 6);
      expect(distributionQuantile('beta-pert', a, m, b, 0.8)).toBeCloseTo(item.p80, 6);
      expect(distributionQuantile('beta-pert', a, m, b, 0.9)).toBeCloseTo(item.p90, 6);
      expect(distributionCdf('beta-pert', a, m, b, m)).toBeCloseTo(item.cdf_at_mode, 6);
      expect(pertClassicVariance(a, b)).toBeCloseTo(item.classic_var, 6);
    });
  }

  it('has variance (μ − a)(b − μ)/7, not ((b − a)/6)²', () => {
    const mean = distributionMean('beta-pert', 2, 4, 12);
    expect(distributionVariance('beta-pert', 2, 4, 12)).toBeCloseTo((mean - 2) * (12 - mean) / 7, 12);
  });
});

describe('modified PERT with other λ (reference file)', () => {
  for (const item of referenceCase('modified-pert-lambda').items) {
    it(`reproduces λ = ${item.lam}`, () => {
      const shape = betaPertShape(5, 7, 10, item.lam);
      expect(shape.alpha).toBeCloseTo(item.alpha, 6);
      expect(shape.beta).toBeCloseTo(item.beta, 6);
      expect(distributionMean('beta-pert', 5, 7, 10, item.lam)).toBeCloseTo(item.mean, 6);
      expect(Math.sqrt(distributionVariance('beta-pert', 5, 7, 10, item.lam))).toBeCloseTo(item.sd, 5);
      expect(distributionQuantile('beta-pert', 5, 7, 10, 0.5, item.lam)).toBeCloseTo(item.median, 6);
      expect(distributionQuantile('beta-pert', 5, 7, 10, 0.1, item.lam)).toBeCloseTo(item.p10, 6);
      expect(distributionQuantile('beta-pert', 5, 7, 10, 0.9, item.lam)).toBeCloseTo(item.p90, 6);
    });
  }
});

describe('triangular (reference file)', () => {
  for (const item of moments.triangular) {
    it(`reproduces (${item.a}, ${item.m}, ${item.b})`, () => {
      expect(distributionMean('triangular', item.a, item.m, item.b)).toBeCloseTo(item.mean, 6);
      expect(distributionVariance('triangular', item.a, item.m, item.b)).toBeCloseTo(item.var, 6);
      expect(distributionQuantile('triangular', item.a, item.m, item.b, 0.8)).toBeCloseTo(item.p80, 6);
      if (item.median !== undefined) expect(distributionQuantile('triangular', item.a, item.m, item.b, 0.5)).toBeCloseTo(item.median, 6);
    });
  }
});

describe('uniform and truncated normal', () => {
  it('uniform(a, b) has mean (a + b)/2, variance (b − a)²/12 and linear quantiles', () => {
    expect(distributionMean('uniform', 2, 5, 8)).toBe(5);
    expect(distributionVariance('uniform', 2, 5, 8)).toBeCloseTo(3, 12);
    expect(distributionQuantile('uniform', 2, 5, 8, 0.25)).toBeCloseTo(3.5, 12);
  });

  it('normal far from zero has mean (a + 4m + b)/6 and SD (b − a)/6', () => {
    expect(distributionMean('normal', 88, 100, 124)).toBeCloseTo(102, 9);
    expect(Math.sqrt(distributionVariance('normal', 88, 100, 124))).toBeCloseTo(6, 9);
    // Φ⁻¹(0.975) = 1.959963985 (normal table).
    expect(distributionQuantile('normal', 88, 100, 124, 0.975)).toBeCloseTo(102 + 6 * 1.959963985, 6);
  });

  it('normal near zero is truncated at 0 and its moments match numerical integration', () => {
    // Independent check: Simpson's rule on the truncated density over [0, μ + 12σ].
    const a = 0; const m = 1; const b = 8;
    const mu = (a + 4 * m + b) / 6; const sigma = (b - a) / 6;
    const density = (x: number) => Math.exp(-0.5 * ((x - mu) / sigma) ** 2);
    const steps = 20000; const top = mu + 12 * sigma; const h = top / steps;
    let mass = 0; let first = 0; let second = 0;
    for (let i = 0; i <= steps; i++) {
      const x = i * h; const w = i === 0 || i === steps ? 1 : i % 2 ? 4 : 2;
      mass += w * density(x); first += w * x * density(x); second += w * x * x * density(x);
    }
    const mean = first / mass;
    expect(distributionMean('normal', a, m, b)).toBeCloseTo(mean, 6);
    expect(distributionVariance('normal', a, m, b)).toBeCloseTo(second / mass - mean * mean, 6);
    expect(distributionQuantile('normal', a, m, b, 0)).toBeCloseTo(0, 12);
    expect(distributionCdf('normal', a, m, b, distributionQuantile('normal', a, m, b, 0.3))).toBeCloseTo(0.3, 9);
  });

  it('a fixed time (a = m = b) has no spread for every kind', () => {
    for (const kind of ['beta-pert', 'triangular', 'uniform', 'normal'] as DistributionKind[]) {
      expect(distributionMean(kind, 3, 3, 3)).toBe(3);
      expect(distributionVariance(kind, 3, 3, 3)).toBe(0);
      expect(distributionQuantile(kind, 3, 3, 3, 0.7)).toBe(3);
    }
  });
});

describe('betaQuantile and the classic PERT figures', () => {
  it('inverts the closed-form Beta CDFs: Beta(1, 1) is p, Beta(2, 1) is √p, Beta(1, 2) is 1 − √(1 − p)', () => {
    // Beta(2, 1) has CDF x², Beta(1, 2) has CDF 1 − (1 − x)² (Johnson, Kotz & Balakrishnan vol. 2, ch. 25).
    for (const p of [0.001, 0.1, 0.37, 0.5, 0.9, 0.999]) {
      expect(betaQuantile(p, 1, 1)).toBeCloseTo(p, 12);
      expect(betaQuantile(p, 2, 1)).toBeCloseTo(Math.sqrt(p), 12);
      expect(betaQuantile(p, 1, 2)).toBeCloseTo(1 - Math.sqrt(1 - p), 12);
    }
    expect(betaQuantile(0, 3, 2)).toBe(0);
    expect(betaQuantile(1, 3, 2)).toBe(1);
  });

  it('PERT expected time (a + 4m + b)/6 and classic variance ((b − a)/6)²: (2, 4, 12) gives 5 and 25/9', () => {
    expect(pertExpectedTime(2, 4, 12)).toBe(5);
    expect(pertClassicVariance(2, 12)).toBeCloseTo(25 / 9, 14);
  });
});
