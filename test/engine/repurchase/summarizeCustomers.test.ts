import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../../src/engine/csv/dates.ts';
import { summarizeCustomers } from '../../../src/engine/repurchase/summarizeCustomers.ts';
import { cdnowSummary } from '../../fixtures/cdnowSummary.ts';

describe('summarizeCustomers on the CDNOW sample (Fader, Hardie & Lee 2005)', () => {
  const data = cdnowSummary();

  it('summarises 2,357 customers with calibration ending 1997-09-30, in weeks', () => {
    expect(data.ids).toHaveLength(2357);
    // The paper's calibration period is 39 weeks from 1997-01-01; the first customer in the file bought then.
    expect(Math.max(...data.age)).toBeCloseTo(272 / 7, 9);
  });
});

describe('summarizeCustomers', () => {
  it('counts several orders on one day as one purchase', () => {
    const d = dayNumber(2024, 1, 1);
    const summary = summarizeCustomers({
      customer: ['a', 'a', 'a', 'b'], day: Int32Array.of(d, d, d + 14, d + 7), amount: Float64Array.of(10, 5, 20, 8),
    }, d + 28, 'weeks');
    expect([...summary.frequency]).toEqual([1, 0]);
    expect([...summary.recency]).toEqual([2, 0]);
    expect([...summary.age]).toEqual([4, 3]);
    expect([...summary.monetary]).toEqual([20, 0]);
  });

  it('leaves out what comes after the calibration end, and customers who first bought after it', () => {
    const d = dayNumber(2024, 1, 1);
    const orders = { customer: ['a', 'a', 'a', 'late'], day: Int32Array.of(d, d + 7, d + 30, d + 25), amount: Float64Array.of(10, 20, 40, 5) };
    const summary = summarizeCustomers(orders, d + 21, 'days');
    expect(summary.ids).toEqual(['a']);
    // In days: one repeat on day 7, T = 21; the repeat day's total is the monetary value.
    expect([...summary.frequency, ...summary.recency, ...summary.age, ...summary.monetary]).toEqual([1, 7, 21, 20]);
  });

  it('averages the repeat purchase days only, leaving the first purchase out', () => {
    const d = dayNumber(2024, 1, 1);
    const summary = summarizeCustomers({ customer: ['a', 'a', 'a'], day: Int32Array.of(d, d + 7, d + 14), amount: Float64Array.of(1000, 10, 30) }, d + 14, 'weeks');
    expect([...summary.monetary]).toEqual([20]);
  });

  it('gives an empty summary for no orders', () => {
    const summary = summarizeCustomers({ customer: [], day: new Int32Array(0), amount: new Float64Array(0) }, 0, 'weeks');
    expect(summary.ids).toEqual([]);
    expect(summary.frequency).toHaveLength(0);
  });
});
