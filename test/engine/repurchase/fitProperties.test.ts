/**
 * Properties of every re-purchase report, over customer histories drawn by fast-check: mixed
 * histories, one-plan subscriptions, one order each, and everything on one day. Whatever the
 * data, a figure that is shown is possible — P(alive) in [0, 1], expected orders, order values
 * and CLV finite and ≥ 0, a finite log-likelihood no higher than any parameters could reach
 * (≤ 0 for whole days measured in days) — or the report says in a sentence that there is no fit
 * and shows no figure at all.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Transactions } from '../../../src/engine/repurchase/summarizeCustomers.ts';
import { summarizeCustomers } from '../../../src/engine/repurchase/summarizeCustomers.ts';
import { dayNumber } from '../../../src/engine/csv/dates.ts';
import { logLikelihoodCeiling } from '../../../src/engine/repurchase/fitGuard.ts';
import { repurchaseReport } from '../../../src/engine/repurchase/repurchaseReport.ts';

const START = dayNumber(2024, 1, 1);

interface Order { customer: string; day: number; amount: number }

const amount = fc.integer({ min: 1, max: 20_000 }).map((cents) => cents / 100);

/** Up to 8 customers, each with 1–6 orders on days 0–120. */
const mixed = fc.array(fc.array(fc.record({ day: fc.integer({ min: 0, max: 120 }), amount }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 })
  .map((customers) => customers.flatMap((orders, c) => orders.map((o) => ({ customer: `m${c}`, day: START + o.day, amount: o.amount }))));

/** One plan: every customer orders every `interval` days at one price, from their start for `count` orders. */
const onePlan = fc.record({
  interval: fc.integer({ min: 1, max: 35 }), price: amount,
  customers: fc.array(fc.record({ start: fc.integer({ min: 0, max: 60 }), count: fc.integer({ min: 1, max: 12 }) }), { minLength: 1, maxLength: 10 }),
}).map(({ interval, price, customers }) => customers.flatMap(({ start, count }, c) => Array.from({ length: count }, (_, k) => ({ customer: `s${c}`, day: START + start + k * interval, amount: price }))));

/** One order per customer. */
const singleOrder = fc.array(fc.record({ day: fc.integer({ min: 0, max: 90 }), amount }), { minLength: 1, maxLength: 8 })
  .map((orders) => orders.map((o, c) => ({ customer: `o${c}`, day: START + o.day, amount: o.amount })));

/** Every order on one day, some customers with several. */
const sameDay = fc.array(fc.record({ customer: fc.integer({ min: 0, max: 5 }), amount }), { minLength: 1, maxLength: 12 })
  .map((orders) => orders.map((o) => ({ customer: `d${o.customer}`, day: START + 10, amount: o.amount })));

const histories = fc.oneof(mixed, onePlan, singleOrder, sameDay);

function transactions(orders: Order[]): Transactions {
  return { customer: orders.map((o) => o.customer), day: Int32Array.from(orders, (o) => o.day), amount: Float64Array.from(orders, (o) => o.amount) };
}

describe('every re-purchase report, over generated customer histories', () => {
  it('shows only possible figures, or says the fit failed and shows none', () => {
    fc.assert(fc.property(histories, fc.constantFrom('days' as const, 'weeks' as const), (orders, unit) => {
      const input = transactions(orders);
      const report = repurchaseReport({ kind: 'transactions', transactions: input }, { calibrationEnd: '', unit, horizonMonths: 12, annualDiscount: 0.1 });
      expect(report.ok).toBe(true);
      if (!report.ok) return;
      if (report.problem !== undefined) {
        expect(report.problem).toMatch(/^(No customer has bought more than once|This fit failed: )/);
        expect(report.bgnbd).toBeUndefined();
        for (const c of report.customers) for (const value of [c.pAlive, c.expectedOrders, c.expectedValue, c.clv]) expect(value).toBeNaN();
        return;
      }
      const fit = report.bgnbd!;
      const summary = summarizeCustomers(input, Math.max(...input.day), unit);
      expect(Number.isFinite(fit.logLikelihood)).toBe(true);
      expect(fit.logLikelihood).toBeLessThanOrEqual(logLikelihoodCeiling(summary) + 1e-6);
      if (unit === 'days') expect(fit.logLikelihood).toBeLessThanOrEqual(0);
      for (const c of report.customers) {
        expect(c.pAlive).toBeGreaterThanOrEqual(0);
        expect(c.pAlive).toBeLessThanOrEqual(1);
        for (const value of [c.expectedOrders, c.expectedValue, c.clv]) {
          expect(Number.isFinite(value)).toBe(true);
          expect(value).toBeGreaterThanOrEqual(0);
        }
      }
      for (const row of report.matrix?.pAlive ?? []) for (const p of row) expect(p >= 0 && p <= 1).toBe(true);
      for (const row of report.matrix?.expected ?? []) for (const e of row) expect(Number.isFinite(e) && e >= 0).toBe(true);
    }), { numRuns: 100, seed: 20240630 });
  }, 120_000);

  it('gives a one-plan subscription a fit, never a failure, once two customers have ordered twice', () => {
    const plans = fc.record({
      interval: fc.integer({ min: 7, max: 30 }), price: amount,
      customers: fc.array(fc.record({ start: fc.integer({ min: 0, max: 60 }), count: fc.integer({ min: 2, max: 12 }) }), { minLength: 2, maxLength: 10 }),
    });
    fc.assert(fc.property(plans, ({ interval, price, customers }) => {
      const orders = customers.flatMap(({ start, count }, c) => Array.from({ length: count }, (_, k) => ({ customer: `s${c}`, day: START + start + k * interval, amount: price })));
      const report = repurchaseReport({ kind: 'transactions', transactions: transactions(orders) }, { calibrationEnd: '', unit: 'weeks', horizonMonths: 12, annualDiscount: 0.1 });
      expect(report.ok && report.problem).toBeUndefined();
      expect(report.ok && report.gammaGamma?.populationMean).toBeCloseTo(price, 9);
    }), { numRuns: 50, seed: 14 });
  }, 120_000);
});
