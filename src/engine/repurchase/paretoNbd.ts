/**
 * The Pareto/NBD model of repeat buying (Schmittlein, Morrison & Colombo 1987, "Counting your
 * customers: who are they and what will they do next?", Management Science 33:1–24): while
 * alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α), and stays alive for an
 * exponential time with rate μ ~ Gamma(s, β), independent of λ. Unlike BG/NBD, dropout can
 * happen at any time, not only right after a purchase.
 *
 * The likelihood, P(alive) and the conditional expectation are those derived in Fader & Hardie
 * (2005), "A note on deriving the Pareto/NBD model and related expressions", with the
 * Gaussian hypergeometric term A₀ taken in the form that converges for each ordering of α and β
 * (the series argument is |α − β| over the larger of α + y and β + y, always in [0, 1)), and
 * everything evaluated in log space.
 *
 * Data per customer as for BG/NBD: frequency x, recency t_x, age T (bgnbd.ts).
 */
import { boundedBfgs, hypergeometric2F1, logGamma, withCentralDifferences } from '../math/index.ts';
import type { CustomerSummary } from '../csv/index.ts';
import { distinctHistories } from './distinctHistories.ts';
import type { WeightedHistories } from './distinctHistories.ts';

export interface ParetoNbdParameters { r: number; alpha: number; s: number; beta: number }

export interface ParetoNbdFit extends ParetoNbdParameters {
  logLikelihood: number;
  converged: boolean;
  /** A plain sentence when the fit should not be trusted; undefined when it is fine. */
  warning?: string;
}

/**
 * ln A₀ for one customer (Fader & Hardie 2005, the two cases α ≥ β and α < β): with m = r + s + x,
 * α ≥ β: A₀ = F(t_x) − F(T), F(y) = ₂F₁(m, s+1; m+1; (α−β)/(α+y)) / (α+y)^m;
 * α < β: the same with ₂F₁(m, r+x; m+1; (β−α)/(β+y)) / (β+y)^m.
 * F falls with y, so A₀ ≥ 0; −Infinity when t_x = T (A₀ = 0).
 */
function logA0(params: ParetoNbdParameters, x: number, recency: number, age: number): number {
  const { r, alpha, s, beta } = params;
  const m = r + s + x;
  // The series argument at y = t_x is the largest; near 1 the series needs very many terms, so
  // there the integral the closed form comes from is summed instead (see integratedLogA0).
  const widest = Math.abs(alpha - beta) / (Math.max(alpha, beta) + recency);
  if (widest > SERIES_LIMIT) return integratedLogA0(params, x, recency, age);
  const logF = alpha >= beta
    ? (y: number) => Math.log(hypergeometric2F1(m, s + 1, m + 1, (alpha - beta) / (alpha + y))) - m * Math.log(alpha + y)
    : (y: number) => Math.log(hypergeometric2F1(m, r + x, m + 1, (beta - alpha) / (beta + y))) - m * Math.log(beta + y);
  const early = logF(recency);
  const late = logF(age);
  if (!(late < early)) return -Infinity;
  return early + Math.log(-Math.expm1(late - early));
}

/** Above this series argument, A₀ comes from its integral: the ₂F₁ series would need hundreds to thousands of terms (below it, at most about 50). */
const SERIES_LIMIT = 0.5;

/** Gauss–Legendre nodes and weights on [−1, 1] (Golub & Welsch 1969), computed once. */
const LEGENDRE = legendre(16);

function legendre(n: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // Newton's method on P_n from the Chebyshev-like first guess (Abramowitz & Stegun 25.4.29).
    let z = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
    let derivative = 1;
    for (let step = 0; step < 100; step++) {
      let p0 = 1;
      let p1 = z;
      for (let k = 2; k <= n; k++) { const p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k; p0 = p1; p1 = p2; }
      derivative = n * (z * p1 - p0) / (z * z - 1);
      const next = z - p1 / derivative;
      if (Math.abs(next - z) < 1e-15) { z = next; break; }
      z = next;
    }
    nodes[i] = z;
    weights[i] = 2 / ((1 - z * z) * derivative * derivative);
  }
  return { nodes, weights };
}

/**
 * ln A₀ from the integral it stands for: the customer died at some τ in (t_x, T), so
 * s/(r+s+x)·A₀ = s ∫ (α+τ)^−(r+x) (β+τ)^−(s+1) dτ over (t_x, T) (the step in Fader & Hardie 2005
 * before the integral is written as ₂F₁). In v = ln(κ+τ), κ = min(α, β), the integrand
 * f(τ)(κ+τ) falls at the rate c(τ) = (r+x)(κ+τ)/(α+τ) + (s+1)(κ+τ)/(β+τ) − 1, which only grows
 * with τ; so beyond 60/c(t_x) from the start what is left is below e^−60 of the whole and is
 * left out. The rest is summed by Gauss–Legendre on six panels that narrow towards t_x, where
 * the integrand is largest.
 */
function integratedLogA0(params: ParetoNbdParameters, x: number, recency: number, age: number): number {
  const { r, alpha, s, beta } = params;
  const m = r + s + x;
  const kappa = Math.min(alpha, beta);
  const from = Math.log(kappa + recency);
  const startRate = (r + x) * (kappa + recency) / (alpha + recency) + (s + 1) * (kappa + recency) / (beta + recency) - 1;
  const to = Math.min(Math.log(kappa + age), startRate > 0.01 ? from + 60 / startRate : Infinity);
  if (!(to > from)) return -Infinity;
  const PANELS = 6;
  const logs: number[] = [];
  let top = -Infinity;
  for (let panel = 0; panel < PANELS; panel++) {
    const a = from + (to - from) * (panel / PANELS) ** 2;
    const b = from + (to - from) * ((panel + 1) / PANELS) ** 2;
    const half = (b - a) / 2;
    for (let k = 0; k < LEGENDRE.nodes.length; k++) {
      const v = a + half * (LEGENDRE.nodes[k] + 1);
      const tau = Math.exp(v) - kappa;
      // f(τ) dτ = f(τ)(κ+τ) dv.
      const value = Math.log(half * LEGENDRE.weights[k]) - (r + x) * Math.log(alpha + tau) - (s + 1) * Math.log(beta + tau) + v;
      logs.push(value);
      if (value > top) top = value;
    }
  }
  let sum = 0;
  for (const value of logs) sum += Math.exp(value - top);
  // A₀ = (r+s+x) ∫.
  return top + Math.log(sum) + Math.log(m);
}

