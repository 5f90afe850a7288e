import { describe, expect, it } from 'vitest';
import { quintileScores, RFM_GRID, RFM_SEGMENTS, rfmScores, rfmSegment, SEGMENT_ADVICE, summarizeSegments } from '../../../src/engine/repurchase/rfm.ts';

describe('quintileScores', () => {
  it('splits ten distinct values two to a score', () => {
    // 1 + ⌊5 · below / 10⌋ for below = 0..9: 1 1 2 2 3 3 4 4 5 5.
    expect([...quintileScores([7, 3, 9, 1, 5, 2, 8, 10, 4, 6])]).toEqual([4, 2, 5, 1, 3, 1, 4, 5, 2, 3]);
  });

  it('gives exactly a fifth of twenty distinct values each score', () => {
    const scores = quintileScores(Array.from({ length: 20 }, (_, i) => (i * 7) % 20));
    for (let s = 1; s <= 5; s++) expect(scores.filter((v) => v === s)).toHaveLength(4);
  });

  it('keeps tied values together, at the score of the first of them', () => {
    // Six 1s have nothing below: score 1. The 2 has 6 of 10 below: 1 + ⌊3⌋ = 4; the 3 has 7: 1 + ⌊3.5⌋ = 4;
    // the 4 has 8: 5; the 5 has 9: 1 + ⌊4.5⌋ = 5.
    expect([...quintileScores([1, 1, 1, 1, 1, 1, 2, 3, 4, 5])]).toEqual([1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
    expect([...quintileScores([3, 3, 3])]).toEqual([1, 1, 1]);
  });

  it('leaves NaN unscored and scores the rest among themselves', () => {
    expect([...quintileScores([NaN, 1, 2, 3, 4, 5])]).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe('RFM segments', () => {
  it('names every cell of the grid with a listed segment', () => {
    for (const row of RFM_GRID) for (const name of row) expect(RFM_SEGMENTS).toContain(name);
    expect(rfmSegment(5, 5)).toBe('Champions');
    expect(rfmSegment(5, 1)).toBe('New');
    expect(rfmSegment(1, 5)).toBe("Can't lose them");
    expect(rfmSegment(1, 1)).toBe('Lost');
    expect(rfmSegment(0, 3)).toBeUndefined();
  });

  it('places customers built to land in known cells', () => {
    // Customer k (1..10): k time units since the last order and 11 − k orders, so R and F are
    // both 5 5 4 4 3 3 2 2 1 1 (see the first quintile test): Champions (R5F5, R4F4),
    // Needs attention (R3F3), Hibernating (R2F2), Lost (R1F1). Revenue 100 per order.
    const sinceLast = Array.from({ length: 10 }, (_, i) => i + 1);
    const orders = sinceLast.map((k) => 11 - k);
    const revenue = orders.map((n) => 100 * n);
    const scores = rfmScores(sinceLast, orders, revenue);
    expect([...scores.recency]).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    expect([...scores.frequency]).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    expect([...scores.monetary]).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    expect(scores.segment).toEqual(['Champions', 'Champions', 'Champions', 'Champions', 'Needs attention', 'Needs attention', 'Hibernating', 'Hibernating', 'Lost', 'Lost']);
    const clv = [50, 40, 30, 20, 10, 10, 5, 5, 1, NaN];
    const summary = summarizeSegments(scores.segment, revenue, clv);
    // Revenue: Champions 100·(10+9+8+7) = 3,400 of 100·55 = 5,500; Lost 100·(2+1) = 300, its one finite CLV 1.
    expect(summary.map((s) => s.segment)).toEqual(['Champions', 'Needs attention', 'Hibernating', 'Lost']);
    expect(summary[0]).toMatchObject({ customers: 4, share: 0.4, revenue: 3400, averageClv: 35 });
    expect(summary[0].revenueShare).toBeCloseTo(3400 / 5500, 12);
    expect(summary[3]).toMatchObject({ customers: 2, revenue: 300, averageClv: 1 });
  });
});

describe('rfmScores and summarizeSegments at the edges', () => {
  it('puts everyone in the bottom score when all are tied, and a customer without recency in no score', () => {
    const scores = rfmScores([3, 3, 3], [1, 1, 1], [0, 0, 0]);
    expect([...scores.recency]).toEqual([1, 1, 1]);
    expect(scores.segment).toEqual(['Lost', 'Lost', 'Lost']);
    // A NaN recency scores 0, outside the grid: the segment falls back on Lost.
    expect(rfmScores([NaN, 1], [2, 2], [5, 5]).segment[0]).toBe('Lost');
  });

  it('gives a revenue share of 0 when nobody spent anything, and NaN for a segment without CLVs', () => {
    const [only] = summarizeSegments(['New', 'New'], [0, 0], [NaN, NaN]);
    expect(only).toMatchObject({ segment: 'New', customers: 2, share: 1, revenue: 0, revenueShare: 0 });
    expect(only.averageClv).toBeNaN();
  });
});

describe('SEGMENT_ADVICE', () => {
  it('has a line of advice for every segment', () => {
    expect(Object.keys(SEGMENT_ADVICE).sort()).toEqual([...RFM_SEGMENTS].sort());
  });
});
