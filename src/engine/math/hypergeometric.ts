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

/**
 * e^(−z)·M(a; c; z) for z ≥ 0, M Kummer's confluent hypergeometric function ₁F₁ (A&S 13.1.2),
 * summed term by term as Σ exp(ln term_n − z): every term positive, so nothing cancels, and
 * nothing overflows for large z. With Kummer's transformation (A&S 13.1.27),
 * M(a; c; −z) = e^(−z) M(c−a; c; z), so this is also M(c−a; c; −z). NaN outside z ≥ 0, c > 0.
 * Cost: about z + 10√z + 40 terms.
 */
export function scaledKummer(a: number, c: number, z: number): number {
  if (!(z >= 0 && c > 0 && Number.isFinite(z))) return NaN;
  if (z === 0) return 1;
  const logZ = Math.log(z);
  let logTerm = 0;
  let sum = Math.exp(-z);
  for (let n = 0; n < 10_000_000; n++) {
    const ratio = (a + n) / ((c + n) * (n + 1));
    if (ratio === 0) return sum;
    logTerm += Math.log(Math.abs(ratio)) + logZ;
    const term = Math.sign(ratio) * Math.exp(logTerm - z);
    sum += term;
    if (n > z && Math.abs(term) <= 1e-16 * Math.abs(sum)) return sum;
  }
  return sum;
}
