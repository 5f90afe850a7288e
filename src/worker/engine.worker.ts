/**
 * The engine worker: wires the engine to comlink and nothing else. Classic PERT and the Monte
 * Carlo simulation, whole or a range of iterations at a time (for a pool); where to improve as a
 * follow-up; the head of a customer file inspected for its mapping; a customer file streamed and
 * analysed, or stored columns analysed again; the repeat-buying models refitted; the network
 * laid out for drawing (the pure layout maths of views/networkDrawing.ts, so the page never lays
 * out a big journey itself). Results cross as transferred typed arrays, and every reply
 * echoes the request's id. Storing anything is the page's job (src/state/), never this file's.
 */
import * as Comlink from 'comlink';
import { analyzePert } from '../engine/pert/index.ts';
import {
  batchPlan, computeImprovement, improvementSample, prepareSimulation, resultOfBatches, runProblem, simulateBatch, simulateCompletion,
  simulateIterations, summarizeSimulation,
} from '../engine/montecarlo/index.ts';
import { datasetBuffers, inspectCustomerFile, readCustomerFile } from '../engine/csv/index.ts';
import { datasetReport, readFileDataset, readFileReport } from '../engine/customers/index.ts';
import { packedBuffers, packRepurchaseReport, repurchaseReport } from '../engine/repurchase/index.ts';
import type { PertAnalysis, SimulationResult } from '../engine/journey/index.ts';
import { drawingForTransfer, networkDrawing, unpackNetworkInputs } from '../views/networkDrawing.ts';
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

  async layoutNetwork(requestId, packed, options) {
    try {
      return { requestId, ok: true, drawing: drawingForTransfer(networkDrawing(unpackNetworkInputs(packed), options)) };
    } catch (error) {
      return { requestId, ok: false, message: `The network could not be drawn: ${(error as Error).message}` };
    }
  },

  async inspectCustomerFile(requestId, file, encoding) {
    try {
      return { requestId, ok: true, inspection: await inspectCustomerFile(file, { encoding }) };
    } catch (error) {
      return { requestId, ok: false, message: `The file could not be read: ${(error as Error).message}` };
    }
  },

  async importCustomers(requestId, file, plan, thresholds, onProgress, cleaning) {
    try {
      let lastReport = 0;
      const read = await readCustomerFile(file, plan, (fraction) => {
        const now = performance.now();
        if (now - lastReport > 100 || fraction === 1) { lastReport = now; void onProgress?.(fraction); }
      });
      const report = readFileReport(read, thresholds, cleaning);
      const dataset = readFileDataset(read);
      return Comlink.transfer({ requestId, report, dataset }, datasetBuffers(dataset));
    } catch (error) {
      return { requestId, report: { ok: false, message: `The file could not be read: ${(error as Error).message}` }, dataset: undefined };
    }
  },

  async analyzeDataset(requestId, dataset, thresholds, cleaning) {
    try {
      return { requestId, report: datasetReport(dataset, thresholds, cleaning) };
    } catch (error) {
      return { requestId, report: { ok: false, message: `The stored data could not be analysed: ${(error as Error).message}` } };
    }
  },

  async repurchase(requestId, input, settings) {
    try {
      const report = repurchaseReport(input, settings);
      if (!report.ok) return { requestId, result: report };
      const packed = packRepurchaseReport(report);
      return Comlink.transfer({ requestId, result: packed }, packedBuffers(packed));
    } catch (error) {
      return { requestId, result: { ok: false, message: `The models could not be fitted: ${(error as Error).message}` } };
    }
  },

  async compute(message, onProgress) {
    const request = unpackRequest(message);
    const problem = runProblem(request.touchpoints.length, request.settings.iterations);
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

  async simulateBatches(message, from, to) {
    const request = unpackRequest(message);
    const plan = batchPlan(request.touchpoints.length, request.settings.iterations);
    if (!plan) throw new Error('This run fits one Latin hypercube: it has no batches.');
    const summaries = [];
    for (let batch = from; batch < Math.min(to, plan.count); batch++) summaries.push(simulateBatch(request.touchpoints, options(request), plan, batch));
    return Comlink.transfer(summaries, summaries.flatMap((s) => [s.finish.buffer, s.criticalCounts.buffer, s.finishSums.buffer, s.sensitivity.buffer]) as ArrayBuffer[]);
  },

  async summarizeBatches(message, totals) {
    const request = unpackRequest(message);
    try {
      const plan = batchPlan(request.touchpoints.length, request.settings.iterations);
      if (!plan) throw new Error('This run fits one Latin hypercube: it has no batches.');
      const pert = analyzePert(request.touchpoints, request.settings.target);
      return reply(request.requestId, pert, resultOfBatches(request.touchpoints.map((t) => t.id), request.settings, plan, totals));
    } catch (error) {
      return failure(request.requestId, error);
    }
  },

  async improve(message, criticality) {
    const request = unpackRequest(message);
    const { requestId } = request;
    try {
      if (!request.improvement) return { requestId, ok: false, message: 'No improvement factor was given.' };
      const improvement = computeImprovement(improvementSample(request.touchpoints, options(request)), { criticality }, request.improvement);
      return { requestId, ok: true, improvement };
    } catch (error) {
      return { requestId, ok: false, message: `Where to improve could not be computed: ${(error as Error).message}` };
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
