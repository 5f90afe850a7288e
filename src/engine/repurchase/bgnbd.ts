/**
 * The BG/NBD model of repeat buying (Fader, Hardie & Lee 2005, "Counting your customers the
 * easy way: an alternative to the Pareto/NBD model", Marketing Science 24:275–284): while
 * alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after each purchase
 * they drop out with probability p ~ Beta(a, b).
 *
 * Data per customer: frequency x (repeat purchases), recency t_x (time of the last purchase
 * since the first) and age T (time since the first purchase to the end of calibration).
 */
import { hypergeometric2F1 } from '../math/index.ts';
import { bfgs } from '../math/index.ts';
import { digamma, logGamma } from '../math/index.ts';

export type { CustomerSummary } from '../csv/index.ts';
import type { CustomerSummary } from '../csv/index.ts';

export interface BgNbdParameters { r: number; alpha: number; a: number; b: number }

export interface BgNbdFit extends BgNbdParameters {
  logLikelihood: number;
  converged: boolean;
  /** A plain sentence when the fit should not be trusted; undefined when it is fine. */
  warning?: string;
}

/**
 * Total log-likelihood (FHL 2005, eq. 6), computed in log space:
 * ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
 *        + ln[(α+T)^−(r+x) + δ(x>0)·a/(b+x−1)·(α+t_x)^−(r+x)]
 * with the last bracket as a log-sum-exp so neither term underflows. Terms that depend only
 * on x are computed once per distinct x.
 */
export function bgNbdLogLikelihood(params: BgNbdParameters, data: CustomerSummary): number {
  const { r, alpha, a, b } = params;
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return NaN;
  const { frequency, recency, age } = data;
  const byX = new Map<number, number>();
  const base = logGamma(a + b) - logGamma(b) + r * Math.log(alpha) - logGamma(r);
  const logA = Math.log(a);
  let total = 0;
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i];
    let perX = byX.get(x);
    if (perX === undefined) {
      perX = logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x);
      byX.set(x, perX);
    }
    const power = r + x;
    const first = -power * Math.log(alpha + age[i]);
    let last = first;
    if (x > 0) {
      const second = logA - Math.log(b + x - 1) - power * Math.log(alpha + recency[i]);
      last = first > second ? first + Math.log1p(Math.exp(second - first)) : second + Math.log1p(Math.exp(first - second));
    }
    total += perX + last;
  }
  return total + frequency.length * base;
}

/**
 * The log-likelihood and its gradient with respect to (ln r, ln α, ln a, ln b). Derivatives of
 * eq. 6 by hand: with w₂ the share of the second log-sum-exp term (0 when x = 0), per customer
 * ∂/∂r = ψ(r+x) − ψ(r) + ln α − (1−w₂)ln(α+T) − w₂ ln(α+t_x);
 * ∂/∂α = r/α − (r+x)[(1−w₂)/(α+T) + w₂/(α+t_x)];
 * ∂/∂a = ψ(a+b) − ψ(a+b+x) + w₂/a;  ∂/∂b = ψ(b+x) − ψ(a+b+x) + ψ(a+b) − ψ(b) − w₂/(b+x−1).
 * Terms depending only on x are computed once per distinct x.
 */
export function bgNbdLogLikelihoodWithGradient(theta: number[], data: CustomerSummary): { value: number; gradient: number[] } {
  const [r, alpha, a, b] = theta.map(Math.exp);
  if (![r, alpha, a, b].every((v) => v > 0 && Number.isFinite(v))) return { value: NaN, gradient: [0, 0, 0, 0] };
  const { frequency, recency, age } = data;
  const perX = new Map<number, { log: number; dr: number; da: number; db: number }>();
  const logAlpha = Math.log(alpha);
  const logA = Math.log(a);
  let value = 0;
  let gr = 0; let galpha = 0; let ga = 0; let gb = 0;
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i];
    let terms = perX.get(x);
    if (!terms) {
      const abx = digamma(a + b + x);
      terms = {
        log: logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x),
        dr: digamma(r + x), da: -abx, db: digamma(b + x) - abx,
      };
      perX.set(x, terms);
    }
    const power = r + x;
    const logOld = Math.log(alpha + age[i]);
    const first = -power * logOld;
    value += terms.log;
    gr += terms.dr;
    ga += terms.da;
    gb += terms.db;
    if (x > 0) {
      const logRecent = Math.log(alpha + recency[i]);
      const second = logA - Math.log(b + x - 1) - power * logRecent;
      const top = first > second ? first : second;
      const sum = Math.exp(first - top) + Math.exp(second - top);
      const w2 = Math.exp(second - top) / sum;
      const w1 = 1 - w2;
      value += top + Math.log(sum);
      gr -= w1 * logOld + w2 * logRecent;
      galpha -= power * (w1 / (alpha + age[i]) + w2 / (alpha + recency[i]));
      ga += w2 / a;
      gb -= w2 / (b + x - 1);
    } else {
      value += first;
      gr -= logOld;
      galpha -= power / (alpha + age[i]);
    }
  }
  const n = frequency.length;
  value += n * (logGamma(a + b) - logGamma(b) + r * logAlpha - logGamma(r));
  gr += n * (logAlpha - digamma(r));
  galpha += n * r / alpha;
  const dab = digamma(a + b);
  ga += n * dab;
  gb += n * (dab - digamma(b));
  // Chain rule for log-parameters: ∂/∂ln p = p ∂/∂p.
  return { value, gradient: [gr * r, galpha * alpha, ga * a, gb * b] };
}

