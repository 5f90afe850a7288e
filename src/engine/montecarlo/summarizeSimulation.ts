/**
 * The statistics of a run from its chunks: the finish's moments, percentiles, P(finish ≤ target),
 * histogram and cumulative curve, each touchpoint's criticality, Spearman sensitivity and mean
 * finish, and (when asked) each touchpoint's finish quantiles.
 */
import { SAMPLE_FIXED } from './prepareSimulation.ts';
import type { PreparedSimulation, SimulationChunk } from './prepareSimulation.ts';
import { averageRanks, cumulativeOfSorted, histogramOfSorted, quantileSorted } from '../math/index.ts';
import type { SimulationResult } from '../journey/index.ts';

/**
 * Statistics over chunks that together cover iterations [0, M) in order (M ≤ N): mean, SD,
 * percentiles (Hyndman–Fan type 7), P(finish ≤ target) with its binomial standard error
 * √(p(1 − p)/M), histogram, cumulative curve, criticality, Spearman sensitivity and each
 * touchpoint's mean finish.
 */
export function summarizeSimulation(prepared: PreparedSimulation, chunks: readonly SimulationChunk[]): SimulationResult {
  const { count, iterations: requested, permutations } = prepared;
  let completed = 0;
  for (const chunk of chunks) {
    if (chunk.from !== completed) throw new Error('Simulation chunks must be contiguous and start at 0.');
    completed = chunk.to;
  }
  const finish = new Float64Array(completed);
  const criticalCounts = new Float64Array(count);
  const finishSums = new Float64Array(count);
  for (const chunk of chunks) {
    finish.set(chunk.finish, chunk.from);
    for (let j = 0; j < count; j++) criticalCounts[j] += chunk.criticalCounts[j];
    const blocks = chunk.finishSums.length / count;
    for (let block = 0; block < blocks; block++) {
      for (let j = 0; j < count; j++) finishSums[j] += chunk.finishSums[block * count + j];
    }
  }

  const { ranks: finishRanks, sorted } = averageRanks(finish);
  const statistics = finishStatistics(finish, sorted, prepared.target);
  const sensitivity = spearmanByPermutation(prepared, permutations, finishRanks, completed);

  const criticality = new Float64Array(count);
  const meanFinish = new Float64Array(count);
  for (let j = 0; j < count; j++) {
    criticality[j] = criticalCounts[j] / completed;
    meanFinish[j] = finishSums[j] / completed;
  }

  return {
    ids: prepared.touchpoints.map((t) => t.id),
    iterations: completed,
    requestedIterations: requested,
    complete: completed === requested,
    seed: prepared.seed,
    target: prepared.target,
    ...statistics,
    criticality, sensitivity, meanFinish,
    ...(prepared.reachPercentiles ? { reach: reachQuantiles(prepared, chunks, completed) } : {}),
  };
}

/** The statistics of the journey's finish over `finish` (its values sorted in `sorted`). */
export function finishStatistics(finish: ArrayLike<number>, sorted: Float64Array, target: number): Pick<
  SimulationResult, 'mean' | 'sd' | 'min' | 'max' | 'percentiles' | 'pTarget' | 'pTargetStandardError' | 'histogram' | 'cumulative'
> {
  const completed = finish.length;
  let sum = 0;
  let withinTarget = 0;
  for (let i = 0; i < completed; i++) {
    sum += finish[i];
    if (finish[i] <= target) withinTarget++;
  }
  const mean = sum / completed;
  let squares = 0;
  for (let i = 0; i < completed; i++) squares += (finish[i] - mean) * (finish[i] - mean);
  const sd = completed > 1 ? Math.sqrt(squares / (completed - 1)) : 0;
  const pTarget = withinTarget / completed;
  return {
    mean, sd,
    min: sorted[0], max: sorted[completed - 1],
    percentiles: {
      p10: quantileSorted(sorted, 0.1), p50: quantileSorted(sorted, 0.5), p80: quantileSorted(sorted, 0.8),
      p90: quantileSorted(sorted, 0.9), p95: quantileSorted(sorted, 0.95),
    },
    pTarget,
    pTargetStandardError: Math.sqrt(pTarget * (1 - pTarget) / completed),
    histogram: histogramOfSorted(sorted),
    cumulative: cumulativeOfSorted(sorted),
  };
}

/**
 * Each touchpoint's finish-time quantiles (Hyndman–Fan type 7, as for the journey) over the
 * iterations in which it happens; NaN when it never happens. Finishes are kept in single
 * precision for this (relative rounding 6e-8).
 */
function reachQuantiles(prepared: PreparedSimulation, chunks: readonly SimulationChunk[], completed: number) {
  const percentiles = prepared.reachPercentiles!;
  const { count } = prepared;
  const finish = percentiles.map(() => new Float64Array(count));
  const values = new Float64Array(completed);
  for (let j = 0; j < count; j++) {
    let n = 0;
    for (const chunk of chunks) {
      if (!chunk.reach) throw new Error('Reach percentiles were asked for, but a chunk was simulated without them.');
      const length = chunk.to - chunk.from;
      const row = chunk.reach.subarray(j * length, (j + 1) * length);
      for (let i = 0; i < length; i++) if (!Number.isNaN(row[i])) values[n++] = row[i];
    }
    const sorted = values.subarray(0, n).sort();
    percentiles.forEach((q, k) => { finish[k][j] = quantileSorted(sorted, q); });
  }
  return { percentiles: [...percentiles], finish };
}

/**
 * Spearman's ρ between each touchpoint's duration and the finish, as Pearson's r on ranks
 * (Spearman 1904). The duration's rank in iteration i is its stratum π_j(i) (durations are
 * increasing in the stratum), so no sort is needed; a partial run re-ranks the strata it used.
 * Fixed-time touchpoints have no spread and get 0. All sums are of integers and half-integers
 * below 2^53, so they are exact whatever the order of addition.
 */
function spearmanByPermutation(
  prepared: PreparedSimulation, permutations: readonly (Uint16Array | Uint32Array)[],
  finishRanks: Float64Array, completed: number,
): Float64Array {
  const { count, iterations, sampleMode } = prepared;
  const n = completed;
  const result = new Float64Array(count);
  if (n < 2) return result;
  let rankSum = 0;
  let rankSquares = 0;
  for (let i = 0; i < n; i++) { rankSum += finishRanks[i]; rankSquares += finishRanks[i] * finishRanks[i]; }
  const finishVariance = rankSquares - rankSum * rankSum / n;
  if (!(finishVariance > 0)) return result;
  // Ranks 1..n of the strata used, for partial runs.
  const strataRank = n < iterations ? new Float64Array(iterations) : undefined;
  const strataVariance = n * (n * n - 1) / 12;
  for (let j = 0; j < count; j++) {
    if (sampleMode[j] === SAMPLE_FIXED) continue;
    const permutation = permutations[j];
    let cross = 0;
    if (strataRank) {
      strataRank.fill(0);
      for (let i = 0; i < n; i++) strataRank[permutation[i]] = 1;
      let rank = 0;
      for (let s = 0; s < iterations; s++) if (strataRank[s] > 0) strataRank[s] = ++rank;
      for (let i = 0; i < n; i++) cross += strataRank[permutation[i]] * finishRanks[i];
    } else {
      for (let i = 0; i < n; i++) cross += (permutation[i] + 1) * finishRanks[i];
    }
    const covariance = cross - (n * (n + 1) / 2) * rankSum / n;
    result[j] = covariance / Math.sqrt(strataVariance * finishVariance);
  }
  return result;
}
