import { describe, expect, it } from 'vitest';
import { prepareSimulation } from '../../../src/engine/montecarlo/prepareSimulation.ts';
import type { SimulationChunk } from '../../../src/engine/montecarlo/prepareSimulation.ts';
import { summarizeSimulation } from '../../../src/engine/montecarlo/summarizeSimulation.ts';
import { input, journey } from '../referenceCases.ts';

// Chunks written by hand: four iterations finishing at 1, 2, 3, 4; A (uniform) critical twice, F (fixed) always.
const N = 4;
const touchpoints = journey([input('A', 0, 0.5, 1, '', 'uniform'), input('F', 3, 3, 3)]);
const prepared = prepareSimulation(touchpoints, { iterations: N, seed: 5, target: 2.5 });
const chunk = (from: number, to: number, finish: number[], critical: number[], sums: number[]): SimulationChunk => ({
  from, to, finish: Float64Array.from(finish), criticalCounts: Uint32Array.from(critical), finishSums: Float64Array.from(sums),
});
const whole = chunk(0, 4, [1, 2, 3, 4], [2, 4], [2, 12]);

describe('summarizeSimulation', () => {
  const result = summarizeSimulation(prepared, [whole]);

  it('gives the mean, the sample SD and type-7 percentiles of the finishes', () => {
    // Mean 2.5; SD √((1.5² + 0.5² + 0.5² + 1.5²)/3) = √(5/3); the p-quantile sits at 1 + 3p (Hyndman & Fan type 7).
    expect(result.mean).toBe(2.5);
    expect(result.sd).toBeCloseTo(Math.sqrt(5 / 3), 14);
    expect(result.min).toBe(1);
    expect(result.max).toBe(4);
    const { p10, p50, p80, p90, p95 } = result.percentiles;
    expect([p10, p50, p80, p90, p95]).toEqual([1.3, 2.5, 3.4, 3.7, 3.85].map((v) => expect.closeTo(v, 12)));
  });

  it('gives P(finish ≤ target) with its binomial standard error √(p(1 − p)/n)', () => {
    expect(result.pTarget).toBe(0.5);
    expect(result.pTargetStandardError).toBe(0.25);
  });

  it('gives criticality as a share of iterations and each touchpoint\'s mean finish', () => {
    expect([...result.criticality]).toEqual([0.5, 1]);
    expect([...result.meanFinish]).toEqual([0.5, 3]);
    expect(result).toMatchObject({ ids: ['A', 'F'], iterations: 4, requestedIterations: 4, complete: true, seed: 5, target: 2.5 });
  });

  it('gives Spearman\'s ρ of each duration with the finish from its strata, 0 for a fixed time', () => {
    // The duration's rank in iteration i is π(i) + 1; the finish's is i + 1. ρ = 1 − 6Σd²/(n(n² − 1)) (Spearman 1904).
    const permutation = prepared.permutations[0];
    let squares = 0;
    for (let i = 0; i < N; i++) squares += (permutation[i] - i) ** 2;
    expect(result.sensitivity[0]).toBeCloseTo(1 - 6 * squares / (N * (N * N - 1)), 12);
    expect(result.sensitivity[1]).toBe(0);
  });

  it('gives the same figures from the same iterations in two chunks', () => {
    const split = summarizeSimulation(prepared, [chunk(0, 2, [1, 2], [1, 2], [0.7, 6]), chunk(2, 4, [3, 4], [1, 2], [1.3, 6])]);
    expect(split).toEqual(result);
  });

  it('describes a stopped run by the iterations it did, and refuses chunks that are not contiguous from 0', () => {
    const partial = summarizeSimulation(prepared, [chunk(0, 2, [1, 2], [1, 2], [0.7, 6])]);
    expect(partial).toMatchObject({ iterations: 2, requestedIterations: 4, complete: false, mean: 1.5 });
    expect(() => summarizeSimulation(prepared, [chunk(0, 2, [1, 2], [1, 2], [0, 0]), chunk(3, 4, [4], [0, 1], [0, 0])])).toThrow(/contiguous/);
  });
});

describe('summarizeSimulation with reach percentiles', () => {
  const withReach = prepareSimulation(touchpoints, { iterations: N, seed: 5, target: 2.5, reachPercentiles: [0.5] });

  it('takes each touchpoint\'s quantiles over the iterations in which it happened (NaN rows left out), NaN when it never did', () => {
    const reach = Float32Array.from([1, NaN, 3, 5, NaN, NaN, NaN, NaN]);
    const result = summarizeSimulation(withReach, [{ ...whole, reach }]);
    // A's finishes where it happened: 1, 3, 5, median 3.
    expect(result.reach!.percentiles).toEqual([0.5]);
    expect(result.reach!.finish[0][0]).toBe(3);
    expect(result.reach!.finish[0][1]).toBeNaN();
  });

  it('refuses a chunk simulated without them', () => {
    expect(() => summarizeSimulation(withReach, [whole])).toThrow(/Reach percentiles/);
  });
});
