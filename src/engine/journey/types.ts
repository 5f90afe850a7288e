/**
 * The shapes every part of Waypoint passes around: a journey as typed in (text cells), a
 * journey after coercion (numbers), settings, problems, and the two kinds of results
 * (classic PERT on expected times, and the Monte Carlo simulation).
 *
 * Arrays of per-touchpoint figures are indexed like `touchpoints` (input row order), never
 * by topological order, so a view can zip them with the rows directly.
 */

import type { CumulativeCurve, Histogram } from '../math/index.ts';

export type { CumulativeCurve, Histogram };

export type DistributionKind = 'beta-pert' | 'triangular' | 'uniform' | 'normal';

export const DISTRIBUTION_KINDS: readonly DistributionKind[] = ['beta-pert', 'triangular', 'uniform', 'normal'];

/** A touchpoint as a person typed it: every cell is text, exactly as in the grid or a CSV. */
export interface TouchpointInput {
  id: string;
  name: string;
  stage: string;
  optimistic: string;
  mostLikely: string;
  pessimistic: string;
  /** Empty means beta-PERT. */
  distribution: string;
  /**
   * Ids separated by `;`, `,` or spaces ("A;B", "A,B", "A B"). Each may carry a link type and a
   * lag: "B+7" (finish-to-start, starts 7 units after B finishes), "B-2" (negative lag),
   * "B FS+7", "B SS" (start-to-start), "B SS+2".
   */
  dependsOn: string;
  /** Empty means 100%; accepts "25%", "25 %", "0.25". For a member of an exclusive group it is the member's weight. */
  probability: string;
  /** Empty means none; otherwise the name of a mutually exclusive group ("Signup"): exactly one member happens per iteration. */
  group: string;
}

export type TouchpointField = keyof TouchpointInput;

export type LinkType = 'FS' | 'SS';

/**
 * One "depends on" link. FS (finish-to-start): the touchpoint starts `lag` after `id` finishes.
 * SS (start-to-start): it starts `lag` after `id` starts. Lags may be negative.
 */
export interface Dependency {
  id: string;
  type: LinkType;
  lag: number;
}

/** A touchpoint after coercion: times are numbers, dependencies a list of ids. */
export interface Touchpoint {
  id: string;
  name: string;
  stage: string;
  optimistic: number;
  mostLikely: number;
  pessimistic: number;
  distribution: DistributionKind;
  /** Ids this touchpoint waits for; equals `links.map((l) => l.id)`. */
  dependsOn: string[];
  /** In (0, 1]: the chance it happens in a journey (1 by default); for a group member, its weight (the group's weights sum to 1). */
  probability: number;
  /** Name of its mutually exclusive group, '' when none. */
  group: string;
  /** Same order and ids as `dependsOn`, with link type and lag. */
  links: Dependency[];
}

/** Rank correlation between touchpoints' durations: a pair (2 ids) or a group sharing one ρ pairwise. */
export interface Correlation {
  ids: string[];
  rho: number;
}

/** A correlation as typed: ids separated by `;`, `,` or spaces, and ρ as text. */
export interface CorrelationInput {
  ids: string;
  rho: string;
}

/**
 * What shortening one touchpoint (its a, m and b scaled by a factor) would gain, computed with
 * common random numbers against the base run.
 */
export interface Improvement {
  id: string;
  pTargetBase: number;
  pTargetImproved: number;
  pTargetGain: number;
  /** Standard error of the paired difference in P(finish ≤ target). */
  pTargetGainSE: number;
  p80Base: number;
  p80Improved: number;
  /** p80Base − p80Improved: above 0 when P80 got shorter by that much. */
  p80Gain: number;
  /** Mean over the iterations of (base finish − improved finish), on the same draws: how much sooner the journey ends on average. */
  meanGain?: number;
  /** The gain is within one standard error of the next one in the ranking. */
  tie: boolean;
}

export interface Settings {
  /** Time by which the journey should be finished, in `timeUnit`. */
  target: number;
  iterations: number;
  seed: number;
  timeUnit: string;
  /** Money one completed journey is worth (say an order and what follows); unset when the person has not given it. */
  journeyValue?: number;
  /** Journeys started a year, to turn the worth per journey into a yearly figure; unset: figures are per 1,000 journeys. */
  journeysPerYear?: number;
}

/** One thing wrong with a journey, naming where it is. `row` is the 0-based input row, or -1 for the whole journey. */
export interface Problem {
  row: number;
  id: string;
  field: TouchpointField | 'journey';
  message: string;
  /** Only on the closing line of a capped list (capProblems): how many problems were left out. */
  more?: number;
}

/** Classic PERT on expected times (Malcolm et al. 1959; Hillier & Lieberman ch. 10). */
export interface PertAnalysis {
  ids: string[];
  /** (a + 4m + b) / 6 */
  expected: Float64Array;
  /** Each touchpoint's classic variance ((b − a) / 6)². */
  touchpointVariance: Float64Array;
  earliestStart: Float64Array;
  earliestFinish: Float64Array;
  latestStart: Float64Array;
  latestFinish: Float64Array;
  slack: Float64Array;
  /** 1 when the touchpoint's slack is zero (within 1e-9 × finish). */
  critical: Uint8Array;
  /** Ids of zero-slack touchpoints in topological order (ties: every tied path is included). */
  criticalPath: string[];
  /** Expected finish of the journey. */
  mean: number;
  /** Sum of classic variances along the critical path (the longest-variance chain when tied). */
  variance: number;
  /** Φ((target − mean) / √variance): the classic normal approximation. */
  pTarget: number;
}

export interface Percentiles {
  p10: number;
  p50: number;
  p80: number;
  p90: number;
  p95: number;
}


export interface SimulationResult {
  ids: string[];
  /** Iterations actually completed. */
  iterations: number;
  requestedIterations: number;
  /** False when the run was stopped early: figures then describe the completed part only. */
  complete: boolean;
  seed: number;
  target: number;
  mean: number;
  sd: number;
  min: number;
  max: number;
  percentiles: Percentiles;
  pTarget: number;
  pTargetStandardError: number;
  histogram: Histogram;
  cumulative: CumulativeCurve;
  /** Share of iterations in which each touchpoint had total float ≤ 1e-9 × finish. */
  criticality: Float64Array;
  /**
   * Spearman rank correlation of each touchpoint's duration with the finish. For a touchpoint
   * that may not happen, the duration is the one drawn for the iteration whether or not it
   * happened, so this measures how its length drives the finish, not whether it happens.
   */
  sensitivity: Float64Array;
  /** Mean finish time of each touchpoint (over all iterations; a skipped touchpoint finishes when it would have started). */
  meanFinish: Float64Array;
  /** Where to improve, best first; only when requested (it is a separate, slower computation). */
  improvement?: Improvement[];
  /**
   * Only when requested: for each requested percentile q (e.g. 0.95), finish[k][j] = the
   * q-quantile of touchpoint j's finish time over the iterations in which it happens (NaN if it never happens).
   */
  reach?: { percentiles: number[]; finish: Float64Array[] };
  /**
   * Only for a run too big for one Latin hypercube (touchpoints × iterations over MAX_SAMPLES):
   * it ran as `count` independent batches of about `size` iterations each (see batches.ts).
   * Sensitivity is then the batches' mean Spearman ρ; where to improve and reach come from the
   * first batch alone.
   */
  batches?: { count: number; size: number };
}
