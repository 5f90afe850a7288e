/**
 * Live results: sends the validated journey and settings to the engine worker (debounced) and
 * keeps the newest answer. While the journey has problems or a newer run is pending, the last
 * good results stay on screen, marked stale. The decisions (send or not, after how long, stale
 * or not, keep a reply or drop it) are the plain functions below; the class only holds state.
 */
import { untrack } from 'svelte';
import type { PertAnalysis, Problem, Settings, SimulationResult, Touchpoint } from '../engine/types.ts';
import { EngineClient } from '../worker/client.ts';
import type { ComputeReply } from '../worker/protocol.ts';

/** Quiet time after an edit before a run starts: a burst of keystrokes or a fill is one run. */
export const DEBOUNCE_MS = 40;

/**
 * What the results depend on: the validated touchpoints by identity (a new array after every
 * edit of the rows) and the settings that change the figures. An edit that restores an earlier
 * journey gives a new array and so one extra, harmless run.
 */
export interface RequestKey { touchpoints: readonly Touchpoint[]; settings: string }

/** The journey as it is now: a key to compute, or 'problems' when it cannot be computed. */
export type Wanted = RequestKey | 'problems';

export function requestKey(touchpoints: readonly Touchpoint[], settings: Settings): RequestKey {
  return { touchpoints, settings: `${settings.target}|${settings.iterations}|${settings.seed}` };
}

/** The key of the journey as it is now: 'problems' while it has any (nothing may be computed then). */
export function wantedKey(touchpoints: readonly Touchpoint[], problems: readonly Problem[], settings: Settings): Wanted {
  return problems.length > 0 ? 'problems' : requestKey(touchpoints, settings);
}

export function sameKey(x: Wanted | undefined, y: Wanted | undefined): boolean {
  if (x === undefined || y === undefined || x === 'problems' || y === 'problems') return false;
  return x.touchpoints === y.touchpoints && x.settings === y.settings;
}

/** What is on screen now. */
export interface Shown { key: RequestKey | undefined; hasResults: boolean; failed: boolean }

export interface Plan {
  /** Whether to start a run (after `delay` ms). */
  send: boolean;
  delay: number;
  /** Whether the results on screen no longer describe the journey as it is. */
  stale: boolean;
  /** Whether a reply to a run already under way is to be ignored when it comes. */
  dropInFlight: boolean;
}

/**
 * What to do when the journey or settings change: nothing while the journey has problems (the
 * last good results stay, stale, and a run under way may still bring newer good ones); nothing
 * when the shown results already describe it (a run under way is then for an edit since undone,
 * and its answer is dropped); otherwise a run, at once for the first results and debounced after
 * that. A failed run is retried on the next change even when the key is the same.
 */
export function planUpdate(wanted: Wanted, shown: Shown): Plan {
  if (wanted === 'problems') return { send: false, delay: 0, stale: shown.hasResults, dropInFlight: false };
  if (sameKey(wanted, shown.key) && !shown.failed) return { send: false, delay: 0, stale: false, dropInFlight: true };
  return { send: true, delay: shown.hasResults ? DEBOUNCE_MS : 0, stale: shown.hasResults, dropInFlight: true };
}

/**
 * Whether a reply is kept: only the answer to the newest request sent. A reply to an older one
 * describes a journey that has since changed.
 */
export function acceptReply(requestNumber: number, newestSent: number): boolean {
  return requestNumber === newestSent;
}

/**
 * Whether results for `replied` are stale on arrival: they are when the journey changed since
 * (including into one with problems — the results are still the last good ones, shown dimmed).
 */
export function staleOnArrival(wanted: Wanted | undefined, replied: RequestKey): boolean {
  return !sameKey(wanted, replied);
}

/** The part of the engine client the computation needs (a fake one in tests). */
export interface ComputeClient {
  compute(touchpoints: Touchpoint[], settings: Settings, onProgress?: (completed: number, total: number) => void): Promise<ComputeReply | undefined>;
}

export class Computation {
  pert = $state.raw<PertAnalysis | null>(null);
  simulation = $state.raw<SimulationResult | null>(null);
  running = $state(false);
  /** Share of the current run done, 0..1. */
  progress = $state(0);
  error = $state('');
  /** True while the shown results do not belong to the journey as it is now. */
  stale = $state(false);
  /** Incremented each time new results arrive (tests and benchmarks wait on it). */
  version = $state(0);

  private timer: ReturnType<typeof setTimeout> | undefined;
  private shownKey: RequestKey | undefined;
  private wanted: Wanted | undefined;
  private sent = 0;

  constructor(private readonly client: ComputeClient = new EngineClient()) {}

  /**
   * Called whenever the journey or settings change. Reads its own state untracked, so an effect
   * calling it depends only on what it passes in.
   */
  update(touchpoints: Touchpoint[], problems: Problem[], settings: Settings): void {
    untrack(() => {
      clearTimeout(this.timer);
      this.wanted = wantedKey(touchpoints, problems, settings);
      const plan = planUpdate(this.wanted, { key: this.shownKey, hasResults: this.pert !== null, failed: this.error !== '' });
      this.stale = plan.stale;
      if (plan.dropInFlight) this.sent++;
      if (!plan.send) { this.running = false; return; }
      const key = this.wanted as RequestKey;
      const copy = { ...settings };
      this.timer = setTimeout(() => void this.run(touchpoints, copy, key), plan.delay);
    });
  }

  private async run(touchpoints: Touchpoint[], settings: Settings, key: RequestKey): Promise<void> {
    const requestNumber = ++this.sent;
    this.running = true;
    this.progress = 0;
    const reply = await this.client.compute(touchpoints, settings, (completed, total) => {
      if (acceptReply(requestNumber, this.sent)) this.progress = completed / total;
    });
    if (!reply || !acceptReply(requestNumber, this.sent)) return; // a newer request is on its way
    this.running = false;
    if (!reply.ok) { this.error = reply.message; return; }
    this.error = '';
    this.pert = reply.pert;
    this.simulation = reply.simulation;
    this.shownKey = key;
    this.stale = staleOnArrival(this.wanted, key);
    this.version++;
  }
}
