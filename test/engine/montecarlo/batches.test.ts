import { describe, expect, it } from 'vitest';
import {
  batchPlan, batchRange, batchSeed, combineBatches, improvementSample, runProblem, simulateBatch, simulateInBatches,
} from '../../../src/engine/montecarlo/batches.ts';
import type { BatchPlan } from '../../../src/engine/montecarlo/batches.ts';
import { MAX_SAMPLES } from '../../../src/engine/montecarlo/prepareSimulation.ts';
import { simulateCompletion } from '../../../src/engine/montecarlo/simulateCompletion.ts';
import { byId, journey, referenceCase, referenceNetwork } from '../referenceCases.ts';

describe('cutting a run into batches', () => {
  it('keeps a run within MAX_SAMPLES whole, and cuts a bigger one into batches of about 10 million samples', () => {
    expect(batchPlan(5_000, MAX_SAMPLES / 5_000)).toBeUndefined();
    expect(batchPlan(5_000, 1_000_000)).toEqual({ count: 500, size: 2_000, iterations: 1_000_000 });
    // 1,000 touchpoints × 50,001 iterations: 10,000 iterations a batch, so 6 batches of 8,334 (the last 8,331).
    const plan = batchPlan(1_000, 50_001)!;
    expect(plan).toEqual({ count: 6, size: 8_334, iterations: 50_001 });
    expect(batchRange(plan, 5)).toEqual([41_670, 50_001]);
  });

  it('accepts any whole number of iterations from 1, in one go or in batches, and says what is wrong otherwise', () => {
    expect(runProblem(5_000, 1_000_000)).toBeUndefined();
    expect(runProblem(10, 100)).toBeUndefined();
    expect(runProblem(5_000, 0)).toMatch(/whole number of at least 1/);
    expect(runProblem(5_000, 2.5)).toMatch(/whole number of at least 1/);
    expect(runProblem(1, 1_000_001)).toBe('Iterations must be at most 1,000,000.');
  });

  it('seeds the first batch with the run\'s seed and every other batch with a seed of its own', () => {
    expect(batchSeed(7, 0)).toBe(7);
    const seeds = new Set(Array.from({ length: 500 }, (_, b) => batchSeed(7, b)));
    expect(seeds.size).toBe(500);
    for (const seed of seeds) expect(seed >= 0 && seed < 2 ** 31 && Number.isInteger(seed)).toBe(true);
  });
});

