/**
 * Monte Carlo completion-time simulation of a PERT network (Van Slyke 1963, "Monte Carlo
 * methods and the PERT problem", Operations Research 11:839–860): per iteration, sample every
 * touchpoint's duration, run the forward pass for the finish and the backward pass for each
 * touchpoint's total float.
 *
 * Sampling is Latin hypercube with stratum midpoints (McKay, Beckman & Conover 1979): for a
 * run of N iterations, touchpoint j's duration in iteration i is Q_j((π_j(i) + ½)/N), where
 * π_j is a random permutation of 0..N−1 drawn from a stream seeded by (seed, id). Three things
 * follow. Each marginal is reproduced almost exactly (no sampling noise in any single
 * touchpoint's distribution); π_j(i) is the exact rank of the duration, so Spearman's ρ needs
 * no sort per touchpoint; and the sample in iteration i depends only on (seed, id, N, i), so
 * results are bit-identical whatever the row order and however iterations are split into
 * chunks or workers. Iterations are still independent across touchpoints, so the usual
 * binomial standard error is a conservative bound for P(finish ≤ target).
 *
 * Layout: durations are sampled per touchpoint over a long span of iterations, then the passes
 * run in blocks of BLOCK_SIZE iterations; within a block each touchpoint's durations, earliest
 * finishes and latest starts sit contiguously (structure of arrays), so the passes stream
 * through memory that stays in cache. Sums that feed averages are formed per block and added in
 * block order, which keeps them identical under any chunking on block boundaries.
 */
import { TAIL_CELLS, distributionQuantile, quantileTable } from './distributions.ts';
import { predecessorIndices, topologicalOrder } from './graph.ts';
import { hashString, mix32, randomPermutation } from './random.ts';
import { averageRanks, cumulativeOfSorted, histogramOfSorted, quantileSorted } from './statistics.ts';
import type { DistributionKind, SimulationResult, Touchpoint } from './types.ts';

export interface SimulationOptions {
  iterations: number;
  seed: number;
  target: number;
  /** Overrides every touchpoint's own distribution. */
  distribution?: DistributionKind;
  /** Called after each block with the iterations done so far. */
  onProgress?: (completed: number, total: number) => void;
  /** Checked after each block; returning true stops the run, which then reports complete: false. */
  shouldStop?: () => boolean;
}

/** Iterations per block. Chunks handed to different workers must start on a multiple of it. */
export const BLOCK_SIZE = 512;
/** Most durations held at once (4 bytes each): 16 million, 64 MB. */
const DURATION_BUDGET = 16_000_000;
/** Largest iterations × touchpoints a run may have (the permutations take 2–4 bytes each). */
export const MAX_SAMPLES = 50_000_000;
const TABLE_SIZE = 1024;
const FLOAT_TOLERANCE = 1e-9;

const SAMPLE_TABLE = 0;
const SAMPLE_FIXED = 1;
const SAMPLE_EXACT = 2;

/** Everything a run needs that does not depend on which iterations are computed. */
export interface PreparedSimulation {
  touchpoints: readonly Touchpoint[];
  kinds: DistributionKind[];
  count: number;
  iterations: number;
  seed: number;
  target: number;
  order: Int32Array;
  predecessorStart: Int32Array;
  predecessorList: Int32Array;
  successorStart: Int32Array;
  successorList: Int32Array;
  sampleMode: Uint8Array;
  /** Quantile tables in single precision: half the cache lines, and 6e-8 relative error is far below the table's own. */
  tables: Float32Array[];
  lowerExponent: Float64Array;
  upperExponent: Float64Array;
  permutations: (Uint16Array | Uint32Array)[];
}

/** Finish times and tallies for iterations [from, to). */
export interface SimulationChunk {
  from: number;
  to: number;
  finish: Float64Array;
  criticalCounts: Uint32Array;
  /** Per block in the chunk, per touchpoint: sum of earliest finish ([block × count + j]). */
  finishSums: Float64Array;
}

