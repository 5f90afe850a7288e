/**
 * Runs too big for one Latin hypercube. A run holds one stratum permutation per touchpoint over
 * all its iterations (2–4 bytes a sample), so touchpoints × iterations is capped at MAX_SAMPLES
 * (5,000 touchpoints × 10,000 iterations). A bigger run — 5,000 touchpoints at 1,000,000
 * iterations is 5·10⁹ samples — runs as independent batches, each a Latin hypercube of its own
 * over about BATCH_SAMPLES samples with a seed drawn from the run's seed and the batch's number:
 * replicated Latin hypercube sampling (Iman 1981, "Statistical methods for including
 * uncertainties associated with the geologic isolation of radioactive waste which allow for a
 * comparison with acceptance criteria", NUREG/CR-2040; Owen 1992, "A central limit theorem for
 * Latin hypercube sampling", J. R. Statist. Soc. B 54:541–551). Each batch is unbiased; batches
 * are independent, so the finish over all of them is a sample of the run's size.
 *
 * Memory stays bounded whatever the iterations: a batch needs about BATCH_SAMPLES × 6 bytes
 * while it runs and leaves only its finishes (8 bytes an iteration, at most 8 MB at the
 * 1,000,000-iteration limit) and a few numbers per touchpoint. From the batches:
 * - the finish statistics, criticality and mean finishes are those of all iterations, exactly as
 *   one run would count them;
 * - sensitivity is each batch's Spearman ρ (exact within the batch, see summarizeSimulation.ts),
 *   averaged with the batches' sizes as weights;
 * - where to improve and the reach quantiles come from the first batch alone (a bounded sample,
 *   said beside them).
 * A batch depends only on (seed, batch number, its size, the journey), so the result is the same
 * however batches are shared among workers, and a run stopped after k batches reports the first k.
 */
import { hashString, mix32 } from '../math/index.ts';
import { SETTING_LIMITS } from '../journey/index.ts';
import type { SimulationResult, Touchpoint } from '../journey/index.ts';
import { computeImprovement } from './improvement.ts';
import { MAX_SAMPLES, prepareSimulation, simulationProblem } from './prepareSimulation.ts';
import type { PreparedSimulation, SimulationOptions } from './prepareSimulation.ts';
import { simulateIterations } from './simulateIterations.ts';
import { finishStatistics, summarizeSimulation } from './summarizeSimulation.ts';

/** Samples (touchpoints × iterations) a batch aims at: about 60 MB while it runs. */
export const BATCH_SAMPLES = 10_000_000;

/** How a run is cut into batches: `count` batches of `size` iterations (the last may be smaller). */
export interface BatchPlan { count: number; size: number; iterations: number }

/** The batches of a run, or undefined when it fits one Latin hypercube (touchpoints × iterations ≤ MAX_SAMPLES). */
export function batchPlan(touchpointCount: number, iterations: number): BatchPlan | undefined {
  if (touchpointCount * iterations <= MAX_SAMPLES) return undefined;
  const perBatch = Math.max(1, Math.floor(BATCH_SAMPLES / touchpointCount));
  const count = Math.ceil(iterations / perBatch);
  return { count, size: Math.ceil(iterations / count), iterations };
}

/** Most iterations a run may have: the settings' limit, which keeps a run's finishes within 8 MB. */
export const MAX_ITERATIONS = SETTING_LIMITS.iterations.max;

/**
 * Why a run cannot start (iterations that are not a whole number from 1 to MAX_ITERATIONS);
 * undefined when it can, in one go or in batches.
 */
export function runProblem(touchpointCount: number, iterations: number): string | undefined {
  if (iterations > MAX_ITERATIONS) return `Iterations must be at most ${MAX_ITERATIONS.toLocaleString('en')}.`;
  return simulationProblem(touchpointCount, Number.isInteger(iterations) && iterations >= 1 && batchPlan(touchpointCount, iterations) ? 1 : iterations);
}

/** Iterations [from, to) of the run that batch `batch` stands for. */
export function batchRange(plan: BatchPlan, batch: number): [number, number] {
  return [batch * plan.size, Math.min(plan.iterations, (batch + 1) * plan.size)];
}

/** The seed of batch `batch`: the run's own for the first, then a hash of the run's seed and the batch number. */
export function batchSeed(seed: number, batch: number): number {
  return batch === 0 ? seed : mix32(hashString(`batch ${batch}`, seed)) % 2 ** 31;
}

/** What a batch leaves for the run's statistics. */
export interface BatchSummary {
  batch: number;
  /** The journey's finish in each of the batch's iterations. */
  finish: Float64Array;
  /** Iterations in which each touchpoint was critical. */
  criticalCounts: Float64Array;
  /** Each touchpoint's finish summed over the batch's iterations. */
  finishSums: Float64Array;
  /** Spearman ρ of each touchpoint's duration with the finish, within the batch. */
  sensitivity: Float64Array;
  /** The first batch only, when asked for: each touchpoint's finish quantiles. */
  reach?: SimulationResult['reach'];
}

/** The simulation of batch `batch` alone, ready to run. */
export function prepareBatch(touchpoints: readonly Touchpoint[], options: SimulationOptions, plan: BatchPlan, batch: number): PreparedSimulation {
  const [from, to] = batchRange(plan, batch);
  return prepareSimulation(touchpoints, {
    ...options, iterations: to - from, seed: batchSeed(options.seed, batch),
    reachPercentiles: batch === 0 ? options.reachPercentiles : undefined, onProgress: undefined, shouldStop: undefined, improvement: undefined,
  });
}

