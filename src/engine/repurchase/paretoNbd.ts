/**
 * The Pareto/NBD model of repeat buying (Schmittlein, Morrison & Colombo 1987, "Counting your
 * customers: who are they and what will they do next?", Management Science 33:1–24): while
 * alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α), and stays alive for an
 * exponential time with rate μ ~ Gamma(s, β), independent of λ. Unlike BG/NBD, dropout can
 * happen at any time, not only right after a purchase.
 *
 * The likelihood, P(alive) and the conditional expectation are those derived in Fader & Hardie
 * (2005), "A note on deriving the Pareto/NBD model and related expressions"; the likelihood and
 * its gradient, with the Gaussian hypergeometric term A₀ taken in the form that converges for
 * each ordering of α and β, are in paretoNbdLikelihood.ts; everything is evaluated in log space.
 *
 * Data per customer as for BG/NBD: frequency x, recency t_x, age T (bgnbd.ts).
 */
import { dataScale, historyTable } from './historyTable.ts';
import type { Histories, HistoryTable } from './historyTable.ts';
import { maximizeLikelihood, rateCoordinates } from './maximizeLikelihood.ts';
import type { LikelihoodModel } from './maximizeLikelihood.ts';
import { paretoNbdLogInterval, paretoNbdTableLogLikelihood } from './paretoNbdLikelihood.ts';
import { checkFit, longestHistory, repeatFitWarning } from './fitCheck.ts';
import type { FitCheck } from './fitCheck.ts';
import type { ParetoNbdParameters } from './paretoNbdLikelihood.ts';

export type { ParetoNbdParameters } from './paretoNbdLikelihood.ts';
export { paretoNbdTableLogLikelihood } from './paretoNbdLikelihood.ts';

export interface ParetoNbdFit extends ParetoNbdParameters {
  logLikelihood: number;
  converged: boolean;
  /** Whether the fit can be trusted as it stands (fitCheck.ts). */
  check?: FitCheck;
  /** A plain sentence when the fit should not be trusted; undefined when it is fine. */
  warning?: string;
}

/**
 * Total log-likelihood (Fader & Hardie 2005; paretoNbdLikelihood.ts):
 * ln L = ln Γ(r+x) − ln Γ(r) + r ln α + s ln β + ln[(α+T)^−(r+x)(β+T)^−s + s/(r+s+x)·A₀].
 * NaN outside the parameter space.
 */
export function paretoNbdLogLikelihood(params: ParetoNbdParameters, data: Histories): number {
  return paretoNbdTableLogLikelihood(params, historyTable(data));
}

/** ln of the two terms of the likelihood's bracket: (α+T)^−(r+x)(β+T)^−s, and s/(r+s+x)·A₀ = s·I. */
function bracketLogs(params: ParetoNbdParameters, x: number, recency: number, age: number): [number, number] {
  const { r, alpha, s, beta } = params;
  const stillAlive = -(r + x) * Math.log(alpha + age) - s * Math.log(beta + age);
  const interval = new Float64Array(5);
  paretoNbdLogInterval(params, x, recency, age, interval, 0);
  return [stillAlive, Math.log(s) + interval[0]];
}

/**
 * P(alive | x, t_x, T) = 1 / (1 + s/(r+s+x)·(α+T)^(r+x)(β+T)^s·A₀)  (Fader & Hardie 2005).
 */
export function paretoNbdProbabilityAlive(params: ParetoNbdParameters, x: number, recency: number, age: number): number {
  const [stillAlive, goneSince] = bracketLogs(params, x, recency, age);
  return 1 / (1 + Math.exp(goneSince - stillAlive));
}

/**
 * (1 − q^(s−1)) / (s − 1) with q = (β+T)/(β+T+t) < 1, written −expm1((s−1) ln q)/(s−1) so that
 * it is exact near s = 1, where it becomes −ln q.
 */
function decayFactor(s: number, logQ: number): number {
  const k = s - 1;
  return Math.abs(k) < 1e-10 ? -logQ : -Math.expm1(k * logQ) / k;
}

/**
 * Expected purchases in the next `horizon` (Schmittlein et al. 1987; Fader & Hardie 2005):
 * E[Y(t) | x, t_x, T] = (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive).
 */
