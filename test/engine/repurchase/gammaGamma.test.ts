import { describe, expect, it } from 'vitest';
import { fitBgNbd } from '../../../src/engine/repurchase/bgnbd.ts';
import { bgNbdConditionalExpected } from '../../../src/engine/repurchase/bgnbd.ts';
import {
  customerLifetimeValue, fitGammaGamma, gammaGammaExpectedValue, gammaGammaLogLikelihood, gammaGammaLogLikelihoodWithGradient,
} from '../../../src/engine/repurchase/gammaGamma.ts';
import { cdnowSummary } from '../../fixtures/cdnowSummary.ts';

const cdnow = cdnowSummary;
const within = (actual: number, expected: number, share: number) => expect(Math.abs(actual / expected - 1)).toBeLessThan(share);

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

describe('gammaGammaExpectedValue', () => {
  it('is (γ + m̄x)p / (px + q − 1) (Fader & Hardie 2013, eq. 5), and the customer\'s own average when q ≤ 1', () => {
    // p = 6, q = 4, γ = 15: the population mean γp/(q − 1) = 30; x = 3 orders averaging 50 → (15 + 150) · 6 / (18 + 3) = 47.14….
    expect(gammaGammaExpectedValue({ p: 6, q: 4, gamma: 15 }, 3, 50)).toBeCloseTo(165 * 6 / 21, 12);
    expect(gammaGammaExpectedValue({ p: 6, q: 4, gamma: 15 }, 0, 0)).toBeCloseTo(30, 12);
    expect(gammaGammaExpectedValue({ p: 6, q: 0.9, gamma: 15 }, 3, 50)).toBe(50);
  });
});
