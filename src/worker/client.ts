/**
 * The main thread's one way to the engine worker. Every request carries an id; a reply to
 * anything but the newest request is dropped. A synchronous simulation cannot hear a "stop"
 * message, so when a newer request arrives while a long run (over 300 ms) is still going, the
 * worker is terminated and a fresh one started: the old answer would be thrown away anyway.
 */
import * as Comlink from 'comlink';
import type { Settings, Touchpoint } from '../engine/types.ts';
import type { ComputeReply, EngineWorkerApi } from './protocol.ts';

const RESTART_AFTER_MS = 300;

export class EngineClient {
  private worker: Worker | undefined;
  private api: Comlink.Remote<EngineWorkerApi> | undefined;
  private latest = 0;
  private runningSince: number | undefined;

  private ensure(): Comlink.Remote<EngineWorkerApi> {
    if (!this.api) {
      this.worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
      this.api = Comlink.wrap<EngineWorkerApi>(this.worker);
    }
    return this.api;
  }

  /** Stops the worker (and so any run in it); the next request starts a new one. */
  restart(): void {
    this.api?.[Comlink.releaseProxy]();
    this.worker?.terminate();
    this.worker = undefined;
    this.api = undefined;
    this.runningSince = undefined;
  }

  /**
   * Computes PERT and the simulation; resolves with the reply, or with undefined when a newer
   * request has superseded this one.
   */
  async compute(touchpoints: Touchpoint[], settings: Settings, onProgress?: (completed: number, total: number) => void): Promise<ComputeReply | undefined> {
    const requestId = ++this.latest;
    if (this.runningSince !== undefined && performance.now() - this.runningSince > RESTART_AFTER_MS) this.restart();
    const api = this.ensure();
    this.runningSince = performance.now();
    try {
      const reply = await api.compute(
        { requestId, touchpoints, settings: { ...settings } },
        onProgress ? Comlink.proxy((completed: number, total: number) => { if (requestId === this.latest) onProgress(completed, total); }) : undefined,
      );
      if (requestId === this.latest) this.runningSince = undefined;
      return requestId === this.latest ? reply : undefined;
    } catch (error) {
      if (requestId !== this.latest) return undefined;
      this.runningSince = undefined;
      return { requestId, ok: false, message: `The engine stopped unexpectedly (${(error as Error).message}); edit a cell to try again.` };
    }
  }
}
