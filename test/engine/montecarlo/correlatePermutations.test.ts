import { describe, expect, it } from 'vitest';
import { correlatePermutations } from '../../../src/engine/montecarlo/correlatePermutations.ts';
import { prepareSimulation } from '../../../src/engine/montecarlo/prepareSimulation.ts';
import { randomPermutation } from '../../../src/engine/math/random.ts';
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

describe('correlatePermutations on permutations given directly', () => {
  const n = 4096;
  const ids = ['A', 'B', 'C'];
  const permutations = ids.map((_, k) => { const p = new Uint16Array(n); randomPermutation(n, 99, k + 1, p); return p; });

  it('keeps the permutation of an id in no correlation and of the first id of each group; reorders the rest into permutations', () => {
    // Steps 3–4 with S lower triangular: the first column of Y is a positive multiple of the first score column.
    const result = correlatePermutations(ids, permutations, [{ ids: ['B', 'A'], rho: 0.7 }], 5, n);
    expect(result[0]).toBe(permutations[0]);
    expect(result[2]).toBe(permutations[2]);
    expect(result[1]).not.toBe(permutations[1]);
    expect([...result[1]].sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i));
    // The strata are the ranks, so Spearman's ρ is Pearson's r on them; within ±0.05 of 0.7 at 4,096 iterations.
    const mean = (n - 1) / 2;
    let cross = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) { cross += (result[0][i] - mean) * (result[1][i] - mean); squares += (result[0][i] - mean) ** 2; }
    expect(cross / squares).toBeCloseTo(0.7, 1);
  });

  it('returns the same arrays for the same seed, iterations and matrix (they are kept between runs)', () => {
    const one = correlatePermutations(ids, permutations, [{ ids: ['A', 'C'], rho: -0.4 }], 6, n);
    const two = correlatePermutations(ids, permutations, [{ ids: ['A', 'C'], rho: -0.4 }], 6, n);
    expect(two[2]).toBe(one[2]);
  });

  it('leaves every permutation as it was with no correlations, or only zero ones', () => {
    expect(correlatePermutations(ids, permutations, [], 5, n)).toEqual(permutations);
    const zero = correlatePermutations(ids, permutations, [{ ids: ['A', 'B'], rho: 0 }], 5, n);
    zero.forEach((p, k) => expect(p).toBe(permutations[k]));
  });
});
