import { describe, expect, it } from 'vitest';
import {
  betaPertShape, distributionCdf, distributionMean, distributionQuantile, distributionVariance, pertClassicVariance,
  quantileTable, tableQuantile,
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

describe('quantileTable, the sampler\'s view of each distribution', () => {
  const shapes: [number, number, number][] = [[2, 4, 12], [5, 7, 10], [1, 1, 7], [1, 7, 7], [0, 0.1, 10], [0, 9.9, 10]];
  for (const kind of ['beta-pert', 'triangular', 'uniform'] as DistributionKind[]) {
    for (const [a, m, b] of shapes) {
      it(`stays within 1e-4 of the range of the exact ${kind} quantiles between P1 and P99, 2e-3 beyond, for (${a}, ${m}, ${b})`, () => {
        const table = quantileTable(kind, a, m, b);
        for (let k = 1; k < 10_000; k++) {
          const p = k / 10_000;
          const error = Math.abs(tableQuantile(table, p) - distributionQuantile(kind, a, m, b, p));
          expect(error).toBeLessThan((p >= 0.01 && p <= 0.99 ? 1e-4 : 2e-3) * (b - a));
        }
      });

      it(`reproduces the ${kind} mean and variance at 100,000 stratum midpoints for (${a}, ${m}, ${b})`, () => {
        const table = quantileTable(kind, a, m, b);
        const n = 100_000;
        let sum = 0; let squares = 0;
        for (let i = 0; i < n; i++) { const x = tableQuantile(table, (i + 0.5) / n); sum += x; squares += x * x; }
        const mean = sum / n;
        expect(Math.abs(mean - distributionMean(kind, a, m, b))).toBeLessThan(1e-5 * (b - a));
        expect(Math.abs((squares / n - mean * mean) / distributionVariance(kind, a, m, b) - 1)).toBeLessThan(3e-4);
      });
    }
  }
});
