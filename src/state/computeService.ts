/**
 * The compute service: every engine worker the page uses, and so the only place the page's
 * state reaches the engine off the main thread (components and views never do). Each line of
 * work is a lane with its own workers, so one never queues behind another, and in each lane
 * only the answer to the newest request counts (lane.ts — the ids echoed back are compared
 * there and nowhere else):
 *
 * - `journey`: the notebook's live figures and "where to improve" (a pool, simulationPool.ts);
 * - `comparison`: another scenario, simulated to compare it with the open one;
 * - `reach`: the open journey with each touchpoint's finish-time percentiles (stalled journeys);
 * - `inspectCustomerFile`: the bounded head of a dropped customer file read for the mapping
 *   dialog (its encoding, header, preview), so the page never parses a long line itself;
 * - `importCustomers` / `analyzeDataset`: a customer file streamed, or stored columns analysed
 *   again, each in a worker of its own that ends with it (the file's memory goes with it);
 * - `refit`: the repeat-buying models refitted for new settings, in a worker kept for the next;
 * - `layoutNetwork`: the network laid out for drawing (full, or simplified above about a
 *   second's work), in a worker kept for the next, so no layout ever holds the page.
 *
 * Workers compute and return; storing what they return (a dataset in IndexedDB) is the
 * caller's job. `start` makes one worker; tests pass fakes.
 */
import type { AnomalyThresholds, CleaningRules, CustomerReport } from '../engine/customers/index.ts';
import type { Dataset, ImportPlan, TextEncoding } from '../engine/csv/index.ts';
import type { RepurchaseInput, RepurchaseSettings } from '../engine/repurchase/index.ts';
import { startEngineWorker } from '../worker/client.ts';
import type { AnalysisReply, EngineWorker, ImportReply, InspectReply, LayoutReply, Reply, RepurchaseReply, RepurchaseResult } from '../worker/protocol.ts';
import type { DrawingOptions } from '../views/networkDrawing.ts';
import { Lane } from './lane.ts';
import { SimulationPool } from './simulationPool.ts';

export type { RepurchaseResult };

/**
 * A lane served by one worker of its own. A newer request, or `cancel`, while one runs ends
 * that worker (a running call cannot hear "stop") and the older request resolves as undefined
 * at once. `keepWorker`: whether the worker stays for the next request or ends after each.
 */
class WorkerLane {
  private worker: EngineWorker | undefined;
  private busy = false;
  private abandon: (() => void) | undefined;
  private readonly lane = new Lane();

  constructor(private readonly start: () => EngineWorker, private readonly keepWorker: boolean) {}

  /** Runs `call` on the lane's worker; resolves with its reply, or undefined once a newer request or cancel() made it stale. */
  async run<R extends Reply>(call: (worker: EngineWorker, requestId: number) => Promise<R>, failed: (requestId: number, message: string) => R): Promise<R | undefined> {
    this.cancel();
    const requestId = this.lane.next();
    const worker = (this.worker ??= this.start());
    this.busy = true;
    const abandoned = new Promise<undefined>((resolve) => { this.abandon = () => resolve(undefined); });
    try {
      const work = call(worker, requestId).catch((error: Error) => failed(requestId, error.message));
      const reply = await Promise.race([work, abandoned]);
      return reply && this.lane.isCurrent(reply.requestId) ? reply : undefined;
    } finally {
      if (this.lane.isCurrent(requestId)) {
        this.busy = false;
        this.abandon = undefined;
        if (!this.keepWorker) this.end();
      }
    }
  }

  /**
   * Whether `requestId` is the lane's newest request and still unanswered: progress comes on a
   * channel of its own and may arrive after the reply, or after a newer request started.
   */
  live(requestId: number): boolean {
    return this.busy && this.lane.isCurrent(requestId);
  }

  /** Abandons the running request, if any: its answer will not be used. */
  cancel(): void {
    this.lane.supersede();
    this.abandon?.();
    this.abandon = undefined;
    if (this.busy) this.end();
    this.busy = false;
  }

