/**
 * The BG/NBD model of repeat buying (Fader, Hardie & Lee 2005, "Counting your customers the
 * easy way: an alternative to the Pareto/NBD model", Marketing Science 24:275–284): while
 * alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after each purchase
 * they drop out with probability p ~ Beta(a, b).
 *
 * Data per customer: frequency x (repeat purchases), recency t_x (time of the last purchase
 * since the first) and age T (time since the first purchase to the end of calibration).
 */
import { bgPoissonConditionalExpected, bgPoissonExpectedPurchases, bgPoissonLogLikelihood, bgPoissonLogLikelihoodWithGradient, bgPoissonProbabilityAlive } from './bgPoisson.ts';
import { boundedBfgs, digamma, hypergeometric2F1, logGamma } from '../math/index.ts';
import type { BoundedResult } from '../math/index.ts';

export type { CustomerSummary } from '../csv/index.ts';
import type { CustomerSummary } from '../csv/index.ts';

/**
 * r and α are both Infinity in the Poisson limit (every customer buys at the one rate λ while
 * alive; see bgPoisson.ts), and `rate` is then that λ. For finite r, α it is r/α, the mean rate.
 */
export interface BgNbdParameters { r: number; alpha: number; a: number; b: number; rate?: number }

export interface BgNbdFit extends BgNbdParameters {
  /** λ = r/α, the mean purchase rate while alive, in the time unit. */
  rate: number;
  /** 'poisson' when the fit is the model's limit r, α → ∞ (beta-geometric/Poisson). */
  limit?: 'poisson';
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
  if (isPoissonLimit(params)) return bgPoissonLogLikelihood(poissonPart(params), data);
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
 * Bounds of the fit, on log-parameters. r up to 10⁶ is a coefficient of variation of the
 * purchase rate of 0.1 %: a fit that reaches it is taken to the Poisson limit r = ∞. λ may be a
 * million times above or below the data's own rate; a/b and a + b range over 10⁻⁶…10⁶ and
 * 10⁻⁴…10⁶ (a + b at its top: one chance of stopping for every customer).
 */
const LOG_R_MAX = Math.log(1e6);
const LOG_SHAPE_MIN = Math.log(1e-4);
const LOG_SHAPE_MAX = Math.log(1e6);
const LOG_SPAN = Math.log(1e6);

/**
 * Maximum-likelihood fit by projected BFGS (boundedQuasiNewton.ts) with the analytic gradient,
 * on well-scaled, bounded parameters: ln r, ln λ with λ = r/α the mean rate (so the Poisson
 * limit r, α → ∞ at fixed λ is one coordinate running to its bound), ln(a/b) (the odds of
 * stopping after an order) and ln(a+b) (how alike customers are in it), from two starting
 * points at the data's own rate Σx/ΣT (so days and weeks start alike). The BG/Poisson limit
 * (bgPoisson.ts) is fitted too, on (ln λ, ln(a/b), ln(a+b)); when the BG/NBD reaches r's bound,
 * or does no better than its limit, the limit is the answer: r = α = Infinity, `rate` λ, and a
 * warning in plain words that the customers buy more regularly than the model assumes.
 * Converged when both runs of the chosen model stop at a zero projected gradient and agree on
 * the log-likelihood within 1e-6 and on every parameter within 1 %; otherwise the fit carries
 * a warning. Undefined when no customer has a repeat purchase (nothing to fit).
 */
export function fitBgNbd(data: CustomerSummary): BgNbdFit | undefined {
  const count = data.frequency.length;
  let repeaters = 0;
  let repeats = 0;
  let exposure = 0;
  for (let i = 0; i < count; i++) { if (data.frequency[i] > 0) repeaters++; repeats += data.frequency[i]; exposure += data.age[i]; }
  if (count === 0 || repeaters === 0) return undefined;
  const ownRate = repeats / exposure > 0 && Number.isFinite(repeats / exposure) ? repeats / exposure : 1;
  const logRate = Math.log(ownRate);
  const full = (theta: number[]) => {
    // (ln r, ln λ, u, v) → (ln r, ln α = ln r − ln λ, ln a, ln b): ∂/∂ln r gains ∂/∂ln α and ∂/∂ln λ = −∂/∂ln α.
    const [logA, logB] = dropoutLogs(theta[2], theta[3]);
    const { value, gradient: [gr, galpha, ga, gb] } = bgNbdLogLikelihoodWithGradient([theta[0], theta[0] - theta[1], logA, logB], data);
    return { value: -value / count, gradient: [-(gr + galpha) / count, galpha / count, ...dropoutGradient(theta[2], ga, gb).map((g) => -g / count)] };
  };
  const limit = (theta: number[]) => {
    const [logA, logB] = dropoutLogs(theta[1], theta[2]);
    const { value, gradient: [grate, ga, gb] } = bgPoissonLogLikelihoodWithGradient([theta[0], logA, logB], data);
    return { value: -value / count, gradient: [-grate / count, ...dropoutGradient(theta[1], ga, gb).map((g) => -g / count)] };
  };
  const rate = [logRate - LOG_SPAN, logRate + LOG_SPAN];
  const odds = [-LOG_SPAN, LOG_SPAN];
  const size = [LOG_SHAPE_MIN, LOG_SHAPE_MAX];
  // Starts at a = b = 1 and at a = 0.5, b = 2 (odds ¼, a + b = 2.5).
  const starts = [[0, Math.log(2)], [Math.log(0.25), Math.log(2.5)]];
  const fullRuns = starts.map(([u, v], k) => boundedBfgs(full, [k === 0 ? 0 : Math.log(0.5), logRate, u, v], [LOG_SHAPE_MIN, rate[0], odds[0], size[0]], [LOG_R_MAX, rate[1], odds[1], size[1]]))
    .sort((x, y) => x.value - y.value);
  const limitRuns = starts.map(([u, v]) => boundedBfgs(limit, [logRate, u, v], [rate[0], odds[0], size[0]], [rate[1], odds[1], size[1]]))
    .sort((x, y) => x.value - y.value);
  const fullBest = fullRuns[0];
  const limitBest = limitRuns[0];
  const poisson = Number.isFinite(limitBest.value)
    && (!Number.isFinite(fullBest.value) || fullBest.atBound[0] === 1 || limitBest.value <= fullBest.value + 1e-9 * Math.abs(fullBest.value));
  const runs = poisson ? limitRuns : fullRuns;
  const converged = settled(runs);
  let fit: BgNbdFit;
  if (poisson) {
    const [a, b] = dropoutLogs(limitBest.point[1], limitBest.point[2]).map(Math.exp);
    fit = { r: Infinity, alpha: Infinity, rate: Math.exp(limitBest.point[0]), a, b, limit: 'poisson', logLikelihood: -limitBest.value * count, converged };
  } else {
    const [a, b] = dropoutLogs(fullBest.point[2], fullBest.point[3]).map(Math.exp);
    const [r, meanRate] = [Math.exp(fullBest.point[0]), Math.exp(fullBest.point[1])];
    fit = { r, alpha: r / meanRate, rate: meanRate, a, b, logLikelihood: -fullBest.value * count, converged };
  }
  const alike = runs[0].atBound[runs[0].atBound.length - 1] === 1;
  const warnings: string[] = [];
  if (poisson) {
    warnings.push('These customers buy more regularly than the model assumes: it expects purchase rates to differ from one customer to the next, '
      + 'but here every active customer buys at about the same rate, so the model is taken to its limit for one shared rate (beta-geometric/Poisson). '
      + 'It still treats the gaps between orders as random; for orders at fixed intervals, such as a subscription, read P(alive) and expected orders as rough.');
  }
  if (!converged) warnings.push('The fit did not settle on one answer from different starting points; treat the forecasts as rough.');
  else if (repeaters < 20) warnings.push(`Only ${repeaters} customers have bought more than once; the forecasts rest on very little data.`);
  else if (fit.a / (fit.a + fit.b) < 1e-3) warnings.push('The data show almost no customers dropping out; the dropout part of the model is poorly determined.');
  else if (alike) warnings.push('Every customer seems equally likely to stop after an order: the dropout part of the model is at its limit of no variation between customers.');
  if (warnings.length > 0) fit.warning = warnings.join(' ');
  return fit;
}

/**
 * (ln a, ln b) from u = ln(a/b) and v = ln(a+b): ln a = v − ln(1+e^(−u)), ln b = v − ln(1+e^u),
 * each log1p of an exponential kept below overflow.
 */
function dropoutLogs(u: number, v: number): [number, number] {
  const softplus = (t: number) => (t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t)));
  return [v - softplus(-u), v - softplus(u)];
}

