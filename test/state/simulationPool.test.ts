import { describe, expect, it } from 'vitest';
import { BLOCK_SIZE, prepareSimulation, simulateCompletion, simulateIterations, summarizeSimulation } from '../../src/engine/montecarlo/index.ts';
import { coerceJourney } from '../../src/engine/journey/coerceJourney.ts';
import { exampleJourney } from '../../src/engine/journey/exampleJourney.ts';
import { splitIterations } from '../../src/state/simulationPool.ts';

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
