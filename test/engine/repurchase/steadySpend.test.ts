/** The steady-spend limit of the Gamma–Gamma, checked against the full model at large p (Fader & Hardie 2013, eq. 3). */
import { describe, expect, it } from 'vitest';
import type { CustomerSummary } from '../../../src/engine/repurchase/bgnbd.ts';
import { fitGammaGamma, gammaGammaExpectedValue, gammaGammaLogLikelihood } from '../../../src/engine/repurchase/gammaGamma.ts';
import { allSameSpend, steadySpendLogLikelihoodWithGradient } from '../../../src/engine/repurchase/steadySpend.ts';

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

describe('allSameSpend', () => {
  it('tells one price for everyone, within rounding, from any spread', () => {
    expect(allSameSpend([12.5, 12.5, 12.5])).toBe(true);
    expect(allSameSpend([12.5, 12.5 * (1 + 1e-12)])).toBe(true);
    expect(allSameSpend([12.5, 12.6])).toBe(false);
    expect(allSameSpend([])).toBe(false);
  });
});
