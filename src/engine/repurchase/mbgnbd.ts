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
import { boundedBfgs, hypergeometric2F1, logGamma, withCentralDifferences } from '../math/index.ts';
import type { CustomerSummary } from '../csv/index.ts';
import { distinctHistories } from './distinctHistories.ts';
import type { WeightedHistories } from './distinctHistories.ts';

export interface MbgNbdParameters { r: number; alpha: number; a: number; b: number }

export interface MbgNbdFit extends MbgNbdParameters {
  logLikelihood: number;
  converged: boolean;
  /** A plain sentence when the fit should not be trusted; undefined when it is fine. */
  warning?: string;
}

/** Total log-likelihood (see the module comment), the bracket as a log-sum-exp; terms of x alone once per distinct x. */
export function mbgNbdLogLikelihood(params: MbgNbdParameters, data: CustomerSummary | WeightedHistories): number {
  const { r, alpha, a, b } = params;
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0) || ![r, alpha, a, b].every(Number.isFinite)) return NaN;
  const { frequency, recency, age } = data;
  const weight = 'weight' in data ? data.weight : undefined;
  const byX = new Map<number, number>();
  const logA = Math.log(a);
  let total = 0;
  let customers = 0;
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i];
    const w = weight ? weight[i] : 1;
    customers += w;
    let perX = byX.get(x);
    if (perX === undefined) {
      perX = logGamma(r + x) + logGamma(b + x + 1) - logGamma(a + b + x + 1);
      byX.set(x, perX);
    }
    const power = r + x;
    const alive = -power * Math.log(alpha + age[i]);
    const gone = logA - Math.log(b + x) - power * Math.log(alpha + recency[i]);
    total += w * (perX + (alive > gone ? alive + Math.log1p(Math.exp(gone - alive)) : gone + Math.log1p(Math.exp(alive - gone))));
  }
  return total + customers * (r * Math.log(alpha) - logGamma(r) + logGamma(a + b) - logGamma(b));
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
/** A fit still climbing after this many steps is on a ridge (a limit of the model) and is reported as not converged. */
const MAX_ITERATIONS = 150;

/**
 * Maximum-likelihood fit by projected BFGS on (ln r, ln λ, ln a, ln b) with λ = r/α, gradients
 * by central differences (on the distinct histories), from two starting points at the data's
 * purchase rate Σx/ΣT. Converged when
 * both runs stop at a zero projected gradient on one log-likelihood (1e-6) and one point (1 %).
 * Undefined when no customer bought twice.
 */
export function fitMbgNbd(data: CustomerSummary): MbgNbdFit | undefined {
  const count = data.frequency.length;
  let repeaters = 0;
  let repeats = 0;
  let exposure = 0;
  for (let i = 0; i < count; i++) { if (data.frequency[i] > 0) repeaters++; repeats += data.frequency[i]; exposure += data.age[i]; }
  if (count === 0 || repeaters === 0 || !(exposure > 0)) return undefined;
  const ownRate = repeats / exposure;
  const histories = distinctHistories(data);
  // On (ln r, ln λ, ln a, ln b) with λ = r/α: along the ridge of very regular buyers (r, α → ∞
  // at fixed λ) only ln r moves (as for BG/NBD, bgnbd.ts).
  const objective = withCentralDifferences((theta) => {
    const [r, rate, a, b] = theta.map(Math.exp);
    const value = -mbgNbdLogLikelihood({ r, alpha: r / rate, a, b }, histories) / count;
    return Number.isFinite(value) ? value : Infinity;
  });
  const lower = [LOG_SHAPE[0], Math.log(ownRate) - LOG_SPAN, LOG_SHAPE[0], LOG_SHAPE[0]];
  const upper = [LOG_SHAPE[1], Math.log(ownRate) + LOG_SPAN, LOG_SHAPE[1], LOG_SHAPE[1]];
  const starts = [[1, 1, 1], [0.5, 0.5, 2]].map(([r, a, b]) => [Math.log(r), Math.log(ownRate), Math.log(a), Math.log(b)]);
  const runs = starts.map((start) => boundedBfgs(objective, start, lower, upper, { gradientTolerance: 1e-6, maxIterations: MAX_ITERATIONS })).sort((p, q) => p.value - q.value);
  const [best, second] = runs;
  const [r, rate, a, b] = best.point.map(Math.exp);
  const alpha = r / rate;
  const converged = best.converged && second.converged && Math.abs(best.value - second.value) <= 1e-6 * Math.abs(best.value)
    && best.point.every((value, d) => Math.abs(Math.exp(value - second.point[d]) - 1) < 0.01);
  const fit: MbgNbdFit = { r, alpha, a, b, logLikelihood: -best.value * count, converged };
  const warnings: string[] = [];
  if (best.point[0] >= LOG_SHAPE[1] - Math.log(10)) {
    warnings.push('These customers buy more regularly than the model assumes: it expects purchase rates to differ from one customer to the next, '
      + 'but here the fit runs towards one shared rate; read P(alive) and expected orders as rough.');
  }
  if (!converged) warnings.push('The fit did not settle on one answer from different starting points; treat the forecasts as rough.');
  else if (repeaters < 20) warnings.push(`Only ${repeaters} customers have bought more than once; the forecasts rest on very little data.`);
  if (best.atBound.some((side) => side !== 0)) warnings.push('A parameter of the fit is at the edge of what the model allows: the data do not pin it down.');
  if (warnings.length) fit.warning = warnings.join(' ');
  return fit;
}