/** Why a simulation cannot run (too big, bad settings); undefined when it can. */
export function simulationProblem(touchpointCount: number, iterations: number): string | undefined {
  if (!Number.isInteger(iterations) || iterations < 1) return 'Iterations must be a whole number of at least 1.';
  if (touchpointCount * iterations > MAX_SAMPLES) {
    return `${iterations.toLocaleString('en')} iterations × ${touchpointCount.toLocaleString('en')} touchpoints is more than `
      + `${MAX_SAMPLES.toLocaleString('en')} samples; lower the iterations to ${Math.floor(MAX_SAMPLES / touchpointCount).toLocaleString('en')} or fewer.`;
  }
  return undefined;
}

/** Builds the graph arrays, quantile tables and permutations for a validated journey. */
export function prepareSimulation(touchpoints: readonly Touchpoint[], options: SimulationOptions): PreparedSimulation {
  const count = touchpoints.length;
  const iterations = options.iterations;
  const problem = simulationProblem(count, iterations);
  if (problem) throw new RangeError(problem);
  const ids = touchpoints.map((t) => t.id);
  const predecessors = predecessorIndices(ids, touchpoints.map((t) => t.dependsOn));
  const topo = topologicalOrder(predecessors);
  if (!topo) throw new Error('simulateCompletion needs an acyclic journey: validate it with coerceJourney first.');
  const successors: number[][] = Array.from({ length: count }, () => []);
  predecessors.forEach((preds, node) => { for (const pred of preds) successors[pred].push(node); });

  const kinds = touchpoints.map((t) => options.distribution ?? t.distribution);
  const sampleMode = new Uint8Array(count);
  const tables: Float32Array[] = [];
  const lowerExponent = new Float64Array(count);
  const upperExponent = new Float64Array(count);
  const permutations: (Uint16Array | Uint32Array)[] = [];
  const seedWord = mix32(options.seed >>> 0) ^ Math.floor(options.seed / 4294967296);
  touchpoints.forEach((t, j) => {
    const kind = kinds[j];
    if (t.pessimistic === t.optimistic) sampleMode[j] = SAMPLE_FIXED;
    else if (kind === 'normal') sampleMode[j] = SAMPLE_EXACT;
    const table = quantileTable(kind, t.optimistic, t.mostLikely, t.pessimistic, TABLE_SIZE);
    tables.push(Float32Array.from(table.values));
    lowerExponent[j] = table.lowerExponent;
    upperExponent[j] = table.upperExponent;
    permutations.push(stratumPermutation(options.seed, seedWord, iterations, t.id));
  });
  // Forget permutations of touchpoints that are gone, so a long editing session does not grow.
  if (permutationCache && permutationCache.byId.size > 2 * count + 64) {
    const current = new Set(touchpoints.map((t) => t.id));
    for (const id of permutationCache.byId.keys()) if (!current.has(id)) permutationCache.byId.delete(id);
  }

  return {
    touchpoints, kinds, count, iterations, seed: options.seed, target: options.target,
    order: Int32Array.from(topo),
    ...compressedLists(predecessors, 'predecessor'),
    ...compressedLists(successors, 'successor'),
    sampleMode, tables, lowerExponent, upperExponent, permutations,
  } as PreparedSimulation;
}

/** Permutations of the last seed and iteration count, by touchpoint id. */
let permutationCache: { seed: number; iterations: number; byId: Map<string, Uint16Array | Uint32Array> } | undefined;

/**
 * Touchpoint `id`'s stratum permutation for this seed and iteration count. It depends on
 * nothing else — not on the times, the dependencies or the row order — so while a person edits
 * cells the permutations are reused from the previous run instead of being drawn again.
 */
function stratumPermutation(seed: number, seedWord: number, iterations: number, id: string): Uint16Array | Uint32Array {
  if (!permutationCache || permutationCache.seed !== seed || permutationCache.iterations !== iterations) {
    permutationCache = { seed, iterations, byId: new Map() };
  }
  let permutation = permutationCache.byId.get(id);
  if (!permutation) {
    permutation = iterations <= 65536 ? new Uint16Array(iterations) : new Uint32Array(iterations);
    randomPermutation(iterations, seedWord, hashString(id, 0x5eed), permutation);
    permutationCache.byId.set(id, permutation);
  }
  return permutation;
}

