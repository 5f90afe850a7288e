/**
 * Minimises a function of a few variables without derivatives: the Nelder–Mead simplex method
 * (Nelder & Mead 1965, The Computer Journal 7:308–313) with the standard coefficients
 * (reflection 1, expansion 2, contraction ½, shrink ½) as analysed by Lagarias, Reeds, Wright
 * & Wright (1998, SIAM J. Optim. 9:112–147). Non-finite values count as +∞, so a function may
 * return NaN outside its domain.
 */
export interface MinimizeResult {
  point: number[];
  value: number;
  iterations: number;
  converged: boolean;
}

export function nelderMead(
  f: (x: number[]) => number, start: number[],
  { step = 0.5, tolerance = 1e-10, maxIterations = 5000 }: { step?: number; tolerance?: number; maxIterations?: number } = {},
): MinimizeResult {
  const n = start.length;
  const value = (x: number[]) => { const v = f(x); return Number.isFinite(v) ? v : Infinity; };
  let simplex = [start.slice()];
  for (let i = 0; i < n; i++) {
    const vertex = start.slice();
    vertex[i] += step;
    simplex.push(vertex);
  }
  let values = simplex.map(value);
  let iteration = 0;
  let converged = false;
  for (; iteration < maxIterations; iteration++) {
    const order = values.map((_, i) => i).sort((i, j) => values[i] - values[j]);
    simplex = order.map((i) => simplex[i]);
    values = order.map((i) => values[i]);
    const spread = Math.abs(values[n] - values[0]);
    let size = 0;
    for (let i = 1; i <= n; i++) for (let d = 0; d < n; d++) size = Math.max(size, Math.abs(simplex[i][d] - simplex[0][d]));
    if (spread <= tolerance * (Math.abs(values[0]) + 1e-12) && size <= 1e-7) { converged = true; break; }
    const centroid = new Array(n).fill(0);
    for (let i = 0; i < n; i++) for (let d = 0; d < n; d++) centroid[d] += simplex[i][d] / n;
    const along = (t: number) => centroid.map((c, d) => c + t * (simplex[n][d] - c));
    const reflected = along(-1);
    const reflectedValue = value(reflected);
    if (reflectedValue < values[0]) {
      const expanded = along(-2);
      const expandedValue = value(expanded);
      if (expandedValue < reflectedValue) { simplex[n] = expanded; values[n] = expandedValue; } else { simplex[n] = reflected; values[n] = reflectedValue; }
    } else if (reflectedValue < values[n - 1]) {
      simplex[n] = reflected; values[n] = reflectedValue;
    } else {
      const outside = reflectedValue < values[n];
      const contracted = along(outside ? -0.5 : 0.5);
      const contractedValue = value(contracted);
      if (contractedValue < (outside ? reflectedValue : values[n])) {
        simplex[n] = contracted; values[n] = contractedValue;
      } else {
        for (let i = 1; i <= n; i++) {
          simplex[i] = simplex[i].map((x, d) => simplex[0][d] + 0.5 * (x - simplex[0][d]));
          values[i] = value(simplex[i]);
        }
      }
    }
  }
  let best = 0;
  for (let i = 1; i <= n; i++) if (values[i] < values[best]) best = i;
  return { point: simplex[best], value: values[best], iterations: iteration, converged };
}
