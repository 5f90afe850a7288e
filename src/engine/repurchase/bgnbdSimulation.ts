/**
 * Customers drawn from the BG/NBD generative process (Fader, Hardie & Lee 2005, §2), for
 * parameter-recovery tests and benchmarks: λ ~ Gamma(r, α), p ~ Beta(a, b); while alive,
 * purchases arrive as a Poisson process with rate λ and after each one the customer drops out
 * with probability p.
 */
import type { BgNbdParameters } from './bgnbd.ts';
import { uniform01 } from '../math/index.ts';

/** Gamma(shape, 1) by Marsaglia & Tsang (2000, ACM TOMS 26:363), boosted for shape < 1. */
export function sampleGamma(shape: number, next: () => number): number {
  if (shape < 1) return sampleGamma(shape + 1, next) * Math.pow(uniform01(next) || 1e-300, 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let z: number;
    let v: number;
    do {
      // Box–Muller for a standard normal.
      z = Math.sqrt(-2 * Math.log(1 - uniform01(next))) * Math.cos(2 * Math.PI * uniform01(next));
      v = 1 + c * z;
    } while (v <= 0);
    v = v * v * v;
    if (Math.log(uniform01(next) || 1e-300) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** One customer observed for `age` time units after the first purchase: repeat purchases x and recency t_x. */
export function simulateBgNbdCustomer(params: BgNbdParameters, age: number, next: () => number): { x: number; recency: number } {
  const rate = sampleGamma(params.r, next) / params.alpha;
  const g = sampleGamma(params.a, next);
  const dropout = g / (g + sampleGamma(params.b, next));
  let t = 0;
  let x = 0;
  let recency = 0;
  for (;;) {
    t += -Math.log(1 - uniform01(next)) / rate;
    if (t > age) break;
    x++;
    recency = t;
    if (uniform01(next) < dropout) break;
  }
  return { x, recency };
}
