/**
 * The shapes every part of Waypoint passes around: a journey as typed in (text cells), a
 * journey after coercion (numbers), settings, problems, and the two kinds of results
 * (classic PERT on expected times, and the Monte Carlo simulation).
 *
 * Arrays of per-touchpoint figures are indexed like `touchpoints` (input row order), never
 * by topological order, so a view can zip them with the rows directly.
 */

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
  /** Ids separated by `;`, `,` or spaces. */
  dependsOn: string;
}

export type TouchpointField = keyof TouchpointInput;

/** A touchpoint after coercion: times are numbers, dependencies a list of ids. */
export interface Touchpoint {
  id: string;
  name: string;
  stage: string;
  optimistic: number;
  mostLikely: number;
  pessimistic: number;
  distribution: DistributionKind;
  dependsOn: string[];
}

export interface Settings {
  /** Time by which the journey should be finished, in `timeUnit`. */
  target: number;
  iterations: number;
  seed: number;
  timeUnit: string;
}

/** One thing wrong with a journey, naming where it is. `row` is the 0-based input row, or -1 for the whole journey. */
export interface Problem {
  row: number;
  id: string;
  field: TouchpointField | 'journey';
  message: string;
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

export interface Histogram {
  /** Left edge of the first bin. */
  start: number;
  binWidth: number;
  counts: Uint32Array;
}

/** Empirical cumulative distribution sampled at `points` finish times. */
export interface CumulativeCurve {
  time: Float64Array;
  probability: Float64Array;
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
  /** Spearman rank correlation of each touchpoint's duration with the finish. */
  sensitivity: Float64Array;
  /** Mean finish time of each touchpoint. */
  meanFinish: Float64Array;
}
