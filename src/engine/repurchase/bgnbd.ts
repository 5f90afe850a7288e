/**
 * The BG/NBD model of repeat buying (Fader, Hardie & Lee 2005, "Counting your customers the
 * easy way: an alternative to the Pareto/NBD model", Marketing Science 24:275–284): while
 * alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after each purchase
 * they drop out with probability p ~ Beta(a, b).
 *
 * Data per customer: frequency x (repeat purchases), recency t_x (time of the last purchase
 * since the first) and age T (time since the first purchase to the end of calibration).
 */
import { bgPoissonConditionalExpected, bgPoissonExpectedPurchases, bgPoissonLogLikelihood, bgPoissonProbabilityAlive, bgPoissonTableLogLikelihood } from './bgPoisson.ts';
import { hypergeometric2F1, scaledKummer } from '../math/index.ts';
import { checkFit, longestHistory } from './fitCheck.ts';
import type { FitCheck } from './fitCheck.ts';
import { betaGeometricLogLikelihood } from './betaGeometricNbd.ts';
import { dataScale, historyTable } from './historyTable.ts';
import type { Histories, HistoryTable } from './historyTable.ts';
import { maximizeLikelihood } from './maximizeLikelihood.ts';
import type { LikelihoodModel } from './maximizeLikelihood.ts';

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
  /** Whether the fit can be trusted as it stands (fitCheck.ts). */
  check?: FitCheck;
  /** A plain sentence when the fit should not be trusted; undefined when it is fine. */
  warning?: string;
}

/**
 * Total log-likelihood (FHL 2005, eq. 6; betaGeometricNbd.ts with dropout chances after each
 * repeat purchase):
 * ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
 *        + ln[(α+T)^−(r+x) + δ(x>0)·a/(b+x−1)·(α+t_x)^−(r+x)]
 * with the last bracket as a log-sum-exp so neither term underflows. The Poisson limit
 * (r = α = Infinity) is evaluated in its limit form (bgPoisson.ts).
 */
export function bgNbdLogLikelihood(params: BgNbdParameters, data: Histories): number {
  if (isPoissonLimit(params)) return bgPoissonLogLikelihood(poissonPart(params), data);
  return betaGeometricLogLikelihood(params, historyTable(data), 0);
}

