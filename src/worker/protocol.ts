/** Messages between the page and the engine workers. */
import type { AnomalyThresholds } from '../engine/anomalies.ts';
import type { CustomerReport } from '../engine/customerReport.ts';
import type { ImportPlan } from '../engine/customerStream.ts';
import type { Dataset } from '../engine/dataset.ts';
import type { DateFormat } from '../engine/dates.ts';
import type { SimulationChunk } from '../engine/simulateCompletion.ts';
import type { PertAnalysis, Settings, SimulationResult, Touchpoint } from '../engine/types.ts';

export interface ComputeRequest {
  requestId: number;
  touchpoints: Touchpoint[];
  settings: Settings;
}

export type ComputeReply =
  | { requestId: number; ok: true; pert: PertAnalysis; simulation: SimulationResult }
  | { requestId: number; ok: false; message: string };

/** A streamed import: its report, its columns, and where it was stored (or why it could not be). */
export interface ImportReply {
  report: CustomerReport;
  dataset: Dataset | undefined;
  stored: { id?: string; problem?: string };
}

export interface EngineWorkerApi {
  /** PERT and the whole simulation in this worker. */
  compute(request: ComputeRequest, onProgress?: (completed: number, total: number) => void): Promise<ComputeReply>;
  /** Iterations [from, to) only, for a pool of workers. */
  simulateRange(request: ComputeRequest, from: number, to: number): Promise<SimulationChunk>;
  /** PERT and the statistics over chunks from simulateRange (covering 0..N in order). */
  summarize(request: ComputeRequest, chunks: SimulationChunk[]): Promise<ComputeReply>;
  /** A transactions file → KPIs, anomalies and per-customer forecasts. */
  analyzeCustomers(file: Blob | string, dateFormat?: DateFormat): Promise<CustomerReport>;
  /** Streams a customer file with a confirmed plan: its report and its compact columns (transferred). */
  importCustomers(
    file: Blob | string, plan: ImportPlan, thresholds: AnomalyThresholds | undefined, onProgress?: (fraction: number) => void,
    store?: { name: string; fileName: string },
  ): Promise<ImportReply>;
  /** The report of a stored dataset, with the given anomaly thresholds. */
  analyzeDataset(dataset: Dataset, thresholds: AnomalyThresholds | undefined): Promise<CustomerReport>;
}
