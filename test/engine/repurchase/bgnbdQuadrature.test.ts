/**
 * The BG/NBD per-customer figures and the discounted lifetime value, checked against a
 * different algorithm: the posterior integrals over (λ, p) done numerically instead of through
 * FHL's closed forms with ₂F₁.
 *
 * Model (Fader, Hardie & Lee 2005, "Counting your customers the easy way", §2): λ ~ Gamma(r, α),
 * p ~ Beta(a, b). Given (λ, p), the likelihood of (x, t_x, T) is
 *   L = (1 − p)^x λ^x e^{−λT} + [x > 0] p (1 − p)^{x−1} λ^x e^{−λ t_x},
 * the first term being "still alive at T". An alive customer's purchases in the next t number
 * (1 − e^{−λpt})/p on average (purchases at rate λ until a dropout at rate λp). So
 *   P(alive) = ∫∫ (1 − p)^x λ^x e^{−λT} g f / ∫∫ L g f,
 *   E[Y(t)] = ∫∫ (1 − p)^x λ^x e^{−λT} (1 − e^{−λpt})/p g f / ∫∫ L g f.
 * The integrals are trapezoid sums after λ = e^v and p = 1/(1 + e^{−w}), which turn the
 * integrands into smooth, fast-decaying functions of (v, w) (for those the trapezoid rule
 * converges geometrically; 1e-8 relative here, checked by halving the step).
 */
import { describe, expect, it } from 'vitest';
import { bgNbdConditionalExpected, bgNbdProbabilityAlive } from '../../../src/engine/repurchase/bgnbd.ts';
import type { BgNbdParameters } from '../../../src/engine/repurchase/bgnbd.ts';
import { customerLifetimeValue } from '../../../src/engine/repurchase/gammaGamma.ts';

// The published CDNOW estimates (FHL 2005, §4), in weeks.
const params: BgNbdParameters = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

function posterior(x: number, recency: number, age: number, horizons: number[], steps = 1200) {
  const { r, alpha, a, b } = params;
  const v0 = -120; const v1 = 8; const w0 = -60; const w1 = 40;
  const dv = (v1 - v0) / steps; const dw = (w1 - w0) / steps;
  let total = 0; let alive = 0;
  const expected = horizons.map(() => 0);
  for (let i = 0; i <= steps; i++) {
    const v = v0 + i * dv;
    const lambda = Math.exp(v);
    // g(λ) dλ ∝ λ^{r−1} e^{−αλ} · λ dv
    const logG = r * v - alpha * lambda;
    for (let k = 0; k <= steps; k++) {
      const w = w0 + k * dw;
      const logP = -Math.log1p(Math.exp(-w));
      const log1mP = -Math.log1p(Math.exp(w));
      const p = Math.exp(logP);
      // f(p) dp ∝ p^{a−1}(1 − p)^{b−1} · p(1 − p) dw
      const logF = a * logP + b * log1mP;
      const weight = (i === 0 || i === steps ? 0.5 : 1) * (k === 0 || k === steps ? 0.5 : 1);
      const aliveTerm = Math.exp(logG + logF + x * log1mP + x * v - lambda * age) * weight;
      const deadTerm = x > 0 ? Math.exp(logG + logF + logP + (x - 1) * log1mP + x * v - lambda * recency) * weight : 0;
      total += aliveTerm + deadTerm;
      alive += aliveTerm;
      horizons.forEach((t, h) => { expected[h] += aliveTerm * -Math.expm1(-lambda * p * t) / p; });
    }
  }
  return { pAlive: alive / total, expected: expected.map((e) => e / total) };
}

const customers: [number, number, number][] = [[2, 30.43, 38.86], [0, 0, 38.86], [7, 10, 39], [1, 38, 39], [15, 36, 39]];

describe('BG/NBD figures against the posterior integrals done numerically', () => {
  for (const [x, recency, age] of customers) {
    it(`P(alive) and E[Y(39)] for x = ${x}, t_x = ${recency}, T = ${age}`, () => {
      const { pAlive, expected } = posterior(x, recency, age, [39]);
      expect(bgNbdProbabilityAlive(params, x, recency, age)).toBeCloseTo(pAlive, 6);
      expect(bgNbdConditionalExpected(params, 39, x, recency, age) / expected[0]).toBeCloseTo(1, 6);
    });
  }

  it('reproduces the published worked example: E[Y(39) | x = 2, t_x = 30.43, T = 38.86] = 1.226', () => {
    // FHL 2005, §4 (CDNOW, weeks); the quadrature above gives the same to 6 digits.
    expect(bgNbdConditionalExpected(params, 39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 3);
  });

  it('the lifetime value is Σ over months of the month\'s expected orders × value, discounted at each month\'s end', () => {
    // 12 months of 365.25/12 days in weeks, 10 % a year: monthly rate 1.1^(1/12) − 1.
    const [x, recency, age] = [2, 30.43, 38.86];
    const month = 365.25 / 12 / 7;
    const { expected } = posterior(x, recency, age, Array.from({ length: 13 }, (_, i) => i * month));
    const value = 40;
    let clv = 0;
    for (let i = 1; i <= 12; i++) clv += value * (expected[i] - expected[i - 1]) / 1.1 ** (i / 12);
    expect(customerLifetimeValue(params, value, x, recency, age, { months: 12, annualDiscount: 0.1, daysPerUnit: 7 }) / clv).toBeCloseTo(1, 6);
    // Continuous discounting of the same expected orders, ∫ e^{−δt} dE[Y(t)] with δ = ln 1.1 a year
    // (FHL 2005 "RFM and CLV" discount continuously), is higher by about half a month's discount:
    // the monthly sum books each month's orders at its end.
    const fine = 12 * 10;
    const grid = posterior(x, recency, age, Array.from({ length: fine + 1 }, (_, i) => (i * 12 * month) / fine), 500).expected;
    let continuous = 0;
    for (let i = 1; i <= fine; i++) continuous += value * (grid[i] - grid[i - 1]) * 1.1 ** (-(i - 0.5) / fine);
    const ratio = continuous / clv;
    expect(ratio).toBeGreaterThan(1);
    expect(ratio).toBeLessThan(1.1 ** (1 / 24) + 1e-4);
  });
});