describe('a run in batches', () => {
  const touchpoints = journey(referenceNetwork('prime-cpm-ten'));
  const expected = referenceCase('prime-cpm-ten').expected.monte_carlo_beta_pert;
  const target = Number(Object.keys(expected).find((key) => key.startsWith('P(T<='))!.slice(5, -1));

  it('gives one batch over the whole run exactly the figures of the run in one go', () => {
    const options = { iterations: 20_000, seed: 3, target };
    const plan: BatchPlan = { count: 1, size: 20_000, iterations: 20_000 };
    const whole = simulateCompletion(touchpoints, options);
    const batched = combineBatches(touchpoints.map((t) => t.id), options, plan, [simulateBatch(touchpoints, options, plan, 0)]);
    for (const key of ['mean', 'sd', 'pTarget', 'min', 'max'] as const) expect(batched[key]).toBe(whole[key]);
    expect(batched.percentiles).toEqual(whole.percentiles);
    expect([...batched.criticality]).toEqual([...whole.criticality]);
    // n·ρ / n: equal up to rounding.
    expect([...batched.sensitivity].map((v, j) => Math.abs(v - whole.sensitivity[j]) < 1e-12)).not.toContain(false);
    expect([...batched.meanFinish].map((v, j) => Math.abs(v - whole.meanFinish[j]) < 1e-9 * v)).not.toContain(false);
    expect(batched.batches).toEqual({ count: 1, size: 20_000 });
  });

  it('reproduces the reference network\'s Monte Carlo figures from 40 batches of 2,500 iterations', () => {
    // The reference values come from 1,000,000 independent numpy iterations; tolerances as for one run of 100,000 (about 3 SE).
    const plan: BatchPlan = { count: 40, size: 2_500, iterations: 100_000 };
    const result = simulateInBatches(touchpoints, { iterations: 100_000, seed: 7, target }, plan);
    expect(result.complete).toBe(true);
    expect(result.iterations).toBe(100_000);
    expect(Math.abs(result.mean - expected.mean)).toBeLessThan(0.05);
    expect(Math.abs(result.sd - expected.sd)).toBeLessThan(0.05);
    for (const key of ['p10', 'p50', 'p80', 'p90', 'p95'] as const) expect(Math.abs(result.percentiles[key] - expected[key])).toBeLessThan(0.05);
    expect(Math.abs(result.pTarget - expected[`P(T<=${target})`])).toBeLessThan(0.01);
    const criticality = byId(result, result.criticality);
    for (const [id, value] of Object.entries(expected.criticality)) expect(Math.abs(criticality[id] - (value as number))).toBeLessThan(0.01);
    const sensitivity = byId(result, result.sensitivity);
    // Each batch's ρ has SE ≈ 1/√2,500 = 0.02; their mean over 40 batches about 0.0032, so ±0.01 is 3 SE.
    for (const [id, value] of Object.entries(expected.spearman_duration_vs_finish ?? {})) {
      expect(Math.abs(sensitivity[id] - (value as number))).toBeLessThan(0.01);
    }
  });

  it('pools the batches\' finishes: the mean is the batches\' means weighted by their sizes', () => {
    const options = { iterations: 10_000, seed: 11, target };
    const plan: BatchPlan = { count: 3, size: 3_334, iterations: 10_000 };
    const batches = [0, 1, 2].map((b) => simulateBatch(touchpoints, options, plan, b));
    expect(batches.map((b) => b.finish.length)).toEqual([3_334, 3_334, 3_332]);
    const weighted = batches.reduce((sum, b) => sum + b.finish.reduce((s, v) => s + v, 0), 0) / 10_000;
    const result = combineBatches(touchpoints.map((t) => t.id), options, plan, batches);
    expect(result.mean).toBeCloseTo(weighted, 10);
    // Batches are independent draws, not copies of one another.
    expect(batches[1].finish[0]).not.toBe(batches[0].finish[0]);
    // A batch is the same whenever and wherever it is computed.
    expect([...simulateBatch(touchpoints, options, plan, 2).finish]).toEqual([...batches[2].finish]);
  });

  it('reports the first batches of a run stopped between them as partial', () => {
    const plan: BatchPlan = { count: 4, size: 1_000, iterations: 4_000 };
    let asked = 0;
    const progress: number[] = [];
    const result = simulateInBatches(touchpoints, {
      iterations: 4_000, seed: 1, target, onProgress: (done) => progress.push(done), shouldStop: () => ++asked >= 2,
    }, plan);
    expect(progress).toEqual([1_000, 2_000]);
    expect(result.complete).toBe(false);
    expect(result.iterations).toBe(2_000);
    expect(result.requestedIterations).toBe(4_000);
    expect(() => combineBatches(['A'], { seed: 1, target }, plan, [])).toThrow(/at least one batch/);
    const second = simulateBatch(touchpoints, { iterations: 4_000, seed: 1, target }, plan, 1);
    expect(() => combineBatches(touchpoints.map((t) => t.id), { seed: 1, target }, plan, [second])).toThrow(/in order/);
  });

  it('works out where to improve on the first batch of a run in batches', () => {
    const options = { iterations: 100_000, seed: 5, target };
    // Small enough for one run: the whole run is the sample.
    expect(improvementSample(touchpoints, options).iterations).toBe(100_000);
    const big = journey(referenceNetwork('prime-cpm-ten'));
    const wide = Array.from({ length: 600 }, (_, k) => big.map((t) => ({ ...t, id: `${t.id}${k}`, dependsOn: t.dependsOn.map((d) => `${d}${k}`), links: t.links?.map((l) => ({ ...l, id: `${l.id}${k}` })) }))).flat();
    const sample = improvementSample(wide, { ...options, iterations: 10_000 });
    // 6,000 touchpoints × 10,000 iterations is over MAX_SAMPLES: at most floor(10⁷ / 6,000) = 1,666 iterations a batch, so 7 batches of 1,429.
    expect(batchPlan(wide.length, 10_000)).toEqual({ count: 7, size: 1_429, iterations: 10_000 });
    expect(sample.iterations).toBe(1_429);
    expect(sample.seed).toBe(5);
  });
});