export function paretoNbdConditionalExpected(params: ParetoNbdParameters, horizon: number, x: number, recency: number, age: number): number {
  const { r, alpha, s, beta } = params;
  const logQ = Math.log((beta + age) / (beta + age + horizon));
  return (r + x) * (beta + age) / (alpha + age) * decayFactor(s, logQ) * paretoNbdProbabilityAlive(params, x, recency, age);
}

/** Expected purchases by a new customer in `t`: E[X(t)] = rβ/(α(s−1)) · [1 − (β/(β+t))^(s−1)] (Schmittlein et al. 1987). */
export function paretoNbdExpectedPurchases(params: ParetoNbdParameters, t: number): number {
  const { r, alpha, s, beta } = params;
  return r * beta / alpha * decayFactor(s, Math.log(beta / (beta + t)));
}

/** Log-parameter bounds: each of r, s in 10⁻⁴…10⁴; λ = r/α and β within 10⁶ of the data's own rate and time scale. */
const LOG_SHAPE = [Math.log(1e-4), Math.log(1e4)];
const LOG_SPAN = Math.log(1e6);

/**
 * The Pareto/NBD as the fitting routine sees it (maximizeLikelihood.ts), on (ln r, ln λ, ln s,
 * ln β) with λ = r/α, from two starting points scaled to the data (λ at the purchase rate
 * Σx/ΣT, β at the mean age); undefined when no customer bought twice.
 */
export function paretoNbdLikelihoodModel(table: HistoryTable): LikelihoodModel<ParetoNbdParameters> | undefined {
  const scale = dataScale(table);
  if (!scale) return undefined;
  const { ownRate, meanAge } = scale;
  const around = (centre: number) => [Math.log(centre) - LOG_SPAN, Math.log(centre) + LOG_SPAN];
  const [rateLow, rateHigh] = around(ownRate);
  const [betaLow, betaHigh] = around(meanAge);
  return {
    parameterNames: ['r', 'α', 's', 'β'],
    coordinateNames: ['r', 'r/α', 's', 'β'],
    fromLog: ([r, alpha, s, beta]) => ({ r: Math.exp(r), alpha: Math.exp(alpha), s: Math.exp(s), beta: Math.exp(beta) }),
    logLikelihood: paretoNbdTableLogLikelihood,
    ...rateCoordinates,
    lower: [LOG_SHAPE[0], rateLow, LOG_SHAPE[0], betaLow],
    upper: [LOG_SHAPE[1], rateHigh, LOG_SHAPE[1], betaHigh],
    starts: [[1, 1, 1], [0.5, 0.5, 2]].map(([r, s, b]) => [Math.log(r), Math.log(ownRate), Math.log(s), Math.log(b * meanAge)]),
    maxIterations: 150,
  };
}

/**
 * Maximum-likelihood fit (maximizeLikelihood.ts) with the analytic gradient. Converged when both
 * runs stop at a zero projected gradient on one log-likelihood (1e-6); β is often poorly
 * determined (a flat likelihood along it), so the parameters need not agree: the fit's check
 * (fitCheck.ts) says when that, or anything else, makes it untrustworthy. Undefined when no
 * customer bought twice.
 */
export function fitParetoNbd(data: Histories): ParetoNbdFit | undefined {
  const table = historyTable(data);
  const model = paretoNbdLikelihoodModel(table);
  if (!model) return undefined;
  const best = maximizeLikelihood(model, table);
  const fit: ParetoNbdFit = { ...best.params, logLikelihood: best.logLikelihood, converged: best.converged };
  fit.check = checkFit(model, table, best, paretoNbdDropoutShare(best.params, longestHistory(table)), 'Pareto/NBD');
  const warning = repeatFitWarning(best.point[0] >= LOG_SHAPE[1] - Math.log(10), dataScale(table)!.repeaters);
  if (warning) fit.warning = warning;
  return fit;
}

/**
 * The share of customers expected to have stopped within `t` of their first purchase:
 * P(τ ≤ t) = 1 − E[e^(−μt)] = 1 − (β/(β+t))^s for μ ~ Gamma(s, β) (Schmittlein et al. 1987).
 */
export function paretoNbdDropoutShare(params: ParetoNbdParameters, t: number): number {
  return -Math.expm1(params.s * Math.log(params.beta / (params.beta + t)));
}
