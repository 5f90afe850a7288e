/**
 * Minimises a smooth function over a box lower ≤ x ≤ upper: projected BFGS (Bertsekas 1982,
 * "Projected Newton methods for optimization problems with simple constraints", SIAM J. Control
 * Optim. 20:221–246; Kelley 1999, "Iterative Methods for Optimization", SIAM, §5.5). A variable
 * at a bound whose gradient points out of the box is held there; the others take a BFGS step,
 * and the line search (Armijo) projects each trial point back into the box. Before the first
 * update (and after a reset) the inverse Hessian is scaled to the curvature the last step found,
 * H = (sᵀy / yᵀy)·I (Nocedal & Wright 2006, "Numerical Optimization", eq. 6.20), so the first
 * steps are neither far too long nor far too short.
 * Converged when the projected gradient is below `gradientTolerance` — at an interior minimum
 * that is a zero gradient, at a bound it means the function still falls beyond it, so the
 * caller can tell a limit of the model (a parameter that wants to run to infinity) from a fit.
 * Non-finite values count as +∞.
 */

/** Where a minimisation ended: the point, its value, how many iterations it took, and whether it converged. */
export interface MinimizeResult {
  point: number[];
  value: number;
  iterations: number;
  converged: boolean;
}

export interface BoundedResult extends MinimizeResult {
  /** Per variable, whether it ended on its lower (−1) or upper (+1) bound with the gradient pushing outwards, or inside (0). */
  atBound: number[];
}

export function boundedBfgs(
  valueAndGradient: (x: number[]) => { value: number; gradient: number[] }, start: number[], lower: number[], upper: number[],
  { gradientTolerance = 1e-7, maxIterations = 500 }: { gradientTolerance?: number; maxIterations?: number } = {},
): BoundedResult {
  const n = start.length;
  const clamp = (point: number[]) => point.map((v, i) => Math.min(upper[i], Math.max(lower[i], v)));
  const held = (point: number[], gradient: number[]) => point.map((v, i) => (v <= lower[i] && gradient[i] > 0 ? -1 : v >= upper[i] && gradient[i] < 0 ? 1 : 0));
  let x = clamp(start);
  let { value, gradient } = valueAndGradient(x);
  if (!Number.isFinite(value)) return { point: x, value: Infinity, iterations: 0, converged: false, atBound: new Array(n).fill(0) };
  const identity = (): number[][] => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (__, j) => (i === j ? 1 : 0)));
  let h = identity();
  let iteration = 0;
  let converged = false;
  let bound = held(x, gradient);
  let scaleNext = false;
  for (; iteration < maxIterations; iteration++) {
    bound = held(x, gradient);
    const projected = gradient.map((g, i) => (bound[i] !== 0 ? 0 : g));
    if (Math.max(...projected.map(Math.abs)) <= gradientTolerance) { converged = true; break; }
    // The step over the free variables only: the held ones' rows and columns of H are left out.
    const direction = h.map((row, i) => (bound[i] !== 0 ? 0 : -row.reduce((s: number, hij, j) => s + (bound[j] !== 0 ? 0 : hij * gradient[j]), 0)));
    let slope = direction.reduce((s, d, i) => s + d * gradient[i], 0);
    if (!(slope < 0)) {
      h = identity();
      scaleNext = true;
      for (let i = 0; i < n; i++) direction[i] = -projected[i];
      slope = -projected.reduce((s, g) => s + g * g, 0);
    }
    let step = 1;
    let next = x;
    let trial = { value: Infinity, gradient };
    for (let tries = 0; tries < 60; tries++) {
      next = clamp(x.map((xi, i) => xi + step * direction[i]));
      trial = valueAndGradient(next);
      const decrease = next.reduce((s, ni, i) => s + gradient[i] * (ni - x[i]), 0);
      if (Number.isFinite(trial.value) && trial.value <= value + 1e-4 * Math.min(decrease, 0)) break;
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
      if (iteration === 0 || scaleNext) {
        // Before the first update, H = (sᵀy / yᵀy)·I: the step scale the curvature along s suggests (Nocedal & Wright 2006, eq. 6.20).
        const yy = y.reduce((acc, yi) => acc + yi * yi, 0);
        h = identity().map((row) => row.map((v) => v * sy / yy));
        scaleNext = false;
      }
      const hy = h.map((row) => row.reduce((acc: number, hij, j) => acc + hij * y[j], 0));
      const yhy = y.reduce((acc, yi, i) => acc + yi * hy[i], 0);
      h = h.map((row, i) => row.map((hij, j) => hij + ((sy + yhy) * s[i] * s[j]) / (sy * sy) - (hy[i] * s[j] + s[i] * hy[j]) / sy));
    }
    const after = held(x, gradient);
    if (improvement <= 1e-15 * Math.abs(value) && Math.max(...gradient.map((g, i) => (after[i] !== 0 ? 0 : Math.abs(g)))) <= 1e-5) { converged = true; break; }
  }
  return { point: x, value, iterations: iteration, converged, atBound: held(x, gradient) };
}
