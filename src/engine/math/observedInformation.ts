/**
 * The curvature of a log-likelihood at its maximum, for saying how well the data pin the
 * parameters down: the Hessian by forward differences of the analytic gradient,
 * Hᵢⱼ ≈ (∂ᵢf(x + h eⱼ) − ∂ᵢf(x)) / h, made symmetric (Nocedal & Wright 2006, "Numerical
 * Optimization", §8.1, eq. 8.7), and the inverse of the observed information −H by Cholesky
 * factorisation (Golub & Van Loan 2013, "Matrix Computations", §4.2), which exists exactly when
 * −H is positive definite, that is, when the point is a strict local maximum.
 */

/** The symmetric Hessian of a function whose gradient is `gradient`, at `at`, with step `h` in every coordinate. Cost: n + 1 gradients. */
export function hessianFromGradient(gradient: (x: number[]) => number[], at: readonly number[], h = 1e-4): number[][] {
  const n = at.length;
  const centre = gradient(at.slice());
  const columns = Array.from({ length: n }, (_, j) => {
    const moved = at.slice();
    moved[j] += h;
    const g = gradient(moved);
    return g.map((value, i) => (value - centre[i]) / h);
  });
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (__, j) => (columns[j][i] + columns[i][j]) / 2));
}

/**
 * The inverse of a symmetric matrix by its Cholesky factor L (A = LLᵀ), or undefined when the
 * matrix is not positive definite (a pivot ≤ 0, or not finite). Cost: n³.
 */
export function inverseIfPositiveDefinite(matrix: readonly (readonly number[])[]): number[][] | undefined {
  const n = matrix.length;
  const lower = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    let pivot = matrix[j][j];
    for (let k = 0; k < j; k++) pivot -= lower[j][k] * lower[j][k];
    if (!(pivot > 0) || !Number.isFinite(pivot)) return undefined;
    lower[j][j] = Math.sqrt(pivot);
    for (let i = j + 1; i < n; i++) {
      let sum = matrix[i][j];
      for (let k = 0; k < j; k++) sum -= lower[i][k] * lower[j][k];
      lower[i][j] = sum / lower[j][j];
    }
  }
  // A⁻¹ = L⁻ᵀ L⁻¹: invert L column by column (forward substitution), then multiply.
  const inverseLower = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    inverseLower[j][j] = 1 / lower[j][j];
    for (let i = j + 1; i < n; i++) {
      let sum = 0;
      for (let k = j; k < i; k++) sum -= lower[i][k] * inverseLower[k][j];
      inverseLower[i][j] = sum / lower[i][i];
    }
  }
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (__, j) => {
    let sum = 0;
    for (let k = Math.max(i, j); k < n; k++) sum += inverseLower[k][i] * inverseLower[k][j];
    return sum;
  }));
}
