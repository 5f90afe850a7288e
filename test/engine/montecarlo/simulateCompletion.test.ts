import { describe, expect, it } from 'vitest';
import { BLOCK_SIZE, prepareSimulation } from '../../../src/engine/montecarlo/prepareSimulation.ts';
import { simulateCompletion } from '../../../src/engine/montecarlo/simulateCompletion.ts';
import { simulateIterations } from '../../../src/engine/montecarlo/simulateIterations.ts';
import { summarizeSimulation } from '../../../src/engine/montecarlo/summarizeSimulation.ts';
import { byId, input, journey, referenceCase, referenceNetwork } from '../referenceCases.ts';

// The reference values come from 1,000,000 independent numpy iterations. Its note gives the
// tolerance at 100,000 iterations: ±0.05 on times, ±0.01 on probabilities and criticality
// (about 3 standard errors: SE of a probability ≤ √(0.25/1e5) = 0.0016, of the mean ≈ 3/√1e5 = 0.01).
// Spearman's ρ has SE ≈ (1 − ρ²)/√n ≤ 0.0032, so ±0.01 is 3 SE as well.
const ITERATIONS = 100_000;

describe('Monte Carlo against the reference networks (100,000 iterations, seed 7)', () => {
  for (const id of ['reliable-construction', 'prime-cpm-ten', 'taylor-chain']) {
    for (const distribution of ['beta-pert', 'triangular'] as const) {
      it(`reproduces ${id} with ${distribution} durations`, () => {
        const expected = referenceCase(id).expected[`monte_carlo_${distribution.replace('-', '_')}`];
        const touchpoints = journey(referenceNetwork(id));
        const targets = Object.keys(expected).filter((key) => key.startsWith('P(T<=')).map((key) => Number(key.slice(5, -1)));
        const result = simulateCompletion(touchpoints, { iterations: ITERATIONS, seed: 7, target: targets[0], distribution });
        expect(result.complete).toBe(true);
        expect(Math.abs(result.mean - expected.mean)).toBeLessThan(0.05);
        expect(Math.abs(result.sd - expected.sd)).toBeLessThan(0.05);
        for (const key of ['p10', 'p50', 'p80', 'p90', 'p95'] as const) {
          expect(Math.abs(result.percentiles[key] - expected[key])).toBeLessThan(0.05);
        }
        for (const target of targets) {
          const p = simulateCompletion(touchpoints, { iterations: ITERATIONS, seed: 7, target, distribution }).pTarget;
          expect(Math.abs(p - expected[`P(T<=${target})`])).toBeLessThan(0.01);
        }
        const criticality = byId(result, result.criticality);
        for (const [touchpointId, value] of Object.entries(expected.criticality)) {
          expect(Math.abs(criticality[touchpointId] - (value as number))).toBeLessThan(0.01);
        }
        if (expected.spearman_duration_vs_finish) {
          const sensitivity = byId(result, result.sensitivity);
          for (const [touchpointId, value] of Object.entries(expected.spearman_duration_vs_finish)) {
            expect(Math.abs(sensitivity[touchpointId] - (value as number))).toBeLessThan(0.01);
          }
        }
      });
    }
  }
});

describe('Monte Carlo against small analytic cases (reference file)', () => {
  const analytic = referenceCase('small-analytic').items;

  it('two parallel beta-PERT(1, 4, 7) into one finish: P(T ≤ 4) = 0.25 and the finish quantiles', () => {
    const item = analytic[0];
    const result = simulateCompletion(journey([input('A', 1, 4, 7), input('B', 1, 4, 7)]), { iterations: ITERATIONS, seed: 3, target: 4 });
    expect(Math.abs(result.pTarget - item['P(T<=4)'])).toBeLessThan(0.01);
    expect(Math.abs(result.mean - item['E[T]'])).toBeLessThan(0.01);
    expect(Math.abs(result.percentiles.p50 - item.p50)).toBeLessThan(0.02);
    expect(Math.abs(result.percentiles.p80 - item.p80)).toBeLessThan(0.02);
  });

  it('Uniform(0, 2) in parallel with Uniform(0, 1): criticality 0.75 / 0.25 and E[T] = 13/12', () => {
    const item = analytic[1];
    const result = simulateCompletion(journey([input('A', 0, 1, 2, '', 'uniform'), input('B', 0, 0.5, 1, '', 'uniform')]),
      { iterations: ITERATIONS, seed: 3, target: 1 });
    expect(Math.abs(result.criticality[0] - item.criticality_A)).toBeLessThan(0.01);
    expect(Math.abs(result.criticality[1] - item.criticality_B)).toBeLessThan(0.01);
    expect(Math.abs(result.mean - item['E[T]'])).toBeLessThan(0.01);
  });

  it('ten PERT(2, 4, 12) in series: mean 50, variance 30 (the beta variance, not the classic 27.78), P(T ≤ 55) = 0.8197', () => {
    const item = analytic[2];
    const inputs = Array.from({ length: 10 }, (_, k) => input(`S${k}`, 2, 4, 12, k ? `S${k - 1}` : ''));
    const result = simulateCompletion(journey(inputs), { iterations: ITERATIONS, seed: 3, target: 55 });
    expect(Math.abs(result.mean - item.mean)).toBeLessThan(0.05);
    expect(Math.abs(result.sd * result.sd - item.variance_beta)).toBeLessThan(0.6);
    expect(Math.abs(result.pTarget - item['P(T<=55)_monte_carlo'])).toBeLessThan(0.01);
  });

  it('two normal activities in series with variances 4 and 1: Spearman 0.8855 and 0.4307', () => {
    const item = analytic[3];
    // SD = (b − a)/6: 2 and 1; means far from zero so the truncation at 0 plays no part.
    const inputs = [input('A', 94, 100, 106, '', 'normal'), input('B', 97, 100, 103, 'A', 'normal')];
    const result = simulateCompletion(journey(inputs), { iterations: ITERATIONS, seed: 3, target: 200 });
    expect(Math.abs(result.sensitivity[0] - item.spearman_A)).toBeLessThan(0.01);
    expect(Math.abs(result.sensitivity[1] - item.spearman_B)).toBeLessThan(0.01);
    expect(Math.abs(result.sd - Math.sqrt(5))).toBeLessThan(0.02);
  });
});

