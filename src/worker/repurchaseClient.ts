/**
 * The page's way to refit the repeat-buying models when a person changes the calibration end,
 * unit, horizon or discount. Fits run in a worker of their own, so the page stays responsive
 * and the journey's simulation is never queued behind them. A fit cannot hear "stop" while it
 * runs, so a newer request (or Cancel) ends the worker and, for a newer request, starts a
 * fresh one; an answer to anything but the newest request is dropped.
 */
import * as Comlink from 'comlink';
import type { RepurchaseInput, RepurchaseReport, RepurchaseSettings } from '../engine/repurchase/index.ts';
import { unpackRepurchaseReport } from '../engine/repurchase/index.ts';
import type { EngineWorkerApi } from './protocol.ts';

export type RepurchaseResult = RepurchaseReport | { ok: false; message: string };

export class RepurchaseClient {
  private worker: Worker | undefined;
  private api: Comlink.Remote<EngineWorkerApi> | undefined;
  private latest = 0;
  private running = false;

  /** The report for `settings`, or undefined when a newer request or cancel() superseded it. */
  async fit(input: RepurchaseInput, settings: RepurchaseSettings): Promise<RepurchaseResult | undefined> {
    const id = ++this.latest;
    if (this.running) this.stop();
    if (!this.worker) {
      this.worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
      this.api = Comlink.wrap<EngineWorkerApi>(this.worker);
    }
    this.running = true;
    try {
      const result = await this.api!.repurchase(input, settings);
      if (id !== this.latest) return undefined;
      return 'report' in result ? unpackRepurchaseReport(result) : result;
    } catch (error) {
      return id === this.latest ? { ok: false, message: `The models stopped unexpectedly (${(error as Error).message}); try again.` } : undefined;
    } finally {
      if (id === this.latest) this.running = false;
    }
  }

  /** Abandons the running fit, if any; its answer will be dropped. */
  cancel(): void {
    this.latest++;
    if (this.running) this.stop();
    this.running = false;
  }

  private stop(): void {
    this.api?.[Comlink.releaseProxy]();
    this.worker?.terminate();
    this.worker = undefined;
    this.api = undefined;
  }
}
