/**
 * The MBG/NBD model of repeat buying (Batislam, Denizel & Filiztekin 2007, "Empirical
 * validation and comparison of models for customer base analysis", International Journal of
 * Research in Marketing 24:201–209): as BG/NBD (bgnbd.ts) — while alive a customer buys as a
 * Poisson process with rate λ ~ Gamma(r, α), and drops out with probability p ~ Beta(a, b) —
 * except that the chance of dropping out comes at the first purchase too, not only after each
 * repeat one. So a customer who never bought again is not certainly alive: BG/NBD's P(alive) = 1
 * for x = 0 is its best-known weakness.
 *
 * Per customer (x, t_x, T), with the drop-out chances at 0, t₁, …, t_x:
 * L = Γ(r+x)α^r/Γ(r) · B(a, b+x+1)/B(a, b) · [(α+T)^−(r+x) + a/(b+x) · (α+t_x)^−(r+x)],
 * P(alive) = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x)),
 * E[Y(t) | x, t_x, T] = (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t))] · P(alive),
 * E[X(t)] = b/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b+1; a+b; t/(α+t))]
 * (the BG/NBD derivations of Fader, Hardie & Lee 2005 with one more drop-out opportunity).
 */
import { hypergeometric2F1, scaledKummer } from '../math/index.ts';
import { checkFit, longestHistory, repeatFitWarning } from './fitCheck.ts';
import type { FitCheck } from './fitCheck.ts';
import { betaGeometricLogLikelihood } from './betaGeometricNbd.ts';
import { dataScale, historyTable } from './historyTable.ts';
import type { Histories, HistoryTable } from './historyTable.ts';
import { maximizeLikelihood, rateCoordinates } from './maximizeLikelihood.ts';
import type { LikelihoodModel } from './maximizeLikelihood.ts';

export interface MbgNbdParameters { r: number; alpha: number; a: number; b: number }

export interface MbgNbdFit extends MbgNbdParameters {
  logLikelihood: number;
  converged: boolean;
  /** Whether the fit can be trusted as it stands (fitCheck.ts). */
  check?: FitCheck;
  /** A plain sentence when the fit should not be trusted; undefined when it is fine. */
  warning?: string;
}

/** Total log-likelihood (see the module comment; betaGeometricNbd.ts with a dropout chance at every purchase). NaN outside the parameter space. */
export function mbgNbdLogLikelihood(params: MbgNbdParameters, data: Histories): number {
  return betaGeometricLogLikelihood(params, historyTable(data), 1);
}

/** P(alive | x, t_x, T) = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x)), for every x. */
export function mbgNbdProbabilityAlive(params: MbgNbdParameters, x: number, recency: number, age: number): number {
  const { r, alpha, a, b } = params;
  return 1 / (1 + Math.exp(Math.log(a / (b + x)) + (r + x) * Math.log((alpha + age) / (alpha + recency))));
}

/** Expected purchases in the next `horizon` for a customer with history (x, t_x, T) (module comment). */
export function mbgNbdConditionalExpected(params: MbgNbdParameters, horizon: number, x: number, recency: number, age: number): number {
  const { r, alpha, a, b } = params;
  const z = horizon / (alpha + age + horizon);
  const hyper = hypergeometric2F1(r + x, b + x + 1, a + b + x, z);
  return (a + b + x) / (a - 1) * (1 - Math.pow((alpha + age) / (alpha + age + horizon), r + x) * hyper) * mbgNbdProbabilityAlive(params, x, recency, age);
}

/** Expected purchases by a new customer in `t` (module comment). */
export function mbgNbdExpectedPurchases(params: MbgNbdParameters, t: number): number {
  const { r, alpha, a, b } = params;
  return b / (a - 1) * (1 - Math.pow(alpha / (alpha + t), r) * hypergeometric2F1(r, b + 1, a + b, t / (alpha + t)));
}

const LOG_SHAPE = [Math.log(1e-4), Math.log(1e6)];
const LOG_SPAN = Math.log(1e6);

/**
 * The MBG/NBD as the fitting routine sees it (maximizeLikelihood.ts), on (ln r, ln λ, ln a, ln b)
 * with λ = r/α — along the ridge of very regular buyers (r, α → ∞ at fixed λ) only ln r moves,
 * as for BG/NBD (bgnbd.ts) — from two starting points at the data's purchase rate Σx/ΣT;
 * undefined when no customer bought twice.
 */
export function mbgNbdLikelihoodModel(table: HistoryTable): LikelihoodModel<MbgNbdParameters> | undefined {
  const scale = dataScale(table);
  if (!scale) return undefined;
  const logRate = Math.log(scale.ownRate);
  return {
    parameterNames: ['r', 'α', 'a', 'b'],
    coordinateNames: ['r', 'r/α', 'a', 'b'],
    fromLog: ([r, alpha, a, b]) => ({ r: Math.exp(r), alpha: Math.exp(alpha), a: Math.exp(a), b: Math.exp(b) }),
    logLikelihood: (params, data, gradient) => betaGeometricLogLikelihood(params, data, 1, gradient),
    ...rateCoordinates,
    lower: [LOG_SHAPE[0], logRate - LOG_SPAN, LOG_SHAPE[0], LOG_SHAPE[0]],
    upper: [LOG_SHAPE[1], logRate + LOG_SPAN, LOG_SHAPE[1], LOG_SHAPE[1]],
    starts: [[1, 1, 1], [0.5, 0.5, 2]].map(([r, a, b]) => [Math.log(r), logRate, Math.log(a), Math.log(b)]),
    maxIterations: 150,
  };
}

/**
 * Maximum-likelihood fit (maximizeLikelihood.ts) with the analytic gradient (betaGeometricNbd.ts).
 * Converged when both runs stop at a zero projected gradient on one log-likelihood (1e-6).
 * Undefined when no customer bought twice.
 */
export function fitMbgNbd(data: Histories): MbgNbdFit | undefined {
  const table = historyTable(data);
  const model = mbgNbdLikelihoodModel(table);
  if (!model) return undefined;
  const best = maximizeLikelihood(model, table);
  const fit: MbgNbdFit = { ...best.params, logLikelihood: best.logLikelihood, converged: best.converged };
  fit.check = checkFit(model, table, best, mbgNbdDropoutShare(best.params, longestHistory(table)), 'MBG/NBD');
  const warning = repeatFitWarning(best.point[0] >= LOG_SHAPE[1] - Math.log(10), dataScale(table)!.repeaters);
  if (warning) fit.warning = warning;
  return fit;
}

/**
 * The share of customers buying at the mean rate λ = r/α expected to have stopped within `t` of
 * their first purchase. Given λ and p a customer is alive at t with probability (1−p)e^(−λpt)
 * (a chance to stop at the first purchase, then stops at the purchases, a Poisson process of rate
 * λp); over p ~ Beta(a, b), E[(1−p)e^(−zp)] = b/(a+b) · M(a; a+b+1; −z), z = λt (the Beta
 * integral of Kummer's function, A&S 13.2.1), = b/(a+b) · e^(−z)M(b+1; a+b+1; z) (A&S 13.1.27).
 */
export function mbgNbdDropoutShare(params: MbgNbdParameters, t: number): number {
  const { r, alpha, a, b } = params;
  return 1 - b / (a + b) * scaledKummer(b + 1, a + b + 1, (r / alpha) * t);
}
