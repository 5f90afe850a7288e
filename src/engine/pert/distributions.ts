/**
 * The four duration distributions a touchpoint can have, each defined by the three-point estimate
 * (a = optimistic, m = most likely, b = pessimistic): exact moments, CDF and quantile. The
 * simulation reads them through a table (quantileTable.ts).
 *
 * - beta-PERT: Beta(α, β) on [a, b] with α = 1 + λ(m − a)/(b − a), β = 1 + λ(b − m)/(b − a), λ = 4
 *   (Vose, "Risk Analysis", 3rd ed. 2008, §14.3; Malcolm et al. 1959). Mean (a + λm + b)/(λ + 2);
 *   variance (μ − a)(b − μ)/(λ + 3), which for λ = 4 is (μ − a)(b − μ)/7 — not the classic ((b − a)/6)².
 * - triangular(a, m, b): Johnson, Kotz & Balakrishnan, "Continuous Univariate Distributions" vol. 2, ch. 26.
 * - uniform(a, b).
 * - normal: mean (a + 4m + b)/6 and SD (b − a)/6, truncated at 0 so no duration is negative
 *   (truncated-normal moments: Johnson, Kotz & Balakrishnan vol. 1, §10.1).
 * When a = b every kind is the fixed time a.
 */
import type { DistributionKind } from '../journey/index.ts';
import {
  erfc, inverseStandardNormalCdf, logBeta, regularizedIncompleteBeta, standardNormalCdf, standardNormalPdf,
} from '../math/index.ts';

export const PERT_LAMBDA = 4;

/** Shape parameters of the (modified) beta-PERT: α = 1 + λ(m − a)/(b − a), β = 1 + λ(b − m)/(b − a). */
export function betaPertShape(a: number, m: number, b: number, lambda = PERT_LAMBDA): { alpha: number; beta: number } {
  const range = b - a;
  return { alpha: 1 + lambda * (m - a) / range, beta: 1 + lambda * (b - m) / range };
}

/** Classic PERT expected time (a + 4m + b)/6 (Malcolm, Roseboom, Clark & Fazar 1959). */
export function pertExpectedTime(a: number, m: number, b: number): number {
  return (a + 4 * m + b) / 6;
}

/** Classic PERT variance ((b − a)/6)² (Malcolm et al. 1959): the figure "PERT (normal)" uses. */
export function pertClassicVariance(a: number, b: number): number {
  const sd = (b - a) / 6;
  return sd * sd;
}

interface TruncatedNormal { mu: number; sigma: number; lowerZ: number; mass: number }

/** Normal(μ = (a+4m+b)/6, σ = (b−a)/6) truncated to [0, ∞). */
function truncatedNormal(a: number, m: number, b: number): TruncatedNormal {
  const mu = pertExpectedTime(a, m, b);
  const sigma = (b - a) / 6;
  const lowerZ = -mu / sigma;
  // Mass above the truncation point, 1 − Φ(lowerZ), computed through erfc to keep precision.
  const mass = 0.5 * erfc(lowerZ / Math.SQRT2);
  return { mu, sigma, lowerZ, mass };
}

/** Mean of the distribution. */
export function distributionMean(kind: DistributionKind, a: number, m: number, b: number, lambda = PERT_LAMBDA): number {
  if (b === a) return a;
  switch (kind) {
    case 'beta-pert': return (a + lambda * m + b) / (lambda + 2);
    case 'triangular': return (a + m + b) / 3;
    case 'uniform': return (a + b) / 2;
    case 'normal': {
      const t = truncatedNormal(a, m, b);
      return t.mu + t.sigma * standardNormalPdf(t.lowerZ) / t.mass;
    }
  }
}

/** Variance of the distribution. */
export function distributionVariance(kind: DistributionKind, a: number, m: number, b: number, lambda = PERT_LAMBDA): number {
  if (b === a) return 0;
  switch (kind) {
    case 'beta-pert': {
      const { alpha, beta } = betaPertShape(a, m, b, lambda);
      const range = b - a;
      return alpha * beta * range * range / ((alpha + beta) * (alpha + beta) * (alpha + beta + 1));
    }
    case 'triangular': return (a * a + b * b + m * m - a * b - a * m - b * m) / 18;
    case 'uniform': return (b - a) * (b - a) / 12;
    case 'normal': {
      const t = truncatedNormal(a, m, b);
      const ratio = standardNormalPdf(t.lowerZ) / t.mass;
      return t.sigma * t.sigma * (1 + t.lowerZ * ratio - ratio * ratio);
    }
  }
}

/** P(duration ≤ x). */
export function distributionCdf(kind: DistributionKind, a: number, m: number, b: number, x: number, lambda = PERT_LAMBDA): number {
  if (b === a) return x >= a ? 1 : 0;
  if (kind === 'normal') {
    const t = truncatedNormal(a, m, b);
    if (x <= 0) return 0;
    const below = standardNormalCdf(t.lowerZ);
    return (standardNormalCdf((x - t.mu) / t.sigma) - below) / t.mass;
  }
  if (x <= a) return 0;
  if (x >= b) return 1;
  switch (kind) {
    case 'beta-pert': {
      const { alpha, beta } = betaPertShape(a, m, b, lambda);
      return regularizedIncompleteBeta((x - a) / (b - a), alpha, beta);
    }
    case 'triangular':
      return x <= m
        ? (x - a) * (x - a) / ((b - a) * (m - a))
        : 1 - (b - x) * (b - x) / ((b - a) * (b - m));
    case 'uniform': return (x - a) / (b - a);
  }
}

/**
 * The p-quantile. Beta-PERT is inverted by safeguarded Newton steps on the regularized
 * incomplete beta (converges to ~1e-12 in x); the others are closed form.
 */
export function distributionQuantile(kind: DistributionKind, a: number, m: number, b: number, p: number, lambda = PERT_LAMBDA): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (b === a) return a;
  switch (kind) {
    case 'beta-pert': {
      const { alpha, beta } = betaPertShape(a, m, b, lambda);
      return a + (b - a) * betaQuantile(p, alpha, beta);
    }
    case 'triangular': {
      const modeShare = (m - a) / (b - a);
      return p <= modeShare
        ? a + Math.sqrt(p * (b - a) * (m - a))
        : b - Math.sqrt((1 - p) * (b - a) * (b - m));
    }
    case 'uniform': return a + p * (b - a);
    case 'normal': {
      const t = truncatedNormal(a, m, b);
      const below = standardNormalCdf(t.lowerZ);
      return Math.max(0, t.mu + t.sigma * inverseStandardNormalCdf(below + p * t.mass));
    }
  }
}

/** Quantile of the standard Beta(α, β) on [0, 1]. */
export function betaQuantile(p: number, alpha: number, beta: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const logNorm = logBeta(alpha, beta);
  let low = 0;
  let high = 1;
  let x = alpha / (alpha + beta);
  for (let step = 0; step < 100; step++) {
    const error = regularizedIncompleteBeta(x, alpha, beta) - p;
    if (error > 0) high = x; else low = x;
    if (Math.abs(error) < 1e-15) break;
    const density = Math.exp((alpha - 1) * Math.log(x) + (beta - 1) * Math.log1p(-x) - logNorm);
    let next = x - error / density;
    // Newton may leave the bracket where the density is tiny or infinite: bisect instead.
    if (!(next > low && next < high) || !Number.isFinite(next)) next = (low + high) / 2;
    if (Math.abs(next - x) < 1e-14) { x = next; break; }
    x = next;
  }
  return x;
}
