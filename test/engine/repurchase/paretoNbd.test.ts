import { describe, expect, it } from 'vitest';
import {
  fitParetoNbd, paretoNbdConditionalExpected, paretoNbdExpectedPurchases, paretoNbdLogLikelihood, paretoNbdProbabilityAlive,
} from '../../../src/engine/repurchase/paretoNbd.ts';
import type { ParetoNbdParameters } from '../../../src/engine/repurchase/paretoNbd.ts';
import { logGamma } from '../../../src/engine/math/specialFunctions.ts';
import { cdnowSummary } from '../../fixtures/cdnowSummary.ts';

/** The published Pareto/NBD fit of the CDNOW sample in weeks (Fader & Hardie 2005; lifetimes' example). */
const CDNOW: ParetoNbdParameters = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };

/**
 * The individual likelihood integrated over λ ~ Gamma(r, α) and μ ~ Gamma(s, β) numerically, an
 * independent check of the closed form: for one customer (Fader & Hardie 2005, before integrating)
 * L(λ, μ) = λ^x e^−(λ+μ)T + μ/(λ+μ) · λ^x (e^−(λ+μ)t_x − e^−(λ+μ)T), integrated on a log grid with
 * the trapezoid rule (smooth, rapidly decaying integrand).
 */
function integratedLikelihood(p: ParetoNbdParameters, x: number, recency: number, age: number): number {
  const gammaLogDensity = (shape: number, rate: number, v: number) => shape * Math.log(rate) + (shape - 1) * Math.log(v) - rate * v - logGamma(shape);
  const steps = 700;
  const grid = (shape: number, rate: number) => {
    const centre = Math.log(shape / rate);
    return Array.from({ length: steps }, (_, k) => centre - 30 + (40 * k) / (steps - 1));
  };
  const us = grid(p.r, p.alpha);
  const vs = grid(p.s, p.beta);
  const du = us[1] - us[0];
  const dv = vs[1] - vs[0];
  let total = 0;
  for (const u of us) {
    const lambda = Math.exp(u);
    const wl = Math.exp(gammaLogDensity(p.r, p.alpha, lambda) + u);
    if (wl === 0) continue;
    for (const v of vs) {
      const mu = Math.exp(v);
      const wm = Math.exp(gammaLogDensity(p.s, p.beta, mu) + v);
      const both = lambda + mu;
      const individual = Math.pow(lambda, x) * (Math.exp(-both * age) + mu / both * (Math.exp(-both * recency) - Math.exp(-both * age)));
      total += wl * wm * individual;
    }
  }
  return total * du * dv;
}

describe('Pareto/NBD', () => {
  const data = cdnowSummary();

  it('agrees with the likelihood integrated numerically, for α above and below β', () => {
    for (const params of [CDNOW, { r: 0.8, alpha: 15, s: 0.4, beta: 6 }]) {
      for (const [x, recency, age] of [[0, 0, 38], [2, 30.4, 38], [7, 12, 35], [26, 30.86, 31]]) {
        const one = { frequency: Float64Array.of(x), recency: Float64Array.of(recency), age: Float64Array.of(age), monetary: Float64Array.of(0) };
        const closed = paretoNbdLogLikelihood(params, one as never);
        expect(closed).toBeCloseTo(Math.log(integratedLikelihood(params, x, recency, age)), 4);
      }
    }
  });

  it('has the published log-likelihood at the published CDNOW parameters, and fits them', () => {
    // Fader & Hardie: r 0.553, α 10.578, s 0.606, β 11.669, LL −9595.0.
    expect(paretoNbdLogLikelihood(CDNOW, data)).toBeCloseTo(-9595.0, 0);
    const fit = fitParetoNbd(data)!;
    expect(fit.converged).toBe(true);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(-9595.0 - 0.1);
    expect(fit.logLikelihood).toBeLessThan(-9594.0);
    expect(Math.abs(fit.r / CDNOW.r - 1)).toBeLessThan(0.02);
    expect(Math.abs(fit.alpha / CDNOW.alpha - 1)).toBeLessThan(0.02);
    expect(Math.abs(fit.s / CDNOW.s - 1)).toBeLessThan(0.05);
    // β's standard error is about 6: only its order of magnitude is pinned down.
    expect(fit.beta).toBeGreaterThan(3);
    expect(fit.beta).toBeLessThan(40);
  });

  it('reproduces the published conditional expectation: x = 26, t_x = 30.86, T = 31 over 52 weeks → 25.46', () => {
    expect(paretoNbdConditionalExpected(CDNOW, 52, 26, 30.86, 31)).toBeCloseTo(25.46, 1);
  });

  it('gives P(alive) below 1 to a customer with no repeats (dropout at any time), lower the longer the silence', () => {
    const none = paretoNbdProbabilityAlive(CDNOW, 0, 0, 38);
    expect(none).toBeGreaterThan(0);
    expect(none).toBeLessThan(1);
    expect(paretoNbdProbabilityAlive(CDNOW, 4, 37, 38)).toBeGreaterThan(paretoNbdProbabilityAlive(CDNOW, 4, 5, 38));
    expect(paretoNbdProbabilityAlive(CDNOW, 4, 38, 38)).toBe(1);
  });

  it('gives a customer acquired just now the expectation of a new customer, exact at s = 1 too', () => {
    // For x = 0, t_x = 0, T = 0 (just acquired), the conditional expectation is E[X(t)] itself.
    for (const t of [1, 10, 52, 78]) expect(paretoNbdConditionalExpected(CDNOW, t, 0, 0, 0)).toBeCloseTo(paretoNbdExpectedPurchases(CDNOW, t), 10);
    // And it is exact at s = 1, where (1 − q^(s−1))/(s−1) becomes −ln q.
    const one = { ...CDNOW, s: 1 };
    expect(paretoNbdExpectedPurchases(one, 52)).toBeCloseTo(CDNOW.r * CDNOW.beta / CDNOW.alpha * Math.log((CDNOW.beta + 52) / CDNOW.beta), 12);
  });
});

describe('Pareto/NBD where the series converges slowly', () => {
  it('sums A₀ from its integral when α and β are far apart, agreeing with the series where both work', () => {
    // α ≫ β puts the series argument (α − β)/(α + t_x) near 1 for a customer whose repeats were early.
    const far = { r: 2, alpha: 400, s: 0.8, beta: 3 };
    for (const [x, recency, age] of [[3, 0.5, 40], [0, 0, 40], [12, 30, 40]]) {
      const one = { frequency: Float64Array.of(x), recency: Float64Array.of(recency), age: Float64Array.of(age), monetary: Float64Array.of(0) };
      expect(paretoNbdLogLikelihood(far, one as never)).toBeCloseTo(Math.log(integratedLikelihood(far, x, recency, age)), 4);
    }
    // β ≫ α with many early repeats: the integrand is sharply peaked at t_x.
    const peaked = { r: 0.5, alpha: 2, s: 0.5, beta: 200 };
    for (const [x, recency, age] of [[40, 2, 40], [5, 1, 60]]) {
      const one = { frequency: Float64Array.of(x), recency: Float64Array.of(recency), age: Float64Array.of(age), monetary: Float64Array.of(0) };
      expect(paretoNbdLogLikelihood(peaked, one as never)).toBeCloseTo(Math.log(integratedLikelihood(peaked, x, recency, age)), 4);
    }
  });
});
