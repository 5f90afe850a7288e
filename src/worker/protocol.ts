/**
 * Messages between the page and the engine workers. Every request carries a `requestId` and
 * every reply echoes it, so the page's compute service (src/state/computeService.ts) can tell
 * the answer to its newest request from a late one to an older request, in one place.
 */
import type { AnomalyThresholds } from '../engine/customers/index.ts';
import type { CleaningRules } from '../engine/customers/index.ts';
import type { CustomerReport } from '../engine/customers/index.ts';
import type { ImportPlan, Inspection, TextEncoding } from '../engine/csv/index.ts';
import type { Dataset } from '../engine/csv/index.ts';
import type { RepurchaseInput, RepurchaseReport, RepurchaseSettings } from '../engine/repurchase/index.ts';
import type { PackedRepurchaseReport } from '../engine/repurchase/index.ts';
import type { BatchSummary, BatchTotals, SimulationChunk } from '../engine/montecarlo/index.ts';
import type { Correlation, Improvement, PertAnalysis, Settings, SimulationResult, Touchpoint } from '../engine/journey/index.ts';
import type { DrawingOptions, NetworkDrawing } from '../views/networkDrawing.ts';

/** What a run may compute besides the plain simulation (see SimulationOptions). */
export interface ComputeExtras {
  /** Rank correlations between durations (validated by coerceCorrelations / checkCorrelations). */
  correlations?: Correlation[];
  /** Where to improve: each candidate's a/m/b scaled by `factor` (0.9 = 10% shorter). */
  improvement?: { factor: number; maxCandidates?: number };
  /** Per-touchpoint finish-time quantiles over the iterations in which it happens (e.g. [0.5, 0.95]). */
  reachPercentiles?: number[];
}

export interface ComputeRequest extends ComputeExtras {
  requestId: number;
  touchpoints: Touchpoint[];
  settings: Settings;
}

/**
 * A request as it crosses to a worker: the touchpoints as one JSON text. Copying one string is
 * several times cheaper for the page than structured-cloning a thousand touchpoint objects with
 * their dependency arrays (and a pool gets one copy per worker). Only journeys without problems
 * are sent, so every number is finite and survives JSON.
 */
export interface ComputeMessage extends ComputeExtras {
  requestId: number;
  touchpointsJson: string;
  settings: Settings;
}

export function packRequest({ touchpoints, ...rest }: ComputeRequest): ComputeMessage {
  return { ...rest, touchpointsJson: JSON.stringify(touchpoints) };
}

export function unpackRequest({ touchpointsJson, ...rest }: ComputeMessage): ComputeRequest {
  return { ...rest, touchpoints: JSON.parse(touchpointsJson) as Touchpoint[] };
}

/** A reply names the request it answers. */
export interface Reply { requestId: number }

export type ComputeReply =
  | { requestId: number; ok: true; pert: PertAnalysis; simulation: SimulationResult }
  | { requestId: number; ok: false; message: string };

/** Where to improve, computed as a follow-up to a finished run. */
export type ImproveReply =
  | { requestId: number; ok: true; improvement: Improvement[] }
  | { requestId: number; ok: false; message: string };

/** What the head of a customer file says (for the mapping dialog), or why it could not be read. */
export type InspectReply =
  | { requestId: number; ok: true; inspection: Inspection }
  | { requestId: number; ok: false; message: string };

/** A streamed import: its report and its columns (the page stores them). */
export interface ImportReply {
  requestId: number;
  report: CustomerReport;
  dataset: Dataset | undefined;
}

/** The analysis of a stored dataset. */
export interface AnalysisReply {
  requestId: number;
  report: CustomerReport;
}

export type RepurchaseResult = RepurchaseReport | { ok: false; message: string };

/** The network laid out for drawing (full or simplified), or why it could not be. */
export type LayoutReply =
  | { requestId: number; ok: true; drawing: NetworkDrawing }
  | { requestId: number; ok: false; message: string };

/** Refitted repeat-buying models, in columns for the trip (the client unpacks them). */
export interface PackedRepurchaseReply {
  requestId: number;
  result: PackedRepurchaseReport | { ok: false; message: string };
}

export interface RepurchaseReply {
  requestId: number;
  result: RepurchaseResult;
}

/** What the worker exposes (src/worker/engine.worker.ts). */
export interface EngineWorkerApi {
  /** PERT and the whole simulation in this worker. */
  compute(request: ComputeMessage, onProgress?: (completed: number, total: number) => void): Promise<ComputeReply>;
  /** Iterations [from, to) only, for a pool of workers. */
  simulateRange(request: ComputeMessage, from: number, to: number): Promise<SimulationChunk>;
  /** PERT and the statistics over chunks from simulateRange (covering 0..N in order). */
  summarize(request: ComputeMessage, chunks: SimulationChunk[]): Promise<ComputeReply>;
  /** Batches [from, to) of a run too big for one Latin hypercube (see engine/montecarlo/batches.ts). */
  simulateBatches(request: ComputeMessage, from: number, to: number): Promise<BatchSummary[]>;
  /** PERT and the statistics of the first batches of such a run, from their totals (addBatch). */
  summarizeBatches(request: ComputeMessage, totals: BatchTotals): Promise<ComputeReply>;
  /** Where to improve, as a follow-up to a run whose criticality is given (same request, same seed: common random numbers). */
  improve(request: ComputeMessage, criticality: Float64Array): Promise<ImproveReply>;
  /** The kind, header, proposed mapping, preview, encoding and number format of a customer file, from a bounded head (in `encoding` when given). */
  inspectCustomerFile(requestId: number, file: Blob, encoding?: TextEncoding): Promise<InspectReply>;
  /** Streams a customer file with a confirmed plan: its report (with these thresholds and cleaning rules) and its compact columns (transferred). */
  importCustomers(
    requestId: number, file: Blob | string, plan: ImportPlan, thresholds: AnomalyThresholds | undefined,
    onProgress?: (fraction: number) => void, cleaning?: CleaningRules,
  ): Promise<ImportReply>;
  /** The report of a stored dataset, with the given anomaly thresholds and cleaning rules (the defaults when undefined). */
  analyzeDataset(requestId: number, dataset: Dataset, thresholds: AnomalyThresholds | undefined, cleaning?: CleaningRules): Promise<AnalysisReply>;
  /** Refits the repeat-buying models for new settings from the kept orders or summary (no file read). */
  repurchase(requestId: number, input: RepurchaseInput, settings: RepurchaseSettings): Promise<PackedRepurchaseReply>;
  /** The network's drawing for inputs packed by packNetworkInputs (views/networkDrawing.ts): full, or simplified above the budget. */
  layoutNetwork(requestId: number, packed: string, options: DrawingOptions): Promise<LayoutReply>;
}

/**
 * One running engine worker as the page holds it (src/worker/client.ts starts one): the
 * worker's calls with plain callbacks and plain arrays (the client makes them cross as comlink
 * proxies and transfers), and `terminate`, which ends it at once — a synchronous run cannot hear
 * "stop", and a call it was answering then never settles. A fake in tests implements the same.
 */
export type EngineWorker = Omit<EngineWorkerApi, 'repurchase'> & {
  /** The refit, its report unpacked (packRepurchaseReport) by the client. */
  repurchase(requestId: number, input: RepurchaseInput, settings: RepurchaseSettings): Promise<RepurchaseReply>;
  terminate(): void;
};
