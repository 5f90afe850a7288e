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
 * invariance hold as before. Correlations (see correlation.ts) reorder the permutations π_j
 * before any iteration runs, so they too are the same for every chunk.
 */
import { correlatePermutations } from './correlation.ts';
import { TAIL_CELLS, distributionQuantile, quantileTable } from '../pert/index.ts';
import { predecessorLinks, topologicalOrder } from '../journey/index.ts';
import { computeImprovement } from './improvement.ts';
import { hashString, mix32, randomPermutation } from '../math/index.ts';
import { averageRanks, cumulativeOfSorted, histogramOfSorted, quantileSorted } from '../math/index.ts';
import type { Correlation, DistributionKind, SimulationResult, Touchpoint } from '../journey/index.ts';

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
  /** Rank correlations between durations, imposed by Iman–Conover (see correlation.ts). */
  correlations?: Correlation[];
  /** Also compute where to improve: each candidate's a/m/b scaled by `factor` (see improvement.ts). */
  improvement?: { factor: number; maxCandidates?: number };
  /**
   * Also report each touchpoint's finish-time quantiles over the iterations in which it happens.
   * Holds every touchpoint's finish for every iteration (4 bytes each: 40 MB for 1,000 × 10,000).
   */
  reachPercentiles?: number[];
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

/** How a touchpoint decides whether it happens in an iteration. */
const HAPPENS_ALWAYS = 0;
const HAPPENS_OPTIONAL = 1;
const HAPPENS_GROUP = 2;
/** Link types in the typed arrays. */
const LINK_FS = 0;
const LINK_SS = 1;

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
  /** True when the journey has lags, start-to-start links, optional touchpoints or groups: the general passes run. */
  general: boolean;
  /**
   * General journeys whose only feature is optional touchpoints (finish-to-start links without
   * lags, no groups): a touchpoint that does not happen takes no time, which the plain forward
   * pass already handles, so it runs, and the backward pass only adds the happens test.
   */
  optionalOnly: boolean;
  /** General passes only: incoming links per touchpoint (CSR over `linkStart`), type, lag, and whether the lag depends on what happens. */
  linkStart: Int32Array;
  linkPred: Int32Array;
  linkType: Uint8Array;
  linkLag: Float64Array;
  linkMasked: Uint8Array;
  /**
   * Per incoming link: the index (in `groups`) of the exclusive group of its predecessor when the
   * touchpoint links to two or more members of that group, else −1. In an iteration such a link is
   * ignored when its member did not happen and a linked member of the same group did.
   */
  linkChoice: Int32Array;
  /** 1 for a touchpoint with any such link. */
  choiceNode: Uint8Array;
  /** Outgoing links per touchpoint (CSR over `outStart`): successor, type, lag, masked. */
  outStart: Int32Array;
  outSucc: Int32Array;
  outType: Uint8Array;
  outLag: Float64Array;
  outMasked: Uint8Array;
  /** Outgoing links' `linkChoice`. */
  outChoice: Int32Array;
  /** 1 for a touchpoint whose finish can be the journey's (no successors, or an SS or negative-lag link out). */
  finisher: Uint8Array;
  /** 1 for a touchpoint with a start-to-start successor: only these keep their earliest starts (less memory traffic). */
  keepsStart: Uint8Array;
  happensMode: Uint8Array;
  /** Optional touchpoints: happens when σ_j(i) < happensBelow[j] (= pN, compared on stratum midpoints). */
  happensPermutation: ((Uint16Array | Uint32Array) | undefined)[];
  happensThreshold: Float64Array;
  /** Exclusive groups: permutation, members (indices in id order) and the cumulative weight bounds × N. */
  groups: { permutation: Uint16Array | Uint32Array; members: Int32Array; bounds: Float64Array }[];
  reachPercentiles: number[] | undefined;
}