/** ln of the two terms of the likelihood's bracket: (α+T)^−(r+x)(β+T)^−s, and s/(r+s+x)·A₀. */
function bracketLogs(params: ParetoNbdParameters, x: number, recency: number, age: number): [number, number] {
  const { r, alpha, s, beta } = params;
  const stillAlive = -(r + x) * Math.log(alpha + age) - s * Math.log(beta + age);
  const goneSince = Math.log(s / (r + s + x)) + logA0(params, x, recency, age);
  return [stillAlive, goneSince];
}

const logAddExp = (p: number, q: number) => (p === -Infinity ? q : q === -Infinity ? p : p > q ? p + Math.log1p(Math.exp(q - p)) : q + Math.log1p(Math.exp(p - q)));

/**
 * Total log-likelihood (Fader & Hardie 2005):
 * ln L = ln Γ(r+x) − ln Γ(r) + r ln α + s ln β + ln[(α+T)^−(r+x)(β+T)^−s + s/(r+s+x)·A₀].
 */
export function paretoNbdLogLikelihood(params: ParetoNbdParameters, data: CustomerSummary | WeightedHistories): number {
  const { r, alpha, s, beta } = params;
  if (!(r > 0 && alpha > 0 && s > 0 && beta > 0) || ![r, alpha, s, beta].every(Number.isFinite)) return NaN;
  const { frequency, recency, age } = data;
  const weight = 'weight' in data ? data.weight : undefined;
  const byX = new Map<number, number>();
  let total = 0;
  let customers = 0;
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i];
    const w = weight ? weight[i] : 1;
    let perX = byX.get(x);
    if (perX === undefined) { perX = logGamma(r + x); byX.set(x, perX); }
    const [stillAlive, goneSince] = bracketLogs(params, x, recency[i], age[i]);
    total += w * (perX + logAddExp(stillAlive, goneSince));
    customers += w;
  }
  return total + customers * (r * Math.log(alpha) + s * Math.log(beta) - logGamma(r));
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
/** A fit still climbing after this many steps is on a ridge (a limit of the model) and is reported as not converged. */
const MAX_ITERATIONS = 150;

/**
 * Maximum-likelihood fit by projected BFGS (boundedQuasiNewton.ts) on (ln r, ln λ, ln s, ln β)
 * with λ = r/α, gradients by central differences (on the distinct histories), from two starting
 * points scaled to the data (λ at the purchase rate Σx/ΣT, β at the mean age). Converged when both runs stop at a zero projected
 * gradient on one log-likelihood (1e-6); β is often poorly determined (a flat likelihood along
 * it), so the parameters need not agree. Undefined when no customer bought twice.
 */
export function fitParetoNbd(data: CustomerSummary): ParetoNbdFit | undefined {
  const count = data.frequency.length;
  let repeaters = 0;
  let repeats = 0;
  let exposure = 0;
  for (let i = 0; i < count; i++) { if (data.frequency[i] > 0) repeaters++; repeats += data.frequency[i]; exposure += data.age[i]; }
  if (count === 0 || repeaters === 0 || !(exposure > 0)) return undefined;
  const ownRate = repeats / exposure;
  const meanAge = exposure / count;
  const histories = distinctHistories(data);
  // On (ln r, ln λ, ln s, ln β) with λ = r/α the mean purchase rate: along the ridge of very
  // regular buyers (r, α → ∞ at fixed λ) only ln r moves, so the fit reaches r's bound directly.
  const objective = withCentralDifferences((theta) => {
    const [r, rate, s, beta] = theta.map(Math.exp);
    const value = -paretoNbdLogLikelihood({ r, alpha: r / rate, s, beta }, histories) / count;
    return Number.isFinite(value) ? value : Infinity;
  });
  const timeScale = (centre: number) => [Math.log(centre) - LOG_SPAN, Math.log(centre) + LOG_SPAN];
  const [rateLow, rateHigh] = timeScale(ownRate);
  const [betaLow, betaHigh] = timeScale(meanAge);
  const lower = [LOG_SHAPE[0], rateLow, LOG_SHAPE[0], betaLow];
  const upper = [LOG_SHAPE[1], rateHigh, LOG_SHAPE[1], betaHigh];
  const starts = [[1, 1, 1], [0.5, 0.5, 2]].map(([r, s, b]) => [Math.log(r), Math.log(ownRate), Math.log(s), Math.log(b * meanAge)]);
  const runs = starts.map((start) => boundedBfgs(objective, start, lower, upper, { gradientTolerance: 1e-6, maxIterations: MAX_ITERATIONS })).sort((p, q) => p.value - q.value);
  const [best, second] = runs;
  const [r, rate, s, beta] = best.point.map(Math.exp);
  const alpha = r / rate;
  const converged = best.converged && second.converged && Math.abs(best.value - second.value) <= 1e-6 * Math.abs(best.value);
  const fit: ParetoNbdFit = { r, alpha, s, beta, logLikelihood: -best.value * count, converged };
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
