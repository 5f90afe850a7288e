import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bgNbdConditionalExpected, bgNbdExpectedPurchases, bgNbdProbabilityAlive } from '../../../src/engine/repurchase/bgnbd.ts';
import type { BgNbdParameters } from '../../../src/engine/repurchase/bgnbd.ts';
import { sampleGamma } from '../../../src/engine/repurchase/bgnbdSimulation.ts';
import { customerReport } from '../../../src/engine/customers/customerReport.ts';
import { cumulativeRepeatPurchases, frequencyRecencyMatrix, holdoutByFrequency } from '../../../src/engine/repurchase/holdout.ts';
import { randomSfc32, uniform01 } from '../../../src/engine/math/random.ts';
import { repurchaseReport } from '../../../src/engine/repurchase/repurchaseReport.ts';

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

describe('a customer-summary file in the Customers section', () => {
  it('fits the models from its rows and reports rows it cannot use', () => {
    const rows = ['customer,frequency,recency,T,monetary_value'];
    for (let i = 0; i < 40; i++) rows.push(`S${i},${i % 5},${i % 5 === 0 ? 0 : 10 + (i % 7)},38,${20 + (i % 3)}`);
    rows.push('bad,2,50,38,10', 'worse,x,1,2,3');
    const report = customerReport(rows.join('\n'));
    expect(report.ok && report.kind).toBe('customer-summary');
    if (!report.ok || report.kind !== 'customer-summary') return;
    expect(report.repurchase.customers).toHaveLength(40);
    expect(report.badRows.map((b) => b.line)).toEqual([42, 43]);
    expect(report.repurchase.bgnbd).toBeDefined();
    expect(report.repurchase.regulars).toBeUndefined();
    // Orders are x + 1 purchase days; there are no dates.
    expect(report.repurchase.customers.find((c) => c.customer === 'S3')).toMatchObject({ orders: 4, lastOrder: '' });
    // Highest CLV first.
    const clv = report.repurchase.customers.map((c) => c.clv);
    expect(clv.every((v, i) => i === 0 || v <= clv[i - 1])).toBe(true);
  });
});

describe('the report in columns, for the trip from the worker', () => {
  it('unpacks to exactly the report that was packed', async () => {
    const { packRepurchaseReport, unpackRepurchaseReport, packedBuffers } = await import('../../../src/engine/repurchase/packRepurchaseReport.ts');
    const text = readFileSync(new URL('../../fixtures/cdnow_sample.csv', import.meta.url), 'utf8');
    const report = customerReport(text);
    if (!report.ok || report.kind !== 'transactions') throw new Error('must read');
    const packed = packRepurchaseReport(report.repurchase);
    expect(packedBuffers(packed)).toHaveLength(11);
    expect(unpackRepurchaseReport(structuredClone(packed))).toEqual(report.repurchase);
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