  private end(): void {
    this.worker?.terminate();
    this.worker = undefined;
  }
}

export class ComputeService {
  readonly journey: SimulationPool;
  readonly comparison: SimulationPool;
  readonly reach: SimulationPool;
  private readonly inspections: WorkerLane;
  private readonly imports: WorkerLane;
  private readonly analyses: WorkerLane;
  private readonly refits: WorkerLane;
  private readonly layouts: WorkerLane;

  constructor(start: () => EngineWorker = startEngineWorker) {
    this.journey = new SimulationPool(start);
    this.comparison = new SimulationPool(start);
    this.reach = new SimulationPool(start);
    this.inspections = new WorkerLane(start, true);
    this.imports = new WorkerLane(start, false);
    this.analyses = new WorkerLane(start, false);
    this.refits = new WorkerLane(start, true);
    this.layouts = new WorkerLane(start, true);
  }

  /**
   * The network's drawing for inputs packed by packNetworkInputs; undefined when a newer layout
   * request superseded it (a running layout is then stopped with its worker).
   */
  layoutNetwork(packed: string, options: DrawingOptions): Promise<LayoutReply | undefined> {
    return this.layouts.run<LayoutReply>(
      (worker, requestId) => worker.layoutNetwork(requestId, packed, options),
      (requestId, message) => ({ requestId, ok: false, message: `The network could not be drawn: ${message}` }),
    );
  }

  /**
   * What the head of a customer file says, for the mapping dialog (read in `encoding` when
   * given); undefined when a newer inspection superseded it.
   */
  inspectCustomerFile(file: Blob, encoding?: TextEncoding): Promise<InspectReply | undefined> {
    return this.inspections.run<InspectReply>(
      (worker, requestId) => worker.inspectCustomerFile(requestId, file, encoding),
      (requestId, message) => ({ requestId, ok: false, message: `The file could not be read: ${message}` }),
    );
  }

  /**
   * Streams a customer file with a confirmed plan, reporting the share read: its report and its
   * columns (for the caller to store). Undefined when cancelled, or when a newer import started.
   */
  importCustomers(
    file: Blob | string, plan: ImportPlan, thresholds: AnomalyThresholds | undefined, cleaning: CleaningRules | undefined,
    onProgress: (fraction: number) => void,
  ): Promise<ImportReply | undefined> {
    return this.imports.run<ImportReply>(
      (worker, requestId) => worker.importCustomers(requestId, file, plan, thresholds, (fraction) => { if (this.imports.live(requestId)) onProgress(fraction); }, cleaning),
      (requestId, message) => ({ requestId, report: { ok: false, message: `The file could not be read: ${message}` }, dataset: undefined }),
    );
  }

  /** Stops the running import; its `importCustomers` resolves as undefined. */
  cancelImport(): void {
    this.imports.cancel();
  }

  /** The report of stored columns with these thresholds and cleaning rules; undefined when a newer analysis superseded it. */
  async analyzeDataset(dataset: Dataset, thresholds?: AnomalyThresholds, cleaning?: CleaningRules): Promise<CustomerReport | undefined> {
    const reply = await this.analyses.run<AnalysisReply>(
      (worker, requestId) => worker.analyzeDataset(requestId, dataset, thresholds, cleaning),
      (requestId, message) => ({ requestId, report: { ok: false, message: `The stored data could not be analysed: ${message}` } }),
    );
    return reply?.report;
  }

  /** The repeat-buying models refitted for `settings`; undefined when a newer refit or cancelRefit() superseded it. */
  async refit(input: RepurchaseInput, settings: RepurchaseSettings): Promise<RepurchaseResult | undefined> {
    const reply = await this.refits.run<RepurchaseReply>(
      (worker, requestId) => worker.repurchase(requestId, input, settings),
      (requestId, message) => ({ requestId, result: { ok: false, message: `The models stopped unexpectedly (${message}); try again.` } }),
    );
    return reply?.result;
  }

  /** Abandons the running refit, if any; its answer will be dropped. */
  cancelRefit(): void {
    this.refits.cancel();
  }
}
