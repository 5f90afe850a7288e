/**
 * The page's one way to start an engine worker (src/worker/engine.worker.ts) — the only module
 * that names the worker file or imports comlink on the page's side. It hands back the worker's
 * calls with plain callbacks and arrays: callbacks cross as comlink proxies, chunks of a pooled
 * run are transferred rather than copied, and refitted models are unpacked from their columns.
 * Which worker does what, and which answer is still wanted, is decided by the compute service
 * in src/state/computeService.ts.
 */
import * as Comlink from 'comlink';
import { unpackRepurchaseReport } from '../engine/repurchase/index.ts';
import type { EngineWorker, EngineWorkerApi } from './protocol.ts';

/** Starts one engine worker. */
export function startEngineWorker(): EngineWorker {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
  const api = Comlink.wrap<EngineWorkerApi>(worker);
  return {
    compute: (message, onProgress) => api.compute(message, onProgress && Comlink.proxy(onProgress)),
    simulateRange: (message, from, to) => api.simulateRange(message, from, to),
    summarize: (message, chunks) => api.summarize(message, Comlink.transfer(chunks, chunks.flatMap((c) => [
      c.finish.buffer, c.criticalCounts.buffer, c.finishSums.buffer, ...(c.reach ? [c.reach.buffer] : []),
    ] as ArrayBuffer[]))),
    simulateBatches: (message, from, to) => api.simulateBatches(message, from, to),
    // The totals are copied, not transferred: the pool keeps adding batches to them.
    summarizeBatches: (message, totals) => api.summarizeBatches(message, totals),
    improve: (message, criticality) => api.improve(message, criticality),
    inspectCustomerFile: (requestId, file, encoding) => api.inspectCustomerFile(requestId, file, encoding),
    importCustomers: (requestId, file, plan, thresholds, onProgress, cleaning) =>
      api.importCustomers(requestId, file, plan, thresholds, onProgress && Comlink.proxy(onProgress), cleaning),
    analyzeDataset: (requestId, dataset, thresholds, cleaning) => api.analyzeDataset(requestId, dataset, thresholds, cleaning),
    repurchase: async (requestId, input, settings) => {
      const reply = await api.repurchase(requestId, input, settings);
      return { requestId: reply.requestId, result: 'report' in reply.result ? unpackRepurchaseReport(reply.result) : reply.result };
    },
    layoutNetwork: (requestId, packed, options) => api.layoutNetwork(requestId, packed, options),
    terminate: () => {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}
