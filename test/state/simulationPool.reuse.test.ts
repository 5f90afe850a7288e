import { describe, expect, it } from 'vitest';
import { coerceJourney } from '../../src/engine/journey/coerceJourney.ts';
import { computeImprovement } from '../../src/engine/montecarlo/improvement.ts';
import { prepareSimulation, simulateCompletion } from '../../src/engine/montecarlo/index.ts';
import { canReuseRun, runKey } from '../../src/state/simulationPool.ts';
import { input } from '../engine/referenceCases.ts';

describe('a follow-up "where to improve" reuses the run just shown', () => {
  const { touchpoints } = coerceJourney([input('A', 1, 2, 5), input('B', 2, 3, 8, 'A+1', '', 'B', '50%'), input('C', 1, 4, 6, 'A;B')]);
  const settings = { target: 9, iterations: 4096, seed: 3, timeUnit: 'days' };
  const correlations = [{ ids: ['A', 'C'], rho: 0.4 }];
  const last = { touchpoints, key: runKey(settings, { correlations }) };

  it('only for the same touchpoints, settings and correlations, and only when the improvement is asked for', () => {
    expect(canReuseRun(last, touchpoints, settings, { correlations, improvement: { factor: 0.9 } })).toBe(true);
    expect(canReuseRun(last, touchpoints, settings, { correlations })).toBe(false);
    expect(canReuseRun(last, [...touchpoints], settings, { correlations, improvement: { factor: 0.9 } })).toBe(false);
    expect(canReuseRun(last, touchpoints, { ...settings, seed: 4 }, { correlations, improvement: { factor: 0.9 } })).toBe(false);
    expect(canReuseRun(last, touchpoints, { ...settings, target: 10 }, { correlations, improvement: { factor: 0.9 } })).toBe(false);
    expect(canReuseRun(last, touchpoints, settings, { improvement: { factor: 0.9 } })).toBe(false);
    expect(canReuseRun(undefined, touchpoints, settings, { correlations, improvement: { factor: 0.9 } })).toBe(false);
    // The time unit does not change any figure.
    expect(canReuseRun(last, touchpoints, { ...settings, timeUnit: 'weeks' }, { correlations, improvement: { factor: 0.9 } })).toBe(true);
  });

  it('and the improvement computed against the shown run equals a whole new run\'s', () => {
    const options = { iterations: settings.iterations, seed: settings.seed, target: settings.target, correlations };
    const shown = simulateCompletion(touchpoints, options);
    const whole = simulateCompletion(touchpoints, { ...options, improvement: { factor: 0.9 } });
    expect(computeImprovement(prepareSimulation(touchpoints, options), shown, { factor: 0.9 })).toEqual(whole.improvement);
  });
});
