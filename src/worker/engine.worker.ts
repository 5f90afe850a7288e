/**
 * The engine worker: runs classic PERT and the Monte Carlo simulation off the main thread,
 * whole or a range of iterations at a time (for a pool). It only wires the engine to comlink;
 * results cross as transferred typed arrays. An imported customer file is stored (IndexedDB)
 * from here, so its columns are never copied on the page's thread.
 */
import * as Comlink from 'comlink';
import { analyzePert } from '../engine/pert/index.ts';
import {
  prepareSimulation, simulateCompletion, simulateIterations, simulationProblem, summarizeSimulation,
} from '../engine/montecarlo/index.ts';
import { readCustomerFile } from '../engine/csv/index.ts';
import { datasetBuffers } from '../engine/csv/index.ts';
import { WaypointDatabase, describeStorageError } from '../db/database.ts';
import { saveDataset } from '../db/datasets.ts';
import { datasetReport, readFileDataset, readFileReport } from '../engine/customers/index.ts';
import { computeImprovement } from '../engine/montecarlo/index.ts';
import { repurchaseReport } from '../engine/repurchase/index.ts';
import { packedBuffers, packRepurchaseReport } from '../engine/repurchase/index.ts';
import type { PertAnalysis, SimulationResult } from '../engine/journey/index.ts';
import { unpackRequest } from './protocol.ts';
import type { ComputeReply, ComputeRequest, EngineWorkerApi } from './protocol.ts';

/** Simulation options from a request; the improvement is added only where it is computed (whole runs, or `improve`). */
function options(request: ComputeRequest) {
  const { iterations, seed, target } = request.settings;
  return { iterations, seed, target, correlations: request.correlations, reachPercentiles: request.reachPercentiles };
}

function reply(requestId: number, pert: PertAnalysis, simulation: SimulationResult): ComputeReply {
  const buffers = [
    pert.expected, pert.touchpointVariance, pert.earliestStart, pert.earliestFinish, pert.latestStart, pert.latestFinish,
    pert.slack, pert.critical, simulation.histogram.counts, simulation.cumulative.time, simulation.cumulative.probability,
    simulation.criticality, simulation.sensitivity, simulation.meanFinish, ...(simulation.reach?.finish ?? []),
  ].map((array) => array.buffer as ArrayBuffer);
  return Comlink.transfer({ requestId, ok: true, pert, simulation }, buffers);
}

function failure(requestId: number, error: unknown): ComputeReply {
  return { requestId, ok: false, message: `The simulation could not run: ${(error as Error).message}` };
}

const api: EngineWorkerApi = {

  async importCustomers(file, plan, thresholds, onProgress, store, cleaning) {
    try {
      let lastReport = 0;
      const read = await readCustomerFile(file, plan, (fraction) => {
        const now = performance.now();
        if (now - lastReport > 100 || fraction === 1) { lastReport = now; void onProgress?.(fraction); }
      });
      const report = readFileReport(read, thresholds, cleaning);
      const dataset = readFileDataset(read);
      // Stored from here, so the page never copies the columns into IndexedDB on its own thread.
      let stored: { id?: string; problem?: string } = {};
      if (store && report.ok) {
        const db = new WaypointDatabase();
        try {
          stored = { id: (await saveDataset(db, store.name, store.fileName, dataset, { report, thresholds })).id };
        } catch (error) {
          stored = { problem: describeStorageError(error).message };
        } finally {
          db.close();
        }
      }
      return Comlink.transfer({ report, dataset, stored }, datasetBuffers(dataset));
    } catch (error) {
      return { report: { ok: false, message: `The file could not be read: ${(error as Error).message}` }, dataset: undefined, stored: {} };
    }
  },

  async analyzeDataset(dataset, thresholds, cleaning) {
    try {
      return datasetReport(dataset, thresholds, cleaning);
    } catch (error) {
      return { ok: false, message: `The stored data could not be analysed: ${(error as Error).message}` };
    }
  },

  async repurchase(input, settings) {
    try {
      const report = repurchaseReport(input, settings);
      if (!report.ok) return report;
      const packed = packRepurchaseReport(report);
      return Comlink.transfer(packed, packedBuffers(packed));
    } catch (error) {
      return { ok: false, message: `The models could not be fitted: ${(error as Error).message}` };
    }
  },

  async compute(message, onProgress) {
    const request = unpackRequest(message);
    const problem = simulationProblem(request.touchpoints.length, request.settings.iterations);
    if (problem) return { requestId: request.requestId, ok: false, message: problem };
    try {
      const pert = analyzePert(request.touchpoints, request.settings.target);
      let lastReport = 0;
      const simulation = simulateCompletion(request.touchpoints, {
        ...options(request),
        improvement: request.improvement,
        onProgress: onProgress && ((completed, total) => {
          const now = performance.now();
          if (now - lastReport > 100) { lastReport = now; void onProgress(completed, total); }
        }),
      });
      return reply(request.requestId, pert, simulation);
    } catch (error) {
      return failure(request.requestId, error);
    }
  },

  async simulateRange(message, from, to) {
    const request = unpackRequest(message);
    const chunk = simulateIterations(prepareSimulation(request.touchpoints, options(request)), from, to);
    return Comlink.transfer(chunk, [
      chunk.finish.buffer, chunk.criticalCounts.buffer, chunk.finishSums.buffer, ...(chunk.reach ? [chunk.reach.buffer] : []),
    ] as ArrayBuffer[]);
  },

  async improve(message, criticality) {
    const request = unpackRequest(message);
    try {
      if (!request.improvement) return { ok: false, message: 'No improvement factor was given.' };
      return computeImprovement(prepareSimulation(request.touchpoints, options(request)), { criticality }, request.improvement);
    } catch (error) {
      return { ok: false, message: `Where to improve could not be computed: ${(error as Error).message}` };
    }
  },

  async summarize(message, chunks) {
    const request = unpackRequest(message);
    try {
      const pert = analyzePert(request.touchpoints, request.settings.target);
      const simulation = summarizeSimulation(prepareSimulation(request.touchpoints, options(request)), chunks);
      return reply(request.requestId, pert, simulation);
    } catch (error) {
      return failure(request.requestId, error);
    }
  },
};

Comlink.expose(api);
