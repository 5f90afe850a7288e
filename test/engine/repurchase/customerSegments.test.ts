import { describe, expect, it } from 'vitest';
import { customersToCsv, rowsToCsv } from '../../../src/engine/csv/rowsToCsv.ts';
import { findRegulars } from '../../../src/engine/repurchase/regulars.ts';
import { quintileScores, RFM_GRID, RFM_SEGMENTS, rfmScores, rfmSegment, summarizeSegments } from '../../../src/engine/repurchase/rfm.ts';

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

describe('findRegulars', () => {
  const customers = [
    { customer: 'steady', days: [0, 7, 14, 21, 28] },
    { customer: 'bursty', days: [0, 1, 30, 31] },
    { customer: 'few', days: [0, 10, 20] },
    { customer: 'roughly', days: [0, 10, 22, 30, 40] },
    { customer: 'edge', days: [0, 5, 20, 30] },
  ];

  it('keeps 4+ purchase days with a coefficient of variation of gaps below 0.5', () => {
    const regulars = findRegulars(customers, 45);
    // steady: gaps 7 7 7 7, CV 0. roughly: gaps 10 12 8 10, mean 10, SD √(8/3) = 1.633, CV 0.163.
    // bursty: gaps 1 29 1, mean 10.33, SD 16.17, CV 1.56. few: 3 days. edge: gaps 5 15 10, SD 5, CV exactly 0.5 (not below).
    // roughly is still due (in 5 days), steady is 10 days late: the one still due comes first.
    expect(regulars.map((r) => r.customer)).toEqual(['roughly', 'steady']);
    expect(regulars[1]).toMatchObject({ usualGap: 7, lastDay: 28, nextDay: 35, daysLate: 10, purchaseDays: 5, variation: 0 });
    expect(regulars[0].variation).toBeCloseTo(Math.sqrt(8 / 3) / 10, 12);
    expect(regulars[0]).toMatchObject({ usualGap: 10, nextDay: 50, daysLate: -5 });
  });

  it('ignores purchases after the end day', () => {
    expect(findRegulars(customers, 20).map((r) => r.customer)).toEqual([]);
  });
});

describe('customer CSV exports', () => {
  it('writes ids that look like formulas as text and numbers as numbers', () => {
    const csv = rowsToCsv([{ id: '=HYPERLINK("http://x")', value: -3.14159 }, { id: '@SUM(A1)', value: NaN }], [
      { header: 'customer', value: (r) => r.id }, { header: 'value', value: (r) => r.value },
    ], 2);
    expect(csv).toBe('customer,value\r\n"\'=HYPERLINK(""http://x"")",-3.14\r\n\'@SUM(A1),\r\n');
  });

  it('puts the customer id first, then segment and figures', () => {
    const csv = customersToCsv([{
      customer: 'C1', orders: 3, lastOrder: '2024-02-01', pAlive: 0.5, expectedOrders: 1.25, clv: 12.5,
      frequency: 2, recency: 4, T: 10, monetary: 20, revenue: 60, rfm: '555', segment: 'Champions',
    }]);
    const [header, line] = csv.split('\r\n');
    expect(header).toBe('customer,segment,rfm,orders,last_order,revenue,frequency,recency,T,monetary_value,p_alive,expected_orders,clv');
    expect(line).toBe('C1,Champions,555,3,2024-02-01,60,2,4,10,20,0.5,1.25,12.5');
  });
});

describe('findRegulars order', () => {
  it('lists those still due soonest first, then the late ones least late first', () => {
    // Gaps of 10 days each; last orders on days 30, 35, 12, 20 → next 40, 45, 22, 30; as of day 35:
    // a and b due in 5 and 10 days; d and c late by 5 and 13 days.
    const list = [
      { customer: 'a', days: [0, 10, 20, 30] }, { customer: 'b', days: [5, 15, 25, 35] },
      { customer: 'c', days: [-18, -8, 2, 12] }, { customer: 'd', days: [-10, 0, 10, 20] },
    ];
    expect(findRegulars(list, 35).map((r) => [r.customer, r.daysLate])).toEqual([['a', -5], ['b', -10], ['d', 5], ['c', 13]]);
  });
});
