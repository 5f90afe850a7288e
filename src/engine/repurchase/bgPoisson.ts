/**
 * The beta-geometric/Poisson model: the BG/NBD (Fader, Hardie & Lee 2005, "Counting your
 * customers the easy way", Marketing Science 24:275–284) in its limit r, α → ∞ with λ = r/α
 * fixed, where Gamma(r, α) collapses onto the single rate λ and the NBD becomes the Poisson.
 * It is the model for customers who all buy at one rate while active — a subscription, a
 * membership — for whom the BG/NBD fit runs r and α off to infinity and its formulas lose every
 * digit to cancellation. Each formula below is the BG/NBD one's limit, term by term:
 *   Γ(r+x)/Γ(r) · α^r/(α+T)^(r+x) = [Γ(r+x)/(Γ(r) r^x)] · λ^x · (1 + T/α)^−(r+x) → λ^x e^(−λT),
 * since Γ(r+x)/(Γ(r) r^x) → 1 and (r+x)/α → λ; likewise ((α+T)/(α+t_x))^(r+x) → e^(λ(T−t_x)).
 */
import { digamma, logGamma } from '../math/index.ts';
import { historyTable } from './historyTable.ts';
import type { Histories, HistoryTable } from './historyTable.ts';

export interface BgPoissonParameters { rate: number; a: number; b: number }

/**
 * Total log-likelihood, the limit of FHL 2005 eq. 6:
 * ln L = x ln λ + ln B(a, b+x) − ln B(a, b) + ln[e^(−λT) + δ(x>0)·a/(b+x−1)·e^(−λ t_x)],
 * the last bracket as a log-sum-exp. Equivalently the BG/NBD likelihood of FHL's eq. 3 with λ
 * known, integrated over p ~ Beta(a, b) only. NaN outside the parameter space.
 */
export function bgPoissonLogLikelihood(params: BgPoissonParameters, data: Histories): number {
  return bgPoissonTableLogLikelihood(params, historyTable(data));
}

/** The log-likelihood and its gradient with respect to (ln λ, ln a, ln b) (bgPoissonTableLogLikelihood). */
export function bgPoissonLogLikelihoodWithGradient(theta: number[], data: Histories): { value: number; gradient: number[] } {
  const [rate, a, b] = theta.map(Math.exp);
  const gradient = [0, 0, 0];
  const value = bgPoissonTableLogLikelihood({ rate, a, b }, historyTable(data), gradient);
  return Number.isFinite(value) ? { value, gradient } : { value: NaN, gradient: [0, 0, 0] };
}

/**
 * Σ ln L over the table's customers and, when `gradient` is given, its gradient with respect
 * to (ln λ, ln a, ln b) written into it. By hand, per customer with w₂ the share of the second
 * log-sum-exp term (0 when x = 0): ∂/∂λ = x/λ − (1−w₂)T − w₂ t_x; ∂/∂a and ∂/∂b as for the
 * BG/NBD (betaGeometricNbd.ts), whose beta part this shares. Terms depending only on x are
 * computed once per distinct x.
 */
export function bgPoissonTableLogLikelihood(params: BgPoissonParameters, table: HistoryTable, gradient?: number[]): number {
  const { rate, a, b } = params;
  if (!(rate > 0 && a > 0 && b > 0) || ![rate, a, b].every(Number.isFinite)) return NaN;
  const { frequencies, frequencyWeight } = table;
  const logRate = Math.log(rate);
  const logA = Math.log(a);
  const logOdds = new Float64Array(frequencies.length);
  let value = 0;
  let grate = 0; let ga = 0; let gb = 0;
  for (let k = 0; k < frequencies.length; k++) {
    const x = frequencies[k];
    const w = frequencyWeight[k];
    value += w * (x * logRate + logGamma(b + x) - logGamma(a + b + x));
    if (gradient) {
      const abx = digamma(a + b + x);
      ga -= w * abx;
      gb += w * (digamma(b + x) - abx);
      grate += w * x / rate;
    }
    logOdds[k] = x > 0 ? logA - Math.log(b + x - 1) : -Infinity;
  }
  const { frequency, recency, age, weight, frequencyIndex } = table;
  for (let i = 0; i < frequency.length; i++) {
    const w = weight[i];
    const x = frequency[i];
    const first = -rate * age[i];
    if (x > 0) {
      const second = logOdds[frequencyIndex[i]] - rate * recency[i];
      const top = Math.max(first, second);
      const e1 = Math.exp(first - top);
      const e2 = Math.exp(second - top);
      const w2 = e2 / (e1 + e2);
      value += w * (top + Math.log(e1 + e2));
      if (gradient) {
        grate -= w * ((1 - w2) * age[i] + w2 * recency[i]);
        ga += w * w2 / a;
        gb -= w * w2 / (b + x - 1);
      }
    } else {
      value += w * first;
      if (gradient) grate -= w * age[i];
    }
  }
  const n = table.customers;
  value += n * (logGamma(a + b) - logGamma(b));
  if (gradient) {
    const dab = digamma(a + b);
    ga += n * dab;
    gb += n * (dab - digamma(b));
    gradient[0] = grate * rate; gradient[1] = ga * a; gradient[2] = gb * b;
  }
  return value;
}

