import { describe, expect, it } from 'vitest';
import {
  fitMbgNbd, mbgNbdConditionalExpected, mbgNbdExpectedPurchases, mbgNbdLogLikelihood, mbgNbdProbabilityAlive,
} from '../../../src/engine/repurchase/mbgnbd.ts';
import type { MbgNbdParameters } from '../../../src/engine/repurchase/mbgnbd.ts';
import { logBeta, logGamma } from '../../../src/engine/math/specialFunctions.ts';
import { cdnowSummary } from '../../fixtures/cdnowSummary.ts';

/** The published MBG/NBD fit of the CDNOW sample in weeks (Batislam et al. 2007; as reproduced by lifetimes). */
const CDNOW: MbgNbdParameters = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };

/**
 * E over λ ~ Gamma(r, α) and p ~ Beta(a, b) of `f(λ, p)`, on a grid in ln λ and logit p with the
 * trapezoid rule: an independent check of the closed forms, which integrate these analytically.
 */
function integrate(params: MbgNbdParameters, f: (lambda: number, p: number) => number): number {
  const { r, alpha, a, b } = params;
  const steps = 800;
  const centre = Math.log(r / alpha);
  let total = 0;
  const du = 40 / (steps - 1);
  const dv = 50 / (steps - 1);
  for (let i = 0; i < steps; i++) {
    const u = centre - 30 + i * du;
    const lambda = Math.exp(u);
    const wl = Math.exp(r * Math.log(alpha) + r * u - alpha * lambda - logGamma(r));
    if (wl === 0) continue;
    for (let j = 0; j < steps; j++) {
      const v = -25 + j * dv;
      const p = 1 / (1 + Math.exp(-v));
      // Beta density in logit space: p^a (1−p)^b / B(a, b).
      const wp = Math.exp(a * Math.log(p) + b * Math.log1p(-p) - logBeta(a, b));
      total += wl * wp * f(lambda, p);
    }
  }
  return total * du * dv;
}

describe('MBG/NBD', () => {
  const data = cdnowSummary();

  it('agrees with the individual likelihood integrated numerically', () => {
    // Alive through all x + 1 chances to drop out, or gone at the last one (right after t_x; at 0 when x = 0).
    for (const [x, recency, age] of [[0, 0, 38], [2, 30.4, 38], [7, 12, 35]]) {
      const one = { frequency: Float64Array.of(x), recency: Float64Array.of(recency), age: Float64Array.of(age), monetary: Float64Array.of(0) };
      const numeric = integrate(CDNOW, (l, p) => Math.pow(1 - p, x) * Math.pow(l, x) * ((1 - p) * Math.exp(-l * age) + p * Math.exp(-l * recency)));
      expect(mbgNbdLogLikelihood(CDNOW, one as never)).toBeCloseTo(Math.log(numeric), 3);
    }
  });

  it('expects a new customer\'s purchases as the model integrated numerically', () => {
    // Given λ and p: alive at the first purchase with probability 1 − p, then E = (1 − e^(−λpt)) / p.
    for (const t of [10, 39, 78]) {
      const numeric = integrate(CDNOW, (l, p) => (1 - p) * -Math.expm1(-l * p * t) / p);
      expect(mbgNbdExpectedPurchases(CDNOW, t)).toBeCloseTo(numeric, 3);
    }
  });

  it('has the published log-likelihood at the published CDNOW parameters, and fits them', () => {
    expect(mbgNbdLogLikelihood(CDNOW, data)).toBeCloseTo(-9582.1, 0);
    const fit = fitMbgNbd(data)!;
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.logLikelihood - -9582.1)).toBeLessThan(0.5);
    for (const key of ['r', 'alpha', 'a', 'b'] as const) expect(Math.abs(fit[key] / CDNOW[key] - 1)).toBeLessThan(0.03);
  });

  it('gives a customer who never bought again a P(alive) below 1, and a customer acquired now the new-customer expectation', () => {
    const none = mbgNbdProbabilityAlive(CDNOW, 0, 0, 38);
    // 1 / (1 + a/b · ((α+T)/α)^r) by hand.
    expect(none).toBeCloseTo(1 / (1 + (0.891 / 1.614) * Math.pow((6.183 + 38) / 6.183, 0.525)), 12);
    expect(none).toBeLessThan(1);
    // Just acquired (T = 0): P(alive) = b/(a+b), and the expectation is a new customer's.
    for (const t of [10, 52]) expect(mbgNbdConditionalExpected(CDNOW, t, 0, 0, 0)).toBeCloseTo(mbgNbdExpectedPurchases(CDNOW, t), 10);
  });
});
