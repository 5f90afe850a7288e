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
 *
 * Branches, waits and overlaps. A journey that uses none of them runs the plain passes above and
 * pays nothing for them. Otherwise the general passes run:
 * - An optional touchpoint (probability p < 1) happens in iteration i when (σ_j(i) + ½)/N < p,
 *   where σ_j is a second permutation from its own stream seeded by (seed, id, "happens") — a
 *   stratified draw, independent of the duration stream, so exactly round(pN) iterations have it.
 * - An exclusive group draws u = (σ_g(i) + ½)/N from the group's own stream (seed, group name)
 *   and picks the member whose share of the cumulative weights (members in id order) holds u, so
 *   exactly one member happens per iteration, each in its weight's share of iterations.
 * - A touchpoint that does not happen takes no time and adds no wait: its duration is zero and
 *   the lags of its links (in and out) are dropped in that iteration, so its successors wait for
 *   what it waited for (its finish is its start). It is never critical in that iteration, so
 *   criticality stays a share of all iterations.
 * - A group's successors wait for whichever member happened: when a touchpoint links to two or
 *   more members of one group, its links to members that did not happen in an iteration are
 *   ignored there as long as it links to the member that did (forward and backward). If it links
 *   only to members that did not happen, those links pass through as for an optional touchpoint.
 *   A touchpoint all of whose ways out were ignored (X before a member that did not happen) led
 *   nowhere in that iteration: its finish does not count towards the journey's (only touchpoints
 *   without successors, or with a start-to-start or negative-lag link out, do), and its float
 *   comes out negative, so it is not critical there (|LF − EF| ≤ tolerance is the test).
 * - Links are finish-to-start or start-to-start with a lag (precedence diagramming; Moder,
 *   Phillips & Davis, "Project Management with CPM, PERT and Precedence Diagramming", ch. 4):
 *   ES_j = max(0, EF_i + lag | ES_i + lag), EF_j = ES_j + d_j, the finish is the largest EF;
 *   backward, LF_j = min(finish, LS_k − lag | LS_k − lag + d_j), LS_j = LF_j − d_j, and total
 *   float LF − EF decides criticality as in the plain pass.
 * All of this depends only on (seed, N, id or group name, i), so row-order and chunking
 * invariance hold as before. Correlations (see correlatePermutations.ts) reorder the permutations π_j
 * before any iteration runs, so they too are the same for every chunk.
 *
 * Where the parts live: prepareSimulation.ts builds what a run needs (graph arrays, quantile
 * tables, permutations), sampling.ts draws a span's durations and what happens, plainPasses.ts
 * and branchPasses.ts run a block's forward and backward passes, summarizeSimulation.ts turns
 * chunks into statistics. This file runs them over the iterations; where to improve
 * (improvement.ts) reuses the sampling and the general forward step, after the base run.
 */
import { BLOCK_SIZE, HAPPENS_ALWAYS, prepareSimulation } from './prepareSimulation.ts';
import type { PreparedSimulation, SimulationChunk, SimulationOptions } from './prepareSimulation.ts';
import { sampleDurations, sampleHappens } from './sampling.ts';
import { backwardPass, forwardPass, optionalBackwardPass } from './plainPasses.ts';
import { generalBackwardPass, generalForwardPass } from './branchPasses.ts';
import { doubles, scratch, scratchBytes, singles } from './scratchBuffers.ts';
import { summarizeSimulation } from './summarizeSimulation.ts';
import { computeImprovement } from './improvement.ts';
import type { SimulationResult, Touchpoint } from '../journey/index.ts';

/** Most durations held at once (4 bytes each): 16 million, 64 MB. */
const DURATION_BUDGET = 16_000_000;

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
  const general = prepared.general;
  const happens = general ? scratchBytes('happens', count * span) : undefined;
  const earliestStart = general && !prepared.optionalOnly ? scratch('earliestStart', count * BLOCK_SIZE, doubles) : undefined;
  const finish = new Float64Array(to - from);
  const criticalCounts = new Uint32Array(count);
  const blockCount = Math.ceil((to - from) / BLOCK_SIZE);
  const finishSums = new Float64Array(blockCount * count);
  const reach = prepared.reachPercentiles ? new Float32Array(count * (to - from)) : undefined;
  let done = from;
  let stopped = false;
  for (let spanStart = from; spanStart < to && !stopped; spanStart += span) {
    const spanLength = Math.min(span, to - spanStart);
    for (let j = 0; j < count; j++) sampleDurations(prepared, j, spanStart, spanLength, durations, j * span);
    if (happens) sampleHappens(prepared, spanStart, spanLength, durations, happens, span);
    for (let offset = 0; offset < spanLength; offset += BLOCK_SIZE) {
      const start = spanStart + offset;
      const length = Math.min(BLOCK_SIZE, spanLength - offset);
      const block = (start - from) / BLOCK_SIZE;
      if (happens && prepared.optionalOnly) {
        forwardPass(prepared, length, durations, span, offset, earliestFinish, finish, start - from, finishSums, block * count);
        optionalBackwardPass(prepared, length, durations, happens, span, offset, earliestFinish, latest, finish, start - from, criticalCounts);
      } else if (happens && earliestStart) {
        generalForwardPass(prepared, length, durations, happens, span, offset, earliestStart, earliestFinish, finish, start - from, finishSums, block * count);
        generalBackwardPass(prepared, length, durations, happens, span, offset, earliestFinish, latest, finish, start - from, criticalCounts);
      } else {
        forwardPass(prepared, length, durations, span, offset, earliestFinish, finish, start - from, finishSums, block * count);
        backwardPass(prepared, length, durations, span, offset, earliestFinish, latest, finish, start - from, criticalCounts);
      }
      if (reach) {
        const chunkLength = to - from;
        for (let j = 0; j < count; j++) {
          const row = j * BLOCK_SIZE;
          const into = j * chunkLength + (start - from);
          const mayMiss = happens !== undefined && prepared.happensMode[j] !== HAPPENS_ALWAYS;
          for (let k = 0; k < length; k++) {
            reach[into + k] = mayMiss && happens[j * span + offset + k] === 0 ? NaN : earliestFinish[row + k];
          }
        }
      }
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
    ...(reach ? { reach: done === to ? reach : compactReach(reach, count, to - from, done - from) } : {}),
  };
}

/** The reach rows of a chunk stopped early, cut to the iterations completed. */
function compactReach(reach: Float32Array, count: number, stride: number, length: number): Float32Array {
  const out = new Float32Array(count * length);
  for (let j = 0; j < count; j++) out.set(reach.subarray(j * stride, j * stride + length), j * length);
  return out;
}

/** Runs the whole simulation in one go (see module comment for the method). */
export function simulateCompletion(touchpoints: readonly Touchpoint[], options: SimulationOptions): SimulationResult {
  const prepared = prepareSimulation(touchpoints, options);
  const chunk = simulateIterations(prepared, 0, prepared.iterations, options);
  const result = summarizeSimulation(prepared, [chunk]);
  if (options.improvement && result.complete) {
    result.improvement = computeImprovement(prepared, result, options.improvement);
  }
  return result;
}
