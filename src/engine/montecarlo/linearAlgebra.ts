/**
 * The small dense linear algebra the correlations need, on symmetric matrices held as rows:
 * eigenvalues and eigenvectors (cyclic Jacobi), the smallest eigenvalue, the nearest correlation
 * matrix (Higham 2002) and the Cholesky factor. Matrices here have one row per correlated
 * touchpoint, so plain O(n³) loops are enough; none of these functions modifies its input.
 */

/**
 * Eigenvalues and eigenvectors of a symmetric matrix by the cyclic Jacobi method (Golub & Van
 * Loan, "Matrix Computations", 4th ed., §8.5). vectors[k] is the eigenvector of values[k].
 */
export function symmetricEigen(input: readonly Float64Array[]): { values: Float64Array; vectors: Float64Array[] } {
  const n = input.length;
  const a = input.map((row) => Float64Array.from(row));
  const v = a.map((_, k) => { const row = new Float64Array(n); row[k] = 1; return row; });
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p][q] * a[p][q];
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(a[p][q]) < 1e-300) continue;
        // Symmetric Schur decomposition of the 2×2 block (Golub & Van Loan Algorithm 8.5.1).
        const tau = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = (tau >= 0 ? 1 : -1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k][p];
          const akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p][k];
          const aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k][p];
          const vkq = v[k][q];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = Float64Array.from(a.map((row, k) => row[k]));
  const vectors = values.length === 0 ? [] : Array.from({ length: n }, (_, k) => Float64Array.from(v, (row) => row[k]));
  return { values, vectors };
}

/** Projection onto symmetric matrices with eigenvalues ≥ floor: V·max(Λ, floor)·Vᵀ. */
function clipEigenvalues(matrix: readonly Float64Array[], floor: number): Float64Array[] {
  const n = matrix.length;
  const { values, vectors } = symmetricEigen(matrix);
  const out = matrix.map(() => new Float64Array(n));
  for (let k = 0; k < n; k++) {
    const value = Math.max(values[k], floor);
    const vector = vectors[k];
    for (let x = 0; x < n; x++) for (let y = 0; y < n; y++) out[x][y] += value * vector[x] * vector[y];
  }
  return out;
}

/**
 * The nearest correlation matrix in the Frobenius norm by alternating projections with
 * Dykstra's correction (Higham 2002, "Computing the nearest correlation matrix — a problem from
 * finance", IMA J. Numer. Anal. 22:329–343, Algorithm 3.3 with W = I). Eigenvalues are kept at
 * or above `floor` so the result is safely positive definite.
 */
export function nearestCorrelation(matrix: readonly Float64Array[], floor = 0, tolerance = 1e-10): Float64Array[] {
  const n = matrix.length;
  let y = matrix.map((row) => Float64Array.from(row));
  let correction = matrix.map(() => new Float64Array(n));
  for (let iteration = 0; iteration < 1000; iteration++) {
    const r = y.map((row, x) => row.map((value, z) => value - correction[x][z]));
    const projected = clipEigenvalues(r, floor);
    correction = projected.map((row, x) => row.map((value, z) => value - r[x][z]));
    const next = projected.map((row, x) => { const copy = Float64Array.from(row); copy[x] = 1; return copy; });
    let change = 0;
    let size = 0;
    for (let x = 0; x < n; x++) for (let z = 0; z < n; z++) { change += (next[x][z] - y[x][z]) ** 2; size += next[x][z] ** 2; }
    y = next;
    if (change <= tolerance * tolerance * size) break;
  }
  return y;
}

/** Smallest eigenvalue of a symmetric matrix (Infinity for an empty one). */
export function smallestEigenvalue(matrix: readonly Float64Array[]): number {
  return matrix.length === 0 ? Infinity : Math.min(...symmetricEigen(matrix).values);
}

/**
 * Lower Cholesky factor L with LLᵀ = A. A zero pivot (a positive semi-definite A, such as ρ = 1)
 * gives a zero column; a negative one throws.
 */
export function cholesky(matrix: readonly Float64Array[]): Float64Array[] {
  const n = matrix.length;
  const l = matrix.map(() => new Float64Array(n));
  for (let j = 0; j < n; j++) {
    let diagonal = matrix[j][j];
    for (let k = 0; k < j; k++) diagonal -= l[j][k] * l[j][k];
    if (diagonal < -1e-9) throw new RangeError('The matrix is not positive semi-definite.');
    const pivot = diagonal > 1e-12 ? Math.sqrt(diagonal) : 0;
    l[j][j] = pivot;
    for (let i = j + 1; i < n; i++) {
      let value = matrix[i][j];
      for (let k = 0; k < j; k++) value -= l[i][k] * l[j][k];
      l[i][j] = pivot > 0 ? value / pivot : 0;
    }
  }
  return l;
}