function compressedLists<K extends string>(lists: number[][], key: K) {
  const start = new Int32Array(lists.length + 1);
  lists.forEach((list, i) => { start[i + 1] = start[i] + list.length; });
  const flat = new Int32Array(start[lists.length]);
  lists.forEach((list, i) => flat.set(list, start[i]));
  return { [`${key}Start`]: start, [`${key}List`]: flat } as Record<`${K}Start` | `${K}List`, Int32Array>;
}

/**
 * Simulates iterations [from, to) (from a multiple of BLOCK_SIZE). Stops early, on a block
 * boundary, when `shouldStop` says so; the chunk's `to` tells how far it got.
 * Cost: O((to − from) × (touchpoints + dependencies)).
 */
export function simulateIterations(
  prepared: PreparedSimulation, from: number, to: number,
  hooks: Pick<SimulationOptions, 'onProgress' | 'shouldStop'> = {},
): SimulationChunk {
  if (from % BLOCK_SIZE !== 0) throw new RangeError('A chunk must start on a multiple of BLOCK_SIZE.');
  const { count } = prepared;
  // Durations are sampled a touchpoint at a time for a whole span of iterations (its quantile
  // table stays in the L1 cache), then the passes walk the span block by block (each block's
  // earliest finishes and latest starts stay in L2).
  const span = Math.max(BLOCK_SIZE, Math.min(to - from, Math.floor(DURATION_BUDGET / count / BLOCK_SIZE) * BLOCK_SIZE));
  const durations = scratch('durations', count * span, singles);
  const earliestFinish = scratch('earliestFinish', count * BLOCK_SIZE, doubles);
  const latest = scratch('latest', count * BLOCK_SIZE, doubles);
  const finish = new Float64Array(to - from);
  const criticalCounts = new Uint32Array(count);
  const blockCount = Math.ceil((to - from) / BLOCK_SIZE);
  const finishSums = new Float64Array(blockCount * count);
  let done = from;
  let stopped = false;
  for (let spanStart = from; spanStart < to && !stopped; spanStart += span) {
    const spanLength = Math.min(span, to - spanStart);
    for (let j = 0; j < count; j++) sampleDurations(prepared, j, spanStart, spanLength, durations, j * span);
    for (let offset = 0; offset < spanLength; offset += BLOCK_SIZE) {
      const start = spanStart + offset;
      const length = Math.min(BLOCK_SIZE, spanLength - offset);
      const block = (start - from) / BLOCK_SIZE;
      forwardPass(prepared, length, durations, span, offset, earliestFinish, finish, start - from, finishSums, block * count);
      backwardPass(prepared, length, durations, span, offset, earliestFinish, latest, finish, start - from, criticalCounts);
      done = start + length;
      hooks.onProgress?.(done, prepared.iterations);
      if (done < to && hooks.shouldStop?.()) { stopped = true; break; }
    }
  }
  const completedBlocks = Math.ceil((done - from) / BLOCK_SIZE);
  return {
    from, to: done,
    finish: done === to ? finish : finish.slice(0, done - from),
    criticalCounts,
    finishSums: completedBlocks === blockCount ? finishSums : finishSums.slice(0, completedBlocks * count),
  };
}

const scratchBuffers = new Map<string, Float64Array | Float32Array>();

/**
 * A reusable working array of at least `size` elements (contents undefined). Fresh memory costs
 * a page fault per 4 KB on first touch — for a 1,000-touchpoint run that is more than the
 * sampling itself — so the working arrays are kept between runs. At most DURATION_BUDGET +
 * 2 × touchpoints × BLOCK_SIZE numbers are held.
 */
