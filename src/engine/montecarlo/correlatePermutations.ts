/**
 * Correlated durations: the typed correlations imposed on the Latin hypercube samples by the rank
 * method of Iman & Conover (1982), before any iteration runs. Reading them is coerceCorrelations.ts,
 * checking that they can hold is checkCorrelations.ts, the matrices are in linearAlgebra.ts.
 *
 * Iman & Conover (1982), "A distribution-free approach to inducing rank correlation among input
 * variables", Communications in Statistics – Simulation and Computation 11(3):311–334. Each
 * variable keeps its own sample values; only the order in which they are paired across
 * iterations changes, so every marginal stays exactly as it was. Here the sample of touchpoint
 * j is its Latin hypercube strata, and π_j(i) is already the rank of its duration in iteration
 * i, so the method works on the permutations themselves:
 *   1. van der Waerden scores s_r = Φ⁻¹((r + 1)/(N + 1)), r = 0..N−1, and X[i, k] = s[π_k(i)];
 *   2. T = the sample correlation of X's columns, T = QQᵀ and the target C = PPᵀ (Cholesky);
 *   3. Y = X·(P·Q⁻¹)ᵀ has correlation C exactly (the paper's §3 correction for T ≠ I);
 *   4. the new permutation π'_k(i) = the rank of Y[i, k] within column k.
 * The target is typed as a rank correlation ρ; the normal scores get the Pearson correlation
 * r = 2·sin(πρ/6) (see correlationMatrix.ts), so the ranks come out with Spearman's ρ as typed.
 */
import { PSD_TOLERANCE, correlationMatrix, imposedPearson } from './correlationMatrix.ts';
import { cholesky, nearestCorrelation, smallestEigenvalue } from './linearAlgebra.ts';
import { RadixRanking } from './radixRanking.ts';
import { inverseStandardNormalCdf } from '../math/index.ts';
import type { Correlation } from '../journey/index.ts';

/** Connected groups of ids that share correlations (each handled on its own: the matrix is block diagonal). */
function components(correlations: readonly Correlation[], known: ReadonlySet<string>): string[][] {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(id, root);
    return root;
  };
  for (const { ids, rho } of correlations) {
    const present = ids.filter((id) => known.has(id));
    if (rho === 0 || present.length < 2) continue;
    for (const id of present) if (!parent.has(id)) parent.set(id, id);
    for (const id of present.slice(1)) {
      const x = find(present[0]);
      const y = find(id);
      if (x !== y) parent.set(x < y ? y : x, x < y ? x : y);
    }
  }
  const groups = new Map<string, string[]>();
  for (const id of parent.keys()) {
    const root = find(id);
    groups.set(root, [...(groups.get(root) ?? []), id]);
  }
  return [...groups.values()].map((group) => group.sort()).sort((x, y) => (x[0] < y[0] ? -1 : 1));
}

/** Results of recent runs, by seed, iterations and the component's ids and matrix. */
const correlatedCache = new Map<string, (Uint16Array | Uint32Array)[]>();
const CACHE_LIMIT = 64;

/**
 * The permutations with the correlations imposed (Iman–Conover, see the module comment). Ids in
 * no correlation keep their permutation; each connected group of correlated ids is reordered
 * together, in sorted-id order, so the result does not depend on row order. Runs in
 * O(N·K² + K·N log N) for a group of K ids. A matrix that cannot hold is replaced by the nearest
 * one that can (Higham 2002) — checkCorrelations reports that to the person.
 */
export function correlatePermutations(
  ids: readonly string[], permutations: readonly (Uint16Array | Uint32Array)[], correlations: readonly Correlation[],
  seed: number, iterations: number,
): (Uint16Array | Uint32Array)[] {
  const indexById = new Map<string, number>();
  ids.forEach((id, j) => { if (!indexById.has(id)) indexById.set(id, j); });
  const result = [...permutations];
  let scores: Float64Array | undefined;
  for (const group of components(correlations, new Set(indexById.keys()))) {
    const { matrix } = correlationMatrix(correlations.map((c) => ({ ids: c.ids.filter((id) => group.includes(id)), rho: c.rho })), group);
    const key = `${seed}|${iterations}|${group.join('\u0000')}|${matrix.map((row) => row.join(',')).join(';')}`;
    let reordered = correlatedCache.get(key);
    if (!reordered) {
      scores ??= vanDerWaerdenScores(iterations);
      reordered = imanConover(group.map((id) => permutations[indexById.get(id)!]), matrix, scores);
      if (correlatedCache.size >= CACHE_LIMIT) correlatedCache.delete(correlatedCache.keys().next().value!);
      correlatedCache.set(key, reordered);
    }
    group.forEach((id, k) => { result[indexById.get(id)!] = reordered![k]; });
  }
  return result;
}

