/**
 * The one fitting routine of the models of repeat buying (BG/NBD and its Poisson limit,
 * Pareto/NBD, MBG/NBD): maximum likelihood by projected BFGS (boundedQuasiNewton.ts) with the
 * model's analytic gradient, on the distinct histories weighted by how many customers share each
 * (historyTable.ts), in coordinates the model chooses so that the likelihood is well scaled
 * (logs of the parameters, the mean purchase rate r/α instead of α, …), inside bounds, from
 * every starting point the model gives.
 *
 * Converged when every run stops at a zero projected gradient and all reach one log-likelihood
 * (within 1e-6 of it, relative): a fit that reaches different heights from different starts has
 * found a local maximum, not the maximum. Runs that reach one height at different points mean a
 * flat likelihood; that is for the fit check (fitTrust.ts) to say.
 */
import { boundedBfgs } from '../math/index.ts';
import type { BoundedResult } from '../math/index.ts';
import type { HistoryTable } from './historyTable.ts';

/** A model's likelihood as the routine sees it. */
export interface LikelihoodModel<P> {
  /** Names of the natural parameters, in the order of `toLog`'s output: ['r', 'α', 's', 'β']. */
  parameterNames: readonly string[];
  /** Names of the fit coordinates, for saying which one ran to a bound: ['r', 'r/α', 's', 'β']. */
  coordinateNames: readonly string[];
  /** The natural parameters from their logs. */
  fromLog(logs: readonly number[]): P;
  /** Σ ln L over the table's customers, with the gradient in the logs of the natural parameters written into `gradient` when given. */
  logLikelihood(params: P, table: HistoryTable, gradient?: number[]): number;
  /** The logs of the natural parameters at fit coordinates θ. */
  toLog(theta: readonly number[]): number[];
  /** ∂/∂θ from ∂/∂(ln natural parameters) at θ: the chain rule through `toLog`. */
  chain(theta: readonly number[], logGradient: readonly number[]): number[];
  lower: number[];
  upper: number[];
  starts: number[][];
  /** A run still climbing after this many steps is on a ridge (a limit of the model) and is reported as not converged. */
  maxIterations?: number;
}

export interface LikelihoodMaximum<P> {
  params: P;
  /** The fit coordinates at the maximum, and per coordinate whether it is held at a bound (−1 lower, +1 upper, 0 inside). */
  point: number[];
  atBound: number[];
  logLikelihood: number;
  converged: boolean;
  /** Every run, best first (their `value` is −ln L per customer). */
  runs: BoundedResult[];
  /** Likelihood evaluations, each with its gradient, over all runs. */
  evaluations: number;
}

/** Maximises the model's likelihood on `table` from each of its starts. Cost: `evaluations` passes over the distinct histories. */
export function maximizeLikelihood<P>(model: LikelihoodModel<P>, table: HistoryTable): LikelihoodMaximum<P> {
  const count = table.customers;
  let evaluations = 0;
  const logGradient = new Array<number>(model.parameterNames.length).fill(0);
  const objective = (theta: number[]) => {
    evaluations++;
    const value = model.logLikelihood(model.fromLog(model.toLog(theta)), table, logGradient);
    if (!Number.isFinite(value)) return { value: Infinity, gradient: theta.map(() => 0) };
    return { value: -value / count, gradient: model.chain(theta, logGradient).map((g) => -g / count) };
  };
  const runs = model.starts
    .map((start) => boundedBfgs(objective, start, model.lower, model.upper, { gradientTolerance: 1e-6, maxIterations: model.maxIterations ?? 200 }))
    .sort((p, q) => p.value - q.value);
  const best = runs[0];
  const converged = runs.every((run) => run.converged && Math.abs(run.value - best.value) <= 1e-6 * Math.abs(best.value));
  return {
    params: model.fromLog(model.toLog(best.point)), point: best.point, atBound: best.atBound,
    logLikelihood: -best.value * count, converged, runs, evaluations,
  };
}

/**
 * (ln r, ln λ, ·, ·) with λ = r/α, the mean purchase rate, → (ln r, ln α, ·, ·): along the
 * ridge of very regular buyers (r, α → ∞ at fixed λ) only ln r moves, and λ starts at the data's
 * own rate in any time unit. ∂/∂ln r gains ∂/∂ln α; ∂/∂ln λ = −∂/∂ln α.
 */
export const rateCoordinates = {
  toLog: (theta: readonly number[]) => [theta[0], theta[0] - theta[1], theta[2], theta[3]],
  chain: (_theta: readonly number[], g: readonly number[]) => [g[0] + g[1], -g[1], g[2], g[3]],
};
