import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bgNbdConditionalExpected, bgNbdExpectedPurchases, bgNbdLogLikelihood, bgNbdLogLikelihoodWithGradient, bgNbdProbabilityAlive, fitBgNbd,
} from '../../../src/engine/repurchase/bgnbd.ts';
import type { CustomerSummary } from '../../../src/engine/repurchase/bgnbd.ts';
import { parseCustomerFile, readTransactions } from '../../../src/engine/csv/index.ts';
import { summarizeCustomers } from '../../../src/engine/repurchase/summarizeCustomers.ts';
import { dayNumber } from '../../../src/engine/csv/dates.ts';
import { summarizeTable } from '../../../src/engine/customers/summarizeTable.ts';
import {
  customerLifetimeValue, fitGammaGamma, gammaGammaExpectedValue, gammaGammaLogLikelihood, gammaGammaLogLikelihoodWithGradient,
} from '../../../src/engine/repurchase/gammaGamma.ts';
import { simulateBgNbdCustomer } from '../../../src/engine/repurchase/bgnbdSimulation.ts';
import { hypergeometric2F1 } from '../../../src/engine/math/hypergeometric.ts';
import { randomSfc32, uniform01 } from '../../../src/engine/math/random.ts';
import { digamma, standardNormalCdf } from '../../../src/engine/math/specialFunctions.ts';

function cdnow(): CustomerSummary {
  const text = readFileSync(new URL('../../fixtures/cdnow_sample.csv', import.meta.url), 'utf8');
  return summarizeTable(readTransactions(parseCustomerFile(text)).table, dayNumber(1997, 9, 30), 'weeks');
}

const within = (actual: number, expected: number, share: number) => expect(Math.abs(actual / expected - 1)).toBeLessThan(share);

describe('BG/NBD on the CDNOW sample (Fader, Hardie & Lee 2005)', () => {
  const data = cdnow();
  const fit = fitBgNbd(data)!;

  it('summarises 2,357 customers with calibration ending 1997-09-30, in weeks', () => {
    expect(data.ids).toHaveLength(2357);
    // The paper's calibration period is 39 weeks from 1997-01-01; the first customer in the file bought then.
    expect(Math.max(...data.age)).toBeCloseTo(272 / 7, 9);
  });

  it('reproduces the published parameters within 1 % and the log-likelihood within 0.5', () => {
    within(fit.r, 0.243, 0.01);
    within(fit.alpha, 4.414, 0.01);
    within(fit.a, 0.793, 0.01);
    within(fit.b, 2.426, 0.01);
    expect(Math.abs(fit.logLikelihood - -9582.4)).toBeLessThan(0.5);
    expect(fit.converged).toBe(true);
    expect(fit.warning).toBeUndefined();
  });

  it('has an analytic gradient that matches central differences of the log-likelihood', () => {
    const theta = [Math.log(0.3), Math.log(5), Math.log(0.9), Math.log(2)];
    const { gradient } = bgNbdLogLikelihoodWithGradient(theta, data);
    const at = (t: number[]) => { const [r, alpha, a, b] = t.map(Math.exp); return bgNbdLogLikelihood({ r, alpha, a, b }, data); };
    theta.forEach((_, d) => {
      const h = 1e-5;
      const up = theta.slice(); up[d] += h;
      const down = theta.slice(); down[d] -= h;
      expect(gradient[d]).toBeCloseTo((at(up) - at(down)) / (2 * h), 3);
    });
  });

  it('gives P(alive) = 1 to a customer with no repeats and less to one long silent', () => {
    expect(bgNbdProbabilityAlive(fit, 0, 0, 38)).toBe(1);
    const recent = bgNbdProbabilityAlive(fit, 4, 37, 38);
    const silent = bgNbdProbabilityAlive(fit, 4, 5, 38);
    expect(recent).toBeGreaterThan(0.8);
    expect(silent).toBeLessThan(0.3);
  });

  it('matches its own expectation formulas: E[X(t)] by numerical summation of the model', () => {
    // Independent check of eq. 7: for a new customer, E[X(t)] = E over λ, p of the expected count.
    // Simulate the generative process with many customers and compare (3 standard errors).
    const next = randomSfc32(99, 1);
    const n = 60_000;
    let sum = 0; let squares = 0;
    for (let i = 0; i < n; i++) {
      const { x } = simulateCustomer(fit, 39, next);
      sum += x; squares += x * x;
    }
    const mean = sum / n;
    const se = Math.sqrt((squares / n - mean * mean) / n);
    expect(Math.abs(bgNbdExpectedPurchases(fit, 39) - mean)).toBeLessThan(3 * se);
  });

  it('expects fewer future orders from a customer who has gone silent', () => {
    const active = bgNbdConditionalExpected(fit, 39, 2, 30, 35);
    const silent = bgNbdConditionalExpected(fit, 39, 2, 5, 35);
    expect(active).toBeGreaterThan(silent);
    expect(bgNbdConditionalExpected(fit, 0, 2, 30, 35)).toBeCloseTo(0, 12);
  });
});

