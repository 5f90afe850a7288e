/**
 * Minimises a smooth function with its gradient: BFGS with a backtracking (Armijo) line search
 * (Nocedal & Wright, "Numerical Optimization", 2nd ed., Algorithm 6.1 and §3.1). Non-finite
 * values are treated as +∞, so the line search backs away from the edge of the domain.
 */
import type { MinimizeResult } from './nelderMead.ts';

export function bfgs(
  valueAndGradient: (x: number[]) => { value: number; gradient: number[] }, start: number[],
  { gradientTolerance = 1e-7, maxIterations = 500 }: { gradientTolerance?: number; maxIterations?: number } = {},
): MinimizeResult {
  const n = start.length;
  let x = start.slice();
  let { value, gradient } = valueAndGradient(x);
  if (!Number.isFinite(value)) return { point: x, value: Infinity, iterations: 0, converged: false };
  // Inverse Hessian approximation, starting from the identity.
  let h: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (__, j) => (i === j ? 1 : 0)));
  let iteration = 0;
  let converged = false;
  for (; iteration < maxIterations; iteration++) {
    if (Math.max(...gradient.map(Math.abs)) <= gradientTolerance) { converged = true; break; }
    const direction = h.map((row) => -row.reduce((s: number, hij, j) => s + hij * gradient[j], 0));
    let slope = direction.reduce((s, d, i) => s + d * gradient[i], 0);
    if (!(slope < 0)) {
      h = h.map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
      for (let i = 0; i < n; i++) direction[i] = -gradient[i];
      slope = -gradient.reduce((s, g) => s + g * g, 0);
    }
    let step = 1;
    let next: number[] = x;
    let trial = { value: Infinity, gradient };
    for (let tries = 0; tries < 60; tries++) {
      next = x.map((xi, i) => xi + step * direction[i]);
      trial = valueAndGradient(next);
      if (Number.isFinite(trial.value) && trial.value <= value + 1e-4 * step * slope) break;
      step /= 2;
    }
    if (!(Number.isFinite(trial.value) && trial.value <= value)) break;
    const s = next.map((ni, i) => ni - x[i]);
    const y = trial.gradient.map((gi, i) => gi - gradient[i]);
    const sy = s.reduce((acc, si, i) => acc + si * y[i], 0);
    const improvement = value - trial.value;
    x = next;
    value = trial.value;
    gradient = trial.gradient;
    if (sy > 1e-12) {
      const hy = h.map((row) => row.reduce((acc: number, hij, j) => acc + hij * y[j], 0));
      const yhy = y.reduce((acc, yi, i) => acc + yi * hy[i], 0);
      h = h.map((row, i) => row.map((hij, j) => hij + ((sy + yhy) * s[i] * s[j]) / (sy * sy) - (hy[i] * s[j] + s[i] * hy[j]) / sy));
    }
    if (improvement <= 1e-15 * Math.abs(value) && Math.max(...gradient.map(Math.abs)) <= 1e-5) { converged = true; break; }
  }
  return { point: x, value, iterations: iteration, converged };
}
