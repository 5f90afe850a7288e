/** Messages between the page and the engine worker. */
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
  compute(request: ComputeRequest, onProgress?: (completed: number, total: number) => void): Promise<ComputeReply>;
}
