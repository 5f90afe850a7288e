/**
 * The Gamma–Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and CLV:
 * using iso-value curves for customer base analysis", J. Marketing Research 42:415–430, and
 * Fader & Hardie 2013, "The Gamma-Gamma model of monetary value"): a customer's transaction
 * values are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers, independent of frequency.
 */
import type { BgNbdParameters, CustomerSummary } from './bgnbd.ts';
import { bgNbdConditionalExpected } from './bgnbd.ts';
import { bfgs } from '../math/index.ts';
import { digamma, logGamma } from '../math/index.ts';

export interface GammaGammaParameters { p: number; q: number; gamma: number }

export interface GammaGammaFit extends GammaGammaParameters {
  /** Customers used: at least one repeat purchase and a positive average value. */
  customers: number;
  /** Repeat customers left out for a zero or negative average value. */
  excluded: number;
  logLikelihood: number;
  converged: boolean;
  warning?: string;
}

/**
 * Log-likelihood of average values m̄ over x transactions (Fader & Hardie 2013, eq. 3):
 * ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m̄ + px ln x − (px+q) ln(γ + m̄x).
 */
export function gammaGammaLogLikelihood(params: GammaGammaParameters, x: ArrayLike<number>, average: ArrayLike<number>): number {
  const { p, q, gamma } = params;
  if (!(p > 0 && q > 0 && gamma > 0)) return NaN;
  let total = 0;
  const constant = -logGamma(q) + q * Math.log(gamma);
  // ln Γ(px+q) − ln Γ(px) depends on x only: computed once per distinct x.
  const perX = new Map<number, number>();
  for (let i = 0; i < x.length; i++) {
    const px = p * x[i];
    let gammas = perX.get(x[i]);
    if (gammas === undefined) { gammas = logGamma(px + q) - logGamma(px) + px * Math.log(x[i]); perX.set(x[i], gammas); }
    total += gammas + constant + (px - 1) * Math.log(average[i]) - (px + q) * Math.log(gamma + average[i] * x[i]);
  }
  return total;
}

/**
 * The log-likelihood (Fader & Hardie 2013, eq. 3) and its gradient with respect to
 * (ln p, ln q, ln γ). Derivatives by hand, per customer with ψ the digamma function:
 * ∂/∂p = x[ψ(px+q) − ψ(px) + ln m̄ + ln x − ln(γ+m̄x)];  ∂/∂q = ψ(px+q) − ψ(q) + ln γ − ln(γ+m̄x);
 * ∂/∂γ = q/γ − (px+q)/(γ+m̄x). Terms depending only on x are computed once per distinct x.
 */
export function gammaGammaLogLikelihoodWithGradient(theta: number[], x: ArrayLike<number>, average: ArrayLike<number>): { value: number; gradient: number[] } {
  const [p, q, gamma] = theta.map(Math.exp);
  if (![p, q, gamma].every((v) => v > 0 && Number.isFinite(v))) return { value: NaN, gradient: [0, 0, 0] };
  const perX = new Map<number, { log: number; dp: number; dq: number }>();
  const logGammaParam = Math.log(gamma);
  let value = 0;
  let gp = 0; let gq = 0; let gg = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const px = p * xi;
    let terms = perX.get(xi);
    if (!terms) {
      const both = digamma(px + q);
      terms = { log: logGamma(px + q) - logGamma(px) + px * Math.log(xi), dp: xi * (both - digamma(px) + Math.log(xi)), dq: both };
      perX.set(xi, terms);
    }
    const logM = Math.log(average[i]);
    const logTotal = Math.log(gamma + average[i] * xi);
    value += terms.log + (px - 1) * logM - (px + q) * logTotal;
    gp += terms.dp + xi * (logM - logTotal);
    gq += terms.dq - logTotal;
    gg -= (px + q) / (gamma + average[i] * xi);
  }
  const n = x.length;
  value += n * (q * logGammaParam - logGamma(q));
  gq += n * (logGammaParam - digamma(q));
  gg += n * q / gamma;
  return { value, gradient: [gp * p, gq * q, gg * gamma] };
}

