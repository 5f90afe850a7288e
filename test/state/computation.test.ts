import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coerceJourney } from '../../src/engine/journey/coerceJourney.ts';
import { exampleJourney, exampleSettings } from '../../src/engine/journey/exampleJourney.ts';
import type { Improvement, PertAnalysis, Problem, Settings, SimulationResult, Touchpoint } from '../../src/engine/journey/types.ts';
import {
  Computation, DEBOUNCE_MS, IMPROVE_AFTER_MS, acceptImprovement, planUpdate, requestKey, sameKey, staleOnArrival, wantedKey,
  type ComputeExtras,
} from '../../src/state/computation.svelte.ts';
import { SimulationPool } from '../../src/state/simulationPool.ts';
import { unpackRequest } from '../../src/worker/protocol.ts';
import type { ComputeReply, EngineWorker } from '../../src/worker/protocol.ts';

const { touchpoints } = coerceJourney(exampleJourney);
const settings: Settings = { ...exampleSettings };
const problem: Problem = { row: 2, id: 'RV', field: 'mostLikely', message: 'Reads reviews: Most likely "abc" is not a number.' };

describe('deciding what to send', () => {
  it('sends the first journey at once, with nothing to mark stale', () => {
    const plan = planUpdate(requestKey(touchpoints, settings), { key: undefined, hasResults: false, failed: false });
    expect(plan).toEqual({ send: true, delay: 0, stale: false, dropInFlight: true });
  });

  it('debounces a run after an edit and marks the shown results stale meanwhile', () => {
    const shown = requestKey(touchpoints, settings);
    const edited = requestKey([...touchpoints], settings);
    expect(planUpdate(edited, { key: shown, hasResults: true, failed: false })).toEqual({ send: true, delay: DEBOUNCE_MS, stale: true, dropInFlight: true });
  });

  it('sends nothing while the journey has problems and keeps the last results, stale', () => {
    const wanted = wantedKey(touchpoints, [problem], settings);
    expect(wanted).toBe('problems');
    expect(planUpdate(wanted, { key: requestKey(touchpoints, settings), hasResults: true, failed: false }))
      .toEqual({ send: false, delay: 0, stale: true, dropInFlight: false });
  });

  it('sends nothing when the shown results already describe the journey, and drops a run under way', () => {
    const shown = requestKey(touchpoints, settings);
    // Only the time unit changed: a label, not an input of the computation.
    const again = requestKey(touchpoints, { ...settings, timeUnit: 'weeks' });
    expect(planUpdate(again, { key: shown, hasResults: true, failed: false })).toEqual({ send: false, delay: 0, stale: false, dropInFlight: true });
  });

  it('retries after a failed run even when nothing changed', () => {
    const shown = requestKey(touchpoints, settings);
    expect(planUpdate(shown, { key: shown, hasResults: true, failed: true }).send).toBe(true);
  });

  it('treats a change of target, iterations or seed as a new request', () => {
    const shown = requestKey(touchpoints, settings);
    for (const change of [{ target: 60 }, { iterations: 2000 }, { seed: 9 }]) {
      expect(sameKey(requestKey(touchpoints, { ...settings, ...change }), shown)).toBe(false);
    }
  });

  it('treats a change of the correlations as a new request, and the same correlations as the same', () => {
    const none = requestKey(touchpoints, settings);
    const some = requestKey(touchpoints, settings, [{ ids: ['RV', 'CM'], rho: 0.6 }]);
    expect(sameKey(none, some)).toBe(false);
    expect(sameKey(some, requestKey(touchpoints, settings, [{ ids: ['RV', 'CM'], rho: 0.6 }]))).toBe(true);
    expect(sameKey(some, requestKey(touchpoints, settings, [{ ids: ['RV', 'CM'], rho: 0.5 }]))).toBe(false);
    expect(sameKey(none, requestKey(touchpoints, settings, []))).toBe(true);
  });

  it('keeps an improvement reply only while its results are still the ones shown (an older one is dropped by its lane, see computeService.test.ts)', () => {
    const key = requestKey(touchpoints, settings);
    expect(acceptImprovement(key, key)).toBe(true);
    expect(acceptImprovement(key, requestKey([...touchpoints], settings))).toBe(false);
  });
});