/** Finish times and tallies for iterations [from, to). */
export interface SimulationChunk {
  from: number;
  to: number;
  finish: Float64Array;
  criticalCounts: Uint32Array;
  /** Per block in the chunk, per touchpoint: sum of earliest finish ([block × count + j]). */
  finishSums: Float64Array;
  /** Only when reach percentiles are asked for: touchpoint j's finish in iteration from + i at [j × (to − from) + i], NaN when it did not happen. */
  reach?: Float32Array;
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
  const links = predecessorLinks(ids, touchpoints);
  const predecessors = links.map((list) => list.map((link) => link.pred));
  const topo = topologicalOrder(predecessors);
  if (!topo) throw new Error('simulateCompletion needs an acyclic journey: validate it with coerceJourney first.');
  const successors: number[][] = Array.from({ length: count }, () => []);
  predecessors.forEach((preds, node) => { for (const pred of preds) successors[pred].push(node); });

  const kinds = touchpoints.map((t) => options.distribution ?? t.distribution);
  const sampleMode = new Uint8Array(count);
  const tables: Float32Array[] = [];
  const lowerExponent = new Float64Array(count);
  const upperExponent = new Float64Array(count);
  let permutations: (Uint16Array | Uint32Array)[] = [];
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
  if (options.correlations && options.correlations.length > 0) {
    permutations = correlatePermutations(ids, permutations, options.correlations, options.seed, iterations);
  }

  // What happens per iteration: optional touchpoints and exclusive groups.
  const happensMode = new Uint8Array(count);
  const happensPermutation: ((Uint16Array | Uint32Array) | undefined)[] = new Array(count).fill(undefined);
  const happensThreshold = new Float64Array(count).fill(iterations);
  const groupMembers = new Map<string, number[]>();
  touchpoints.forEach((t, j) => {
    const group = t.group ?? '';
    if (group !== '') {
      happensMode[j] = HAPPENS_GROUP;
      groupMembers.set(group, [...(groupMembers.get(group) ?? []), j]);
    } else if ((t.probability ?? 1) < 1) {
      happensMode[j] = HAPPENS_OPTIONAL;
      happensPermutation[j] = stratumPermutation(options.seed, seedWord, iterations, `${t.id}\u0000happens`);
      // Happens when (σ + ½)/N < p, i.e. σ < pN − ½.
      happensThreshold[j] = (t.probability ?? 1) * iterations - 0.5;
    }
  });
  const groups = [...groupMembers.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([name, members]) => {
    members.sort((x, y) => (ids[x] < ids[y] ? -1 : ids[x] > ids[y] ? 1 : x - y));
    const total = members.reduce((sum, j) => sum + (touchpoints[j].probability ?? 1), 0);
    let cumulative = 0;
    const bounds = new Float64Array(members.length);
    members.forEach((j, k) => {
      cumulative += (touchpoints[j].probability ?? 1) / total;
      // Member k is picked when (σ + ½)/N < its cumulative share; the last takes the rest.
      bounds[k] = k === members.length - 1 ? Infinity : cumulative * iterations - 0.5;
    });
    return {
      permutation: stratumPermutation(options.seed, seedWord, iterations, `${name}\u0000group`),
      members: Int32Array.from(members), bounds,
    };
  });

