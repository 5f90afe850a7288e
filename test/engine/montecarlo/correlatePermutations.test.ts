import { describe, expect, it } from 'vitest';
import {
  checkCorrelations, cholesky, coerceCorrelations, nearestCorrelation, smallestEigenvalue, symmetricEigen,
} from '../../../src/engine/montecarlo/correlatePermutations.ts';
import { prepareSimulation } from '../../../src/engine/montecarlo/prepareSimulation.ts';
import { sampleDurations } from '../../../src/engine/montecarlo/sampling.ts';
import { simulateCompletion } from '../../../src/engine/montecarlo/simulateCompletion.ts';
import type { Correlation, TouchpointInput } from '../../../src/engine/journey/types.ts';
import { input, journey } from '../referenceCases.ts';

/** Every touchpoint's sampled durations over all iterations, by id. */
function durations(inputs: TouchpointInput[], iterations: number, seed: number, correlations?: Correlation[]): Record<string, Float64Array> {
  const prepared = prepareSimulation(journey(inputs), { iterations, seed, target: 0, correlations });
  const out: Record<string, Float64Array> = {};
  prepared.touchpoints.forEach((t, j) => {
    const buffer = new Float32Array(iterations);
    sampleDurations(prepared, j, 0, iterations, buffer, 0);
    out[t.id] = Float64Array.from(buffer);
  });
  return out;
}

/** Spearman's ρ computed from scratch: ranks by an index sort (no ties in these samples), then Pearson's r on ranks. */
function spearman(x: Float64Array, y: Float64Array): number {
  const rank = (values: Float64Array) => {
    const order = Array.from(values, (_, i) => i).sort((p, q) => values[p] - values[q]);
    const ranks = new Float64Array(values.length);
    order.forEach((i, r) => { ranks[i] = r; });
    return ranks;
  };
  const rx = rank(x);
  const ry = rank(y);
  const n = x.length;
  const mean = (n - 1) / 2;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) { sxy += (rx[i] - mean) * (ry[i] - mean); sxx += (rx[i] - mean) ** 2; }
  return sxy / sxx;
}

const N = 20_000;

