/**
 * A one-plan subscription — every customer orders every 14 days at one price, a third cancel
 * along the way (subscriptionFixture.ts) — through the re-purchase report. Before the models'
 * limits were recognised its BG/NBD ran r and α off towards 10⁹ and its Gamma–Gamma p and q
 * past 10¹²⁰, so a 25.00 order was valued at 27,342 and a subscriber's CLV at 600,448.
 */
import { describe, expect, it } from 'vitest';
import { bgNbdLogLikelihood, bgNbdProbabilityAlive } from '../../../src/engine/repurchase/bgnbd.ts';
import { dayToIso } from '../../../src/engine/csv/dates.ts';
import { logLikelihoodCeiling } from '../../../src/engine/repurchase/fitGuard.ts';
import { repurchaseReport } from '../../../src/engine/repurchase/repurchaseReport.ts';
import type { RepurchaseReport } from '../../../src/engine/repurchase/repurchaseReport.ts';
import { summarizeCustomers } from '../../../src/engine/repurchase/summarizeCustomers.ts';
import { STOPPED_CUSTOMER, subscriptionOrders } from './subscriptionFixture.ts';

const orders = subscriptionOrders();
// Fitted on every order, to the last date (the default would hold the last 20% out).
const settings = { calibrationEnd: dayToIso(orders.lastDay), unit: 'weeks' as const, horizonMonths: 12, annualDiscount: 0.1, model: 'bgnbd' as const };

function fitted(unit: 'weeks' | 'days' = 'weeks'): RepurchaseReport {
  const report = repurchaseReport({ kind: 'transactions', transactions: orders.transactions }, { ...settings, unit });
  if (!report.ok) throw new Error(report.message);
  return report;
}

describe('a one-plan subscription fitted by BG/NBD and Gamma–Gamma', () => {
  const report = fitted();
  const fit = report.bgnbd!;

  it('is generated from its seed with the stopped customer silent for the last 37 weeks', () => {
    expect(report.calibrationEnd).toBe(dayToIso(orders.lastDay));
    const stopped = report.customers.find((c) => c.customer === STOPPED_CUSTOMER)!;
    // Four fortnightly orders: x = 3, t_x = 6 weeks; the last one 37 weeks before the end, so T = 43.
    expect([stopped.orders, stopped.frequency, stopped.recency, stopped.T]).toEqual([4, 3, 6, 43]);
    expect(subscriptionOrders().csv).toBe(orders.csv);
  });

  it('takes the BG/NBD to its Poisson limit with finite λ, a, b and a negative log-likelihood', () => {
    expect(report.problem).toBeUndefined();
    expect(fit.limit).toBe('poisson');
    expect([fit.r, fit.alpha]).toEqual([Infinity, Infinity]);
    for (const value of [fit.rate, fit.a, fit.b]) { expect(Number.isFinite(value)).toBe(true); expect(value).toBeGreaterThan(0); }
    // A fortnightly order is 0.5 a week; the fitted rate while alive cannot be above it by much.
    expect(fit.rate).toBeGreaterThan(0.4);
    expect(fit.rate).toBeLessThan(0.55);
    expect(fit.logLikelihood).toBeLessThan(0);
    expect(fit.converged).toBe(true);
  });

  it('is a maximum: no nearby parameters, nor the BG/NBD at any finite r up to 10⁶, give the data more likelihood', () => {
    const summary = summarizeCustomers(orders.transactions, orders.lastDay, 'weeks');
    const at = (rate: number, a: number, b: number) => bgNbdLogLikelihood({ r: Infinity, alpha: Infinity, rate, a, b }, summary);
    expect(at(fit.rate, fit.a, fit.b)).toBeCloseTo(fit.logLikelihood, 6);
    for (const f of [0.98, 1.02]) {
      expect(at(fit.rate * f, fit.a, fit.b)).toBeLessThan(fit.logLikelihood);
      expect(at(fit.rate, fit.a * f, fit.b)).toBeLessThan(fit.logLikelihood);
      expect(at(fit.rate, fit.a, fit.b * f)).toBeLessThan(fit.logLikelihood);
    }
    for (const r of [1, 100, 1e4, 1e6]) {
      expect(bgNbdLogLikelihood({ r, alpha: r / fit.rate, a: fit.a, b: fit.b }, summary)).toBeLessThan(fit.logLikelihood + 1e-6);
    }
    expect(fit.logLikelihood).toBeLessThanOrEqual(logLikelihoodCeiling(summary));
  });

  it('gives the customer who stopped 37 weeks ago after four fortnightly orders a P(alive) well below 50 %', () => {
    const stopped = report.customers.find((c) => c.customer === STOPPED_CUSTOMER)!;
    // The limit of FHL 2005 eq. 11: 1 / (1 + a/(b+x−1)·e^(λ(T−t_x))) with x = 3, T − t_x = 37 weeks.
    const byHand = 1 / (1 + (fit.a / (fit.b + 2)) * Math.exp(fit.rate * 37));
    expect(stopped.pAlive).toBeCloseTo(byHand, 12);
    expect(stopped.pAlive).toBeLessThan(0.01);
    // The report shows the engine's own P(alive), evaluated in its limit form.
    expect(bgNbdProbabilityAlive(fit, 3, 6, 43)).toBe(stopped.pAlive);
  });

  it('values every order at the one price and no customer below zero or above a year of fortnightly orders', () => {
    const gg = report.gammaGamma!;
    expect(gg.limit).toBe('steady-spend');
    expect(gg.populationMean).toBe(25);
    expect(gg.warning).toContain('steadier than the spend model assumes');
    // 12 months = 365.25 days: at most 365.25/14 + 1 = 27.1 orders of 25.00, undiscounted.
    for (const c of report.customers) {
      expect(c.expectedValue).toBe(25);
      expect(c.clv).toBeGreaterThanOrEqual(0);
      expect(c.clv).toBeLessThanOrEqual(25 * (365.25 / 14 + 1));
      expect(c.expectedOrders).toBeGreaterThanOrEqual(0);
      expect(c.pAlive).toBeGreaterThanOrEqual(0);
      expect(c.pAlive).toBeLessThanOrEqual(1);
    }
  });

  it('says in plain words that the customers buy more regularly than the model assumes', () => {
    expect(fit.warning).toMatch(/^These customers buy more regularly than the model assumes/);
    expect(fit.warning).toContain('subscription');
  });

  it('fits the same model in days: the same a and b, λ one seventh, the log-likelihood lower by Σx·ln 7', () => {
    const days = fitted('days').bgnbd!;
    expect(days.limit).toBe('poisson');
    expect(days.a).toBeCloseTo(fit.a, 4);
    expect(days.b).toBeCloseTo(fit.b, 2);
    expect(days.rate * 7).toBeCloseTo(fit.rate, 6);
    // Changing the unit scales each repeat purchase's density by 7 (λ^x in eq. 6): ln L_days = ln L_weeks − Σx ln 7.
    const repeats = summarizeCustomers(orders.transactions, orders.lastDay, 'days').frequency.reduce((s, x) => s + x, 0);
    expect(days.logLikelihood).toBeCloseTo(fit.logLikelihood - repeats * Math.log(7), 3);
    expect(days.logLikelihood).toBeLessThan(0);
  });
});
