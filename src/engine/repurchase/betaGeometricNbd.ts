/**
 * The log-likelihood shared by BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the
 * easy way", Marketing Science 24:275–284, eq. 6) and MBG/NBD (Batislam, Denizel & Filiztekin
 * 2007, International Journal of Research in Marketing 24:201–209), with its gradient by hand.
 * Both have purchases at rate λ ~ Gamma(r, α) while alive and a chance p ~ Beta(a, b) of
 * dropping out at each of n opportunities: after every repeat purchase (BG/NBD, n = x) or after
 * every purchase, the first included (MBG/NBD, n = x + 1). Integrating λ and p out,
 * L = Γ(r+x)α^r/Γ(r) · B(a, b+n)/B(a, b) · [(α+T)^−(r+x) + δ(n>0)·a/(b+n−1)·(α+t_x)^−(r+x)],
 * the first term alive through all n chances, the second gone at the last one (right after t_x).
 */
import { digamma, logGamma } from '../math/index.ts';
import type { HistoryTable } from './historyTable.ts';

export interface BetaGeometricParameters { r: number; alpha: number; a: number; b: number }

/**
 * Σ ln L over the customers of `table` for dropout chances n = x + `firstChance`, and, when
 * `gradient` is given, its gradient with respect to (ln r, ln α, ln a, ln b) written into it.
 * With w the share of the bracket's second term (0 when n = 0), per customer:
 * ∂/∂r = ψ(r+x) − ψ(r) + ln α − (1−w)ln(α+T) − w ln(α+t_x);
 * ∂/∂α = r/α − (r+x)[(1−w)/(α+T) + w/(α+t_x)];
 * ∂/∂a = ψ(a+b) − ψ(a+b+n) + w/a;  ∂/∂b = ψ(b+n) − ψ(a+b+n) + ψ(a+b) − ψ(b) − w/(b+n−1);
 * then ∂/∂ln θ = θ ∂/∂θ. The bracket is a log-sum-exp, so neither term underflows. Terms of x
 * alone are worked out once per distinct x and ln(α+t) once per distinct time. NaN outside the
 * parameter space. Cost: one exp and one log1p per distinct history.
 */
export function betaGeometricLogLikelihood(
  params: BetaGeometricParameters, table: HistoryTable, firstChance: 0 | 1, gradient?: number[],
): number {
  const { r, alpha, a, b } = params;
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0) || ![r, alpha, a, b].every(Number.isFinite)) return NaN;
  const { frequencies, frequencyWeight, times } = table;
  const logA = Math.log(a);
  // Terms of x alone, weighted by the customers with that x.
  const logOdds = new Float64Array(frequencies.length);
  const oddsSlope = new Float64Array(frequencies.length);
  let value = 0;
  let gr = 0; let ga = 0; let gb = 0;
  for (let k = 0; k < frequencies.length; k++) {
    const x = frequencies[k];
    const n = x + firstChance;
    const w = frequencyWeight[k];
    value += w * (logGamma(r + x) + logGamma(b + n) - logGamma(a + b + n));
    if (gradient) {
      const abn = digamma(a + b + n);
      gr += w * digamma(r + x);
      ga -= w * abn;
      gb += w * (digamma(b + n) - abn);
    }
    logOdds[k] = n > 0 ? logA - Math.log(b + n - 1) : -Infinity;
    oddsSlope[k] = n > 0 ? 1 / (b + n - 1) : 0;
  }
  const logTime = new Float64Array(times.length);
  const inverseTime = new Float64Array(times.length);
  for (let j = 0; j < times.length; j++) { logTime[j] = Math.log(alpha + times[j]); inverseTime[j] = 1 / (alpha + times[j]); }
  const { frequency, weight, frequencyIndex, recencyIndex, ageIndex } = table;
  let galpha = 0;
  let share = 0;
  for (let i = 0; i < frequency.length; i++) {
    const k = frequencyIndex[i];
    const w = weight[i];
    const power = r + frequency[i];
    const old = ageIndex[i];
    const first = -power * logTime[old];
    if (logOdds[k] === -Infinity) {
      value += w * first;
      if (gradient) { gr -= w * logTime[old]; galpha -= w * power * inverseTime[old]; }
      continue;
    }
    const recent = recencyIndex[i];
    const second = logOdds[k] - power * logTime[recent];
    // ln(e^first + e^second) and the second's share w2, from one exp.
    let w2: number;
    if (second <= first) { const e = Math.exp(second - first); value += w * (first + Math.log1p(e)); w2 = e / (1 + e); }
    else { const e = Math.exp(first - second); value += w * (second + Math.log1p(e)); w2 = 1 / (1 + e); }
    if (gradient) {
      const w1 = 1 - w2;
      gr -= w * (w1 * logTime[old] + w2 * logTime[recent]);
      galpha -= w * power * (w1 * inverseTime[old] + w2 * inverseTime[recent]);
      share += w * w2;
      gb -= w * w2 * oddsSlope[k];
    }
  }
  const customers = table.customers;
  value += customers * (logGamma(a + b) - logGamma(b) + r * Math.log(alpha) - logGamma(r));
  if (gradient) {
    gr += customers * (Math.log(alpha) - digamma(r));
    galpha += customers * r / alpha;
    const dab = digamma(a + b);
    ga += customers * dab + share / a;
    gb += customers * (dab - digamma(b));
    gradient[0] = gr * r; gradient[1] = galpha * alpha; gradient[2] = ga * a; gradient[3] = gb * b;
  }
  return value;
}
