/**
 * Live results: sends the validated journey, settings and correlations to the compute
 * service's journey pool (debounced) and keeps its answers. When asked to, it then works out
 * "where to improve" for the results on screen as a second, slower request, so the figures
 * never wait for it. While the journey has problems or a newer run is pending, the last good
 * results stay on screen, marked stale. The decisions (send or not, after how long, stale or
 * not) are the plain functions below; the class only holds state. Which answer is the newest
 * is the pool's to say (a stale one comes back undefined): nothing here counts requests.
 */
import { untrack } from 'svelte';
import type { Correlation, Improvement, PertAnalysis, Problem, Settings, SimulationResult, Touchpoint } from '../engine/journey/index.ts';
import { batchPlan } from '../engine/montecarlo/index.ts';
import type { ComputeExtras, ComputeReply } from '../worker/protocol.ts';
import type { ComputeClient } from './simulationPool.ts';

export type { ComputeClient, ComputeExtras };

/** Quiet time after an edit before a run starts: a burst of keystrokes or a fill is one run. */
export const DEBOUNCE_MS = 40;

/**
 * Quiet time after new figures before "where to improve" is asked for. It is several runs'
 * work; asked for at once, it would hold the worker while a person is still typing.
 */
export const IMPROVE_AFTER_MS = 250;

/**
 * What the results depend on: the validated touchpoints by identity (a new array after every
 * edit of the rows) and the settings that change the figures. An edit that restores an earlier
 * journey gives a new array and so one extra, harmless run.
 */
export interface RequestKey { touchpoints: readonly Touchpoint[]; settings: string }

/** The journey as it is now: a key to compute, or 'problems' when it cannot be computed. */
export type Wanted = RequestKey | 'problems';

export function requestKey(touchpoints: readonly Touchpoint[], settings: Settings, correlations: readonly Correlation[] = []): RequestKey {
  const correlated = correlations.length ? `|${JSON.stringify(correlations.map((c) => [c.ids, c.rho]))}` : '';
  return { touchpoints, settings: `${settings.target}|${settings.iterations}|${settings.seed}${correlated}` };
}