describe('deciding what to keep', () => {
  it('marks results stale on arrival when the journey changed since, or now has problems', () => {
    const key = requestKey(touchpoints, settings);
    expect(staleOnArrival(key, key)).toBe(false);
    expect(staleOnArrival(requestKey([...touchpoints], settings), key)).toBe(true);
    expect(staleOnArrival('problems', key)).toBe(true);
  });
});

/**
 * The journey pool over a fake worker whose replies the test releases one by one, in any order.
 * Each reply echoes its request's id, as the worker's do, so the pool alone decides which are
 * stale (undefined, for a reply the worker could not give, stands for any reply).
 */
function fakeClient() {
  const calls: { touchpoints: Touchpoint[]; settings: Settings; extras?: ComputeExtras; resolve: (reply: ComputeReply | undefined) => void }[] = [];
  const worker = {
    compute: (message) => new Promise((resolve) => {
      const { requestId, touchpoints, settings, ...extras } = unpackRequest(message);
      calls.push({ touchpoints, settings, extras, resolve: (reply) => resolve({ ...(reply ?? { ok: false, message: 'No answer.' }), requestId }) });
    }),
    terminate: () => undefined,
  } as Partial<EngineWorker> as EngineWorker;
  const client = new SimulationPool(() => worker, () => 1);
  return { client, calls };
}

function results(mean: number): ComputeReply {
  return { requestId: 0, ok: true, pert: { mean } as PertAnalysis, simulation: { mean } as SimulationResult };
}

const settle = () => vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
const improveSettle = () => vi.advanceTimersByTimeAsync(IMPROVE_AFTER_MS);

