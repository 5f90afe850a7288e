import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { customerReport } from '../../../src/engine/customers/customerReport.ts';
import { repurchaseReport } from '../../../src/engine/repurchase/repurchaseReport.ts';

describe('repurchaseReport on the CDNOW sample', () => {
  const text = readFileSync(new URL('../../fixtures/cdnow_sample.csv', import.meta.url), 'utf8');
  const report = customerReport(text);
  if (!report.ok || report.kind !== 'transactions') throw new Error('the CDNOW sample must read');
  const refit = repurchaseReport({ kind: 'transactions', transactions: report.purchases }, { calibrationEnd: '1997-09-30', unit: 'weeks', horizonMonths: 12, annualDiscount: 0.1 });
  if (!refit.ok) throw new Error(refit.message);

  it('refits from the kept orders to the published parameters (FHL 2005: r 0.243, α 4.414, a 0.793, b 2.426)', () => {
    expect(refit.customers).toHaveLength(2357);
    expect(refit.bgnbd!.r).toBeCloseTo(0.243, 2);
    expect(refit.bgnbd!.alpha).toBeCloseTo(4.414, 1);
    expect(refit.bgnbd!.a).toBeCloseTo(0.793, 2);
    expect(refit.bgnbd!.b).toBeCloseTo(2.426, 1);
    expect(Math.abs(refit.bgnbd!.logLikelihood + 9582.4)).toBeLessThan(0.5);
  });

  it('checks against the 39-week holdout: 2,357 customers in buckets 0..7+, repeat purchases counted to 1998-06-30', () => {
    const holdout = refit.holdout!;
    expect(holdout.days).toBe(273); // 1997-09-30 → 1998-06-30
    expect(holdout.buckets.map((b) => b.label)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    expect(holdout.buckets.reduce((s, b) => s + b.customers, 0)).toBe(2357);
    // The sample has 946 repeat customers in the calibration period (FHL 2005, RFM and CLV), so 2,357 − 946 = 1,411 with x = 0.
    expect(holdout.buckets[0].customers).toBe(1411);
    // Cumulative observed repeats at the calibration end equal Σx over customers.
    const atEnd = holdout.cumulative.day.findIndex((d) => d >= holdout.calibrationEndDay);
    const sumX = refit.customers.reduce((s, c) => s + c.frequency, 0);
    expect(holdout.cumulative.actual[atEnd]).toBeGreaterThanOrEqual(sumX);
  });

  it('holds the last 20% out when no calibration end is chosen, and checks the three models on it', () => {
    // The file's own report (no calibration end chosen): 1997-01-01 to 1998-06-30, the last 109 days held out.
    const opened = report.repurchase;
    expect(opened.calibrationEnd).toBe('1998-03-13');
    expect(opened.calibrationDefault).toEqual({ date: '1998-03-13', heldOut: true, reason: 'last 20% held out' });
    expect(opened.holdout!.days).toBe(109);
    expect(opened.models.map((row) => row.kind)).toEqual(['bgnbd', 'pareto-nbd', 'mbgnbd']);
    expect(opened.models.every((row) => row.holdout && Number.isFinite(row.holdout.meanAbsoluteError))).toBe(true);
    expect(opened.modelReason).toMatch(/forecast the holdout period's repeat orders best/);
    // A chosen end keeps the default alongside it, for the page to say so.
    expect(refit.calibrationDefault).toEqual(opened.calibrationDefault);
  });

  it('scores every customer into a segment and carries the settings it used', () => {
    expect(refit.segments.reduce((s, g) => s + g.customers, 0)).toBe(2357);
    expect(refit.segments.reduce((s, g) => s + g.revenueShare, 0)).toBeCloseTo(1, 9);
    expect(refit.calibrationEnd).toBe('1997-09-30');
    expect(refit.matrix!.frequencies.length).toBeGreaterThan(8);
  });

  it('says plainly what is wrong with a calibration end before the first order or a bad horizon', () => {
    const early = repurchaseReport({ kind: 'transactions', transactions: report.purchases }, { calibrationEnd: '1990-01-01', unit: 'weeks', horizonMonths: 12, annualDiscount: 0.1 });
    expect(early).toEqual({ ok: false, message: 'The calibration end 1990-01-01 is before the first order (1997-01-01); choose a date from 1997-01-01 to 1998-06-30.' });
    const bad = repurchaseReport({ kind: 'transactions', transactions: report.purchases }, { calibrationEnd: '', unit: 'weeks', horizonMonths: 0, annualDiscount: 0.1 });
    expect(bad.ok).toBe(false);
  });

  it('gives the same parameters in days, scaled: α in days is 7 × α in weeks', () => {
    const days = repurchaseReport({ kind: 'transactions', transactions: report.purchases }, { calibrationEnd: '1997-09-30', unit: 'days', horizonMonths: 12, annualDiscount: 0.1 });
    if (!days.ok) throw new Error(days.message);
    // λ ~ Gamma(r, α): rescaling time by 7 rescales α by 7 and leaves r, a, b unchanged.
    expect(days.bgnbd!.alpha / refit.bgnbd!.alpha).toBeCloseTo(7, 2);
    expect(days.bgnbd!.r).toBeCloseTo(refit.bgnbd!.r, 3);
    // Expected orders over the same 12 months do not depend on the unit.
    const top = refit.customers[0];
    expect(days.customers.find((c) => c.customer === top.customer)!.expectedOrders).toBeCloseTo(top.expectedOrders, 3);
  });
});

describe('repurchaseReport settings and data it cannot fit', () => {
  const orders = { customer: ['a', 'b', 'c'], day: Int32Array.from([100, 120, 130]), amount: Float64Array.from([10, 20, 30]) };
  const settings = { calibrationEnd: '', unit: 'weeks' as const, horizonMonths: 12, annualDiscount: 0.1 };

  it('names what is wrong with each setting', async () => {
    const { settingsProblem } = await import('../../../src/engine/repurchase/repurchaseReport.ts');
    expect(settingsProblem(settings)).toBeUndefined();
    expect(settingsProblem({ ...settings, unit: 'months' as never })).toBe('The time unit must be days or weeks.');
    expect(settingsProblem({ ...settings, horizonMonths: NaN })).toMatch(/^The CLV horizon must be/);
    expect(settingsProblem({ ...settings, annualDiscount: -0.1 })).toMatch(/^The discount rate must be/);
    expect(settingsProblem({ ...settings, calibrationEnd: '30/09/1997' })).toBe('The calibration end "30/09/1997" is not a date like 1997-09-30.');
  });

  it('still lists and segments customers when nobody bought twice, with the reason and no figures', () => {
    const report = repurchaseReport({ kind: 'transactions', transactions: orders }, settings);
    if (!report.ok) throw new Error(report.message);
    expect(report.problem).toMatch(/^No customer has bought more than once/);
    expect(report.customers.map((c) => [c.customer, c.orders, c.lastOrder])).toEqual([['a', 1, '1970-04-11'], ['b', 1, '1970-05-01'], ['c', 1, '1970-05-11']]);
    expect(report.customers.every((c) => Number.isNaN(c.clv) && Number.isNaN(c.pAlive))).toBe(true);
    expect(report.segments.reduce((s, g) => s + g.customers, 0)).toBe(3);
    expect(report.matrix).toBeUndefined();
    expect(report.regulars).toEqual([]);
  });

  it('leaves out customers whose first order is after the calibration end, and counts them', () => {
    const report = repurchaseReport({ kind: 'transactions', transactions: orders }, { ...settings, calibrationEnd: '1970-05-01' });
    if (!report.ok) throw new Error(report.message);
    expect(report.customers.map((c) => c.customer)).toEqual(['a', 'b']);
    expect(report.laterCustomers).toBe(1);
  });
});