/** ∂/∂u and ∂/∂v from ∂/∂ln a and ∂/∂ln b: ∂ln a/∂u = b/(a+b), ∂ln b/∂u = −a/(a+b), ∂ln a/∂v = ∂ln b/∂v = 1. */
function dropoutGradient(u: number, ga: number, gb: number): [number, number] {
  const share = 1 / (1 + Math.exp(-u));
  return [ga * (1 - share) - gb * share, ga + gb];
}

/** Both runs stopped at a zero projected gradient, on one log-likelihood (1e-6) and one point (1 % in every parameter). */
function settled([best, second]: BoundedResult[]): boolean {
  return best.converged && second.converged
    && Math.abs(best.value - second.value) <= 1e-6 * Math.abs(best.value)
    && best.point.every((value, d) => Math.abs(Math.exp(value - second.point[d]) - 1) < 0.01);
}

/**
 * P(alive | x, t_x, T) = 1 / (1 + δ(x>0)·a/(b+x−1)·((α+T)/(α+t_x))^(r+x))  (FHL 2005, eq. 11).
 * Every function from here on evaluates the Poisson limit (r = α = Infinity) in its limit form (bgPoisson.ts).
 */
export function bgNbdProbabilityAlive(params: BgNbdParameters, x: number, recency: number, age: number): number {
  if (isPoissonLimit(params)) return bgPoissonProbabilityAlive(poissonPart(params), x, recency, age);
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
  if (isPoissonLimit(params)) return bgPoissonConditionalExpected(poissonPart(params), horizon, x, recency, age);
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
  if (isPoissonLimit(params)) return bgPoissonExpectedPurchases(poissonPart(params), t);
  const { r, alpha, a, b } = params;
  return (a + b - 1) / (a - 1) * (1 - Math.pow(alpha / (alpha + t), r) * hypergeometric2F1(r, b, a + b - 1, t / (alpha + t)));
}

/** Whether `params` is the Poisson limit r, α → ∞ (then `rate` holds λ). */
export function isPoissonLimit(params: BgNbdParameters): boolean {
  return params.r === Infinity || params.alpha === Infinity;
}

function poissonPart(params: BgNbdParameters) {
  return { rate: params.rate ?? NaN, a: params.a, b: params.b };
}
