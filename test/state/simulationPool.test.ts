import { describe, expect, it } from 'vitest';
import {
  batchPlan, BLOCK_SIZE, prepareSimulation, resultOfBatches, simulateBatch, simulateCompletion, simulateIterations, summarizeSimulation,
} from '../../src/engine/montecarlo/index.ts';
import { coerceJourney } from '../../src/engine/journey/coerceJourney.ts';
import { exampleJourney, exampleSettings } from '../../src/engine/journey/exampleJourney.ts';
import type { SimulationResult } from '../../src/engine/journey/index.ts';
import { analyzePert } from '../../src/engine/pert/index.ts';
import { SimulationPool, splitIterations } from '../../src/state/simulationPool.ts';
import { unpackRequest } from '../../src/worker/protocol.ts';
import type { ComputeMessage, EngineWorker } from '../../src/worker/protocol.ts';
import { input } from '../engine/referenceCases.ts';

describe('splitting a run across workers', () => {
  it('covers every iteration once, in order, starting each part on a block boundary', () => {
    for (const [iterations, parts] of [[10_000, 2], [10_000, 3], [10_000, 4], [1_000, 4], [100, 4], [BLOCK_SIZE * 3, 3]]) {
      const ranges = splitIterations(iterations, parts);
      expect(ranges[0][0]).toBe(0);
      expect(ranges.at(-1)![1]).toBe(iterations);
      ranges.forEach(([from, to], k) => {
        expect(from % BLOCK_SIZE).toBe(0);
        expect(to).toBeGreaterThan(from);
        if (k > 0) expect(from).toBe(ranges[k - 1][1]);
      });
      expect(ranges.length).toBeLessThanOrEqual(parts);
    }
  });

  it('gives results identical to one worker when the parts are simulated separately and summarised', () => {
    const { touchpoints } = coerceJourney(exampleJourney);
    const options = { iterations: 10_000, seed: 3, target: 50 };
    const whole = simulateCompletion(touchpoints, options);
    // Each "worker" prepares on its own, as the pool's workers do.
    const chunks = splitIterations(options.iterations, 3).map(([from, to]) => simulateIterations(prepareSimulation(touchpoints, options), from, to));
    expect(summarizeSimulation(prepareSimulation(touchpoints, options), chunks)).toEqual(whole);
  });
});

describe('a run in batches through the pool', () => {
  // 60 touchpoints in a chain at 900,000 iterations is 54 million samples: over MAX_SAMPLES, so
  // 6 batches of 150,000; the pool asks for 3 batches a call (CALL_SAMPLES / 9 million).
  const rows = Array.from({ length: 60 }, (_, k) => input(`T${k}`, 1, 2, 4, k ? `T${k - 1}` : ''));
  const { touchpoints } = coerceJourney(rows);
  const settings = { ...exampleSettings, iterations: 900_000, seed: 5, target: 125 };

  /** Workers that run the engine in this process, each call noted. */
  function inProcessWorkers(calls: string[]) {
    return (): EngineWorker => {
      const fail = () => { throw new Error('not used by a run in batches'); };
      const plan = () => batchPlan(touchpoints.length, settings.iterations)!;
      const optionsOf = (message: ComputeMessage) => ({ ...message.settings, iterations: message.settings.iterations });
      return {
        compute: fail, simulateRange: fail, summarize: fail, inspectCustomerFile: fail, importCustomers: fail,
        analyzeDataset: fail, repurchase: fail, layoutNetwork: fail, terminate: () => undefined,
        simulateBatches: async (message, from, to) => {
          calls.push(`simulate ${from}-${to}`);
          const request = unpackRequest(message);
          return Array.from({ length: to - from }, (_, k) => simulateBatch(request.touchpoints, optionsOf(message), plan(), from + k));
        },
        summarizeBatches: async (message, totals) => {
          calls.push(`summarize ${totals.batches}`);
          const request = unpackRequest(message);
          const simulation = resultOfBatches(request.touchpoints.map((t) => t.id), request.settings, plan(), structuredClone(totals));
          return { requestId: message.requestId, ok: true, pert: analyzePert(request.touchpoints, request.settings.target), simulation };
        },
        improve: async (message) => ({ requestId: message.requestId, ok: true, improvement: [] }),
      };
    };
  }

  it('shares the batches among the workers, shows the batches done so far, and ends with the figures of the whole run', async () => {
    const calls: string[] = [];
    const pool = new SimulationPool(inProcessWorkers(calls), () => 2, 0);
    const partials: SimulationResult[] = [];
    const progress: number[] = [];
    const reply = await pool.compute(touchpoints, settings, (done) => progress.push(done), {}, (partial) => partials.push(partial.simulation));
    expect(reply?.ok).toBe(true);
    if (!reply?.ok) return;
    expect(calls.filter((c) => c.startsWith('simulate')).sort()).toEqual(['simulate 0-3', 'simulate 3-6']);
    expect(progress.at(-1)).toBe(900_000);
    // The same figures as the run in one process, batch by batch.
    const alone = simulateCompletion(touchpoints, settings);
    expect(reply.simulation.batches).toEqual({ count: 6, size: 150_000 });
    expect(reply.simulation.complete).toBe(true);
    for (const key of ['mean', 'sd', 'pTarget', 'min', 'max'] as const) expect(reply.simulation[key]).toBe(alone[key]);
    expect(reply.simulation.percentiles).toEqual(alone.percentiles);
    // After the first call came back, a partial result of the first three batches, marked incomplete; none after the last.
    expect(partials).toHaveLength(1);
    expect(calls.filter((c) => c.startsWith('summarize'))).toEqual(['summarize 3', 'summarize 6']);
    for (const partial of partials) {
      expect(partial.complete).toBe(false);
      expect(partial.iterations).toBe(450_000);
    }
  });

  it('stops asking for batches once the request is superseded, and resolves as undefined', async () => {
    const calls: string[] = [];
    const pool = new SimulationPool(inProcessWorkers(calls), () => 1, 0);
    const run = pool.compute(touchpoints, settings, () => pool.supersede());
    expect(await run).toBeUndefined();
    expect(calls).toEqual(['simulate 0-3']);
  });
});
