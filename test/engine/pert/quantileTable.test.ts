import { describe, expect, it } from 'vitest';
import { distributionMean, distributionQuantile, distributionVariance } from '../../../src/engine/pert/distributions.ts';
import { quantileTable, tableQuantile } from '../../../src/engine/pert/quantileTable.ts';
import type { DistributionKind } from '../../../src/engine/journey/types.ts';

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

describe('quantileTable by construction', () => {
  it('is the fixed time everywhere when a = b, for every kind', () => {
    for (const kind of ['beta-pert', 'triangular', 'uniform', 'normal'] as DistributionKind[]) {
      const table = quantileTable(kind, 4, 4, 4, 8);
      expect([...table.values]).toEqual(new Array(9).fill(4));
      expect(tableQuantile(table, 0.3)).toBe(4);
    }
  });

  it('is exact for the uniform, whose quantile is a straight line (tails of exponent 1)', () => {
    const table = quantileTable('uniform', 2, 3, 6, 16);
    expect(table.lowerExponent).toBe(1);
    expect(table.upperExponent).toBe(1);
    for (const u of [0.001, 0.05, 0.5, 0.93, 0.999]) expect(tableQuantile(table, u)).toBeCloseTo(2 + 4 * u, 12);
  });

  it('gives the triangular tails exponent ½ (its CDF is quadratic at each end) and the beta-PERT ones 1/α and 1/β', () => {
    expect(quantileTable('triangular', 0, 1, 4)).toMatchObject({ lowerExponent: 0.5, upperExponent: 0.5 });
    // A mode at an end leaves that end's CDF linear: exponent 1.
    expect(quantileTable('triangular', 0, 0, 4)).toMatchObject({ lowerExponent: 1, upperExponent: 0.5 });
    // (2, 4, 12): α = 1 + 4·2/10 = 1.8, β = 1 + 4·8/10 = 4.2.
    const pert = quantileTable('beta-pert', 2, 4, 12);
    expect(pert.lowerExponent).toBeCloseTo(1 / 1.8, 14);
    expect(pert.upperExponent).toBeCloseTo(1 / 4.2, 14);
  });

  it('leaves the normal untabulated at the tails (NaN exponents: the simulation samples it exactly)', () => {
    const table = quantileTable('normal', 1, 2, 3);
    expect(table.lowerExponent).toBeNaN();
    expect(table.upperExponent).toBeNaN();
  });
});
