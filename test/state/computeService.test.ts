import { describe, expect, it } from 'vitest';
import { coerceJourney } from '../../src/engine/journey/coerceJourney.ts';
import { exampleJourney, exampleSettings } from '../../src/engine/journey/exampleJourney.ts';
import type { PertAnalysis, SimulationResult } from '../../src/engine/journey/types.ts';
import type { CustomerReport } from '../../src/engine/customers/index.ts';
import type { Dataset, ImportPlan } from '../../src/engine/csv/index.ts';
import type { RepurchaseInput, RepurchaseReport, RepurchaseSettings } from '../../src/engine/repurchase/index.ts';
import { ComputeService } from '../../src/state/computeService.ts';
import { Lane } from '../../src/state/lane.ts';
import { unpackRequest } from '../../src/worker/protocol.ts';
import type { ComputeReply, EngineWorker } from '../../src/worker/protocol.ts';

const { touchpoints } = coerceJourney(exampleJourney);

/**
 * Fake engine workers: every call waits until the test answers it. `answer(k, body)` replies to
 * the k-th call with `body` and the id that call carried, as the real worker echoes it.
 */
function fakeWorkers() {
  const calls: { method: string; requestId: number; worker: number; reply: (body: object) => void; fail: (error: Error) => void }[] = [];
  const terminated: number[] = [];
  const progress: ((fraction: number) => void)[] = [];
  let started = 0;
  const start = (): EngineWorker => {
    const worker = started++;
    const call = (method: string, requestId: number) => new Promise<never>((resolve, reject) => {
      calls.push({ method, requestId, worker, reply: (body) => resolve({ ...body, requestId } as never), fail: reject });
    });
    return {
      compute: (message) => call('compute', unpackRequest(message).requestId),
      simulateRange: () => call('simulateRange', 0),
      simulateBatches: () => call('simulateBatches', 0),
      summarizeBatches: (message) => call('summarizeBatches', message.requestId),
      summarize: (message) => call('summarize', message.requestId),
      improve: (message) => call('improve', message.requestId),
      inspectCustomerFile: (requestId) => call('inspectCustomerFile', requestId),
      importCustomers: (requestId, _file, _plan, _thresholds, onProgress) => { if (onProgress) progress.push(onProgress); return call('importCustomers', requestId); },
      analyzeDataset: (requestId) => call('analyzeDataset', requestId),
      repurchase: (requestId) => call('repurchase', requestId),
      layoutNetwork: (requestId) => call('layoutNetwork', requestId),
      terminate: () => { terminated.push(worker); },
    };
  };
  return { start, calls, terminated, progress, started: () => started };
}