  // Links that wait for whichever member of an exclusive group happened: a touchpoint's links to
  // two or more members of one group carry that group's index (−1 otherwise).
  const groupIndex = new Map([...groupMembers.keys()].sort().map((name, g) => [name, g]));
  const general = groups.length > 0 || happensMode.some((mode) => mode !== HAPPENS_ALWAYS)
    || links.some((list) => list.some((link) => link.type === 'SS' || link.lag !== 0));
  const optionalOnly = general && groups.length === 0
    && links.every((list) => list.every((link) => link.type !== 'SS' && link.lag === 0));
  const linkStart = new Int32Array(count + 1);
  links.forEach((list, j) => { linkStart[j + 1] = linkStart[j] + list.length; });
  const linkTotal = linkStart[count];
  const linkPred = new Int32Array(linkTotal);
  const linkType = new Uint8Array(linkTotal);
  const linkLag = new Float64Array(linkTotal);
  const linkMasked = new Uint8Array(linkTotal);
  const linkChoice = new Int32Array(linkTotal).fill(-1);
  const choiceNode = new Uint8Array(count);
  links.forEach((list, j) => {
    const perGroup = new Map<number, number>();
    for (const link of list) {
      const g = groupIndex.get(touchpoints[link.pred].group ?? '');
      if (g !== undefined) perGroup.set(g, (perGroup.get(g) ?? 0) + 1);
    }
    list.forEach((link, k) => {
      const g = groupIndex.get(touchpoints[link.pred].group ?? '');
      if (g !== undefined && perGroup.get(g)! >= 2) { linkChoice[linkStart[j] + k] = g; choiceNode[j] = 1; }
    });
  });
  const outCount = new Int32Array(count);
  links.forEach((list, j) => list.forEach((link, k) => {
    const at = linkStart[j] + k;
    linkPred[at] = link.pred;
    linkType[at] = link.type === 'SS' ? LINK_SS : LINK_FS;
    linkLag[at] = link.lag;
    linkMasked[at] = link.lag !== 0 && (happensMode[j] !== HAPPENS_ALWAYS || happensMode[link.pred] !== HAPPENS_ALWAYS) ? 1 : 0;
    outCount[link.pred]++;
  }));
  const outStart = new Int32Array(count + 1);
  for (let j = 0; j < count; j++) outStart[j + 1] = outStart[j] + outCount[j];
  const outSucc = new Int32Array(linkTotal);
  const outType = new Uint8Array(linkTotal);
  const outLag = new Float64Array(linkTotal);
  const outMasked = new Uint8Array(linkTotal);
  const outChoice = new Int32Array(linkTotal).fill(-1);
  const finisher = new Uint8Array(count);
  const keepsStart = new Uint8Array(count);
  const filled = outStart.slice(0, count);
  for (let j = 0; j < count; j++) {
    for (let at = linkStart[j]; at < linkStart[j + 1]; at++) {
      const pred = linkPred[at];
      const slot = filled[pred]++;
      outSucc[slot] = j;
      outType[slot] = linkType[at];
      outLag[slot] = linkLag[at];
      outMasked[slot] = linkMasked[at];
      outChoice[slot] = linkChoice[at];
      if (linkType[at] === LINK_SS || linkLag[at] < 0) finisher[pred] = 1;
      if (linkType[at] === LINK_SS) keepsStart[pred] = 1;
    }
  }
  for (let j = 0; j < count; j++) if (outStart[j] === outStart[j + 1]) finisher[j] = 1;

  // Forget permutations of touchpoints that are gone, so a long editing session does not grow.
  if (permutationCache && permutationCache.byId.size > 4 * count + 64) {
    const current = new Set(touchpoints.flatMap((t) => [t.id, `${t.id}\u0000happens`, `${t.group ?? ''}\u0000group`]));
    for (const id of permutationCache.byId.keys()) if (!current.has(id)) permutationCache.byId.delete(id);
  }

