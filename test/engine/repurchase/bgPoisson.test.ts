/**
 * The beta-geometric/Poisson model, the BG/NBD's limit, checked against the full model evaluated
 * close to it: large r, α with r/α fixed (Fader, Hardie & Lee 2005, "Counting your customers the
 * easy way"); and the bounded optimiser whose stop on a bound is how a fit reaches that limit.
 */
import { describe, expect, it } from 'vitest';
import { bgNbdConditionalExpected, bgNbdExpectedPurchases, bgNbdLogLikelihood, bgNbdProbabilityAlive, fitBgNbd } from '../../../src/engine/repurchase/bgnbd.ts';
import type { CustomerSummary } from '../../../src/engine/repurchase/bgnbd.ts';
import { bgPoissonConditionalExpected, bgPoissonLogLikelihood, bgPoissonLogLikelihoodWithGradient } from '../../../src/engine/repurchase/bgPoisson.ts';
import { boundedBfgs } from '../../../src/engine/math/boundedQuasiNewton.ts';
import { cdnowSummary } from '../../fixtures/cdnowSummary.ts';

const cdnow = cdnowSummary;

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