describe('the live computation', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it('shows the first results, then keeps them dimmed while an edit is being computed', async () => {
    const { client, calls } = fakeClient();
    const computation = new Computation(client);
    computation.update(touchpoints, [], settings);
    await settle();
    expect(calls).toHaveLength(1);
    expect(computation.running).toBe(true);
    calls[0].resolve(results(47));
    await settle();
    expect(computation.simulation?.mean).toBe(47);
    expect([computation.stale, computation.running, computation.version]).toEqual([false, false, 1]);

    computation.update([...touchpoints], [], settings);
    expect(computation.stale).toBe(true);
    await settle();
    calls[1].resolve(results(48));
    await settle();
    expect(computation.simulation?.mean).toBe(48);
    expect(computation.stale).toBe(false);
  });

  it('names the touchpoints the shown results were computed for, the very array it was given, until newer results arrive', async () => {
    const { client, calls } = fakeClient();
    const computation = new Computation(client);
    const first = [...touchpoints];
    computation.update(first, [], settings);
    await settle();
    calls[0].resolve(results(47));
    await settle();
    expect(computation.shownTouchpoints).toBe(first);
    const second = [...touchpoints];
    computation.update(second, [{ row: 0, id: 'A', field: 'id', message: 'bad' }], settings);
    await settle();
    // While the journey has problems the last results stay, still naming the touchpoints they describe.
    expect(computation.shownTouchpoints).toBe(first);
    computation.update(second, [], settings);
    await settle();
    calls[1].resolve(results(48));
    await settle();
    expect(computation.shownTouchpoints).toBe(second);
  });

  it('sends one request for a burst of edits within the debounce time', async () => {
    const { client, calls } = fakeClient();
    const computation = new Computation(client);
    computation.update(touchpoints, [], settings);
    await settle();
    calls[0].resolve(results(47));
    await settle();
    for (let k = 0; k < 5; k++) {
      computation.update([...touchpoints], [], { ...settings, seed: k + 2 });
      await vi.advanceTimersByTimeAsync(DEBOUNCE_MS / 4);
    }
    await settle();
    expect(calls).toHaveLength(2);
    expect(calls[1].settings.seed).toBe(6);
  });

  it('ignores a late answer to an older request', async () => {
    const { client, calls } = fakeClient();
    const computation = new Computation(client);
    computation.update(touchpoints, [], settings);
    await settle();
    computation.update([...touchpoints], [], { ...settings, seed: 2 });
    await settle();
    expect(calls).toHaveLength(2);
    calls[1].resolve(results(2));
    await settle();
    calls[0].resolve(results(1));
    await settle();
    expect(computation.simulation?.mean).toBe(2);
    expect(computation.version).toBe(1);
  });

  it('sends nothing while the journey has problems and keeps the last good results, stale', async () => {
    const { client, calls } = fakeClient();
    const computation = new Computation(client);
    computation.update(touchpoints, [], settings);
    await settle();
    calls[0].resolve(results(47));
    await settle();
    computation.update(touchpoints, [problem], settings);
    await settle();
    expect(calls).toHaveLength(1);
    expect(computation.simulation?.mean).toBe(47);
    expect(computation.stale).toBe(true);
  });

  it('keeps results that arrive after the journey went bad, but dimmed', async () => {
    const { client, calls } = fakeClient();
    const computation = new Computation(client);
    computation.update(touchpoints, [], settings);
    await settle();
    computation.update(touchpoints, [problem], settings);
    calls[0].resolve(results(47));
    await settle();
    expect(computation.simulation?.mean).toBe(47);
    expect(computation.stale).toBe(true);
  });

  it('drops a run under way when the settings go back to what is shown', async () => {
    const { client, calls } = fakeClient();
    const computation = new Computation(client);
    computation.update(touchpoints, [], settings);
    await settle();
    calls[0].resolve(results(47));
    await settle();
    computation.update(touchpoints, [], { ...settings, seed: 2 });
    await settle();
    computation.update(touchpoints, [], settings);
    expect(computation.stale).toBe(false);
    calls[1].resolve(results(99));
    await settle();
    expect(computation.simulation?.mean).toBe(47);
    expect(computation.stale).toBe(false);
  });

  it('shows the engine\'s message when a run fails, keeps the last results, and retries on the next change', async () => {
    const { client, calls } = fakeClient();
    const computation = new Computation(client);
    computation.update(touchpoints, [], settings);
    await settle();
    calls[0].resolve(results(47));
    await settle();
    computation.update(touchpoints, [], { ...settings, iterations: 5 });
    await settle();
    calls[1].resolve({ requestId: 2, ok: false, message: 'Iterations must be at least 100.' });
    await settle();
    expect(computation.error).toBe('Iterations must be at least 100.');
    expect(computation.simulation?.mean).toBe(47);
    expect(computation.stale).toBe(true);
    computation.update(touchpoints, [], { ...settings, iterations: 5 });
    await settle();
    expect(calls).toHaveLength(3);
  });

  it('passes the correlations with every request', async () => {
    const { client, calls } = fakeClient();
    const computation = new Computation(client);
    const correlations = [{ ids: ['RV', 'CM'], rho: 0.6 }];
    computation.update(touchpoints, [], settings, correlations);
    await settle();
    expect(calls[0].extras?.correlations).toEqual(correlations);
    calls[0].resolve(results(47));
    await settle();
    computation.update(touchpoints, [], settings, []);
    await settle();
    expect(calls).toHaveLength(2);
    expect(calls[1].extras?.correlations).toBeUndefined();
  });

  it('asks for where to improve after the figures arrive, and drops the answer when newer figures came meanwhile', async () => {
    const { client, calls } = fakeClient();
    const computation = new Computation(client, 0.9);
    const gain = (id: string) => ({ id, pTargetGain: 0.05 } as Improvement);
    const withGains = (mean: number, ids: string[]): ComputeReply => ({
      requestId: 0, ok: true, pert: { mean } as PertAnalysis, simulation: { mean, improvement: ids.map(gain) } as SimulationResult,
    });
    computation.update(touchpoints, [], settings);
    await settle();
    expect(calls).toHaveLength(1);
    expect(calls[0].extras?.improvement).toBeUndefined();
    calls[0].resolve(results(47));
    await settle();
    // The figures are on screen at once; the improvement request follows after a quiet spell.
    expect(computation.simulation?.mean).toBe(47);
    expect(calls).toHaveLength(1);
    expect(computation.improving).toBe(true);
    await improveSettle();
    expect(calls).toHaveLength(2);
    expect(calls[1].extras?.improvement).toEqual({ factor: 0.9 });
    expect(computation.improving).toBe(true);
    calls[1].resolve(withGains(47, ['TR']));
    await settle();
    expect(computation.improvement?.map((g) => g.id)).toEqual(['TR']);
    expect([computation.improving, computation.improvementStale]).toEqual([false, false]);

    // An edit: the old gains stay, dimmed, until the new ones arrive.
    computation.update([...touchpoints], [], settings);
    expect(computation.improvementStale).toBe(true);
    await settle();
    calls[2].resolve(results(50));
    await improveSettle();
    expect(calls).toHaveLength(4);
    expect(computation.improvement?.map((g) => g.id)).toEqual(['TR']);
    expect(computation.improvementStale).toBe(true);
    // Two more edits before the gains for 50 arrive: the gains for 50 are dropped once 52 is shown.
    computation.update([...touchpoints], [], { ...settings, seed: 5 });
    await settle();
    calls[4].resolve(results(52));
    await improveSettle();
    calls[3].resolve(withGains(50, ['RV']));
    await settle();
    expect(computation.improvement?.map((g) => g.id)).toEqual(['TR']);
    calls[5].resolve(withGains(52, ['CM']));
    await settle();
    expect(computation.improvement?.map((g) => g.id)).toEqual(['CM']);
    expect(computation.improvementStale).toBe(false);
  });

  it('does not ask for where to improve while edits keep coming', async () => {
    const { client, calls } = fakeClient();
    const computation = new Computation(client, 0.9);
    computation.update(touchpoints, [], settings);
    await settle();
    calls[0].resolve(results(47));
    await settle();
    // An edit within the quiet time: its figures come first, and only then one improvement request.
    computation.update([...touchpoints], [], { ...settings, seed: 2 });
    await settle();
    await improveSettle();
    expect(calls.map((call) => call.extras?.improvement)).toEqual([undefined, undefined]);
    calls[1].resolve(results(48));
    await improveSettle();
    expect(calls).toHaveLength(3);
    expect(calls[2].extras?.improvement).toEqual({ factor: 0.9 });
    expect(calls[2].settings.seed).toBe(2);
  });

  it('stops saying it is working out where to improve when a newer run supersedes it and then fails', async () => {
    const { client, calls } = fakeClient();
    const computation = new Computation(client, 0.9);
    computation.update(touchpoints, [], settings);
    await settle();
    calls[0].resolve(results(47));
    await improveSettle();
    expect(computation.improving).toBe(true);
    computation.update(touchpoints, [], { ...settings, iterations: 5 });
    await settle();
    calls[1].resolve(undefined); // the client drops the improvement: a newer request came
    calls[2].resolve({ requestId: 3, ok: false, message: 'Iterations must be at least 100.' });
    await improveSettle();
    expect(calls).toHaveLength(3);
    expect(computation.improving).toBe(false);
  });

  it('asks for no improvement unless told to', async () => {
    const { client, calls } = fakeClient();
    const computation = new Computation(client);
    computation.update(touchpoints, [], settings);
    await settle();
    calls[0].resolve(results(47));
    await settle();
    expect(calls).toHaveLength(1);
  });

  it('shows a long run\'s figures as it goes, and keeps them as the results when it is stopped', async () => {
    // 100 touchpoints at 1,000,000 iterations: a run in batches, which can be stopped.
    const many = Array.from({ length: 100 }, (_, k) => ({ ...touchpoints[0], id: `T${k}` }));
    const big = { ...settings, iterations: 1_000_000 };
    let partial: ((reply: Extract<ComputeReply, { ok: true }>) => void) | undefined;
    let superseded = 0;
    const client = {
      compute: (_t: Touchpoint[], _s: Settings, _p?: unknown, _e?: ComputeExtras, onPartial?: typeof partial) => {
        partial = onPartial;
        return new Promise<ComputeReply | undefined>(() => undefined);
      },
      supersede: () => { superseded++; },
    };
    const computation = new Computation(client);
    computation.update(many, [], big);
    await settle();
    expect([computation.running, computation.batched]).toEqual([true, true]);
    partial!({ ...results(51), simulation: { mean: 51, complete: false, iterations: 200_000 } as SimulationResult } as Extract<ComputeReply, { ok: true }>);
    expect(computation.simulation?.mean).toBe(51);
    expect(computation.running).toBe(true);
    computation.stop();
    expect([computation.running, superseded, computation.simulation?.mean, computation.stale]).toEqual([false, 1, 51, false]);
    // The same journey again asks for nothing: the stopped figures are its results until it changes.
    computation.update(many, [], big);
    await settle();
    expect(computation.running).toBe(false);
    computation.update([...many], [], big);
    await settle();
    expect(computation.running).toBe(true);
  });
});