describe('Gamma–Gamma on the CDNOW sample (Fader, Hardie & Lee 2005, RFM and CLV)', () => {
  const data = cdnow();
  const fit = fitGammaGamma(data)!;

  it('reproduces p = 6.25, q = 3.74, γ = 15.44 on the 946 repeat customers (mean of repeat purchase values)', () => {
    expect(fit.customers).toBe(946);
    within(fit.p, 6.25, 0.01);
    within(fit.q, 3.74, 0.01);
    within(fit.gamma, 15.44, 0.01);
  });

  it('has an analytic gradient that matches central differences of the log-likelihood', () => {
    const x: number[] = [];
    const average: number[] = [];
    for (let i = 0; i < data.frequency.length; i++) if (data.frequency[i] > 0 && data.monetary[i] > 0) { x.push(data.frequency[i]); average.push(data.monetary[i]); }
    const theta = [Math.log(5), Math.log(3), Math.log(12)];
    const { value, gradient } = gammaGammaLogLikelihoodWithGradient(theta, x, average);
    const at = (t: number[]) => { const [p, q, gamma] = t.map(Math.exp); return gammaGammaLogLikelihood({ p, q, gamma }, x, average); };
    expect(value).toBeCloseTo(at(theta), 6);
    theta.forEach((_, d) => {
      const h = 1e-5;
      const up = theta.slice(); up[d] += h;
      const down = theta.slice(); down[d] -= h;
      expect(gradient[d]).toBeCloseTo((at(up) - at(down)) / (2 * h), 3);
    });
  });

  it('shrinks a customer\'s own average towards the population mean', () => {
    const population = fit.p * fit.gamma / (fit.q - 1);
    const own = 100;
    const expected = gammaGammaExpectedValue(fit, 3, own);
    expect(expected).toBeGreaterThan(population);
    expect(expected).toBeLessThan(own);
    expect(gammaGammaExpectedValue(fit, 0, 0)).toBeCloseTo(population, 9);
  });

  it('excludes zero and negative averages and says how many', () => {
    const copy = { ...data, monetary: data.monetary.slice() };
    let changed = 0;
    for (let i = 0; i < copy.frequency.length && changed < 5; i++) if (copy.frequency[i] > 0) { copy.monetary[i] = changed % 2 ? 0 : -10; changed++; }
    const refit = fitGammaGamma(copy)!;
    expect(refit.customers).toBe(941);
    expect(refit.excluded).toBe(5);
  });

  it('values a customer as discounted expected orders times expected spend', () => {
    const bg = fitBgNbd(data)!;
    const value = gammaGammaExpectedValue(fit, 2, 40);
    const clv = customerLifetimeValue(bg, value, 2, 30, 35, { months: 12, annualDiscount: 0.1, daysPerUnit: 7 });
    const undiscounted = value * bgNbdConditionalExpected(bg, 365.25 / 7, 2, 30, 35);
    expect(clv).toBeLessThan(undiscounted);
    expect(clv).toBeGreaterThan(undiscounted / 1.1);
    expect(customerLifetimeValue(bg, value, 2, 30, 35, { annualDiscount: 0 })).toBeCloseTo(undiscounted, 6);
  });
});

const simulateCustomer = simulateBgNbdCustomer;

describe('BG/NBD parameter recovery and edge cases', () => {
  it('recovers known parameters within 5 % from 20,000 simulated customers', () => {
    const truth = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
    const next = randomSfc32(7, 7);
    const n = 20_000;
    const data: CustomerSummary = {
      ids: [], frequency: new Float64Array(n), recency: new Float64Array(n), age: new Float64Array(n), monetary: new Float64Array(n),
    };
    for (let i = 0; i < n; i++) {
      const age = 52 + 52 * uniform01(next);
      const { x, recency } = simulateCustomer(truth, age, next);
      data.ids.push(String(i)); data.frequency[i] = x; data.recency[i] = recency; data.age[i] = age;
    }
    const fit = fitBgNbd(data)!;
    within(fit.r, truth.r, 0.05);
    within(fit.alpha, truth.alpha, 0.05);
    within(fit.a, truth.a, 0.05);
    within(fit.b, truth.b, 0.05);
    // The fitted likelihood is at least that of the truth.
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgNbdLogLikelihood(truth, data) - 1e-6);
  });

  it('cannot fit when no customer has bought twice, and says so by returning nothing', () => {
    const data: CustomerSummary = {
      ids: ['a', 'b'], frequency: new Float64Array(2), recency: new Float64Array(2), age: Float64Array.of(10, 20), monetary: new Float64Array(2),
    };
    expect(fitBgNbd(data)).toBeUndefined();
    expect(fitGammaGamma(data)).toBeUndefined();
  });

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
});

describe('hypergeometric2F1', () => {
  it('matches closed forms', () => {
    // ₂F₁(1, 1; 2; z) = −ln(1 − z)/z and ₂F₁(a, b; b; z) = (1 − z)^−a (A&S 15.1.3, 15.1.8).
    expect(hypergeometric2F1(1, 1, 2, 0.5)).toBeCloseTo(-Math.log(0.5) / 0.5, 12);
    expect(hypergeometric2F1(0.7, 2.3, 2.3, 0.9)).toBeCloseTo(Math.pow(0.1, -0.7), 9);
    expect(standardNormalCdf(0)).toBe(0.5);
  });

  it('digamma matches known values', () => {
    // ψ(1) = −γ (Euler–Mascheroni), ψ(1/2) = −γ − 2 ln 2 (A&S 6.3.2, 6.3.3).
    const euler = 0.5772156649015329;
    expect(digamma(1)).toBeCloseTo(-euler, 12);
    expect(digamma(0.5)).toBeCloseTo(-euler - 2 * Math.LN2, 12);
    expect(digamma(10)).toBeCloseTo(2.251752589066721, 12);
  });
});
