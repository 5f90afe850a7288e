import { describe, expect, it } from 'vitest';
import { findRegulars } from '../../../src/engine/repurchase/regulars.ts';

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

describe('findRegulars options', () => {
  it('takes a smaller number of purchase days and a looser variation when asked', () => {
    // gaps 5, 15, 10: CV = 5 / 10 = 0.5 exactly; three purchase days are too few by default.
    const edge = [{ customer: 'edge', days: [0, 5, 20, 30] }, { customer: 'three', days: [0, 10, 20] }];
    expect(findRegulars(edge, 30)).toEqual([]);
    expect(findRegulars(edge, 30, { maximumVariation: 0.51 }).map((r) => r.customer)).toEqual(['edge']);
    expect(findRegulars(edge, 30, { minimumOrders: 3 }).map((r) => r.customer)).toEqual(['three']);
  });

  it('never takes fewer than three purchase days, which give two gaps to compare', () => {
    expect(findRegulars([{ customer: 'two', days: [0, 10] }], 20, { minimumOrders: 2 })).toEqual([]);
  });
});
