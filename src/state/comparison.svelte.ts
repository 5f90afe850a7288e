/**
 * Comparing the open scenario with another stored one: which one is chosen, its simulation (by
 * the compute service's comparison pool, with its own correlations, as the open scenario's are
 * used), or a plain sentence saying why it cannot be compared.
 */
import { coerceJourney } from '../engine/journey/index.ts';
import type { Settings, SimulationResult, TouchpointInput } from '../engine/journey/index.ts';
import { correlationStatus } from './correlationStatus.ts';
import type { ScenarioStore } from './scenarios.svelte.ts';
import type { ComputeClient } from './simulationPool.ts';

/** The other scenario: its name, simulation and target, and its rows and settings (to list what differs). */
export interface ComparedScenario { name: string; simulation: SimulationResult; target: number; rows: TouchpointInput[]; settings: Settings }

export class ScenarioComparison {
  otherId = $state('');
  other = $state.raw<ComparedScenario | null>(null);
  problem = $state('');

  constructor(private readonly store: ScenarioStore, private readonly pool: ComputeClient) {}

  /** Chooses the scenario `id` ('' for none) and simulates it. */
  async compare(id: string): Promise<void> {
    this.otherId = id;
    this.other = null;
    this.problem = '';
    if (!id) return;
    const payload = await this.store.loadPayload(id);
    if (typeof payload === 'string') { this.problem = payload; return; }
    const { touchpoints, problems } = coerceJourney(payload.rows);
    if (problems.length) { this.problem = `"${payload.name}" has problems to fix first: ${problems[0].message}`; return; }
    // Its correlations too, as the open scenario's are (none while they cannot be used).
    const { usable } = correlationStatus(payload.correlations, touchpoints.map((t) => t.id));
    const reply = await this.pool.compute(touchpoints, payload.settings, undefined, usable.length ? { correlations: usable } : {});
    if (!reply) return; // another scenario was chosen meanwhile
    if (!reply.ok) { this.problem = reply.message; return; }
    this.other = { name: payload.name, simulation: reply.simulation, target: payload.settings.target, rows: payload.rows, settings: payload.settings };
  }

  /** Opening the scenario being compared with leaves nothing to compare it with. */
  opened(openId: string | undefined): void {
    if (this.otherId && this.otherId === openId) {
      this.otherId = '';
      this.other = null;
      this.problem = '';
    }
  }
}
