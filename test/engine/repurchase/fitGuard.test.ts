/** The last check before re-purchase figures are shown: possible figures, and a log-likelihood below its ceiling. */
import { describe, expect, it } from 'vitest';
import { fitBgNbd } from '../../../src/engine/repurchase/bgnbd.ts';
import type { BgNbdFit } from '../../../src/engine/repurchase/bgnbd.ts';
import { fitFailure, logLikelihoodCeiling } from '../../../src/engine/repurchase/fitGuard.ts';
import { DEFAULT_REPURCHASE_SETTINGS, repurchaseReport } from '../../../src/engine/repurchase/repurchaseReport.ts';
import { dayNumber, parseCustomerFile, readTransactions } from '../../../src/engine/csv/index.ts';
import { summarizeTable } from '../../../src/engine/customers/index.ts';
import { cdnowSummary, cdnowText } from '../../fixtures/cdnowSummary.ts';

const cdnow = cdnowSummary;

describe('the last check before figures are shown', () => {
  const data = cdnow();
  const fit = fitBgNbd(data)!;
  const n = data.ids.length;
  const good = { bgnbd: fit, pAlive: new Float64Array(n).fill(0.5), expectedOrders: new Float64Array(n).fill(1), expectedValue: new Float64Array(n).fill(20), clv: new Float64Array(n).fill(15) };
  const with_ = (key: 'pAlive' | 'expectedOrders' | 'expectedValue' | 'clv', at: number, value: number) => {
    const values = good[key].slice();
    values[at] = value;
    return { ...good, [key]: values };
  };

  it('passes the published CDNOW fit, whose log-likelihood is below the ceiling Σ x(ln(x/t_x) − 1)', () => {
    expect(fitFailure(good, data)).toBeUndefined();
    expect(fit.logLikelihood).toBeLessThan(logLikelihoodCeiling(data));
  });

  it('fails a fit with an impossible figure and says whose, in a plain sentence', () => {
    expect(fitFailure(with_('pAlive', 3, 1.2), data)).toMatch(/^This fit failed: customer \S+ would have a P\(alive\) of 1\.2, /);
    expect(fitFailure(with_('expectedOrders', 0, -1.06e13), data)).toMatch(/expected to place -1\.06e\+13 orders/);
    expect(fitFailure(with_('clv', 5, -2.3e12), data)).toMatch(/lifetime value of -2\.3e\+12/);
    expect(fitFailure(with_('expectedValue', 5, NaN), data)).toMatch(/worth NaN/);
    expect(fitFailure(with_('clv', 5, Infinity), data)).toMatch(/lifetime value of Infinity/);
  });

  it('fails a positive log-likelihood no parameters could reach, and a non-finite one', () => {
    const runaway: BgNbdFit = { ...fit, r: 1.5e46, logLikelihood: 2e35 };
    expect(fitFailure({ ...good, bgnbd: runaway }, data)).toMatch(/^This fit failed: its log-likelihood \(2e\+35\) is above the highest/);
    expect(fitFailure({ ...good, bgnbd: { ...fit, logLikelihood: NaN } }, data)).toMatch(/not|NaN/);
  });

  it('fails a fit whose model checks would show an impossible number', () => {
    expect(fitFailure(good, data, { matrix: { expected: [[1, -2]], pAlive: [[1, 1]] } })).toMatch(/frequency\/recency check/);
    expect(fitFailure(good, data, { predicted: [0.3, Number.NaN] })).toMatch(/holdout check/);
  });

  it('is applied where the report is built: figures past the largest number fail the fit, and no figure is shown', () => {
    // CDNOW with one customer's average order at 10³⁰⁸ (finite, so a summary file may carry it): a year of orders overflows to Infinity.
    const big = { ...data, monetary: data.monetary.slice() };
    const at = big.frequency.findIndex((x) => x > 2);
    big.monetary[at] = 1e308;
    const report = repurchaseReport({ kind: 'summary', summary: big }, DEFAULT_REPURCHASE_SETTINGS);
    if (!report.ok) throw new Error(report.message);
    // The spend model's sums overflow too, so the first impossible figure found may be an order value rather than that CLV.
    expect(report.problem).toMatch(/^This fit failed: (an order by )?customer \S+ would .*(worth NaN|lifetime value of Infinity), which cannot be, so none of its figures are shown\. /);
    expect(report.bgnbd).toBeUndefined();
    expect(report.matrix).toBeUndefined();
    for (const c of report.customers) for (const value of [c.pAlive, c.expectedOrders, c.expectedValue, c.clv]) expect(value).toBeNaN();
  });

  it('has a ceiling of at most 0 for whole-day data measured in days (t_x ≥ x)', () => {
    const days = summarizeTable(readTransactions(parseCustomerFile(cdnowText())).table, dayNumber(1997, 9, 30), 'days');
    expect(logLikelihoodCeiling(days)).toBeLessThan(0);
  });
});
