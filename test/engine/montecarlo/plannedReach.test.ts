import { describe, expect, it } from 'vitest';
import { minutesPerUnit, reachP95 } from '../../../src/engine/montecarlo/plannedReach.ts';
import type { SimulationResult } from '../../../src/engine/journey/types.ts';

/** Only the fields reachP95 reads; the rest of a result does not matter to it. */
function result(fields: Partial<SimulationResult>): SimulationResult {
  return { mean: 10, percentiles: { p10: 0, p50: 0, p80: 0, p90: 0, p95: 15 }, meanFinish: Float64Array.from([2, 4, 10]), ...fields } as SimulationResult;
}

describe('minutesPerUnit', () => {
  it('reads minutes, hours, days, weeks and months (30.4375 days: 365.25/12), days for anything else', () => {
    expect(['min', 'Minutes', 'h', 'hours', ' Hour ', 'days', 'w', 'weeks', 'months', 'mo'].map(minutesPerUnit))
      .toEqual([1, 1, 60, 60, 60, 1440, 10080, 10080, 43830, 43830]);
    expect(minutesPerUnit('fortnights')).toBe(1440);
    expect(minutesPerUnit('')).toBe(1440);
  });
});

describe('reachP95', () => {
  it('takes the simulation\'s own 95th percentiles when the run has them', () => {
    const reach = { percentiles: [0.5, 0.95], finish: [Float64Array.from([1, 2, 3]), Float64Array.from([3, 6, 12])] };
    expect(reachP95(result({ reach }))).toEqual({ p95: Float64Array.from([3, 6, 12]), source: 'simulation' });
  });

  it('otherwise scales each mean finish by the journey\'s P95 ÷ mean: 15/10 × (2, 4, 10) = (3, 6, 15)', () => {
    expect(reachP95(result({}))).toEqual({ p95: Float64Array.from([3, 6, 15]), source: 'scaled mean' });
    // Reach quantiles without the 95th are no help either.
    const reach = { percentiles: [0.5], finish: [Float64Array.from([1, 2, 3])] };
    expect(reachP95(result({ reach })).source).toBe('scaled mean');
  });

  it('keeps the mean finishes as they are when the journey\'s mean is 0', () => {
    expect(reachP95(result({ mean: 0 })).p95).toEqual(Float64Array.from([2, 4, 10]));
  });
});
