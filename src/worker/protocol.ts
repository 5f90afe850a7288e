/** Messages between the page and the engine workers. */
import type { CustomerReport } from '../engine/customerReport.ts';
import type { DateFormat } from '../engine/dates.ts';
import type { RepurchaseInput, RepurchaseSettings } from '../engine/repurchaseReport.ts';
import type { PackedRepurchaseReport } from '../engine/repurchaseWire.ts';
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

export interface EngineWorkerApi {
  /** PERT and the whole simulation in this worker. */
  compute(request: ComputeRequest, onProgress?: (completed: number, total: number) => void): Promise<ComputeReply>;
  /** Iterations [from, to) only, for a pool of workers. */
  simulateRange(request: ComputeRequest, from: number, to: number): Promise<SimulationChunk>;
  /** PERT and the statistics over chunks from simulateRange (covering 0..N in order). */
  summarize(request: ComputeRequest, chunks: SimulationChunk[]): Promise<ComputeReply>;
  /** A transactions file → KPIs, anomalies and per-customer forecasts. */
  analyzeCustomers(file: Blob | string, dateFormat?: DateFormat): Promise<CustomerReport>;
  /** Refits the repeat-buying models for new settings from the kept orders or summary (no file read). */
  repurchase(input: RepurchaseInput, settings: RepurchaseSettings): Promise<PackedRepurchaseReport | { ok: false; message: string }>;
}
