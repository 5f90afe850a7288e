import { describe, expect, it } from 'vitest';
import {
  bgNbdConditionalExpected, bgNbdExpectedPurchases, bgNbdLogLikelihood, bgNbdLogLikelihoodWithGradient, bgNbdProbabilityAlive, fitBgNbd,
} from '../../../src/engine/repurchase/bgnbd.ts';
import type { CustomerSummary } from '../../../src/engine/repurchase/bgnbd.ts';
import { fitGammaGamma } from '../../../src/engine/repurchase/gammaGamma.ts';
import { simulateBgNbdCustomer } from '../../../src/engine/repurchase/bgnbdSimulation.ts';
import { hypergeometric2F1 } from '../../../src/engine/math/hypergeometric.ts';
import { randomSfc32, uniform01 } from '../../../src/engine/math/random.ts';
import { digamma, standardNormalCdf } from '../../../src/engine/math/specialFunctions.ts';
import { cdnowSummary } from '../../fixtures/cdnowSummary.ts';

const cdnow = cdnowSummary;
const within = (actual: number, expected: number, share: number) => expect(Math.abs(actual / expected - 1)).toBeLessThan(share);

describe('BG/NBD on the CDNOW sample (Fader, Hardie & Lee 2005)', () => {
  const data = cdnow();
  const fit = fitBgNbd(data)!;

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
