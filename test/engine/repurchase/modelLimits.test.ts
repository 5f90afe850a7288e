/**
 * The models' limits, each checked against the full model evaluated close to it: the
 * beta-geometric/Poisson against the BG/NBD at large r, α with r/α fixed (Fader, Hardie & Lee
 * 2005, "Counting your customers the easy way"), and the steady-spend limit against the
 * Gamma–Gamma at large p (Fader & Hardie 2013, eq. 3); then the bounded optimiser and the last
 * check before figures are shown.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bgNbdConditionalExpected, bgNbdExpectedPurchases, bgNbdLogLikelihood, bgNbdProbabilityAlive, fitBgNbd } from '../../../src/engine/repurchase/bgnbd.ts';
import type { BgNbdFit, CustomerSummary } from '../../../src/engine/repurchase/bgnbd.ts';
import { bgPoissonConditionalExpected, bgPoissonLogLikelihood, bgPoissonLogLikelihoodWithGradient } from '../../../src/engine/repurchase/bgPoisson.ts';
import { boundedBfgs } from '../../../src/engine/math/boundedQuasiNewton.ts';
import { parseCustomerFile, readTransactions } from '../../../src/engine/csv/index.ts';
import { dayNumber } from '../../../src/engine/csv/dates.ts';
import { summarizeTable } from '../../../src/engine/customers/summarizeTable.ts';
import { fitFailure, logLikelihoodCeiling } from '../../../src/engine/repurchase/fitGuard.ts';
import { DEFAULT_REPURCHASE_SETTINGS, repurchaseReport } from '../../../src/engine/repurchase/repurchaseReport.ts';
import { fitGammaGamma, gammaGammaExpectedValue, gammaGammaLogLikelihood } from '../../../src/engine/repurchase/gammaGamma.ts';
import { steadySpendLogLikelihoodWithGradient } from '../../../src/engine/repurchase/steadySpend.ts';

function cdnow(): CustomerSummary {
  const text = readFileSync(new URL('../../fixtures/cdnow_sample.csv', import.meta.url), 'utf8');
  return summarizeTable(readTransactions(parseCustomerFile(text)).table, dayNumber(1997, 9, 30), 'weeks');
}

describe('the beta-geometric/Poisson limit of the BG/NBD', () => {
  const data = cdnow();
  const limit = { rate: 0.06, a: 0.8, b: 2.4 };

  it('has the BG/NBD log-likelihood\'s limit as r, α → ∞ with r/α = λ: the gap shrinks as 1/r', () => {
    const exact = bgPoissonLogLikelihood(limit, data);
    const gap = (r: number) => Math.abs(bgNbdLogLikelihood({ r, alpha: r / limit.rate, a: limit.a, b: limit.b }, data) - exact);
    expect(gap(1e5)).toBeLessThan(0.1);
    expect(gap(1e3) / gap(1e5)).toBeGreaterThan(90);
    expect(gap(1e3) / gap(1e5)).toBeLessThan(110);
    // The same through the BG/NBD's own entry point with r = α = Infinity.
    expect(bgNbdLogLikelihood({ r: Infinity, alpha: Infinity, ...limit }, data)).toBe(exact);
  });

  it('has an analytic gradient that matches central differences', () => {
    const theta = [Math.log(0.06), Math.log(0.8), Math.log(2.4)];
    const { value, gradient } = bgPoissonLogLikelihoodWithGradient(theta, data);
    const at = (t: number[]) => { const [rate, a, b] = t.map(Math.exp); return bgPoissonLogLikelihood({ rate, a, b }, data); };
    expect(value).toBeCloseTo(at(theta), 9);
    theta.forEach((_, d) => {
      const h = 1e-5;
      const up = theta.slice(); up[d] += h;
      const down = theta.slice(); down[d] -= h;
      expect(gradient[d]).toBeCloseTo((at(up) - at(down)) / (2 * h), 3);
    });
  });

  it('gives P(alive), E[Y(t) | x, t_x, T] and E[X(t)] equal to the BG/NBD\'s eqs. 11, 10 and 7 at r = 10⁷', () => {
    const params = { r: Infinity, alpha: Infinity, rate: 0.5, a: 0.8, b: 3 };
    const near = { r: 1e7, alpha: 1e7 / 0.5, a: 0.8, b: 3 };
    for (const [x, recency, age] of [[0, 0, 10], [5, 10, 12], [3, 6, 43], [30, 60, 61]]) {
      expect(bgNbdProbabilityAlive(params, x, recency, age)).toBeCloseTo(bgNbdProbabilityAlive(near, x, recency, age), 6);
      expect(bgNbdConditionalExpected(params, 26, x, recency, age)).toBeCloseTo(bgNbdConditionalExpected(near, 26, x, recency, age), 5);
    }
    expect(bgNbdExpectedPurchases(params, 40)).toBeCloseTo(bgNbdExpectedPurchases(near, 40), 5);
  });

  it('expects λt orders from a customer who never stops, and none in no time', () => {
    // a → 0: the dropout probability is 0 for everyone, so the purchases are Poisson(λt).
    expect(bgPoissonConditionalExpected({ rate: 0.5, a: 1e-12, b: 1 }, 52, 4, 8, 8)).toBeCloseTo(26 / (1 + 1e-12 / 4), 6);
    expect(bgPoissonConditionalExpected({ rate: 0.5, a: 2, b: 3 }, 0, 4, 8, 8)).toBe(0);
  });

  it('is what fitBgNbd returns for customers who all buy at one rate, while CDNOW keeps its finite r', () => {
    expect(fitBgNbd(data)!.limit).toBeUndefined();
    // 60 customers, each buying every week for 10 to 69 weeks; 20 of them stop 10 weeks before the end.
    const n = 60;
    const summary: CustomerSummary = { ids: [], frequency: new Float64Array(n), recency: new Float64Array(n), age: new Float64Array(n), monetary: new Float64Array(n) };
    for (let i = 0; i < n; i++) {
      const age = 10 + i;
      const recency = i % 3 === 0 ? age - 10 : age;
      summary.ids.push(`c${i}`); summary.frequency[i] = recency; summary.recency[i] = recency; summary.age[i] = age;
    }
    const fit = fitBgNbd(summary)!;
    expect(fit.limit).toBe('poisson');
    expect(fit.warning).toContain('more regularly than the model assumes');
    // While alive they bought once a week: λ = Σx / Σ(time alive) is near 1.
    expect(fit.rate).toBeGreaterThan(0.9);
    expect(fit.rate).toBeLessThan(1.1);
  });
});

describe('the steady-spend limit of the Gamma–Gamma', () => {
  // Three plans at 10, 20 and 40: every customer pays their own plan's price on every order, and each plan has
  // customers with 1 to 4 repeat orders, so averages spread as much after four orders as after one (no p can fit that).
  const prices = [10, 20, 40].flatMap((price) => [price, price, price, price]);
  const x = prices.map((_, i) => 1 + (i % 4));
  const summary: CustomerSummary = {
    ids: prices.map((_, i) => `c${i}`), frequency: Float64Array.from(x), recency: Float64Array.from(x), age: Float64Array.from(x, (v) => v + 1), monetary: Float64Array.from(prices),
  };

  it('has the Gamma–Gamma log-likelihood\'s limit as p → ∞ at fixed s = pγ/q', () => {
    const [q, s] = [3, 22];
    const limit = steadySpendLogLikelihoodWithGradient([Math.log(q), Math.log(s)], prices).value;
    const at = (p: number) => gammaGammaLogLikelihood({ p, q, gamma: s * q / p }, x, prices);
    expect(Math.abs(at(1e4) - limit)).toBeLessThan(0.05);
    expect(Math.abs(at(1e6) - limit)).toBeLessThan(Math.abs(at(1e4) - limit) / 50);
  });

  it('has an analytic gradient that matches central differences', () => {
    const theta = [Math.log(3), Math.log(22)];
    const { gradient } = steadySpendLogLikelihoodWithGradient(theta, prices);
    theta.forEach((_, d) => {
      const h = 1e-5;
      const up = theta.slice(); up[d] += h;
      const down = theta.slice(); down[d] -= h;
      const f = (t: number[]) => steadySpendLogLikelihoodWithGradient(t, prices).value;
      expect(gradient[d]).toBeCloseTo((f(up) - f(down)) / (2 * h), 4);
    });
  });

  it('values each customer at their own price, and a new one at the fitted population mean', () => {
    const fit = fitGammaGamma(summary)!;
    expect(fit.limit).toBe('steady-spend');
    expect(fit.p).toBe(Infinity);
    expect(Number.isFinite(fit.q)).toBe(true);
    expect(fit.warning).toContain('steadier than the spend model assumes');
    prices.forEach((price, i) => expect(gammaGammaExpectedValue(fit, x[i], price)).toBe(price));
    // The scale s that maximises the limit likelihood solves ∂/∂s = 0: s = n / Σ(1/m̄), the harmonic mean; the mean is sq/(q−1).
    const harmonic = prices.length / prices.reduce((sum, m) => sum + 1 / m, 0);
    expect(fit.populationMean).toBeCloseTo(harmonic * fit.q / (fit.q - 1), 3);
    expect(gammaGammaExpectedValue(fit, 0, 0)).toBe(fit.populationMean);
  });

  it('takes one price for everyone to p, q → ∞ with that price as every expected value', () => {
    const fit = fitGammaGamma({ ...summary, monetary: new Float64Array(prices.length).fill(12.5) })!;
    expect([fit.p, fit.q, fit.populationMean]).toEqual([Infinity, Infinity, 12.5]);
    expect(gammaGammaExpectedValue(fit, 3, 12.5)).toBe(12.5);
    expect(gammaGammaExpectedValue(fit, 0, 0)).toBe(12.5);
  });
});

describe('boundedBfgs', () => {
  it('stops on a bound the function falls beyond, and says which', () => {
    // (x − 3)² + (y + 1)² on [0, 1] × [−5, 5]: the minimum is at x = 1 (on the bound), y = −1.
    const f = ([x, y]: number[]) => ({ value: (x - 3) ** 2 + (y + 1) ** 2, gradient: [2 * (x - 3), 2 * (y + 1)] });
    const result = boundedBfgs(f, [0.5, 4], [0, -5], [1, 5]);
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBe(1);
    expect(result.point[1]).toBeCloseTo(-1, 8);
    expect(result.atBound).toEqual([1, 0]);
  });

  it('finds an interior minimum as BFGS does: Rosenbrock\'s at (1, 1)', () => {
    const f = ([x, y]: number[]) => ({ value: 100 * (y - x * x) ** 2 + (1 - x) ** 2, gradient: [-400 * x * (y - x * x) - 2 * (1 - x), 200 * (y - x * x)] });
    const result = boundedBfgs(f, [-1.2, 1], [-5, -5], [5, 5], { maxIterations: 2000 });
    expect(result.point[0]).toBeCloseTo(1, 5);
    expect(result.point[1]).toBeCloseTo(1, 5);
    expect(result.atBound).toEqual([0, 0]);
  });
});

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
    const days = summarizeTable(readTransactions(parseCustomerFile(readFileSync(new URL('../../fixtures/cdnow_sample.csv', import.meta.url), 'utf8'))).table, dayNumber(1997, 9, 30), 'days');
    expect(logLikelihoodCeiling(days)).toBeLessThan(0);
  });
});