function scratch<T extends Float64Array | Float32Array>(name: string, size: number, make: (size: number) => T): T {
  let buffer = scratchBuffers.get(name) as T | undefined;
  if (!buffer || buffer.length < size) {
    buffer = make(size);
    scratchBuffers.set(name, buffer);
  }
  return buffer;
}

const doubles = (size: number) => new Float64Array(size);
/**
 * Durations are held in single precision: it halves the memory traffic of both passes, and a
 * relative rounding of 6e-8 is far below the sampler's own 1e-5. Both passes read the same
 * rounded value, so float comparisons (criticality) stay exact.
 */
const singles = (size: number) => new Float32Array(size);

/** Forward pass for one block: earliest finishes in topological order, the finish, and per-touchpoint sums. */
function forwardPass(
  prepared: PreparedSimulation, length: number, durations: Float32Array, span: number, offset: number,
  earliestFinish: Float64Array, finish: Float64Array, finishOffset: number, finishSums: Float64Array, sumOffset: number,
): void {
  const { order, predecessorStart, predecessorList, successorStart, count } = prepared;
  finish.fill(0, finishOffset, finishOffset + length);
  for (let o = 0; o < count; o++) {
    const j = order[o];
    const base = j * BLOCK_SIZE;
    const at = j * span + offset;
    const first = predecessorStart[j];
    const last = predecessorStart[j + 1];
    let sum = 0;
    // One and two predecessors are by far the most common: fused loops for those, general below.
    if (first === last) {
      for (let k = 0; k < length; k++) {
        const value = durations[at + k];
        earliestFinish[base + k] = value;
        sum += value;
      }
    } else if (last - first === 1) {
      const pred = predecessorList[first] * BLOCK_SIZE;
      for (let k = 0; k < length; k++) {
        const value = earliestFinish[pred + k] + durations[at + k];
        earliestFinish[base + k] = value;
        sum += value;
      }
    } else if (last - first === 2) {
      const one = predecessorList[first] * BLOCK_SIZE;
      const two = predecessorList[first + 1] * BLOCK_SIZE;
      for (let k = 0; k < length; k++) {
        const x = earliestFinish[one + k];
        const y = earliestFinish[two + k];
        const value = (x > y ? x : y) + durations[at + k];
        earliestFinish[base + k] = value;
        sum += value;
      }
    } else {
      const pred = predecessorList[first] * BLOCK_SIZE;
      earliestFinish.copyWithin(base, pred, pred + length);
      for (let p = first + 1; p < last; p++) {
        const other = predecessorList[p] * BLOCK_SIZE;
        for (let k = 0; k < length; k++) {
          const value = earliestFinish[other + k];
          if (value > earliestFinish[base + k]) earliestFinish[base + k] = value;
        }
      }
      for (let k = 0; k < length; k++) {
        const value = earliestFinish[base + k] + durations[at + k];
        earliestFinish[base + k] = value;
        sum += value;
      }
    }
    finishSums[sumOffset + j] = sum;
    if (successorStart[j] === successorStart[j + 1]) {
      for (let k = 0; k < length; k++) {
        const value = earliestFinish[base + k];
        if (value > finish[finishOffset + k]) finish[finishOffset + k] = value;
      }
    }
  }
}