/** The key of the journey as it is now: 'problems' while it has any (nothing may be computed then). */
export function wantedKey(touchpoints: readonly Touchpoint[], problems: readonly Problem[], settings: Settings, correlations: readonly Correlation[] = []): Wanted {
  return problems.length > 0 ? 'problems' : requestKey(touchpoints, settings, correlations);
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
  /** Whether the answer to a run already under way is no longer wanted (the pool is told to drop it). */
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
 * Whether results for `replied` are stale on arrival: they are when the journey changed since
 * (including into one with problems — the results are still the last good ones, shown dimmed).
 */
export function staleOnArrival(wanted: Wanted | undefined, replied: RequestKey): boolean {
  return !sameKey(wanted, replied);
}

/** Whether a (fresh) improvement reply is kept: only while the results it was computed for are the ones shown. */
export function acceptImprovement(forKey: RequestKey, shown: RequestKey | undefined): boolean {
  return sameKey(forKey, shown);
}

export class Computation {
  pert = $state.raw<PertAnalysis | null>(null);
  simulation = $state.raw<SimulationResult | null>(null);
  /** The touchpoints the shown results were computed for (the same array `update` was given), in the results' order. */
  shownTouchpoints = $state.raw<readonly Touchpoint[] | null>(null);
  running = $state(false);
  /** The run under way is one too big for one Latin hypercube, run in batches (it can be stopped part way). */
  batched = $state(false);
  /** Share of the current run done, 0..1. */
  progress = $state(0);
  error = $state('');
  /** True while the shown results do not belong to the journey as it is now. */
  stale = $state(false);
  /** Incremented each time new results arrive (tests and benchmarks wait on it). */
  version = $state(0);
  /** Where to improve, for the results shown (or the last ones, while `improvementStale`). */
  improvement = $state.raw<Improvement[] | undefined>(undefined);
  improving = $state(false);
  improvementStale = $state(false);
  improvementError = $state('');

  private timer: ReturnType<typeof setTimeout> | undefined;
  private improveTimer: ReturnType<typeof setTimeout> | undefined;
  private shownKey: RequestKey | undefined;
  private wanted: Wanted | undefined;
  /** The figures request under way, if any (an improvement request is never in this). */
  private figuresRequest: object | undefined;
  /** What the figures request under way is for, and the run whose partial figures are on screen. */
  private runKey: RequestKey | undefined;
  private partialKey: RequestKey | undefined;

  /**
   * `improvementFactor` (e.g. 0.9: times 10% shorter) turns on the follow-up "where to
   * improve" request after each new set of results; without it only the figures are computed.
   */
  constructor(private readonly client: ComputeClient, readonly improvementFactor?: number) {}

  /**
   * Called whenever the journey or settings change. Reads its own state untracked, so an effect
   * calling it depends only on what it passes in.
   */
  update(touchpoints: Touchpoint[], problems: Problem[], settings: Settings, correlations: Correlation[] = []): void {
    untrack(() => {
      clearTimeout(this.timer);
      this.wanted = wantedKey(touchpoints, problems, settings, correlations);
      const plan = planUpdate(this.wanted, { key: this.shownKey, hasResults: this.pert !== null, failed: this.error !== '' });
      this.stale = plan.stale;
      this.improvementStale = plan.stale || (this.improvement !== undefined && this.improving);
      // Only the figures under way are unwanted: an improvement for the results shown still fits them.
      if (plan.dropInFlight && this.figuresRequest) this.client.supersede();
      if (!plan.send) { this.running = false; return; }
      clearTimeout(this.improveTimer);
      const key = this.wanted as RequestKey;
      const copy = { ...settings };
      this.timer = setTimeout(() => void this.run(touchpoints, copy, correlations, key), plan.delay);
    });
  }

  private async run(touchpoints: Touchpoint[], settings: Settings, correlations: Correlation[], key: RequestKey): Promise<void> {
    this.running = true;
    this.batched = batchPlan(touchpoints.length, settings.iterations) !== undefined;
    this.progress = 0;
    const extras: ComputeExtras = correlations.length ? { correlations } : {};
    const request = {};
    this.figuresRequest = request;
    this.runKey = key;
    const reply = await this.client.compute(
      touchpoints, settings, (completed, total) => { this.progress = completed / total; }, extras,
      (partial) => { if (this.figuresRequest === request) { this.show(partial, key); this.partialKey = key; } },
    );
    if (this.figuresRequest === request) this.figuresRequest = undefined;
    if (!reply) return; // stale: a newer request is on its way, or the run was stopped
    this.running = false;
    if (!reply.ok) { this.error = reply.message; return; }
    this.show(reply, key);
    this.shownKey = key;
    if (this.improvementFactor !== undefined) {
      clearTimeout(this.improveTimer);
      this.improving = true;
      this.improvementStale = this.improvement !== undefined;
      this.improveTimer = setTimeout(() => void this.improve(touchpoints, settings, extras, key), IMPROVE_AFTER_MS);
    }
  }

  /**
   * Figures on screen: the run's, or those of the part of a long run done so far (which is
   * marked partial by the figures themselves: complete is false).
   */
  private show(reply: Extract<ComputeReply, { ok: true }>, key: RequestKey): void {
    this.error = '';
    this.pert = reply.pert;
    this.simulation = reply.simulation;
    this.shownTouchpoints = key.touchpoints;
    this.stale = staleOnArrival(this.wanted, key);
    this.version++;
  }

  /**
   * Stops the run under way: the figures of the part done so far (a long run shows them as it
   * goes) stay on screen as the results, marked partial, until the journey or settings change.
   */
  stop(): void {
    if (!this.running || !this.figuresRequest) return;
    this.client.supersede();
    this.figuresRequest = undefined;
    this.running = false;
    // With figures of this run on screen they are the results for it; else the last ones stay, stale.
    if (this.partialKey === this.runKey && this.runKey && sameKey(this.runKey, this.wanted)) this.shownKey = this.runKey;
  }

  /** The follow-up request for "where to improve" on the results just shown. */
  private async improve(touchpoints: Touchpoint[], settings: Settings, extras: ComputeExtras, key: RequestKey): Promise<void> {
    this.improving = true;
    this.improvementStale = this.improvement !== undefined;
    const reply = await this.client.compute(touchpoints, settings, undefined, { ...extras, improvement: { factor: this.improvementFactor! } });
    // Superseded by a run for a newer edit: nothing is being worked out until its figures arrive
    // (they come after this answer, from the same worker, and ask for the next improvement).
    if (!reply) { this.improving = false; return; }
    if (!acceptImprovement(key, this.shownKey)) return;
    this.improving = false;
    if (!reply.ok) { this.improvementError = reply.message; return; }
    this.improvementError = '';
    this.improvement = reply.simulation.improvement;
    this.improvementStale = this.stale;
  }
}
