import { describe, expect, it } from 'vitest';
import { checkCorrelations } from '../../../src/engine/montecarlo/checkCorrelations.ts';
import { smallestEigenvalue } from '../../../src/engine/montecarlo/linearAlgebra.ts';
import type { Correlation } from '../../../src/engine/journey/types.ts';

describe('checkCorrelations', () => {
  it('accepts a valid set (a group at 0.5 and a pair at −0.3)', () => {
    expect(checkCorrelations([{ ids: ['A', 'B', 'C'], rho: 0.5 }, { ids: ['C', 'D'], rho: -0.3 }], ['A', 'B', 'C', 'D'])).toEqual({ ok: true });
  });

  // What the engine imposes: Pearson r = 2·sin(πρ/6) between normal scores (Kruskal 1958).
  const imposed = (pairs: Correlation[], ids: string[]) => {
    const m = ids.map((_, k) => { const row = new Float64Array(ids.length); row[k] = 1; return row; });
    for (const { ids: [x, y], rho } of pairs) {
      const r = 2 * Math.sin(Math.PI * rho / 6);
      m[ids.indexOf(x)][ids.indexOf(y)] = r;
      m[ids.indexOf(y)][ids.indexOf(x)] = r;
    }
    return m;
  };

  it('rejects a set that is not positive semi-definite and offers the nearest valid one (Higham 2002, §4 example)', () => {
    // ρ = 1 gives r = 2·sin(π/6) = 1, so the imposed matrix is Higham's example [[1,1,0],[1,1,1],[0,1,1]], whose
    // nearest correlation matrix has off-diagonals 0.7607, 0.1573, 0.7607 (Higham 2002, IMA J. Numer. Anal. 22, p. 340).
    // Back as Spearman, ρ = (6/π)·asin(r/2): 0.745 and 0.150; rounding to 2 decimals (and shrinking until the rounded
    // set still holds) may move them down by a step or two.
    const check = checkCorrelations([{ ids: ['A', 'B'], rho: 1 }, { ids: ['B', 'C'], rho: 1 }], ['A', 'B', 'C']);
    expect(check.ok).toBe(false);
    expect(check.message).toMatch(/^These correlations cannot all hold at once/);
    const [ab, ac, bc] = check.nearest!;
    expect(ab.ids).toEqual(['A', 'B']);
    expect(ab.rho).toBeGreaterThanOrEqual(0.72);
    expect(ab.rho).toBeLessThanOrEqual(0.75);
    expect(bc.rho).toBe(ab.rho);
    expect(ac.rho).toBeGreaterThanOrEqual(0.12);
    expect(ac.rho).toBeLessThanOrEqual(0.15);
    expect(smallestEigenvalue(imposed(check.nearest!, ['A', 'B', 'C']))).toBeGreaterThanOrEqual(-1e-10);
  });

  it('tests the matrix that will be imposed: three touchpoints all at ρ = −0.5 (valid as Spearman) cannot hold', () => {
    // As Spearman the matrix has eigenvalues 1 + 2(−0.5) = 0 and 1.5 (twice): valid. Imposed, r = 2·sin(−π/12)
    // = −0.5176, and 1 + 2r = −0.035 < 0: not positive semi-definite. The nearest imposed matrix is
    // equicorrelated at r ≈ −0.5 (1 + 2r clipped to ~0), back as Spearman (6/π)·asin(−0.25) = −0.4826 → −0.48;
    // check: 2·sin(−0.08π) = −0.4974, 1 + 2r = 0.005 ≥ 0.
    const ids = ['A', 'B', 'C'];
    const check = checkCorrelations([{ ids, rho: -0.5 }], ids);
    expect(check.ok).toBe(false);
    expect(check.message).toMatch(/rank correlation/);
    expect(check.message).toMatch(/−0\.5 becomes −0\.52/);
    expect(check.nearest).toEqual([
      { ids: ['A', 'B'], rho: -0.48 }, { ids: ['A', 'C'], rho: -0.48 }, { ids: ['B', 'C'], rho: -0.48 },
    ]);
    // −0.48 is accepted.
    expect(checkCorrelations([{ ids, rho: -0.48 }], ids)).toEqual({ ok: true });
  });

  it('names only the six pairs that move most when the set is long', () => {
    // Four ids, each pair at −0.9: impossible (a common ρ needs ρ ≥ −1/(K − 1) = −⅓), six pairs in all; with a fifth id
    // at 0 to the others there are ten pairs, and the four that stay near 0 are left out of the sentence.
    const ids = ['A', 'B', 'C', 'D', 'E'];
    const check = checkCorrelations([{ ids: ['A', 'B', 'C', 'D'], rho: -0.9 }, { ids: ['A', 'E'], rho: 0 }], ids);
    expect(check.ok).toBe(false);
    expect(check.nearest).toHaveLength(10);
    expect(check.message).toMatch(/The nearest set that can: A–B -0\.3\d, A–C -0\.3\d, A–D -0\.3\d, B–C -0\.3\d, B–D -0\.3\d, C–D -0\.3\d, and 4 more pairs moved less\.$/);
  });

  it('rejects a three-way set that contradicts itself and the nearest set holds after rounding', () => {
    const check = checkCorrelations([{ ids: ['A', 'B'], rho: 0.9 }, { ids: ['B', 'C'], rho: 0.9 }, { ids: ['A', 'C'], rho: -0.9 }], ['A', 'B', 'C']);
    expect(check.ok).toBe(false);
    const at = { A: 0, B: 1, C: 2 } as const;
    const m = [0, 1, 2].map((k) => { const row = new Float64Array(3); row[k] = 1; return row; });
    for (const { ids: [x, y], rho } of check.nearest!) { m[at[x as 'A']][at[y as 'A']] = rho; m[at[y as 'A']][at[x as 'A']] = rho; }
    expect(smallestEigenvalue(m)).toBeGreaterThanOrEqual(-1e-10);
  });
});
