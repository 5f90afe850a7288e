/**
 * Simulations in a small pool of engine workers, one lane of requests (see lane.ts): a reply
 * to anything but the pool's newest request resolves as undefined. Big runs are split across
 * the pool (one worker per core but one, left for the page; at most 4) on block boundaries; the
 * engine's random streams make the pooled result identical to a single worker's (see
 * simulateCompletion.ts). A synchronous simulation cannot hear a "stop" message, so when a newer
 * request arrives while a long run (over 300 ms) is still going, the workers are terminated and
 * fresh ones started: the old answer would be thrown away anyway.
 *
 * A run too big for one Latin hypercube (engine/montecarlo/batches.ts) is driven from here in
 * calls of about CALL_SAMPLES samples each, shared among the workers: after each call the pool
 * adds the batches that came back to the run's totals, reports progress, and after
 * PARTIAL_EVERY_MS (then twice as long each time) hands the results of the batches so far to
 * `onPartial`, so a run of minutes shows figures within seconds and can be stopped (supersede)
 * between calls.
 */
import { addBatch, batchPlan, BLOCK_SIZE, emptyTotals } from '../engine/montecarlo/index.ts';
import type { BatchPlan, BatchSummary } from '../engine/montecarlo/index.ts';
import type { Settings, Touchpoint } from '../engine/journey/index.ts';
import { packRequest } from '../worker/protocol.ts';
import type { ComputeExtras, ComputeMessage, ComputeReply, ComputeRequest, EngineWorker } from '../worker/protocol.ts';
import { Lane } from './lane.ts';

const RESTART_AFTER_MS = 300;
/** Samples (touchpoints × iterations) a worker simulates per call of a run in batches: about a second's work. */
export const CALL_SAMPLES = 30_000_000;
/** How soon a run in batches first shows the results of the batches done so far; the wait then doubles, up to MAX_PARTIAL_EVERY_MS. */
export const PARTIAL_EVERY_MS = 3_000;
export const MAX_PARTIAL_EVERY_MS = 24_000;
/** Below this many samples (touchpoints × iterations) one worker is faster than a pool. */
export const POOL_THRESHOLD = 2_000_000;

/** Splits [0, iterations) into up to `parts` ranges that start on block boundaries. */
export function splitIterations(iterations: number, parts: number): [number, number][] {
  const blocks = Math.ceil(iterations / BLOCK_SIZE);
  const count = Math.max(1, Math.min(parts, blocks));
  const ranges: [number, number][] = [];
  for (let k = 0; k < count; k++) {
    const from = Math.floor((blocks * k) / count) * BLOCK_SIZE;
    const to = Math.min(iterations, Math.floor((blocks * (k + 1)) / count) * BLOCK_SIZE);
    if (to > from) ranges.push([from, to]);
  }
  return ranges;
}

/**
 * Workers for a big run: one per core but one, at most 4. On a 2-core machine that is one
 * worker: measured there, two workers competing with the page were slower than one.
 */
export function poolSize(): number {
  const cores = typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency || 1;
  return Math.max(1, Math.min(4, cores - 1));
}

/** What must match for a follow-up "where to improve" to reuse a finished run (the touchpoints are compared by reference). */
export function runKey(settings: Settings, extras: ComputeExtras): string {
  return JSON.stringify([settings.target, settings.iterations, settings.seed, extras.correlations ?? [], extras.reachPercentiles ?? []]);
}

/**
 * Whether a request can be answered from the last finished run plus an improvement computed
 * against it: it asks for the improvement, and its touchpoints (the same array), settings and
 * extras are the run's.
 */
export function canReuseRun(
  last: { touchpoints: readonly Touchpoint[]; key: string } | undefined,
  touchpoints: readonly Touchpoint[], settings: Settings, extras: ComputeExtras,
): boolean {
  return extras.improvement !== undefined && last !== undefined && last.touchpoints === touchpoints && last.key === runKey(settings, extras);
}

/** The part of a pool the live computation needs (tests give it a pool over fake workers). */
export interface ComputeClient {
  /**
   * PERT and the simulation — with correlations, where to improve and reach percentiles when
   * `extras` asks for them; resolves with the reply, or with undefined when a newer request (or
   * `supersede`) has made this one stale.
   */
  compute(
    touchpoints: Touchpoint[], settings: Settings, onProgress?: (completed: number, total: number) => void, extras?: ComputeExtras,
    onPartial?: (reply: Extract<ComputeReply, { ok: true }>) => void,
  ): Promise<ComputeReply | undefined>;
  /** Makes the request under way stale: its answer will resolve as undefined. */
  supersede(): void;
}

export class SimulationPool implements ComputeClient {
  private workers: EngineWorker[] = [];
  private readonly lane = new Lane();
  /**
   * The last finished run: a request for the same touchpoints (the same array), settings and
   * extras that adds `improvement` computes only the improvement against it — same seed, same
   * draws, so the answer is the one a whole new run would give.
   */
  private lastRun: { touchpoints: Touchpoint[]; key: string; reply: Extract<ComputeReply, { ok: true }> } | undefined;
  private runningSince: number | undefined;

  constructor(
    private readonly start: () => EngineWorker, private readonly size: () => number = poolSize,
    private readonly partialEveryMs = PARTIAL_EVERY_MS,
  ) {}

  private ensure(count: number): EngineWorker[] {
    while (this.workers.length < count) this.workers.push(this.start());
    return this.workers.slice(0, count);
  }

  /** Stops every worker (and so any run); the next request starts new ones. */
  restart(): void {
    for (const worker of this.workers) worker.terminate();
    this.workers = [];
    this.runningSince = undefined;
  }