/** The log-likelihood and its gradient with respect to (ln r, ln α, ln a, ln b), derived by hand in betaGeometricNbd.ts. */
export function bgNbdLogLikelihoodWithGradient(theta: number[], data: Histories): { value: number; gradient: number[] } {
  const [r, alpha, a, b] = theta.map(Math.exp);
  const gradient = [0, 0, 0, 0];
  const value = betaGeometricLogLikelihood({ r, alpha, a, b }, historyTable(data), 0, gradient);
  return Number.isFinite(value) ? { value, gradient } : { value: NaN, gradient: [0, 0, 0, 0] };
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
/** Below this r the fit is far from the Poisson limit's ridge (r → ∞), which is then fitted from one start only, as a check. */
const LIMIT_CHECK_R = 1e3;

/**
 * The BG/NBD as the fitting routine sees it (maximizeLikelihood.ts): on well-scaled, bounded
 * parameters ln r, ln λ with λ = r/α the mean rate (so the Poisson limit r, α → ∞ at fixed λ is
 * one coordinate running to its bound), u = ln(a/b) (the odds of stopping after an order) and
 * v = ln(a+b) (how alike customers are in it), from two starting points at the data's own rate
 * Σx/ΣT (so days and weeks start alike): r = 1, a = b = 1 and r = ½, a = ½, b = 2.
 */
export function bgNbdLikelihoodModel(table: HistoryTable): LikelihoodModel<BgNbdParameters> | undefined {
  const scale = dataScale(table);
  if (!scale) return undefined;
  const logRate = Math.log(scale.ownRate);
  return {
    parameterNames: ['r', 'α', 'a', 'b'],
    coordinateNames: ['r', 'r/α', 'a/b', 'a + b'],
    fromLog: ([r, alpha, a, b]) => ({ r: Math.exp(r), alpha: Math.exp(alpha), a: Math.exp(a), b: Math.exp(b) }),
    logLikelihood: (params, data, gradient) => betaGeometricLogLikelihood(params, data, 0, gradient),
    toLog: (theta) => [theta[0], theta[0] - theta[1], ...dropoutLogs(theta[2], theta[3])],
    chain: (theta, g) => [g[0] + g[1], -g[1], ...dropoutGradient(theta[2], g[2], g[3])],
    lower: [LOG_SHAPE_MIN, logRate - LOG_SPAN, -LOG_SPAN, LOG_SHAPE_MIN],
    upper: [LOG_R_MAX, logRate + LOG_SPAN, LOG_SPAN, LOG_SHAPE_MAX],
    starts: [[0, logRate, 0, Math.log(2)], [Math.log(0.5), logRate, Math.log(0.25), Math.log(2.5)]],
  };
}

/**
 * The BG/NBD's Poisson limit (bgPoisson.ts) as the fitting routine sees it, on (ln λ, u, v) as
 * above, from the same two starting points; its parameters are given as r = α = Infinity with
 * `rate` λ.
 */
export function bgPoissonLikelihoodModel(table: HistoryTable): LikelihoodModel<BgNbdParameters> | undefined {
  const scale = dataScale(table);
  if (!scale) return undefined;
  const logRate = Math.log(scale.ownRate);
  return {
    parameterNames: ['λ', 'a', 'b'],
    coordinateNames: ['λ', 'a/b', 'a + b'],
    fromLog: ([rate, a, b]) => ({ r: Infinity, alpha: Infinity, rate: Math.exp(rate), a: Math.exp(a), b: Math.exp(b) }),
    logLikelihood: (params, data, gradient) => bgPoissonTableLogLikelihood(poissonPart(params), data, gradient),
    toLog: (theta) => [theta[0], ...dropoutLogs(theta[1], theta[2])],
    chain: (theta, g) => [g[0], ...dropoutGradient(theta[1], g[1], g[2])],
    lower: [logRate - LOG_SPAN, -LOG_SPAN, LOG_SHAPE_MIN],
    upper: [logRate + LOG_SPAN, LOG_SPAN, LOG_SHAPE_MAX],
    starts: [[logRate, 0, Math.log(2)], [logRate, Math.log(0.25), Math.log(2.5)]],
  };
}

/**
 * Maximum-likelihood fit (maximizeLikelihood.ts) with the analytic gradient. The BG/Poisson
 * limit (bgPoisson.ts) is fitted too — from the full fit's λ, a, b when that fit is far from it
 * (r below 10³), else from both starting points; when the BG/NBD reaches r's bound, or does no
 * better than its limit, the limit is the answer (from both starting points): r = α = Infinity,
 * `rate` λ, and a warning in plain words that the customers buy more regularly than the model
 * assumes. Converged when both runs of the chosen model stop at a zero projected gradient on one
 * log-likelihood (1e-6); the fit's check (fitCheck.ts) says whether it can be trusted. Undefined
 * when no customer has a repeat purchase (nothing to fit).
 */
export function fitBgNbd(data: Histories): BgNbdFit | undefined {
  const table = historyTable(data);
  const fullModel = bgNbdLikelihoodModel(table);
  const limitModel = bgPoissonLikelihoodModel(table);
  if (!fullModel || !limitModel) return undefined;
  const repeaters = dataScale(table)!.repeaters;
  const full = maximizeLikelihood(fullModel, table);
  const nearRidge = !Number.isFinite(full.logLikelihood) || full.atBound[0] === 1 || full.params.r >= LIMIT_CHECK_R;
  const fromFull = [full.point[1], full.point[2], full.point[3]];
  let limit = maximizeLikelihood(nearRidge ? limitModel : { ...limitModel, starts: [fromFull] }, table);
  const better = (p: number, q: number) => p >= q - 1e-9 * Math.abs(q);
  const poisson = Number.isFinite(limit.logLikelihood)
    && (!Number.isFinite(full.logLikelihood) || full.atBound[0] === 1 || better(limit.logLikelihood, full.logLikelihood));
  if (poisson && !nearRidge) limit = maximizeLikelihood({ ...limitModel, starts: [fromFull, ...limitModel.starts] }, table);
  const chosen = poisson ? limit : full;
  const { converged } = chosen;
  const { r, alpha, a, b } = chosen.params;
  const fit: BgNbdFit = poisson
    ? { r: Infinity, alpha: Infinity, rate: chosen.params.rate!, a, b, limit: 'poisson', logLikelihood: chosen.logLikelihood, converged }
    : { r, alpha, rate: r / alpha, a, b, logLikelihood: chosen.logLikelihood, converged };
  fit.check = checkFit(poisson ? limitModel : fullModel, table, chosen, bgNbdDropoutShare(fit, longestHistory(table)), poisson ? 'BG/NBD (its Poisson limit)' : 'BG/NBD');
  const warnings: string[] = [];
  if (poisson) {
    warnings.push('These customers buy more regularly than the model assumes: it expects purchase rates to differ from one customer to the next, '
      + 'but here every active customer buys at about the same rate, so the model is taken to its limit for one shared rate (beta-geometric/Poisson). '
      + 'It still treats the gaps between orders as random; for orders at fixed intervals, such as a subscription, read P(alive) and expected orders as rough.');
  }
  if (repeaters < 20) warnings.push(`Only ${repeaters} customers have bought more than once; the forecasts rest on very little data.`);
  if (warnings.length > 0) fit.warning = warnings.join(' ');
  return fit;
}

/**
 * The share of customers buying at the mean rate λ = r/α (or the limit's one rate) expected to
 * have stopped within `t` of their first purchase. Given λ and p a customer stops at a purchase
 * with probability p, so stops come as a Poisson process of rate λp and the customer is alive at
 * t with probability e^(−λpt) (FHL 2005, §3); over p ~ Beta(a, b), E[e^(−zp)] = M(a; a+b; −z),
 * z = λt (the Beta integral of Kummer's function, A&S 13.2.1), = e^(−z)M(b; a+b; z) (A&S 13.1.27).
 */
export function bgNbdDropoutShare(params: BgNbdParameters, t: number): number {
  const rate = isPoissonLimit(params) ? params.rate! : params.r / params.alpha;
  return 1 - scaledKummer(params.b, params.a + params.b, rate * t);
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