/**
 * Maximum-likelihood fit on log-parameters by BFGS with the analytic gradient, from two
 * starting points. Converged when both reach a zero gradient and agree on the log-likelihood
 * within 1e-6 and on every parameter within 1 %; otherwise the fit carries a warning.
 * Undefined when no customer has a repeat purchase (nothing to fit).
 */
export function fitBgNbd(data: CustomerSummary): BgNbdFit | undefined {
  const count = data.frequency.length;
  let repeaters = 0;
  let meanAge = 0;
  for (let i = 0; i < count; i++) { if (data.frequency[i] > 0) repeaters++; meanAge += data.age[i] / count; }
  if (count === 0 || repeaters === 0) return undefined;
  const objective = (theta: number[]) => {
    const { value, gradient } = bgNbdLogLikelihoodWithGradient(theta, data);
    return { value: -value / count, gradient: gradient.map((g) => -g / count) };
  };
  const starts = [[0, Math.log(Math.max(meanAge, 1e-3)), 0, 0], [Math.log(0.5), 0, Math.log(0.5), Math.log(2)]];
  const runs = starts.map((start) => bfgs(objective, start)).sort((x, y) => x.value - y.value);
  const [best, second] = runs;
  const [r, alpha, a, b] = best.point.map(Math.exp);
  const agree = Math.abs(best.value - second.value) <= 1e-6 * Math.abs(best.value)
    && best.point.every((value, d) => Math.abs(Math.exp(value) / Math.exp(second.point[d]) - 1) < 0.01);
  const converged = best.converged && second.converged && agree;
  let warning: string | undefined;
  if (!converged) warning = 'The fit did not settle on one answer from different starting points; treat the forecasts as rough.';
  else if (repeaters < 20) warning = `Only ${repeaters} customers have bought more than once; the forecasts rest on very little data.`;
  else if (b > 1e4 || a > 1e4) warning = 'The data show almost no customers dropping out; the dropout part of the model is poorly determined.';
  return { r, alpha, a, b, logLikelihood: -best.value * count, converged, warning };
}

/**
 * P(alive | x, t_x, T) = 1 / (1 + δ(x>0)·a/(b+x−1)·((α+T)/(α+t_x))^(r+x))  (FHL 2005, eq. 11).
 */
export function bgNbdProbabilityAlive(params: BgNbdParameters, x: number, recency: number, age: number): number {
  if (x === 0) return 1;
  const { r, alpha, a, b } = params;
  const logRatio = Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + age) / (alpha + recency));
  return 1 / (1 + Math.exp(logRatio));
}

/**
 * Expected purchases in the next `horizon` for a customer with history (x, t_x, T)
 * (FHL 2005, eq. 10):
 * E[Y(t)] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]
 *           / [1 + δ(x>0)·a/(b+x−1)·((α+T)/(α+t_x))^(r+x)].
 */
export function bgNbdConditionalExpected(params: BgNbdParameters, horizon: number, x: number, recency: number, age: number): number {
  const { r, alpha, a, b } = params;
  const z = horizon / (alpha + age + horizon);
  const hyper = hypergeometric2F1(r + x, b + x, a + b + x - 1, z);
  const numerator = (a + b + x - 1) / (a - 1) * (1 - Math.pow((alpha + age) / (alpha + age + horizon), r + x) * hyper);
  return numerator * bgNbdProbabilityAlive(params, x, recency, age);
}

/**
 * Expected purchases by a new customer in `t` (FHL 2005, eq. 7):
 * E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r · ₂F₁(r, b; a+b−1; t/(α+t))].
 */
export function bgNbdExpectedPurchases(params: BgNbdParameters, t: number): number {
  const { r, alpha, a, b } = params;
  return (a + b - 1) / (a - 1) * (1 - Math.pow(alpha / (alpha + t), r) * hypergeometric2F1(r, b, a + b - 1, t / (alpha + t)));
}