  return {
    touchpoints, kinds, count, iterations, seed: options.seed, target: options.target,
    order: Int32Array.from(topo),
    ...compressedLists(predecessors, 'predecessor'),
    ...compressedLists(successors, 'successor'),
    sampleMode, tables, lowerExponent, upperExponent, permutations,
    general, optionalOnly, linkStart, linkPred, linkType, linkLag, linkMasked, linkChoice, choiceNode,
    outStart, outSucc, outType, outLag, outMasked, outChoice, finisher, keepsStart,
    happensMode, happensPermutation, happensThreshold, groups,
    reachPercentiles: options.reachPercentiles && options.reachPercentiles.length > 0 ? [...options.reachPercentiles] : undefined,
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

/**
 * Decides what happens in iterations [start, start + length): writes 1/0 into `happens` (laid
 * out like `durations`) and zeroes the durations of touchpoints that do not happen. For an
 * `optionalOnly` journey the rows of touchpoints that always happen are left as they were.
 */
export function sampleHappens(
  prepared: PreparedSimulation, start: number, length: number, durations: Float32Array, happens: Uint8Array, span: number,
): void {
  const { count, happensMode, happensPermutation, happensThreshold, groups } = prepared;
  for (let j = 0; j < count; j++) {
    const base = j * span;
    if (happensMode[j] === HAPPENS_OPTIONAL) {
      const permutation = happensPermutation[j]!;
      const threshold = happensThreshold[j];
      for (let k = 0; k < length; k++) {
        if (permutation[start + k] < threshold) happens[base + k] = 1;
        else { happens[base + k] = 0; durations[base + k] = 0; }
      }
    } else if (happensMode[j] === HAPPENS_GROUP || !prepared.optionalOnly) {
      // Journeys with only optional touchpoints never read the rows of those that always happen.
      happens.fill(happensMode[j] === HAPPENS_GROUP ? 0 : 1, base, base + length);
    }
  }
  for (const { permutation, members, bounds } of groups) {
    for (let k = 0; k < length; k++) {
      const stratum = permutation[start + k];
      let m = 0;
      while (stratum >= bounds[m]) m++;
      happens[members[m] * span + k] = 1;
    }
    for (let m = 0; m < members.length; m++) {
      const base = members[m] * span;
      for (let k = 0; k < length; k++) if (happens[base + k] === 0) durations[base + k] = 0;
    }
  }
}

/**
 * General forward pass for one block (lags, start-to-start links, touchpoints that may not
 * happen): earliest starts and finishes, the finish, and per-touchpoint sums. `rowOf` maps a
 * touchpoint to its row in `earliestStart`/`earliestFinish` (identity for the base run).
 */
export function generalForwardNode(
  prepared: PreparedSimulation, j: number, row: number, predRow: ArrayLike<number>, length: number,
  durations: Float32Array, happens: Uint8Array, span: number, offset: number, scale: number,
  earliestStart: Float64Array, earliestFinish: Float64Array,
): number {
  const { linkStart, linkType, linkLag, linkMasked, linkPred, keepsStart, linkChoice, choiceNode } = prepared;
  const base = row * BLOCK_SIZE;
  const at = j * span + offset;
  const first = linkStart[j];
  const last = linkStart[j + 1];
  const keep = keepsStart[j] === 1;
  // Common cases fused into one loop, as in the plain pass: no links, or one or two links whose
  // bound cannot be negative (lag ≥ 0, not depending on what happens), so max(0, ·) is not needed.
  if (scale === 1 && choiceNode[j] === 0 && last - first <= 2 && (first === last || (linkMasked[first] === 0 && linkLag[first] >= 0))
    && (last - first < 2 || (linkMasked[first + 1] === 0 && linkLag[first + 1] >= 0))) {
    let sum = 0;
    if (first === last) {
      if (keep) earliestStart.fill(0, base, base + length);
      for (let k = 0; k < length; k++) {
        const value = durations[at + k];
        earliestFinish[base + k] = value;
        sum += value;
      }
    } else if (last - first === 1) {
      const source = linkType[first] === LINK_SS ? earliestStart : earliestFinish;
      const from = predRow[first] * BLOCK_SIZE;
      const lag = linkLag[first];
      if (keep) {
        for (let k = 0; k < length; k++) {
          const start = source[from + k] + lag;
          const value = start + durations[at + k];
          earliestStart[base + k] = start;
          earliestFinish[base + k] = value;
          sum += value;
        }
      } else {
        for (let k = 0; k < length; k++) {
          const value = source[from + k] + lag + durations[at + k];
          earliestFinish[base + k] = value;
          sum += value;
        }
      }
    } else {
      const one = linkType[first] === LINK_SS ? earliestStart : earliestFinish;
      const two = linkType[first + 1] === LINK_SS ? earliestStart : earliestFinish;
      const fromOne = predRow[first] * BLOCK_SIZE;
      const fromTwo = predRow[first + 1] * BLOCK_SIZE;
      const lagOne = linkLag[first];
      const lagTwo = linkLag[first + 1];
      for (let k = 0; k < length; k++) {
        const x = one[fromOne + k] + lagOne;
        const y = two[fromTwo + k] + lagTwo;
        const start = x > y ? x : y;
        const value = start + durations[at + k];
        if (keep) earliestStart[base + k] = start;
        earliestFinish[base + k] = value;
        sum += value;
      }
    }
    return sum;
  }
  // General case: the start is gathered in this touchpoint's row when its successors need it, else in a scratch row.
  const starts = keep ? earliestStart : scratch('startRow', BLOCK_SIZE, doubles);
  const startBase = keep ? base : 0;
  starts.fill(0, startBase, startBase + length);
  for (let l = first; l < last; l++) {
    const source = linkType[l] === LINK_SS ? earliestStart : earliestFinish;
    const from = predRow[l] * BLOCK_SIZE;
    const lag = linkLag[l];
    if (linkChoice[l] >= 0) {
      // A link to a member of an exclusive group: ignored in iterations where that member did not
      // happen and another linked member of its group did (the touchpoint waits for whichever happened).
      const hit = choiceHits(prepared, j, linkChoice[l], happens, span, offset, length);
      const self = linkPred[l] * span + offset;
      const masked = linkMasked[l] === 1;
      for (let k = 0; k < length; k++) {
        if (happens[self + k] === 0 && hit[k] === 1) continue;
        const value = source[from + k] + (masked && !(happens[at + k] & happens[self + k]) ? 0 : lag);
        if (value > starts[startBase + k]) starts[startBase + k] = value;
      }
    } else if (lag === 0) {
      for (let k = 0; k < length; k++) {
        const value = source[from + k];
        if (value > starts[startBase + k]) starts[startBase + k] = value;
      }
    } else if (linkMasked[l] === 0) {
      for (let k = 0; k < length; k++) {
        const value = source[from + k] + lag;
        if (value > starts[startBase + k]) starts[startBase + k] = value;
      }
    } else {
      const other = linkPred[l] * span + offset;
      for (let k = 0; k < length; k++) {
        const value = source[from + k] + (happens[at + k] & happens[other + k] ? lag : 0);
        if (value > starts[startBase + k]) starts[startBase + k] = value;
      }
    }
  }
  let sum = 0;
  if (scale === 1) {
    for (let k = 0; k < length; k++) {
      const value = starts[startBase + k] + durations[at + k];
      earliestFinish[base + k] = value;
      sum += value;
    }
  } else {
    for (let k = 0; k < length; k++) {
      const value = starts[startBase + k] + scale * durations[at + k];
      earliestFinish[base + k] = value;
      sum += value;
    }
  }
  return sum;
}

/**
 * For touchpoint j and exclusive group g: 1 in the iterations of the block in which one of the
 * members of g that j links to happened, else 0 (a scratch row, valid until the next call).
 */
function choiceHits(
  prepared: PreparedSimulation, j: number, g: number, happens: Uint8Array, span: number, offset: number, length: number,
): Uint8Array {
  const { linkStart, linkChoice, linkPred } = prepared;
  const hit = scratchBytes('choiceHit', BLOCK_SIZE);
  hit.fill(0, 0, length);
  for (let l = linkStart[j]; l < linkStart[j + 1]; l++) {
    if (linkChoice[l] !== g) continue;
    const member = linkPred[l] * span + offset;
    for (let k = 0; k < length; k++) hit[k] |= happens[member + k];
  }
  return hit;
}

function generalForwardPass(
  prepared: PreparedSimulation, length: number, durations: Float32Array, happens: Uint8Array, span: number, offset: number,
  earliestStart: Float64Array, earliestFinish: Float64Array, finish: Float64Array, finishOffset: number,
  finishSums: Float64Array, sumOffset: number,
): void {
  const { order, count, finisher, linkPred } = prepared;
  finish.fill(0, finishOffset, finishOffset + length);
  for (let o = 0; o < count; o++) {
    const j = order[o];
    finishSums[sumOffset + j] = generalForwardNode(
      prepared, j, j, linkPred, length, durations, happens, span, offset, 1, earliestStart, earliestFinish);
    if (finisher[j]) {
      const base = j * BLOCK_SIZE;
      for (let k = 0; k < length; k++) {
        const value = earliestFinish[base + k];
        if (value > finish[finishOffset + k]) finish[finishOffset + k] = value;
      }
    }
  }
}

/** General backward pass: latest finishes through every link type; a touchpoint that did not happen is not critical. */
function generalBackwardPass(
  prepared: PreparedSimulation, length: number, durations: Float32Array, happens: Uint8Array, span: number, offset: number,
  earliestFinish: Float64Array, latest: Float64Array, finish: Float64Array, finishOffset: number, criticalCounts: Uint32Array,
): void {
  const { order, count, outStart, outSucc, outType, outLag, outMasked, outChoice, happensMode } = prepared;
  const latestFinish = scratch('latestFinish', BLOCK_SIZE, doubles);
  for (let o = count - 1; o >= 0; o--) {
    const j = order[o];
    const base = j * BLOCK_SIZE;
    const at = j * span + offset;
    const firstOut = outStart[j];
    const always = happensMode[j] === HAPPENS_ALWAYS;
    let critical = 0;
    if (outStart[j + 1] - firstOut === 1 && outType[firstOut] === LINK_FS && outMasked[firstOut] === 0 && outLag[firstOut] >= 0
      && outChoice[firstOut] < 0) {
      // One finish-to-start successor: fused, as in the plain pass (its bound never exceeds the finish).
      const from = outSucc[firstOut] * BLOCK_SIZE;
      const lag = outLag[firstOut];
      if (always) {
        for (let k = 0; k < length; k++) {
          const latestFinishK = latest[from + k] - lag;
          if (Math.abs(latestFinishK - earliestFinish[base + k]) <= FLOAT_TOLERANCE * finish[finishOffset + k]) critical++;
          latest[base + k] = latestFinishK - durations[at + k];
        }
      } else {
        for (let k = 0; k < length; k++) {
          const latestFinishK = latest[from + k] - lag;
          if (happens[at + k] === 1 && Math.abs(latestFinishK - earliestFinish[base + k]) <= FLOAT_TOLERANCE * finish[finishOffset + k]) critical++;
          latest[base + k] = latestFinishK - durations[at + k];
        }
      }
      criticalCounts[j] += critical;
      continue;
    }
    latestFinish.set(finish.subarray(finishOffset, finishOffset + length));
    for (let l = firstOut; l < outStart[j + 1]; l++) {
      const from = outSucc[l] * BLOCK_SIZE;
      const lag = outLag[l];
      const masked = outMasked[l] === 1;
      const other = outSucc[l] * span + offset;
      if (outChoice[l] >= 0) {
        // The forward pass ignored this link where j did not happen and a member of its group
        // that the successor links to did: it does not bound j's latest finish there either.
        const hit = choiceHits(prepared, outSucc[l], outChoice[l], happens, span, offset, length);
        const ss = outType[l] === LINK_SS;
        for (let k = 0; k < length; k++) {
          if (happens[at + k] === 0 && hit[k] === 1) continue;
          const value = latest[from + k] - (masked && !(happens[at + k] & happens[other + k]) ? 0 : lag) + (ss ? durations[at + k] : 0);
          if (value < latestFinish[k]) latestFinish[k] = value;
        }
      } else if (outType[l] === LINK_SS) {
        for (let k = 0; k < length; k++) {
          const value = latest[from + k] - (masked && !(happens[at + k] & happens[other + k]) ? 0 : lag) + durations[at + k];
          if (value < latestFinish[k]) latestFinish[k] = value;
        }
      } else if (lag === 0) {
        for (let k = 0; k < length; k++) {
          const value = latest[from + k];
          if (value < latestFinish[k]) latestFinish[k] = value;
        }
      } else {
        for (let k = 0; k < length; k++) {
          const value = latest[from + k] - (masked && !(happens[at + k] & happens[other + k]) ? 0 : lag);
          if (value < latestFinish[k]) latestFinish[k] = value;
        }
      }
    }
    if (always) {
      for (let k = 0; k < length; k++) {
        const latestFinishK = latestFinish[k];
        if (Math.abs(latestFinishK - earliestFinish[base + k]) <= FLOAT_TOLERANCE * finish[finishOffset + k]) critical++;
        latest[base + k] = latestFinishK - durations[at + k];
      }
    } else {
      for (let k = 0; k < length; k++) {
        const latestFinishK = latestFinish[k];
        if (happens[at + k] === 1 && Math.abs(latestFinishK - earliestFinish[base + k]) <= FLOAT_TOLERANCE * finish[finishOffset + k]) critical++;
        latest[base + k] = latestFinishK - durations[at + k];
      }
    }
    criticalCounts[j] += critical;
  }
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

const byteBuffers = new Map<string, Uint8Array>();
/** Like `scratch`, for bytes. */
function scratchBytes(name: string, size: number): Uint8Array {
  let buffer = byteBuffers.get(name);
  if (!buffer || buffer.length < size) {
    buffer = new Uint8Array(size);
    byteBuffers.set(name, buffer);
  }
  return buffer;
}
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
export function sampleDurations(
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
 * Backward pass for a journey whose only feature is optional touchpoints (`optionalOnly`). It
 * gives what the general backward pass gives there: with finish-to-start links and no lags,
 * LF_j = min(finish, LS_k) = min over successors of LS_k, since LS_k = LF_k − d_k ≤ LF_k ≤ finish
 * (durations are never negative, and subtracting one never rounds upwards). The criticality test
 * is the general one, |LF − EF| ≤ 1e-9 × finish and only where the touchpoint happened.
 */
function optionalBackwardPass(
  prepared: PreparedSimulation, length: number, durations: Float32Array, happens: Uint8Array, span: number, offset: number,
  earliestFinish: Float64Array, latest: Float64Array, finish: Float64Array, finishOffset: number, criticalCounts: Uint32Array,
): void {
  const { order, successorStart, successorList, count, happensMode } = prepared;
  for (let o = count - 1; o >= 0; o--) {
    const j = order[o];
    const base = j * BLOCK_SIZE;
    const at = j * span + offset;
    const first = successorStart[j];
    const last = successorStart[j + 1];
    const always = happensMode[j] === HAPPENS_ALWAYS;
    let critical = 0;
    // `from` is the row holding the latest finish: the single successor's latest start, or this touchpoint's own row.
    let from = base;
    if (last - first === 1) {
      from = successorList[first] * BLOCK_SIZE;
    } else if (first === last) {
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
    if (always) {
      for (let k = 0; k < length; k++) {
        const latestFinish = latest[from + k];
        if (Math.abs(latestFinish - earliestFinish[base + k]) <= FLOAT_TOLERANCE * finish[finishOffset + k]) critical++;
        latest[base + k] = latestFinish - durations[at + k];
      }
    } else {
      for (let k = 0; k < length; k++) {
        const latestFinish = latest[from + k];
        if (happens[at + k] === 1 && Math.abs(latestFinish - earliestFinish[base + k]) <= FLOAT_TOLERANCE * finish[finishOffset + k]) critical++;
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
    ...(prepared.reachPercentiles ? { reach: reachQuantiles(prepared, chunks, completed) } : {}),
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
