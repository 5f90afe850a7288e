import { describe, expect, it } from 'vitest';
import { averageRanks, cumulativeOfSorted, histogramOfSorted, niceStep, quantileSorted } from '../../../src/engine/math/statistics.ts';

describe('quantileSorted (Hyndman & Fan type 7)', () => {
  it('interpolates between order statistics at (n − 1)p: 1, 2, 3, 4 gives 1, 1.75, 2.5 and 4 at p = 0, ¼, ½, 1', () => {
    // numpy.quantile([1, 2, 3, 4], [0, 0.25, 0.5, 1]) = [1, 1.75, 2.5, 4] (its default is type 7).
    const sorted = [1, 2, 3, 4];
    expect([0, 0.25, 0.5, 1].map((p) => quantileSorted(sorted, p))).toEqual([1, 1.75, 2.5, 4]);
    expect(quantileSorted([5], 0.8)).toBe(5);
  });

  it('is NaN for no values', () => {
    expect(quantileSorted([], 0.5)).toBeNaN();
  });
});

describe('niceStep', () => {
  it('rounds up to 1, 2, 2.5 or 5 × a power of ten', () => {
    expect([0.7, 1, 1.3, 2.2, 3, 7, 0.013, 340].map(niceStep)).toEqual([1, 1, 2, 2.5, 5, 10, 0.02, 500]);
  });

  it('is 1 for zero, negatives and non-finite values', () => {
    expect([0, -3, Infinity, NaN].map(niceStep)).toEqual([1, 1, 1, 1]);
  });
});

describe('histogramOfSorted', () => {
  it('counts every value once in bins that start on a multiple of the width and cover the range', () => {
    const sorted = Float64Array.from({ length: 1000 }, (_, i) => 10 + (i * i) / 1000);
    const { start, binWidth, counts } = histogramOfSorted(sorted);
    expect(counts.reduce((sum, c) => sum + c, 0)).toBe(1000);
    expect(start / binWidth).toBeCloseTo(Math.round(start / binWidth), 9);
    expect(start).toBeLessThanOrEqual(sorted[0]);
    expect(start + counts.length * binWidth).toBeGreaterThan(sorted[999]);
    expect(counts.length).toBeGreaterThanOrEqual(10);
    expect(counts.length).toBeLessThanOrEqual(81);
  });

  it('puts constant data in one bin and gives no bins for no data', () => {
    expect(histogramOfSorted(Float64Array.from([4, 4, 4])).counts).toEqual(Uint32Array.from([3]));
    expect(histogramOfSorted(new Float64Array(0)).counts).toHaveLength(0);
  });
});

describe('cumulativeOfSorted', () => {
  it('samples the empirical CDF at evenly spaced ranks: 1..5 at every rank gives P = 0.2, 0.4, …, 1', () => {
    const { time, probability } = cumulativeOfSorted(Float64Array.from([1, 2, 3, 4, 5]), 4);
    expect([...time]).toEqual([1, 2, 3, 4, 5]);
    expect([...probability]).toEqual([0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('has points + 1 entries for long inputs, ending at the maximum with probability 1, and none for no data', () => {
    const sorted = Float64Array.from({ length: 1001 }, (_, i) => i);
    const { time, probability } = cumulativeOfSorted(sorted, 10);
    expect([...time]).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    expect(probability[10]).toBe(1);
    expect(cumulativeOfSorted(new Float64Array(0)).time).toHaveLength(0);
  });
});

describe('averageRanks', () => {
  it('gives 1-based ranks, ties their average: 10, 20, 20, 5 ranks as 2, 3.5, 3.5, 1', () => {
    const { ranks, sorted } = averageRanks(Float64Array.from([10, 20, 20, 5]));
    expect([...ranks]).toEqual([2, 3.5, 3.5, 1]);
    expect([...sorted]).toEqual([5, 10, 20, 20]);
  });

  it('ranks sum to n(n + 1)/2 with ties, and the input is left as it was', () => {
    const values = Float64Array.from([3, 1, 3, 3, 2, 1, 7]);
    const { ranks } = averageRanks(values);
    expect(ranks.reduce((sum, r) => sum + r, 0)).toBe(28);
    expect([...ranks]).toEqual([5, 1.5, 5, 5, 3, 1.5, 7]);
    expect([...values]).toEqual([3, 1, 3, 3, 2, 1, 7]);
  });
});
