import { describe, expect, it } from 'vitest';
import { daysPerUnit, improvementValue, moneyModel } from '../../../src/engine/customers/improvementValue.ts';

describe('moneyModel', () => {
  it('turns a BG/NBD fit in weeks into orders a day and the data\'s customers into a yearly figure', () => {
    // CDNOW's published fit (Fader, Hardie & Lee 2005): r = 0.243, α = 4.414 weeks → 0.243 / 4.414 / 7 = 0.0078646… orders a day.
    // 2,357 customers first seen over 1997-01-01 … 1998-06-30 (546 days): 2,357 / (546 / 365.25) = 1,576.7… a year.
    const model = moneyModel({ r: 0.243, alpha: 4.414, unit: 'weeks', spendPerOrder: 35.08, averageOrderValue: 30, customers: 2357, firstDate: '1997-01-01', lastDate: '1998-06-30' })!;
    expect(model.ordersPerDay).toBeCloseTo(0.0078646, 6);
    expect(model.newCustomersPerYear).toBeCloseTo(1576.72, 1);
    expect(model.orderValue).toBe(35.08);
  });

  it('falls back to the average order value without a spend model, and gives nothing without a usable fit', () => {
    const base = { r: 1, alpha: 10, unit: 'days' as const, averageOrderValue: 50, customers: 100, firstDate: '2024-01-01', lastDate: '2024-12-31' };
    expect(moneyModel(base)?.orderValue).toBe(50);
    expect(moneyModel({ ...base, r: Number.NaN })).toBeUndefined();
    expect(moneyModel({ ...base, averageOrderValue: 0 })).toBeUndefined();
    expect(moneyModel({ ...base, customers: 0 })).toBeUndefined();
  });
});

describe('improvementValue', () => {
  it('is days sooner × new customers a year × orders a day × order value', () => {
    // 1.3 days × 12,000 customers a year × 0.01 orders a day × £27 = £4,212 a year, worked by hand.
    expect(improvementValue(1.3, { newCustomersPerYear: 12_000, ordersPerDay: 0.01, orderValue: 27 })).toBeCloseTo(4212, 9);
    expect(improvementValue(Number.NaN, { newCustomersPerYear: 1, ordersPerDay: 1, orderValue: 1 })).toBeNaN();
  });
});

describe('daysPerUnit', () => {
  it('knows days, weeks and hours, and nothing else', () => {
    expect([daysPerUnit('days'), daysPerUnit('Weeks'), daysPerUnit('hours')]).toEqual([1, 7, 1 / 24]);
    expect(daysPerUnit('sprints')).toBeUndefined();
  });
});
