/**
 * Live results: sends the validated journey and settings to the engine worker (debounced) and
 * keeps the newest answer. While the journey has problems or a newer run is pending, the last
 * good results stay on screen, marked stale.
 */
import type { PertAnalysis, Problem, Settings, SimulationResult, Touchpoint } from '../engine/types.ts';
import { EngineClient } from '../worker/client.ts';

export const DEBOUNCE_MS = 40;

/**
 * A key that changes when the computation's inputs change: the validated touchpoints by
 * identity (a new array after every edit of the rows) and the settings that matter. An edit that
 * restores an earlier journey gives a new array and so one extra, harmless run.
 */
export function requestKey(touchpoints: readonly Touchpoint[], settings: Settings): { touchpoints: readonly Touchpoint[]; settings: string } {
  return { touchpoints, settings: `${settings.target}|${settings.iterations}|${settings.seed}` };
}

function sameKey(x: ReturnType<typeof requestKey> | undefined, y: ReturnType<typeof requestKey>): boolean {
  return x !== undefined && x.touchpoints === y.touchpoints && x.settings === y.settings;
}

export class Computation {
  pert = $state.raw<PertAnalysis | null>(null);
  simulation = $state.raw<SimulationResult | null>(null);
  running = $state(false);
  progress = $state(0);
  error = $state('');
  /** True while the shown results do not belong to the journey as it is now. */
  stale = $state(false);
  /** Incremented each time new results arrive (tests and benchmarks wait on it). */
  version = $state(0);

  private client = new EngineClient();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private shownKey: ReturnType<typeof requestKey> | undefined;

  /** Called whenever the journey or settings change. */
  update(touchpoints: Touchpoint[], problems: Problem[], settings: Settings): void {
    clearTimeout(this.timer);
    if (problems.length > 0) {
      this.stale = this.pert !== null;
      this.running = false;
      return;
    }
    const key = requestKey(touchpoints, settings);
    if (sameKey(this.shownKey, key) && !this.error) { this.stale = false; return; }
    this.stale = this.pert !== null;
    this.timer = setTimeout(() => void this.run(touchpoints, settings, key), this.pert ? DEBOUNCE_MS : 0);
  }

  private async run(touchpoints: Touchpoint[], settings: Settings, key: ReturnType<typeof requestKey>): Promise<void> {
    this.running = true;
    this.progress = 0;
    const reply = await this.client.compute(touchpoints, settings, (completed, total) => { this.progress = completed / total; });
    if (!reply) return; // superseded by a newer request
    this.running = false;
    if (!reply.ok) { this.error = reply.message; return; }
    this.error = '';
    this.pert = reply.pert;
    this.simulation = reply.simulation;
    this.shownKey = key;
    this.stale = false;
    this.version++;
  }
}
