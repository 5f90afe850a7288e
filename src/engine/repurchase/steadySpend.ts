/**
 * The Gamma–Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV", and Fader & Hardie
 * 2013, "The Gamma-Gamma model of monetary value") in its limit of no spend variation within a
 * customer: p → ∞ with each customer's mean spend ζ = p/ν held, so every order of a customer is
 * worth exactly ζ. It is the model for one price per plan — a subscription — for which the
 * Gamma–Gamma fit runs p (and, when everyone pays the same, q) off to infinity.
 *
 * With s = pγ/q (the spend scale) and γ = sq/p, the density of an average m̄ over x orders
 * (Fader & Hardie 2013, eq. 3) tends to that of ζ itself: Γ(px+q)/Γ(px) ~ (px)^q and
 * (1 + sq/(p m̄ x))^(px) → e^(sq/m̄), leaving the inverse-gamma density
 * f(m̄) = (sq)^q / Γ(q) · m̄^(−q−1) · e^(−sq/m̄)  (shape q, scale sq; x drops out).
 * The expected value E[M] = (γ + m̄x)p/(px+q−1) (eq. 5) tends to m̄, the customer's own average,
 * and the population mean γp/(q−1) to sq/(q−1) (s itself when q → ∞ too).
 */
import { digamma, logGamma } from '../math/index.ts';

/**
 * The limit log-likelihood Σ [q ln(sq) − ln Γ(q) − (q+1) ln m̄ − sq/m̄] and its gradient with
 * respect to (ln q, ln s), by hand: ∂/∂q = n[ln(sq) + 1 − ψ(q)] − Σ ln m̄ − s Σ 1/m̄,
 * ∂/∂s = nq/s − q Σ 1/m̄.
 */
export function steadySpendLogLikelihoodWithGradient(theta: number[], average: ArrayLike<number>): { value: number; gradient: number[] } {
  const [q, s] = theta.map(Math.exp);
  if (![q, s].every((v) => v > 0 && Number.isFinite(v))) return { value: NaN, gradient: [0, 0] };
  const n = average.length;
  let logSum = 0;
  let inverseSum = 0;
  for (let i = 0; i < n; i++) { logSum += Math.log(average[i]); inverseSum += 1 / average[i]; }
  const logScale = Math.log(s * q);
  const value = n * (q * logScale - logGamma(q)) - (q + 1) * logSum - s * q * inverseSum;
  const dq = n * (logScale + 1 - digamma(q)) - logSum - s * inverseSum;
  const ds = n * q / s - q * inverseSum;
  return { value, gradient: [dq * q, ds * s] };
}

/** Whether every average is the same (within 1e-9 relative): no spend variation at all, p and q both infinite. */
export function allSameSpend(average: ArrayLike<number>): boolean {
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < average.length; i++) { low = Math.min(low, average[i]); high = Math.max(high, average[i]); }
  return average.length > 0 && high - low <= 1e-9 * Math.abs(high);
}