describe('Iman–Conover rank correlation on the Latin hypercube samples', () => {
  const rows = [
    input('A', 1, 3, 9), input('B', 2, 4, 12, 'A'), input('C', 0, 1, 2, 'A', 'uniform'), input('D', 1, 2, 3, 'B', 'triangular'),
    input('E', 1, 5, 6, 'C', 'normal'), input('F', 1, 2, 4, 'D;E'), input('G', 1, 2, 8, 'F'),
  ];
  const correlations: Correlation[] = [
    { ids: ['A', 'B'], rho: 0.6 },
    { ids: ['C', 'D', 'E', 'F'], rho: 0.5 },
    { ids: ['A', 'G'], rho: -0.4 },
  ];

  it('achieves each target Spearman correlation within ±0.03 at 20,000 iterations', () => {
    const sample = durations(rows, N, 17, correlations);
    const pairs: [string, string, number][] = [
      ['A', 'B', 0.6], ['A', 'G', -0.4], ['C', 'D', 0.5], ['C', 'E', 0.5], ['C', 'F', 0.5], ['D', 'E', 0.5], ['D', 'F', 0.5], ['E', 'F', 0.5],
      ['B', 'G', 0], ['A', 'C', 0], ['B', 'F', 0],
    ];
    for (const [x, y, target] of pairs) {
      const achieved = spearman(sample[x], sample[y]);
      expect(Math.abs(achieved - target), `${x}–${y}: ${achieved}`).toBeLessThan(0.03);
    }
  });

  it('hits Spearman\'s ρ itself, not the normal scores\' Pearson r', () => {
    // Imposing r = ρ on the normal scores would give Spearman (6/π)·asin(ρ/2) (Kruskal 1958): 0.5799 for ρ = 0.6.
    // With r = 2 sin(πρ/6) the ranks come out at 0.6; Iman–Conover's exact correction of the sample
    // correlation leaves only rank noise, well under 0.01 at 20,000 iterations.
    const sample = durations([input('A', 1, 2, 4), input('B', 1, 2, 4), input('C', 1, 2, 4)], N, 2, [{ ids: ['A', 'B', 'C'], rho: 0.6 }]);
    for (const [x, y] of [['A', 'B'], ['A', 'C'], ['B', 'C']]) expect(Math.abs(spearman(sample[x], sample[y]) - 0.6)).toBeLessThan(0.01);
  });

  it('leaves every marginal distribution exactly as it was (the same values, paired differently)', () => {
    const plain = durations(rows, N, 17);
    const correlated = durations(rows, N, 17, correlations);
    for (const id of ['A', 'B', 'C', 'D', 'E', 'F', 'G']) {
      expect(correlated[id].slice().sort()).toEqual(plain[id].slice().sort());
    }
  });

  it('grows a serial chain\'s spread as Var(ΣX) = Σσ² + 2ρΣσᵢσⱼ says', () => {
    // Ten Uniform touchpoints in series (uniform marginals: Pearson's r of the values equals
    // Spearman's ρ of the ranks). Widths 2, 4, …, 20: σᵢ = wᵢ/√12.
    const chain = Array.from({ length: 10 }, (_, k) => input(`T${k}`, 0, k + 1, 2 * (k + 1), k ? `T${k - 1}` : '', 'uniform'));
    const sigma = chain.map((_, k) => (2 * (k + 1)) / Math.sqrt(12));
    const sumSquares = sigma.reduce((s, x) => s + x * x, 0);
    let cross = 0;
    for (let i = 0; i < 10; i++) for (let j = i + 1; j < 10; j++) cross += sigma[i] * sigma[j];
    const ids = chain.map((row) => row.id);
    const sds: number[] = [];
    for (const rho of [0, 0.3, 0.8]) {
      const result = simulateCompletion(journey(chain), {
        iterations: N, seed: 5, target: 0, correlations: rho === 0 ? [] : [{ ids, rho }],
      });
      const expected = Math.sqrt(sumSquares + 2 * rho * cross);
      // SD's sampling error ≈ 1/√(2N) = 0.5%; a ±0.01 miss in ρ moves it by up to ~1.3%.
      expect(Math.abs(result.sd / expected - 1), `ρ = ${rho}: ${result.sd} vs ${expected}`).toBeLessThan(0.03);
      sds.push(result.sd);
    }
    expect(sds[0]).toBeLessThan(sds[1]);
    expect(sds[1]).toBeLessThan(sds[2]);
  });

  it('gives the same correlated samples whatever the row order', () => {
    const one = durations(rows, 2048, 3, correlations);
    const two = durations([...rows].reverse(), 2048, 3, [...correlations].reverse());
    for (const id of Object.keys(one)) expect(two[id]).toEqual(one[id]);
  });

  it('runs a correlation matrix that cannot hold on the nearest one that can', () => {
    // A–B 0.9, B–C 0.9, A–C −0.9 is impossible; the run still completes and keeps its marginals.
    const bad: Correlation[] = [{ ids: ['A', 'B'], rho: 0.9 }, { ids: ['B', 'C'], rho: 0.9 }, { ids: ['A', 'C'], rho: -0.9 }];
    const result = simulateCompletion(journey(rows), { iterations: 4096, seed: 1, target: 20, correlations: bad });
    expect(Number.isFinite(result.mean)).toBe(true);
  });
});

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

  it('the alternating projections reproduce Higham\'s nearest matrix to 4 decimals', () => {
    const nearest = nearestCorrelation([[1, 1, 0], [1, 1, 1], [0, 1, 1]].map((row) => Float64Array.from(row)));
    expect(nearest[0][1]).toBeCloseTo(0.7607, 4);
    expect(nearest[0][2]).toBeCloseTo(0.1573, 4);
    expect(nearest[1][2]).toBeCloseTo(0.7607, 4);
    expect(nearest[1][1]).toBe(1);
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

describe('matrix helpers', () => {
  it('eigenvalues of [[2,1],[1,2]] are 1 and 3 (by hand: det(A − λI) = (2 − λ)² − 1)', () => {
    expect([...symmetricEigen([[2, 1], [1, 2]].map((row) => Float64Array.from(row))).values].sort()).toEqual([1, 3].map((v) => expect.closeTo(v, 12)));
  });

  it('Cholesky of [[4,2],[2,3]] is [[2,0],[1,√2]] (by hand)', () => {
    const l = cholesky([[4, 2], [2, 3]].map((row) => Float64Array.from(row)));
    expect([...l[0]]).toEqual([2, 0]);
    expect(l[1][0]).toBe(1);
    expect(l[1][1]).toBeCloseTo(Math.SQRT2, 14);
  });
});

describe('coerceCorrelations', () => {
  const ids = ['A', 'B', 'C', 'D'];

  it('reads pairs and groups with any separator and ρ as a number or percentage', () => {
    expect(coerceCorrelations([{ ids: 'A;B', rho: '0.6' }, { ids: 'B, C D', rho: '-0,3' }, { ids: 'A C', rho: '50%' }, { ids: '', rho: '' }], ids))
      .toEqual({ correlations: [{ ids: ['A', 'B'], rho: 0.6 }, { ids: ['B', 'C', 'D'], rho: -0.3 }, { ids: ['A', 'C'], rho: 0.5 }], problems: [] });
  });

  it('reports unknown ids, too few ids, bad numbers and a pair given two values', () => {
    const { correlations, problems } = coerceCorrelations([
      { ids: 'A;Q', rho: '0.5' }, { ids: 'A', rho: '0.5' }, { ids: 'A;B', rho: 'high' }, { ids: 'A;B', rho: '1.5' },
      { ids: 'A;B', rho: '' }, { ids: 'C;D', rho: '0.2' }, { ids: 'B;C;D', rho: '0.4' },
    ], ids);
    expect(correlations).toEqual([{ ids: ['C', 'D'], rho: 0.2 }]);
    expect(problems).toEqual([
      'Correlation 1 (A;Q): "Q" is not an ID in the journey.',
      'Correlation 2 (A): name at least two touchpoints, such as "A; B".',
      'Correlation 3 (A;B): "high" is not a number; enter one between −1 and 1, such as 0.6.',
      'Correlation 4 (A;B): 1.5 is outside −1 to 1.',
      'Correlation 5 (A;B): the correlation is empty; enter a number between −1 and 1, such as 0.6.',
      'Correlation 7 (B;C;D): C and D are already correlated at 0.2 in correlation 6; keep one value.',
    ]);
  });
});
