/**
 * How long the open journey's plan gives each touchpoint to be reached, at the 95th percentile,
 * for the `stalled` detector.
 *
 * Preferred source: the simulation's own per-touchpoint quantiles, `SimulationResult.reach`
 * (finish[k][j] = the percentiles[k]-quantile of touchpoint j's finish time), present when the
 * run was asked for `reachPercentiles`.
 *
 * Fallback, when the result has no `reach`: each touchpoint's simulated mean finish scaled by the
 * journey's own P95 ÷ mean, P95ⱼ ≈ meanFinishⱼ × P95 / mean. It assumes a touchpoint's reach time
 * spreads in proportion to the whole journey's, and errs both ways: where a touchpoint's reach
 * time varies relatively more than the journey's (early touchpoints, optional ones) it is too
 * short and flags more journeys; where it varies relatively less it is too long and flags fewer.
 * On the example journey (scaled mean vs simulated P95, days): Advert 1.4 vs 2.1 and Support
 * ticket 24.0 vs 27.6 are too short, RM 48.9 vs 48.3 too long. It is a stand-in until the run
 * with per-touchpoint percentiles is in, not a bound. The Customers section says which source it used.
 */
import type { SimulationResult } from '../journey/index.ts';

export interface ReachQuantiles {
  percentiles: number[];
  finish: Float64Array[];
}

/** Minutes per time unit the journey may be written in; unknown units are taken as days. */
export function minutesPerUnit(unit: string): number {
  const u = unit.trim().toLowerCase();
  if (/^min/.test(u)) return 1;
  if (/^(h|hour)/.test(u)) return 60;
  if (/^w/.test(u)) return 7 * 1440;
  if (/^mo/.test(u)) return 30.4375 * 1440;
  return 1440;
}

/** P95 of reaching each touchpoint (indexed like simulation.ids), in the journey's unit, and its source. */
export function reachP95(simulation: SimulationResult & { reach?: ReachQuantiles }): { p95: Float64Array; source: 'simulation' | 'scaled mean' } {
  const k = simulation.reach?.percentiles.findIndex((p) => Math.abs(p - 0.95) < 1e-9) ?? -1;
  if (simulation.reach && k >= 0) return { p95: Float64Array.from(simulation.reach.finish[k]), source: 'simulation' };
  const ratio = simulation.mean > 0 ? simulation.percentiles.p95 / simulation.mean : 1;
  return { p95: Float64Array.from(simulation.meanFinish, (m) => m * ratio), source: 'scaled mean' };
}
