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
import { BLOCK_SIZE } from '../engine/simulateCompletion.ts';
import type { CustomerReport } from '../engine/customerReport.ts';
import type { DateFormat } from '../engine/dates.ts';
import type { Improvement, Settings, Touchpoint } from '../engine/types.ts';
import { packRequest } from './protocol.ts';
import type { ComputeExtras, ComputeReply, ComputeRequest, EngineWorkerApi } from './protocol.ts';

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

export class EngineClient {
  private workers: PoolWorker[] = [];
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
    try {
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
      return reply;
    } catch (error) {
      if (requestId !== this.latest) return undefined;
      this.runningSince = undefined;
      return { requestId, ok: false, message: `The engine stopped unexpectedly (${(error as Error).message}); edit a cell to try again.` };
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

  /** Analyses a customer file in a worker of its own (a long import never blocks the journey's runs). */
  static async analyzeCustomers(file: Blob | string, dateFormat?: DateFormat): Promise<CustomerReport> {
    const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
    const api = Comlink.wrap<EngineWorkerApi>(worker);
    try {
      return await api.analyzeCustomers(file, dateFormat);
    } finally {
      api[Comlink.releaseProxy]();
      worker.terminate();
    }
  }
}