/** Writes touchpoint j's durations for iterations [start, start + length) into `duration` from `base` on. */
function sampleDurations(
  prepared: PreparedSimulation, j: number, start: number, length: number, duration: Float32Array, base: number,
): void {
  const { iterations, sampleMode, tables, lowerExponent, upperExponent, permutations } = prepared;
  const permutation = permutations[j];
  const table = tables[j];
  const mode = sampleMode[j];
  if (mode === SAMPLE_FIXED) {
    duration.fill(prepared.touchpoints[j].optimistic, base, base + length);
  } else if (mode === SAMPLE_EXACT) {
    const t = prepared.touchpoints[j];
    const kind = prepared.kinds[j];
    for (let k = 0; k < length; k++) {
      const u = (permutation[start + k] + 0.5) / iterations;
      duration[base + k] = distributionQuantile(kind, t.optimistic, t.mostLikely, t.pessimistic, u);
    }
  } else {
    const scale = TABLE_SIZE / iterations;
    const upperCell = TABLE_SIZE - TAIL_CELLS;
    const lowerValue = table[0];
    const lowerSpan = table[TAIL_CELLS] - lowerValue;
    const upperValue = table[TABLE_SIZE];
    const upperSpan = upperValue - table[upperCell];
    const lower = lowerExponent[j];
    const upper = upperExponent[j];
    for (let k = 0; k < length; k++) {
      const position = (permutation[start + k] + 0.5) * scale;
      const cell = position | 0;
      let value: number;
      if (cell >= TAIL_CELLS && cell < upperCell) {
        const left = table[cell];
        value = left + (position - cell) * (table[cell + 1] - left);
      } else if (cell < TAIL_CELLS) {
        value = lowerValue + lowerSpan * Math.pow(position / TAIL_CELLS, lower);
      } else {
        value = upperValue - upperSpan * Math.pow((TABLE_SIZE - position) / TAIL_CELLS, upper);
      }
      duration[base + k] = value;
    }
  }
}

/** Latest finish from successors' latest starts; counts total float ≤ 1e-9 × finish as critical. */
function backwardPass(
  prepared: PreparedSimulation, length: number, durations: Float32Array, span: number, offset: number,
  earliestFinish: Float64Array, latest: Float64Array, finish: Float64Array, finishOffset: number, criticalCounts: Uint32Array,
): void {
  const { order, successorStart, successorList, count } = prepared;
  for (let o = count - 1; o >= 0; o--) {
    const j = order[o];
    const base = j * BLOCK_SIZE;
    const at = j * span + offset;
    const first = successorStart[j];
    const last = successorStart[j + 1];
    // `latest` ends up holding each touchpoint's latest start, which its predecessors read.
    let critical = 0;
    if (last - first === 1) {
      const succ = successorList[first] * BLOCK_SIZE;
      for (let k = 0; k < length; k++) {
        const latestFinish = latest[succ + k];
        if (latestFinish - earliestFinish[base + k] <= FLOAT_TOLERANCE * finish[finishOffset + k]) critical++;
        latest[base + k] = latestFinish - durations[at + k];
      }
    } else {
      if (first === last) {
        latest.set(finish.subarray(finishOffset, finishOffset + length), base);
      } else {
        const succ = successorList[first] * BLOCK_SIZE;
        latest.copyWithin(base, succ, succ + length);
        for (let s = first + 1; s < last; s++) {
          const other = successorList[s] * BLOCK_SIZE;
          for (let k = 0; k < length; k++) {
            const value = latest[other + k];
            if (value < latest[base + k]) latest[base + k] = value;
          }
        }
      }
      for (let k = 0; k < length; k++) {
        const latestFinish = latest[base + k];
        if (latestFinish - earliestFinish[base + k] <= FLOAT_TOLERANCE * finish[finishOffset + k]) critical++;
        latest[base + k] = latestFinish - durations[at + k];
      }
    }
    criticalCounts[j] += critical;
  }
}

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

  let sum = 0;
  let withinTarget = 0;
  for (let i = 0; i < completed; i++) {
    sum += finish[i];
    if (finish[i] <= prepared.target) withinTarget++;
  }
  const mean = sum / completed;
  let squares = 0;
  for (let i = 0; i < completed; i++) squares += (finish[i] - mean) * (finish[i] - mean);
  const sd = completed > 1 ? Math.sqrt(squares / (completed - 1)) : 0;
  const pTarget = withinTarget / completed;

  const { ranks: finishRanks, sorted } = averageRanks(finish);
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
    criticality, sensitivity, meanFinish,
  };
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

/** Runs the whole simulation in one go (see module comment for the method). */
export function simulateCompletion(touchpoints: readonly Touchpoint[], options: SimulationOptions): SimulationResult {
  const prepared = prepareSimulation(touchpoints, options);
  const chunk = simulateIterations(prepared, 0, prepared.iterations, options);
  return summarizeSimulation(prepared, [chunk]);
}