/** Simulates one batch. Cost: O(batch size × (touchpoints + dependencies)). */
export function simulateBatch(touchpoints: readonly Touchpoint[], options: SimulationOptions, plan: BatchPlan, batch: number): BatchSummary {
  const prepared = prepareBatch(touchpoints, options, plan, batch);
  const chunk = simulateIterations(prepared, 0, prepared.iterations);
  const summary = summarizeSimulation(prepared, [chunk]);
  const { count } = prepared;
  const finishSums = new Float64Array(count);
  for (let k = 0; k < chunk.finishSums.length; k++) finishSums[k % count] += chunk.finishSums[k];
  return {
    batch, finish: chunk.finish, criticalCounts: Float64Array.from(chunk.criticalCounts), finishSums, sensitivity: summary.sensitivity,
    ...(summary.reach ? { reach: summary.reach } : {}),
  };
}

/**
 * What the first batches of a run add up to, batch by batch (addBatch), so that a run under
 * way holds only its finishes and a few sums per touchpoint, whatever the number of batches.
 */
export interface BatchTotals {
  /** How many of the run's first batches are in. */
  batches: number;
  /** Iterations in them. */
  iterations: number;
  /** The journey's finish in every iteration of the run (only the first `iterations` are filled). */
  finish: Float64Array;
  criticalCounts: Float64Array;
  finishSums: Float64Array;
  /** Σ over batches of (batch size × its Spearman ρ), per touchpoint. */
  weightedSensitivity: Float64Array;
  reach?: SimulationResult['reach'];
}

export function emptyTotals(touchpointCount: number, plan: BatchPlan): BatchTotals {
  return {
    batches: 0, iterations: 0, finish: new Float64Array(plan.iterations), criticalCounts: new Float64Array(touchpointCount),
    finishSums: new Float64Array(touchpointCount), weightedSensitivity: new Float64Array(touchpointCount),
  };
}

/** Adds the next batch (number `totals.batches`) to the totals. Cost: O(batch size + touchpoints). */
export function addBatch(totals: BatchTotals, summary: BatchSummary): void {
  if (summary.batch !== totals.batches) throw new Error('Batches must be added in order, from the first.');
  const n = summary.finish.length;
  totals.finish.set(summary.finish, totals.iterations);
  for (let j = 0; j < totals.criticalCounts.length; j++) {
    totals.criticalCounts[j] += summary.criticalCounts[j];
    totals.finishSums[j] += summary.finishSums[j];
    totals.weightedSensitivity[j] += n * summary.sensitivity[j];
  }
  if (summary.reach) totals.reach = summary.reach;
  totals.batches++;
  totals.iterations += n;
}

/**
 * The run's result from the totals of its first batches (fewer than `plan.count` for a run
 * still going or stopped, which then reports complete: false). Cost: a sort of the finishes.
 */
export function resultOfBatches(
  ids: readonly string[], options: Pick<SimulationOptions, 'seed' | 'target'>, plan: BatchPlan, totals: BatchTotals,
): SimulationResult {
  const completed = totals.iterations;
  if (totals.batches === 0 || completed === 0) throw new Error('A run needs at least one batch.');
  const count = ids.length;
  const finish = totals.finish.subarray(0, completed);
  const criticality = new Float64Array(count);
  const meanFinish = new Float64Array(count);
  const sensitivity = new Float64Array(count);
  for (let j = 0; j < count; j++) {
    criticality[j] = totals.criticalCounts[j] / completed;
    meanFinish[j] = totals.finishSums[j] / completed;
    sensitivity[j] = totals.weightedSensitivity[j] / completed;
  }
  const sorted = Float64Array.from(finish).sort();
  return {
    ids: [...ids], iterations: completed, requestedIterations: plan.iterations, complete: completed === plan.iterations,
    seed: options.seed, target: options.target,
    ...finishStatistics(finish, sorted, options.target),
    criticality, sensitivity, meanFinish,
    ...(totals.reach ? { reach: totals.reach } : {}),
    batches: { count: plan.count, size: plan.size },
  };
}

/** The run's result from its first batches (0, 1, … in order). */
export function combineBatches(
  ids: readonly string[], options: Pick<SimulationOptions, 'seed' | 'target'>, plan: BatchPlan, batches: readonly BatchSummary[],
): SimulationResult {
  const totals = emptyTotals(ids.length, plan);
  for (const summary of batches) addBatch(totals, summary);
  return resultOfBatches(ids, options, plan, totals);
}

/**
 * A whole run in batches, one after another (the command line and tests; the app shares them
 * among its workers). `onProgress` hears the iterations done after each batch, and `shouldStop`
 * is asked between batches.
 */
export function simulateInBatches(touchpoints: readonly Touchpoint[], options: SimulationOptions, plan: BatchPlan): SimulationResult {
  const problem = runProblem(touchpoints.length, plan.iterations);
  if (problem) throw new RangeError(problem);
  const batches: BatchSummary[] = [];
  for (let batch = 0; batch < plan.count; batch++) {
    batches.push(simulateBatch(touchpoints, options, plan, batch));
    options.onProgress?.(batchRange(plan, batch)[1], plan.iterations);
    if (batch + 1 < plan.count && options.shouldStop?.()) break;
  }
  const result = combineBatches(touchpoints.map((t) => t.id), options, plan, batches);
  if (options.improvement && result.complete) {
    result.improvement = computeImprovement(prepareBatch(touchpoints, options, plan, 0), result, options.improvement);
  }
  return result;
}

/** What where to improve is computed on: the whole run, or its first batch when it runs in batches. */
export function improvementSample(touchpoints: readonly Touchpoint[], options: SimulationOptions): PreparedSimulation {
  const plan = batchPlan(touchpoints.length, options.iterations);
  return plan ? prepareBatch(touchpoints, options, plan, 0) : prepareSimulation(touchpoints, options);
}