/** P(alive | x, t_x, T) = 1 / (1 + δ(x>0)·a/(b+x−1)·e^(λ(T−t_x))), the limit of FHL 2005 eq. 11. */
export function bgPoissonProbabilityAlive(params: BgPoissonParameters, x: number, recency: number, age: number): number {
  if (x === 0) return 1;
  const { rate, a, b } = params;
  return 1 / (1 + Math.exp(Math.log(a / (b + x - 1)) + rate * (age - recency)));
}

/**
 * E[Y(t) | alive] for a customer whose dropout probability has the posterior Beta(a, β):
 * Σ_{k ≥ 0} P(N ≥ k+1)·E[(1−p)^k] with N ~ Poisson(λt) the purchases a customer who never
 * stopped would make, since the (k+1)-th needs k survived dropouts and E[(1−p)^k] =
 * (β)_k/(a+β)_k. Rearranged as E_N[W_N] with W_j = Σ_{k<j} (β)_k/(a+β)_k, every term is
 * positive, so nothing cancels for any a, b > 0 (the closed form below divides by a − 1).
 * Cost: about λt + 10√(λt) + 40 terms.
 */
function expectedWhileAlive(rate: number, a: number, beta: number, t: number): number {
  const z = rate * t;
  if (!(z >= 0 && a > 0 && beta > 0)) return NaN;
  if (z === 0) return 0;
  const logZ = Math.log(z);
  let logPoisson = -z;
  let survive = 1;
  let cumulative = 0;
  let sum = 0;
  for (let j = 1; j < 10_000_000; j++) {
    logPoisson += logZ - Math.log(j);
    cumulative += survive;
    survive *= (beta + j - 1) / (a + beta + j - 1);
    const term = Math.exp(logPoisson) * cumulative;
    sum += term;
    if (j > z && term <= 1e-17 * sum) return sum;
  }
  return NaN;
}

/**
 * E[Y(t) | x, t_x, T], the limit of FHL 2005 eq. 10 as r, α → ∞:
 * (a+b+x−1)/(a−1) · [1 − e^(−λt)·M(b+x; a+b+x−1; λt)] · P(alive | x, t_x, T), with M Kummer's
 * function (A&S 13.1.2) the confluent limit of eq. 10's ₂F₁ (A&S 15.1.1 and 13.1.2 term by
 * term; ((α+T)/(α+T+t))^(r+x) → e^(−λt)). Evaluated as expectedWhileAlive with β = b + x
 * (the same quantity, summed without cancellation) times P(alive).
 */
export function bgPoissonConditionalExpected(params: BgPoissonParameters, horizon: number, x: number, recency: number, age: number): number {
  const { rate, a, b } = params;
  return expectedWhileAlive(rate, a, b + x, horizon) * bgPoissonProbabilityAlive(params, x, recency, age);
}

/** E[X(t)] for a new customer, the limit of FHL 2005 eq. 7: (a+b−1)/(a−1)·[1 − e^(−λt)·M(b; a+b−1; λt)], as eq. 10 at x = 0. */
export function bgPoissonExpectedPurchases(params: BgPoissonParameters, t: number): number {
  return expectedWhileAlive(params.rate, params.a, params.b, t);
}