let lastScores: Float64Array | undefined;
function vanDerWaerdenScores(n: number): Float64Array {
  if (lastScores?.length === n) return lastScores;
  const scores = new Float64Array(n);
  for (let r = 0; r < n; r++) scores[r] = inverseStandardNormalCdf((r + 1) / (n + 1));
  lastScores = scores;
  return scores;
}

let work: { n: number; columns: Float64Array; y: Float64Array; ranking: RadixRanking } | undefined;

/** Steps 1–4 of the module comment for one group; `target` holds Spearman's ρ. */
function imanConover(
  permutations: readonly (Uint16Array | Uint32Array)[], target: readonly Float64Array[], scores: Float64Array,
): (Uint16Array | Uint32Array)[] {
  const k = permutations.length;
  const n = scores.length;
  // Pearson correlation for the normal scores that gives Spearman's ρ on the ranks.
  let wanted: Float64Array[] = target.map((row, x) => row.map((rho, y) => (x === y ? 1 : imposedPearson(rho))));
  if (smallestEigenvalue(wanted) < -PSD_TOLERANCE) wanted = nearestCorrelation(wanted, 0);
  const p = cholesky(wanted);
  // Working memory is kept between groups and runs (a fresh seed reorders every group).
  if (!work || work.n !== n) work = { n, columns: new Float64Array(0), y: new Float64Array(n), ranking: new RadixRanking(n) };
  if (work.columns.length < k * n) work.columns = new Float64Array(k * n);
  const { y, ranking } = work;
  const buffer = work.columns;
  const columns = permutations.map((permutation, m) => {
    const column = buffer.subarray(m * n, (m + 1) * n);
    for (let i = 0; i < n; i++) column[i] = scores[permutation[i]];
    return column;
  });
  // Sample correlation of the score columns; all hold the same values, so the same mean and variance.
  let mean = 0;
  for (let i = 0; i < n; i++) mean += scores[i];
  mean /= n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (scores[i] - mean) ** 2;
  const sample = columns.map((_, x) => { const row = new Float64Array(k); row[x] = 1; return row; });
  for (let x = 0; x < k; x++) {
    for (let y = x + 1; y < k; y++) {
      const one = columns[x];
      const two = columns[y];
      let sum = 0;
      for (let i = 0; i < n; i++) sum += (one[i] - mean) * (two[i] - mean);
      sample[x][y] = sample[y][x] = sum / variance;
    }
  }
  const q = cholesky(sample);
  // S = P·Q⁻¹ (both lower triangular, so S is too): solve S·Q = P row by row.
  const s = p.map(() => new Float64Array(k));
  for (let row = 0; row < k; row++) {
    for (let col = k - 1; col >= 0; col--) {
      let value = p[row][col];
      for (let m = col + 1; m < k; m++) value -= s[row][m] * q[m][col];
      s[row][col] = q[col][col] > 0 ? value / q[col][col] : 0;
    }
  }
  const out: (Uint16Array | Uint32Array)[] = [];
  for (let col = 0; col < k; col++) {
    // S is lower triangular: the first column of Y is a positive multiple of the first score
    // column, whose ranks are the permutation itself.
    if (col === 0 && s[0][0] > 0) { out.push(permutations[0]); continue; }
    y.fill(0);
    for (let m = 0; m <= col; m++) {
      const weight = s[col][m];
      if (weight === 0) continue;
      const column = columns[m];
      for (let i = 0; i < n; i++) y[i] += weight * column[i];
    }
    const permutation = n <= 65536 ? new Uint16Array(n) : new Uint32Array(n);
    ranking.rank(y, permutation);
    out.push(permutation);
  }
  return out;
}
