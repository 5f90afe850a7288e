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
 * chunks into statistics, simulateIterations.ts runs them over a range of iterations, and
 * batches.ts runs a run too big for one Latin hypercube as independent batches; where to
 * improve (improvement.ts) reuses the sampling and the general forward step, after the base run.
 */
import { prepareSimulation } from './prepareSimulation.ts';
import type { SimulationOptions } from './prepareSimulation.ts';
import { simulateIterations } from './simulateIterations.ts';
import { summarizeSimulation } from './summarizeSimulation.ts';
import { computeImprovement } from './improvement.ts';
import { batchPlan, simulateInBatches } from './batches.ts';
import type { SimulationResult, Touchpoint } from '../journey/index.ts';

/**
 * Runs the whole simulation in one go (see module comment for the method); a run over
 * MAX_SAMPLES samples runs in independent batches (batches.ts).
 */
export function simulateCompletion(touchpoints: readonly Touchpoint[], options: SimulationOptions): SimulationResult {
  const plan = batchPlan(touchpoints.length, options.iterations);
  if (plan) return simulateInBatches(touchpoints, options, plan);
  const prepared = prepareSimulation(touchpoints, options);
  const chunk = simulateIterations(prepared, 0, prepared.iterations, options);
  const result = summarizeSimulation(prepared, [chunk]);
  if (options.improvement && result.complete) {
    result.improvement = computeImprovement(prepared, result, options.improvement);
  }
  return result;
}
