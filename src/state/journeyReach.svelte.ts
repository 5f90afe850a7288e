/**
 * The open journey simulated once more with each touchpoint's finish-time P95, for the stalled
 * journeys of an open event log (cases slower than the plan for reaching their touchpoint), by
 * the compute service's reach pool so the notebook's own run never waits for it. Until it is in,
 * the notebook's run gives the documented approximation (see plannedReach.ts).
 */
import type { Correlation, Settings, SimulationResult, Touchpoint } from '../engine/journey/index.ts';
import type { SimulationPool } from './simulationPool.ts';

export const REACH_PERCENTILES = [0.95];

export class JourneyReach {
  /** The last run with reach percentiles (same settings and seed as the notebook's), or null. */
  simulation = $state.raw<SimulationResult | null>(null);

  constructor(private readonly pool: SimulationPool) {}

  /** Asks for a run of the journey as it is now; a journey with problems (or none) keeps the last one. */
  update(touchpoints: Touchpoint[], problemCount: number, settings: Settings, correlations: Correlation[]): void {
    if (problemCount > 0 || touchpoints.length === 0) return;
    void this.pool.compute(touchpoints, { ...settings }, undefined, {
      reachPercentiles: REACH_PERCENTILES, ...(correlations.length ? { correlations } : {}),
    }).then((reply) => { if (reply?.ok) this.simulation = reply.simulation; });
  }

  /** No event log is open: the run under way is dropped, its workers end, and the next log starts afresh. */
  stop(): void {
    this.pool.supersede();
    this.pool.restart();
    this.simulation = null;
  }
}
