/**
 * The Gamma–Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and CLV:
 * using iso-value curves for customer base analysis", J. Marketing Research 42:415–430, and
 * Fader & Hardie 2013, "The Gamma-Gamma model of monetary value"): a customer's transaction
 * values are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers, independent of frequency.
 */
import type { BgNbdParameters, CustomerSummary } from './bgnbd.ts';
import { asRepeatModel } from './repeatModels.ts';
import type { RepeatModel } from './repeatModels.ts';
import { boundedBfgs, digamma, logGamma } from '../math/index.ts';
import { allSameSpend, steadySpendLogLikelihoodWithGradient } from './steadySpend.ts';

/**
 * p is Infinity in the limit of no spend variation within a customer (steadySpend.ts); q is
 * Infinity too when every customer spends the same, and γ is then undefined (NaN).
 * `populationMean` is the average customer's expected order value, γp/(q−1) — its limit in the
 * steady-spend case, where γp/(q−1) cannot be formed.
 */
export interface GammaGammaParameters { p: number; q: number; gamma: number; populationMean?: number }

export interface GammaGammaFit extends GammaGammaParameters {
  /** Customers used: at least one repeat purchase and a positive average value. */
  customers: number;
  /** Repeat customers left out for a zero or negative average value. */
  excluded: number;
  /** 'steady-spend' when the fit is the model's limit p → ∞: every order of a customer worth the same. */
  limit?: 'steady-spend';
  /** The average customer's expected order value (NaN when q ≤ 1: not finite). */
  populationMean: number;
  /** NaN when every customer spends the same (a point mass has no finite likelihood). */
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

/** Bounds of the fit on log-parameters: p and q over 10⁻⁴…10⁶ (p at 10⁶ is a within-customer spread of 0.1 %), s a million times either way of the mean average. */
const LOG_SHAPE_MIN = Math.log(1e-4);
const LOG_SHAPE_MAX = Math.log(1e6);
const LOG_SPAN = Math.log(1e6);

/**
 * Fits p, q, γ on customers with x > 0 and a positive average value by projected BFGS
 * (boundedQuasiNewton.ts) with the analytic gradient, from three starting points, on the
 * bounded, well-scaled parameters (ln p, ln q, ln s) with s = pγ/q the spend scale (so p → ∞ at
 * fixed spend is one coordinate running to its bound). The limit p → ∞ (steadySpend.ts) is
 * fitted too, on (ln q, ln s); when the Gamma–Gamma reaches p's bound or does no better, the
 * limit is the answer — p = Infinity, each customer's expected value their own average — and
 * when every average is the same, so are q (Infinity) and the population mean (that average).
 * Either limit carries a plain warning. Undefined when there are no customers to fit.
 * Converged when the best two runs of the chosen model stopped at a zero projected gradient
 * and agree on the log-likelihood within 1e-6 (relative).
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
  const steady = 'Each customer\'s orders are worth the same every time, which is steadier than the spend model assumes; '
    + 'it is taken to its limit of no spend variation within a customer, and each customer\'s expected order value is their own average.';
  if (allSameSpend(average)) {
    return {
      p: Infinity, q: Infinity, gamma: NaN, populationMean: average[0], limit: 'steady-spend', customers: x.length, excluded,
      logLikelihood: NaN, converged: true,
      warning: `Every repeat customer's orders are worth the same, ${average[0]} each, which is steadier than the spend model assumes; `
        + 'it is taken to its limit of no spend variation, and every customer\'s expected order value is that amount.',
    };
  }
  const logScale = Math.log(average.reduce((sum, m) => sum + m, 0) / average.length);
  const full = (theta: number[]) => {
    // (ln p, ln q, ln s) → (ln p, ln q, ln γ = ln s + ln q − ln p).
    const { value, gradient: [gp, gq, gg] } = gammaGammaLogLikelihoodWithGradient([theta[0], theta[1], theta[2] + theta[1] - theta[0]], x, average);
    return { value: -value / x.length, gradient: [-(gp - gg) / x.length, -(gq + gg) / x.length, -gg / x.length] };
  };
  const limit = (theta: number[]) => {
    const { value, gradient } = steadySpendLogLikelihoodWithGradient(theta, average);
    return { value: -value / x.length, gradient: gradient.map((g) => -g / x.length) };
  };
  const scale = [logScale - LOG_SPAN, logScale + LOG_SPAN];
  const fullRuns = [[0, 0], [Math.log(5), Math.log(3)], [Math.log(0.5), Math.log(5)]]
    .map(([p, q]) => boundedBfgs(full, [p, q, logScale], [LOG_SHAPE_MIN, LOG_SHAPE_MIN, scale[0]], [LOG_SHAPE_MAX, LOG_SHAPE_MAX, scale[1]], { maxIterations: 1000 }))
    .sort((s, t) => s.value - t.value);
  const limitRuns = [[0, logScale], [Math.log(5), logScale]]
    .map((start) => boundedBfgs(limit, start, [LOG_SHAPE_MIN, scale[0]], [LOG_SHAPE_MAX, scale[1]], { maxIterations: 1000 }))
    .sort((s, t) => s.value - t.value);
  const fullBest = fullRuns[0];
  const limitBest = limitRuns[0];
  const steadyLimit = Number.isFinite(limitBest.value)
    && (!Number.isFinite(fullBest.value) || fullBest.atBound[0] === 1 || limitBest.value <= fullBest.value + 1e-9 * Math.abs(fullBest.value));
  const [best, second] = steadyLimit ? limitRuns : fullRuns;
  const converged = best.converged && Math.abs(best.value - second.value) <= 1e-6 * Math.abs(best.value);
  const common = { customers: x.length, excluded, logLikelihood: -best.value * x.length, converged };
  let fit: GammaGammaFit;
  if (steadyLimit) {
    const [q, s] = best.point.map(Math.exp);
    fit = { p: Infinity, q, gamma: 0, populationMean: q > 1 ? s * q / (q - 1) : NaN, limit: 'steady-spend', ...common };
  } else {
    const [p, q, s] = best.point.map(Math.exp);
    const gamma = s * q / p;
    fit = { p, q, gamma, populationMean: q > 1 ? gamma * p / (q - 1) : NaN, ...common };
  }
  if (steadyLimit) fit.warning = steady;
  if (!converged) fit.warning = [fit.warning, 'The spend model did not settle on one answer; treat the values as rough.'].filter(Boolean).join(' ');
  else if (fit.q <= 1) fit.warning = [fit.warning, 'The spend model has q ≤ 1, so its expected order value is not finite; values fall back on each customer\'s own average.'].filter(Boolean).join(' ');
  return fit;
}

/**
 * E[M | p, q, γ, m̄, x] = (γ + m̄x)p / (px + q − 1) (Fader & Hardie 2013, eq. 5): a weighted
 * mean of the population mean γp/(q−1) and the customer's own average. For x = 0 it is the
 * population mean. Falls back on m̄ when q ≤ 1. In the limit p = Infinity (steadySpend.ts) it is
 * m̄ itself, and for x = 0 the limit population mean.
 */
export function gammaGammaExpectedValue(params: GammaGammaParameters, x: number, average: number): number {
  const { p, q, gamma } = params;
  if (p === Infinity) return x > 0 ? average : params.populationMean ?? NaN;
  if (q <= 1) return average;
  return (gamma + average * x) * p / (p * x + q - 1);
}

/**
 * Customer lifetime value over `months` months: Σ_{i=1..H} E[M] · (E[Y(i)] − E[Y(i−1)]) / (1+d)^i,
 * with the monthly rate d = (1 + annual)^(1/12) − 1 and months of 365.25/12 days converted to
 * the data's time unit. This is an approximation, not FHL 2005's own formula: "RFM and CLV"
 * values E[M] × DERT, the discounted expected residual transactions of the Pareto/NBD, with
 * continuous discounting over an unlimited horizon. Here the repeat-buying model's conditional
 * expectation E[Y(t) | x, t_x, T] (for BG/NBD FHL 2005, "Counting your customers the easy way",
 * eq. 10; the others' in paretoNbd.ts and mbgnbd.ts) is cut at the
 * horizon and each month's expected orders are discounted at the month's end — lower than
 * continuous discounting of the same orders by less than half a month's discount (0.4 % at
 * 10 % a year; test/engine/bgnbdQuadrature.test.ts).
 */
export function customerLifetimeValue(
  repeats: RepeatModel | BgNbdParameters, expectedValue: number, x: number, recency: number, age: number,
  { months = 12, annualDiscount = 0.1, daysPerUnit = 7 }: { months?: number; annualDiscount?: number; daysPerUnit?: number } = {},
): number {
  const model = asRepeatModel(repeats);
  const monthly = Math.pow(1 + annualDiscount, 1 / 12) - 1;
  const unitsPerMonth = 365.25 / 12 / daysPerUnit;
  let value = 0;
  let previous = 0;
  for (let i = 1; i <= months; i++) {
    const expected = model.conditionalExpected(i * unitsPerMonth, x, recency, age);
    value += expectedValue * (expected - previous) / Math.pow(1 + monthly, i);
    previous = expected;
  }
  return value;
}
