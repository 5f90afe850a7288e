/**
 * The main thread's one way to the engine workers. Every request carries an id; a reply to
 * anything but the newest request is dropped. Big runs are split across a small pool of
 * workers (one per core but one, left for the page; at most 4) on block boundaries; the engine's
 * random streams make the pooled result identical to a single worker's (see
 * simulateCompletion.ts). A synchronous simulation cannot hear a "stop" message, so when a
 * newer request arrives while a long run (over 300 ms) is still going, the workers are
 * terminated and fresh ones started: the old answer would be thrown away anyway.
 */
import * as Comlink from 'comlink';
import { BLOCK_SIZE } from '../engine/montecarlo/index.ts';
import type { AnomalyThresholds } from '../engine/customers/index.ts';
import type { CleaningRules } from '../engine/customers/index.ts';
import type { CustomerReport } from '../engine/customers/index.ts';
import type { ImportPlan } from '../engine/csv/index.ts';
import type { Dataset } from '../engine/csv/index.ts';
import type { Improvement, Settings, Touchpoint } from '../engine/journey/index.ts';
import { packRequest } from './protocol.ts';
import type { ComputeExtras, ComputeReply, ComputeRequest, EngineWorkerApi, ImportReply } from './protocol.ts';

const RESTART_AFTER_MS = 300;
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

interface PoolWorker { worker: Worker; api: Comlink.Remote<EngineWorkerApi> }

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

export class EngineClient {
  private workers: PoolWorker[] = [];
  /**
   * The last finished run: a request for the same touchpoints (the same array), settings and
   * extras that adds `improvement` computes only the improvement against it — same seed, same
   * draws, so the answer is the one a whole new run would give.
   */
  private lastRun: { touchpoints: Touchpoint[]; key: string; reply: Extract<ComputeReply, { ok: true }> } | undefined;
  private latest = 0;
  private runningSince: number | undefined;

  private ensure(count: number): PoolWorker[] {
    while (this.workers.length < count) {
      const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
      this.workers.push({ worker, api: Comlink.wrap<EngineWorkerApi>(worker) });
    }
    return this.workers.slice(0, count);
  }

  /** Stops every worker (and so any run); the next request starts new ones. */
  restart(): void {
    for (const { worker, api } of this.workers) {
      api[Comlink.releaseProxy]();
      worker.terminate();
    }
    this.workers = [];
    this.runningSince = undefined;
  }

  /**
   * Computes PERT and the simulation — with correlations, where to improve and reach
   * percentiles when `extras` asks for them; resolves with the reply, or with undefined when a
   * newer request has superseded this one.
   */
  async compute(
    touchpoints: Touchpoint[], settings: Settings, onProgress?: (completed: number, total: number) => void, extras: ComputeExtras = {},
  ): Promise<ComputeReply | undefined> {
    const requestId = ++this.latest;
    if (this.runningSince !== undefined && performance.now() - this.runningSince > RESTART_AFTER_MS) this.restart();
    this.runningSince = performance.now();
    const request: ComputeRequest = { requestId, touchpoints, settings: { ...settings }, ...extras };
    const message = packRequest(request);
    const ranges = touchpoints.length * settings.iterations >= POOL_THRESHOLD ? splitIterations(settings.iterations, poolSize()) : [];
    const key = runKey(settings, extras);
    const last = this.lastRun;
    try {
      if (last && canReuseRun(last, touchpoints, settings, extras)) {
        const [single] = this.ensure(1);
        const improvement = await single.api.improve(message, last.reply.simulation.criticality);
        if (requestId !== this.latest) return undefined;
        this.runningSince = undefined;
        if (!Array.isArray(improvement)) return { requestId, ok: false, message: improvement.message };
        return { ...last.reply, requestId, simulation: { ...last.reply.simulation, improvement } };
      }
      let reply: ComputeReply;
      if (ranges.length > 1) {
        const pool = this.ensure(ranges.length);
        const chunks = await Promise.all(ranges.map(([from, to], k) => pool[k].api.simulateRange(message, from, to)));
        if (requestId !== this.latest) return undefined;
        reply = await pool[0].api.summarize(message, Comlink.transfer(chunks, chunks.flatMap((c) => [
          c.finish.buffer, c.criticalCounts.buffer, c.finishSums.buffer, ...(c.reach ? [c.reach.buffer] : []),
        ] as ArrayBuffer[])));
        // Where to improve needs the whole run's criticality first: a follow-up in one worker.
        if (reply.ok && request.improvement && requestId === this.latest) {
          const improvement = await pool[0].api.improve(message, reply.simulation.criticality);
          if (Array.isArray(improvement)) reply.simulation.improvement = improvement;
        }
      } else {
        const [single] = this.ensure(1);
        reply = await single.api.compute(
          message,
          onProgress ? Comlink.proxy((completed: number, total: number) => { if (requestId === this.latest) onProgress(completed, total); }) : undefined,
        );
      }
      if (requestId !== this.latest) return undefined;
      this.runningSince = undefined;
      if (reply.ok && reply.simulation.complete) this.lastRun = { touchpoints, key, reply };
      return reply;
    } catch (error) {
      if (requestId !== this.latest) return undefined;
      this.runningSince = undefined;
      return { requestId, ok: false, message: `The engine stopped unexpectedly (${(error as Error).message}); edit a cell to try again.` };
    }
  }