describe('simulateCompletion behaviour', () => {
  const network = () => journey(referenceNetwork('reliable-construction'));

  it('gives bit-identical results for the same journey, seed and iteration count', () => {
    const first = simulateCompletion(network(), { iterations: 5000, seed: 11, target: 47 });
    const second = simulateCompletion(network(), { iterations: 5000, seed: 11, target: 47 });
    expect(second).toEqual(first);
  });

  it('gives different samples for a different seed', () => {
    const first = simulateCompletion(network(), { iterations: 5000, seed: 11, target: 47 });
    const second = simulateCompletion(network(), { iterations: 5000, seed: 12, target: 47 });
    expect(second.mean).not.toBe(first.mean);
  });

  it('gives bit-identical results however the iterations are split into chunks', () => {
    const iterations = 5 * BLOCK_SIZE + 123;
    const whole = simulateCompletion(network(), { iterations, seed: 5, target: 47 });
    const prepared = prepareSimulation(network(), { iterations, seed: 5, target: 47 });
    const chunks = [
      simulateIterations(prepared, 0, BLOCK_SIZE),
      simulateIterations(prepared, BLOCK_SIZE, 4 * BLOCK_SIZE),
      simulateIterations(prepared, 4 * BLOCK_SIZE, iterations),
    ];
    expect(summarizeSimulation(prepared, chunks)).toEqual(whole);
  });

  it('gives bit-identical per-touchpoint results whatever the row order', () => {
    const inputs = referenceNetwork('reliable-construction');
    const forward = simulateCompletion(journey(inputs), { iterations: 3000, seed: 2, target: 47 });
    const reversed = simulateCompletion(journey([...inputs].reverse()), { iterations: 3000, seed: 2, target: 47 });
    expect(reversed.mean).toBe(forward.mean);
    expect(reversed.percentiles).toEqual(forward.percentiles);
    expect(byId(reversed, reversed.criticality)).toEqual(byId(forward, forward.criticality));
    expect(byId(reversed, reversed.sensitivity)).toEqual(byId(forward, forward.sensitivity));
  });

  it('treats a zero-time milestone as always critical on a chain and never sensitive', () => {
    const result = simulateCompletion(journey([input('A', 1, 2, 4), input('M', 0, 0, 0, 'A'), input('B', 1, 2, 4, 'M')]),
      { iterations: 2000, seed: 1, target: 5 });
    expect(result.criticality[1]).toBe(1);
    expect(result.sensitivity[1]).toBe(0);
    expect(result.meanFinish[1]).toBeCloseTo(result.meanFinish[0], 12);
  });

  it('simulates a journey of one touchpoint as its own distribution', () => {
    // PERT(2, 4, 12): mean 5, variance 3, median 4.766723 (reference file, beta-pert-moments).
    const result = simulateCompletion(journey([input('A', 2, 4, 12)]), { iterations: 20_000, seed: 1, target: 5 });
    expect(result.mean).toBeCloseTo(5, 3);
    expect(result.sd).toBeCloseTo(Math.sqrt(3), 3);
    expect(result.percentiles.p50).toBeCloseTo(4.766723, 3);
    expect(result.criticality[0]).toBe(1);
    expect(result.sensitivity[0]).toBeCloseTo(1, 12);
  });

  it('reports progress and stops early when asked, never calling a partial run complete', () => {
    const progress: number[] = [];
    const result = simulateCompletion(network(), {
      iterations: 10 * BLOCK_SIZE, seed: 1, target: 47,
      onProgress: (done) => progress.push(done),
      shouldStop: () => progress.length >= 3,
    });
    expect(progress).toEqual([BLOCK_SIZE, 2 * BLOCK_SIZE, 3 * BLOCK_SIZE]);
    expect(result.complete).toBe(false);
    expect(result.iterations).toBe(3 * BLOCK_SIZE);
    expect(result.requestedIterations).toBe(10 * BLOCK_SIZE);
    expect(Math.abs(result.mean - 44.33)).toBeLessThan(0.3);
    expect(result.sensitivity.every((rho) => rho >= -1 && rho <= 1)).toBe(true);
  });

  it('bins the histogram to cover every iteration and ends the cumulative curve at 1', () => {
    const result = simulateCompletion(network(), { iterations: 10_000, seed: 1, target: 47 });
    const total = result.histogram.counts.reduce((sum, count) => sum + count, 0);
    expect(total).toBe(10_000);
    expect(result.histogram.start).toBeLessThanOrEqual(result.min);
    expect(result.histogram.start + result.histogram.counts.length * result.histogram.binWidth).toBeGreaterThan(result.max);
    expect(result.histogram.counts.length).toBeGreaterThanOrEqual(10);
    expect(result.cumulative.probability.at(-1)).toBe(1);
    expect(result.cumulative.time.at(-1)).toBe(result.max);
  });

  it('refuses a run of more iterations than the settings allow with a plain message', () => {
    const touchpoints = journey([input('A', 1, 2, 3)]);
    expect(() => simulateCompletion(touchpoints, { iterations: 60_000_000, seed: 1, target: 1 })).toThrow('Iterations must be at most 1,000,000.');
  });
});