/**
 * Fits p, q, γ on customers with x > 0 and a positive average value by BFGS on log-parameters
 * with the analytic gradient, from three starting points; undefined when there are none.
 * Converged when the best run reached a zero gradient and the two best agree on the
 * log-likelihood within 1e-6 (relative).
 */
export function fitGammaGamma(data: CustomerSummary): GammaGammaFit | undefined {
  const x: number[] = [];
  const average: number[] = [];
  let excluded = 0;
  for (let i = 0; i < data.frequency.length; i++) {
    if (data.frequency[i] <= 0) continue;
    if (data.monetary[i] > 0 && Number.isFinite(data.monetary[i])) { x.push(data.frequency[i]); average.push(data.monetary[i]); } else excluded++;
  }
  if (x.length === 0) return undefined;
  const withGradient = (theta: number[]) => {
    const { value, gradient } = gammaGammaLogLikelihoodWithGradient(theta, x, average);
    return { value: -value / x.length, gradient: gradient.map((g) => -g / x.length) };
  };
  const runs = [[0, 0, 0], [Math.log(5), Math.log(3), Math.log(10)], [Math.log(0.5), Math.log(5), 0]]
    .map((start) => bfgs(withGradient, start, { maxIterations: 1000 }))
    .sort((s, t) => s.value - t.value);
  const [best, second] = runs;
  const [p, q, gamma] = best.point.map(Math.exp);
  const converged = best.converged && Math.abs(best.value - second.value) <= 1e-6 * Math.abs(best.value);
  let warning: string | undefined;
  if (!converged) warning = 'The spend model did not settle on one answer; treat the values as rough.';
  else if (q <= 1) warning = 'The spend model has q ≤ 1, so its expected order value is not finite; values fall back on each customer\'s own average.';
  return { p, q, gamma, customers: x.length, excluded, logLikelihood: -best.value * x.length, converged, warning };
}

/**
 * E[M | p, q, γ, m̄, x] = (γ + m̄x)p / (px + q − 1) (Fader & Hardie 2013, eq. 5): a weighted
 * mean of the population mean γp/(q−1) and the customer's own average. For x = 0 it is the
 * population mean. Falls back on m̄ when q ≤ 1.
 */
export function gammaGammaExpectedValue(params: GammaGammaParameters, x: number, average: number): number {
  const { p, q, gamma } = params;
  if (q <= 1) return average;
  return (gamma + average * x) * p / (p * x + q - 1);
}

/**
 * Customer lifetime value over `months` months: Σ_{i=1..H} E[M] · (E[Y(i)] − E[Y(i−1)]) / (1+d)^i,
 * with the monthly rate d = (1 + annual)^(1/12) − 1 and months of 365.25/12 days converted to
 * the data's time unit. This is an approximation, not FHL 2005's own formula: "RFM and CLV"
 * values E[M] × DERT, the discounted expected residual transactions of the Pareto/NBD, with
 * continuous discounting over an unlimited horizon. Here the BG/NBD's conditional expectation
 * E[Y(t) | x, t_x, T] (FHL 2005, "Counting your customers the easy way", eq. 10) is cut at the
 * horizon and each month's expected orders are discounted at the month's end — lower than
 * continuous discounting of the same orders by less than half a month's discount (0.4 % at
 * 10 % a year; test/engine/bgnbdQuadrature.test.ts).
 */
export function customerLifetimeValue(
  bgnbd: BgNbdParameters, expectedValue: number, x: number, recency: number, age: number,
  { months = 12, annualDiscount = 0.1, daysPerUnit = 7 }: { months?: number; annualDiscount?: number; daysPerUnit?: number } = {},
): number {
  const monthly = Math.pow(1 + annualDiscount, 1 / 12) - 1;
  const unitsPerMonth = 365.25 / 12 / daysPerUnit;
  let value = 0;
  let previous = 0;
  for (let i = 1; i <= months; i++) {
    const expected = bgNbdConditionalExpected(bgnbd, i * unitsPerMonth, x, recency, age);
    value += expectedValue * (expected - previous) / Math.pow(1 + monthly, i);
    previous = expected;
  }
  return value;
}
