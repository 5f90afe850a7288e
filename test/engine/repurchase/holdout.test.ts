import { describe, expect, it } from 'vitest';
import { bgNbdConditionalExpected, bgNbdExpectedPurchases, bgNbdProbabilityAlive } from '../../../src/engine/repurchase/bgnbd.ts';
import type { BgNbdParameters } from '../../../src/engine/repurchase/bgnbd.ts';
import { sampleGamma } from '../../../src/engine/repurchase/bgnbdSimulation.ts';
import { cumulativeRepeatPurchases, frequencyRecencyMatrix, holdoutByFrequency } from '../../../src/engine/repurchase/holdout.ts';
import { randomSfc32, uniform01 } from '../../../src/engine/math/random.ts';

const truth: BgNbdParameters = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };

/**
 * Customers drawn from the BG/NBD story (FHL 2005, §2), each with every repeat purchase time
 * (in weeks after their first purchase) up to `horizon` weeks after day 0: an independent
 * generator, not the engine's expectation formulas.
 */
function simulate(count: number, seed: number, horizon: number): { first: number[]; repeats: number[][] } {
  const next = randomSfc32(seed, 11);
  const first: number[] = [];
  const repeats: number[][] = [];
  for (let i = 0; i < count; i++) {
    const start = Math.floor(84 * uniform01(next)); // first purchase in the first 12 weeks, as CDNOW's cohort
    const rate = sampleGamma(truth.r, next) / truth.alpha;
    const g = sampleGamma(truth.a, next);
    const dropout = g / (g + sampleGamma(truth.b, next));
    const times: number[] = [];
    let t = 0;
    for (;;) {
      t += -Math.log(1 - uniform01(next)) / rate;
      if (start / 7 + t > horizon) break;
      times.push(t);
      if (uniform01(next) < dropout) break;
    }
    first.push(start);
    repeats.push(times);
  }
  return { first, repeats };
}

describe('cumulative repeat purchases (FHL 2005, Figure 2)', () => {
  it('sums E[X(t − s_i)] over customers, the same as a plain loop over each customer', () => {
    const first = [0, 0, 10, 35, 70];
    const points = [7, 20, 35, 36, 100];
    const result = cumulativeRepeatPurchases(truth, first, [3, 8, 40, 41, 99, 100, 101], points, 7);
    points.forEach((day, k) => {
      let expected = 0;
      for (const s of first) if (s < day) expected += bgNbdExpectedPurchases(truth, (day - s) / 7);
      expect(result.predicted[k]).toBeCloseTo(expected, 12);
    });
    // Observed repeats on or before each day: 7 → {3}; 20 → {3, 8}; 35, 36 → 2; 100 → 6 (101 is later).
    expect(result.actual).toEqual([1, 2, 2, 2, 6]);
  });

  it('tracks the repeat purchases of 20,000 customers simulated with known parameters within 3 %', () => {
    const { first, repeats } = simulate(20_000, 3, 78);
    const repeatDays = repeats.flatMap((times, i) => times.map((t) => first[i] + 7 * t));
    const points = [140, 273, 400, 546];
    const result = cumulativeRepeatPurchases(truth, first, repeatDays, points, 7);
    points.forEach((_, k) => expect(Math.abs(result.predicted[k] / result.actual[k] - 1)).toBeLessThan(0.03));
  });
});

describe('calibration versus holdout by frequency (FHL 2005, Figure 4)', () => {
  it('averages E[Y(t*) | x, t_x, T] and the observed holdout purchases per bucket, 7 and over together', () => {
    const calibration = { frequency: [0, 0, 1, 7, 12], recency: [0, 0, 5, 30, 38], age: [39, 20, 30, 39, 39] };
    const buckets = holdoutByFrequency(truth, calibration, [0, 1, 2, 5, 9], 39);
    expect(buckets.map((b) => b.label)).toEqual(['0', '1', '7+']);
    expect(buckets.map((b) => b.customers)).toEqual([2, 1, 2]);
    expect(buckets.map((b) => b.actual)).toEqual([0.5, 2, 7]);
    const e = (i: number) => bgNbdConditionalExpected(truth, 39, calibration.frequency[i], calibration.recency[i], calibration.age[i]);
    expect(buckets[0].predicted).toBeCloseTo((e(0) + e(1)) / 2, 12);
    expect(buckets[2].predicted).toBeCloseTo((e(3) + e(4)) / 2, 12);
  });

  it('predicts the holdout purchases of simulated customers per bucket within 10 % where buckets are large', () => {
    // Calibration: the first 39 weeks; holdout: weeks 39–78, as FHL's CDNOW set-up.
    const { first, repeats } = simulate(20_000, 5, 78);
    const frequency: number[] = [];
    const recency: number[] = [];
    const age: number[] = [];
    const holdout: number[] = [];
    repeats.forEach((times, i) => {
      const T = 39 - first[i] / 7;
      const before = times.filter((t) => t <= T);
      frequency.push(before.length);
      recency.push(before.length ? before[before.length - 1] : 0);
      age.push(T);
      holdout.push(times.length - before.length);
    });
    const buckets = holdoutByFrequency(truth, { frequency, recency, age }, holdout, 39);
    const large = buckets.filter((b) => b.customers >= 500);
    expect(large.length).toBeGreaterThanOrEqual(3);
    for (const b of large) expect(Math.abs(b.predicted / b.actual - 1)).toBeLessThan(0.1);
  });
});

describe('frequency/recency matrix', () => {
  it('gives each cell the conditional expectation and P(alive) at the column centre', () => {
    const matrix = frequencyRecencyMatrix(truth, 40, 3, 52, 4);
    expect(matrix.recencies).toEqual([5, 15, 25, 35]);
    expect(matrix.expected).toHaveLength(4);
    expect(matrix.expected[2][1]).toBeCloseTo(bgNbdConditionalExpected(truth, 52, 2, 15, 40), 12);
    expect(matrix.pAlive[3][0]).toBeCloseTo(bgNbdProbabilityAlive(truth, 3, 5, 40), 12);
    // More recent last purchases mean more expected orders, for the same frequency.
    expect(matrix.expected[3][3]).toBeGreaterThan(matrix.expected[3][0]);
    expect(matrix.pAlive[0].every((p) => p === 1)).toBe(true);
  });
});