  /**
   * Streams a customer file in a worker of its own, reporting the share read. `cancel` stops it
   * at once (the worker is terminated) and `result` then resolves with undefined.
   */
  static importCustomers(
    file: Blob | string, plan: ImportPlan, thresholds: AnomalyThresholds | undefined, onProgress: (fraction: number) => void,
    store?: { name: string; fileName: string }, cleaning?: CleaningRules,
  ): { result: Promise<ImportReply | undefined>; cancel: () => void } {
    const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
    const api = Comlink.wrap<EngineWorkerApi>(worker);
    let cancelled = false;
    let stop: (() => void) | undefined;
    const stopped = new Promise<undefined>((resolve) => { stop = () => resolve(undefined); });
    const finish = () => { api[Comlink.releaseProxy](); worker.terminate(); };
    const work = api.importCustomers(file, plan, thresholds, Comlink.proxy((fraction: number) => { if (!cancelled) onProgress(fraction); }), store, cleaning)
      .catch((error: Error): ImportReply => ({ report: { ok: false, message: `The file could not be read: ${error.message}` }, dataset: undefined, stored: {} }));
    const result = Promise.race([work, stopped]).finally(finish);
    return { result, cancel: () => { cancelled = true; stop?.(); } };
  }

  /** The report of a stored dataset, with these thresholds and cleaning rules, in a worker of its own. */
  static async analyzeDataset(dataset: Dataset, thresholds?: AnomalyThresholds, cleaning?: CleaningRules): Promise<CustomerReport> {
    const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
    const api = Comlink.wrap<EngineWorkerApi>(worker);
    try {
      return await api.analyzeDataset(dataset, thresholds, cleaning);
    } finally {
      api[Comlink.releaseProxy]();
      worker.terminate();
    }
  }

  /**
   * Where to improve as a follow-up to a finished run: pass the same touchpoints, settings and
   * extras (with `improvement`) and the run's criticality. Resolves with the ranking, with a
   * message when it could not be computed, or with undefined when a newer compute request has
   * started meanwhile (the ranking would belong to an older journey).
   */
  async improve(
    touchpoints: Touchpoint[], settings: Settings, criticality: Float64Array,
    extras: ComputeExtras & { improvement: NonNullable<ComputeExtras['improvement']> },
  ): Promise<Improvement[] | { ok: false; message: string } | undefined> {
    const startedAfter = this.latest;
    const [single] = this.ensure(1);
    const request: ComputeRequest = { requestId: startedAfter, touchpoints, settings: { ...settings }, ...extras };
    try {
      const result = await single.api.improve(packRequest(request), criticality);
      return this.latest === startedAfter ? result : undefined;
    } catch (error) {
      if (this.latest !== startedAfter) return undefined;
      return { ok: false, message: `The engine stopped unexpectedly (${(error as Error).message}); edit a cell to try again.` };
    }
  }
}