const figures = (mean: number) => ({ ok: true, pert: { mean } as PertAnalysis, simulation: { mean } as SimulationResult });
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the compute service', () => {
  it('ignores a late reply to an old request id: only the newest request of a lane is answered', async () => {
    // The rule itself: each request takes the lane's next id; only the newest is current.
    const lane = new Lane();
    const first = lane.next();
    const second = lane.next();
    expect([lane.isCurrent(first), lane.isCurrent(second)]).toEqual([false, true]);
    lane.supersede();
    expect(lane.isCurrent(second)).toBe(false);

    // Through the service: the older request's reply comes last, echoing its own id, and is dropped.
    const fake = fakeWorkers();
    const service = new ComputeService(fake.start);
    const older = service.journey.compute(touchpoints, exampleSettings);
    const newer = service.journey.compute(touchpoints, { ...exampleSettings, seed: 2 });
    expect(fake.calls.map((c) => c.requestId)).toEqual([1, 2]);
    fake.calls[1].reply(figures(2));
    fake.calls[0].reply(figures(1));
    expect(((await newer) as Extract<ComputeReply, { ok: true }>).simulation.mean).toBe(2);
    expect(await older).toBeUndefined();
  });

  it('keeps its lanes apart: a comparison or a reach run never makes the notebook\'s own run stale', async () => {
    const fake = fakeWorkers();
    const service = new ComputeService(fake.start);
    const live = service.journey.compute(touchpoints, exampleSettings);
    const compared = service.comparison.compute(touchpoints, exampleSettings);
    const reach = service.reach.compute(touchpoints, exampleSettings, undefined, { reachPercentiles: [0.95] });
    expect(new Set(fake.calls.map((c) => c.worker)).size).toBe(3);
    for (const call of fake.calls) call.reply(figures(call.worker));
    expect((await live)?.ok && (await compared)?.ok && (await reach)?.ok).toBe(true);
  });

  it('ends a running import on Cancel, which then resolves as undefined, passes on its progress only while it runs, and starts a fresh worker for the next', async () => {
    const fake = fakeWorkers();
    const service = new ComputeService(fake.start);
    const plan = { kind: 'transactions', mapping: {}, delimiter: ',', hasHeader: true } as ImportPlan;
    const heard: number[] = [];
    const cancelled = service.importCustomers('customer,date,amount\n', plan, undefined, undefined, (fraction) => heard.push(fraction));
    fake.progress[0](0.5);
    service.cancelImport();
    fake.progress[0](0.6);
    expect(await cancelled).toBeUndefined();
    expect(fake.terminated).toEqual([0]);
    const next = service.importCustomers('customer,date,amount\n', plan, undefined, undefined, (fraction) => heard.push(fraction));
    const dataset = { kind: 'transactions', rows: 1 } as unknown as Dataset;
    fake.calls[1].reply({ report: { ok: true } as CustomerReport, dataset });
    // The worker returns the dataset; storing it is the caller's (CustomerImport's) job.
    expect((await next)?.dataset).toBe(dataset);
    // Progress comes on a channel of its own: only the running import's, until its reply, is passed on.
    fake.progress[1](1);
    expect(heard).toEqual([0.5]);
    expect(fake.calls[1].worker).toBe(1);
    expect(fake.terminated).toEqual([0, 1]);
  });

  it('drops a refit superseded by a newer one, ending the worker it ran in, and keeps the worker after a refit that finished', async () => {
    const fake = fakeWorkers();
    const service = new ComputeService(fake.start);
    const input = { kind: 'summary' } as unknown as RepurchaseInput;
    const settings = { unit: 'weeks', horizonMonths: 12, annualDiscount: 0.1, calibrationEnd: '' } as RepurchaseSettings;
    const older = service.refit(input, settings);
    const newer = service.refit(input, { ...settings, horizonMonths: 24 });
    expect(await older).toBeUndefined();
    expect(fake.terminated).toEqual([0]);
    fake.calls[1].reply({ result: { ok: true, settings: { horizonMonths: 24 } } as unknown as RepurchaseReport });
    expect((await newer)?.ok).toBe(true);
    void service.refit(input, settings);
    await tick();
    expect(fake.calls[2].worker).toBe(1);
  });

  it('lays the network out in a lane of its own: a newer layout drops the older one and ends its worker, and the next reuses the worker', async () => {
    const fake = fakeWorkers();
    const service = new ComputeService(fake.start);
    const run = service.journey.compute(touchpoints, exampleSettings);
    const older = service.layoutNetwork('[]', {});
    const newer = service.layoutNetwork('[]', { everything: true });
    expect(await older).toBeUndefined();
    expect(fake.calls.map((c) => [c.method, c.worker])).toEqual([['compute', 0], ['layoutNetwork', 1], ['layoutNetwork', 2]]);
    expect(fake.terminated).toEqual([1]);
    fake.calls[2].reply({ ok: true, drawing: { nodes: [] } });
    expect((await newer)?.ok).toBe(true);
    fake.calls[0].reply(figures(5));
    expect((await run)?.ok).toBe(true);
    void service.layoutNetwork('[]', {});
    await tick();
    expect(fake.calls[3].worker).toBe(2);
  });

  it('says plainly when a worker stops unexpectedly', async () => {
    const fake = fakeWorkers();
    const service = new ComputeService(fake.start);
    const run = service.journey.compute(touchpoints, exampleSettings);
    fake.calls[0].fail(new Error('out of memory'));
    expect(await run).toEqual({ requestId: 1, ok: false, message: 'The engine stopped unexpectedly (out of memory); edit a cell to try again.' });
    const analysis = service.analyzeDataset({ kind: 'transactions' } as unknown as Dataset);
    fake.calls[1].fail(new Error('gone'));
    expect(await analysis).toEqual({ ok: false, message: 'The stored data could not be analysed: gone' });
  });
});