  supersede(): void {
    this.lane.supersede();
  }

  async compute(
    touchpoints: Touchpoint[], settings: Settings, onProgress?: (completed: number, total: number) => void, extras: ComputeExtras = {},
    onPartial?: (reply: Extract<ComputeReply, { ok: true }>) => void,
  ): Promise<ComputeReply | undefined> {
    const requestId = this.lane.next();
    if (this.runningSince !== undefined && performance.now() - this.runningSince > RESTART_AFTER_MS) this.restart();
    this.runningSince = performance.now();
    const request: ComputeRequest = { requestId, touchpoints, settings: { ...settings }, ...extras };
    const message = packRequest(request);
    const plan = batchPlan(touchpoints.length, settings.iterations);
    const ranges = !plan && touchpoints.length * settings.iterations >= POOL_THRESHOLD ? splitIterations(settings.iterations, this.size()) : [];
    const key = runKey(settings, extras);
    const last = this.lastRun;
    try {
      if (last && canReuseRun(last, touchpoints, settings, extras)) {
        const [single] = this.ensure(1);
        const improved = await single.improve(message, last.reply.simulation.criticality);
        if (!this.lane.isCurrent(improved.requestId)) return undefined;
        this.runningSince = undefined;
        if (!improved.ok) return { requestId, ok: false, message: improved.message };
        return { ...last.reply, requestId, simulation: { ...last.reply.simulation, improvement: improved.improvement } };
      }
      let reply: ComputeReply;
      if (plan) {
        const batched = await this.computeInBatches(requestId, message, touchpoints.length, plan, request.improvement !== undefined, onProgress, onPartial);
        if (!batched) return undefined;
        reply = batched;
      } else if (ranges.length > 1) {
        const pool = this.ensure(ranges.length);
        const chunks = await Promise.all(ranges.map(([from, to], k) => pool[k].simulateRange(message, from, to)));
        if (!this.lane.isCurrent(requestId)) return undefined;
        reply = await pool[0].summarize(message, chunks);
        // Where to improve needs the whole run's criticality first: a follow-up in one worker.
        if (reply.ok && request.improvement && this.lane.isCurrent(reply.requestId)) {
          const improved = await pool[0].improve(message, reply.simulation.criticality);
          if (improved.ok) reply.simulation.improvement = improved.improvement;
        }
      } else {
        const [single] = this.ensure(1);
        reply = await single.compute(
          message,
          onProgress && ((completed: number, total: number) => { if (this.lane.isCurrent(requestId)) onProgress(completed, total); }),
        );
      }
      if (!this.lane.isCurrent(reply.requestId)) return undefined;
      this.runningSince = undefined;
      if (reply.ok && reply.simulation.complete) this.lastRun = { touchpoints, key, reply };
      return reply;
    } catch (error) {
      if (!this.lane.isCurrent(requestId)) return undefined;
      this.runningSince = undefined;
      return { requestId, ok: false, message: `The engine stopped unexpectedly (${(error as Error).message}); edit a cell to try again.` };
    }
  }

  /**
   * A run in batches (see the module comment): calls of `step` batches shared among the
   * workers, the totals kept here in batch order, progress after each call and the results so
   * far every `partialEveryMs` (PARTIAL_EVERY_MS); undefined once the request is no longer the newest.
   */
  private async computeInBatches(
    requestId: number, message: ComputeMessage, touchpointCount: number, plan: BatchPlan, wantsImprovement: boolean,
    onProgress?: (completed: number, total: number) => void, onPartial?: (reply: Extract<ComputeReply, { ok: true }>) => void,
  ): Promise<ComputeReply | undefined> {
    const workers = this.ensure(Math.max(1, Math.min(this.size(), plan.count)));
    const step = Math.max(1, Math.round(CALL_SAMPLES / (plan.size * touchpointCount)));
    const totals = emptyTotals(touchpointCount, plan);
    const arrived = new Map<number, BatchSummary>();
    let next = 0;
    let lastPartial = performance.now();
    // Figures come soon, then less and less often: each showing costs the page a redraw.
    let partialEvery = this.partialEveryMs;
    const work = async (worker: EngineWorker) => {
      while (next < plan.count && this.lane.isCurrent(requestId)) {
        const from = next;
        next = Math.min(plan.count, next + step);
        const summaries = await worker.simulateBatches(message, from, next);
        if (!this.lane.isCurrent(requestId)) return;
        for (const summary of summaries) arrived.set(summary.batch, summary);
        for (let batch = totals.batches; arrived.has(batch); batch++) {
          addBatch(totals, arrived.get(batch)!);
          arrived.delete(batch);
        }
        onProgress?.(totals.iterations, plan.iterations);
        if (onPartial && totals.batches > 0 && totals.batches < plan.count && performance.now() - lastPartial >= partialEvery) {
          lastPartial = performance.now();
          partialEvery = Math.min(MAX_PARTIAL_EVERY_MS, 2 * partialEvery);
          const partial = await worker.summarizeBatches(message, totals);
          if (this.lane.isCurrent(requestId) && partial.ok) onPartial(partial);
        }
      }
    };
    await Promise.all(workers.map(work));
    if (!this.lane.isCurrent(requestId)) return undefined;
    const reply = await workers[0].summarizeBatches(message, totals);
    if (reply.ok && wantsImprovement && this.lane.isCurrent(reply.requestId)) {
      const improved = await workers[0].improve(message, reply.simulation.criticality);
      if (improved.ok) reply.simulation.improvement = improved.improvement;
    }
    return reply;
  }
}
