import { describe, expect, it } from 'vitest';
import { correlationMatrix, imposedPearson, spearmanOfPearson } from '../../../src/engine/montecarlo/correlationMatrix.ts';

describe('correlationMatrix', () => {
  it('spans the named ids in sorted order, with 1 on the diagonal, each given ρ on its pairs and 0 elsewhere', () => {
    // By construction: a group C, A, B at 0.5 and a pair B–D at −0.3; E is in the journey but in no correlation.
    const { ids, matrix } = correlationMatrix([{ ids: ['C', 'A', 'B'], rho: 0.5 }, { ids: ['B', 'D'], rho: -0.3 }], ['A', 'B', 'C', 'D', 'E']);
    expect(ids).toEqual(['A', 'B', 'C', 'D']);
    expect(matrix.map((row) => [...row])).toEqual([
      [1, 0.5, 0.5, 0],
      [0.5, 1, 0.5, -0.3],
      [0.5, 0.5, 1, 0],
      [0, -0.3, 0, 1],
    ]);
  });

  it('leaves out ids that are not in the journey', () => {
    const { ids, matrix } = correlationMatrix([{ ids: ['A', 'Q', 'B'], rho: 0.2 }], ['A', 'B']);
    expect(ids).toEqual(['A', 'B']);
    expect(matrix.map((row) => [...row])).toEqual([[1, 0.2], [0.2, 1]]);
  });

  it('is empty for no correlations', () => {
    expect(correlationMatrix([], ['A'])).toEqual({ ids: [], matrix: [] });
  });
});

describe('imposedPearson and spearmanOfPearson', () => {
  // For normal variables ρ_Spearman = (6/π)·asin(r/2) (Pearson 1907; Kruskal 1958), so r = 2·sin(πρ/6).
  it('map 0 to 0 and ±1 to ±1 (sin(π/6) = ½)', () => {
    expect(imposedPearson(0)).toBe(0);
    expect(imposedPearson(1)).toBeCloseTo(1, 15);
    expect(imposedPearson(-1)).toBeCloseTo(-1, 15);
    expect(spearmanOfPearson(1)).toBeCloseTo(1, 15);
    expect(spearmanOfPearson(0)).toBe(0);
  });

  it('give r = 2·sin(π/12) = (√6 − √2)/2 ≈ 0.5176 for ρ = 0.5, and back', () => {
    const r = (Math.sqrt(6) - Math.SQRT2) / 2; // sin 15° = (√6 − √2)/4
    expect(imposedPearson(0.5)).toBeCloseTo(r, 15);
    expect(spearmanOfPearson(r)).toBeCloseTo(0.5, 15);
  });

  it('spearmanOfPearson clamps r to [−1, 1] first', () => {
    expect(spearmanOfPearson(1.2)).toBeCloseTo(1, 15);
    expect(spearmanOfPearson(-3)).toBeCloseTo(-1, 15);
  });
});
