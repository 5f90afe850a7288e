/**
 * The engine worker: runs classic PERT and the Monte Carlo simulation off the main thread.
 * It only wires the engine to comlink; results cross as transferred typed arrays.
 */
import * as Comlink from 'comlink';
import { analyzePert } from '../engine/analyzePert.ts';
import { simulateCompletion, simulationProblem } from '../engine/simulateCompletion.ts';
import type { ComputeReply, ComputeRequest, EngineWorkerApi } from './protocol.ts';

const api: EngineWorkerApi = {
  async compute(request: ComputeRequest, onProgress?: (completed: number, total: number) => void): Promise<ComputeReply> {
    const { requestId, touchpoints, settings } = request;
    const problem = simulationProblem(touchpoints.length, settings.iterations);
    if (problem) return { requestId, ok: false, message: problem };
    try {
      const pert = analyzePert(touchpoints, settings.target);
      let lastReport = 0;
      const simulation = simulateCompletion(touchpoints, {
        iterations: settings.iterations, seed: settings.seed, target: settings.target,
        onProgress: onProgress && ((completed, total) => {
          const now = performance.now();
          if (now - lastReport > 100) { lastReport = now; void onProgress(completed, total); }
        }),
      });
      const buffers = [
        pert.expected, pert.touchpointVariance, pert.earliestStart, pert.earliestFinish, pert.latestStart, pert.latestFinish,
        pert.slack, pert.critical, simulation.histogram.counts, simulation.cumulative.time, simulation.cumulative.probability,
        simulation.criticality, simulation.sensitivity, simulation.meanFinish,
      ].map((array) => array.buffer as ArrayBuffer);
      return Comlink.transfer({ requestId, ok: true, pert, simulation }, buffers);
    } catch (error) {
      return { requestId, ok: false, message: `The simulation could not run: ${(error as Error).message}` };
    }
  },
};

Comlink.expose(api);
