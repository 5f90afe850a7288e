/**
 * Gauss's hypergeometric function ₂F₁(a, b; c; z) for 0 ≤ z < 1 by its power series
 * (Abramowitz & Stegun 15.1.1), summed until terms fall below 1e-15 of the sum. The BG/NBD
 * expectations only need z = t/(α + T + t) < 1; convergence slows as z → 1 (capped at 100,000
 * terms, which covers z up to about 0.9997).
 */
export function hypergeometric2F1(a: number, b: number, c: number, z: number): number {
  if (!(z >= 0 && z < 1)) return NaN;
  let term = 1;
  let sum = 1;
  for (let k = 0; k < 100_000; k++) {
    term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
    sum += term;
    if (Math.abs(term) <= 1e-15 * Math.abs(sum)) return sum;
  }
  return sum;
}
