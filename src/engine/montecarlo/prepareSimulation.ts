/**
 * Everything a simulation run needs that does not depend on which iterations are computed: the
 * graph as compressed arrays (predecessors, successors, typed and lagged links in both
 * directions), one quantile table per touchpoint, the stratum permutations (correlated when asked),
 * and what decides whether an optional touchpoint or a group member happens. Also the shared
 * constants and shapes of a run: the block size, the sample modes and the chunk a range of
 * iterations produces. The method itself is described in simulateCompletion.ts.
 */
import { correlatePermutations } from './correlatePermutations.ts';
import { stratumPermutation, prunePermutations } from './stratumPermutation.ts';
import { quantileTable } from '../pert/index.ts';
import { predecessorLinks, topologicalOrder } from '../journey/index.ts';
import { mix32 } from '../math/index.ts';
import type { Correlation, DistributionKind, Touchpoint } from '../journey/index.ts';

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
  /** Rank correlations between durations, imposed by Iman–Conover (see correlatePermutations.ts). */
  correlations?: Correlation[];
  /** Also compute where to improve: each candidate's a/m/b scaled by `factor` (see improvement.ts). */
  improvement?: { factor: number; maxCandidates?: number };
  /**
   * Also report each touchpoint's finish-time quantiles over the iterations in which it happens.
   * Holds every touchpoint's finish for every iteration (4 bytes each: 40 MB for 1,000 × 10,000).
   */
  reachPercentiles?: number[];
}

// The passes and the sampler copy the constants they read inside their loops into locals: in
// optimised code V8 reads an imported binding through its module cell at every use, which costs
// a tight loop up to a third of its speed (measured on the criticality test).

/** Iterations per block. Chunks handed to different workers must start on a multiple of it. */
export const BLOCK_SIZE = 512;
/** Largest iterations × touchpoints a run may have (the permutations take 2–4 bytes each). */
export const MAX_SAMPLES = 50_000_000;
/** Cells of each touchpoint's quantile table. */
export const TABLE_SIZE = 1024;
/** Total float at most this share of the finish counts as critical (DESIGN.md, "Numbers"). */
export const FLOAT_TOLERANCE = 1e-9;

/** How a touchpoint's durations are drawn: from its quantile table, fixed (a = b), or exactly (the normal). */
export const SAMPLE_TABLE = 0;
export const SAMPLE_FIXED = 1;
export const SAMPLE_EXACT = 2;

/** How a touchpoint decides whether it happens in an iteration. */
export const HAPPENS_ALWAYS = 0;
export const HAPPENS_OPTIONAL = 1;
export const HAPPENS_GROUP = 2;
/** Link types in the typed arrays. */
export const LINK_FS = 0;
export const LINK_SS = 1;

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

/** Builds the graph arrays, quantile tables and permutations for a validated journey. Throws (RangeError) a run that is too big: see simulationProblem. */
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
  prunePermutations(4 * count + 64, () => new Set(touchpoints.flatMap((t) => [t.id, `${t.id}\u0000happens`, `${t.group ?? ''}\u0000group`])));

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

/** Lists of indices as one flat array and the start of each list in it (compressed sparse rows). */
function compressedLists<K extends string>(lists: number[][], key: K) {
  const start = new Int32Array(lists.length + 1);
  lists.forEach((list, i) => { start[i + 1] = start[i] + list.length; });
  const flat = new Int32Array(start[lists.length]);
  lists.forEach((list, i) => flat.set(list, start[i]));
  return { [`${key}Start`]: start, [`${key}List`]: flat } as Record<`${K}Start` | `${K}List`, Int32Array>;
}
