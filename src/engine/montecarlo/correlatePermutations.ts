/**
 * Correlated durations: reading correlations as typed, checking that they can hold together
 * (positive semi-definite), the nearest set that can, and imposing them on the Latin hypercube
 * samples by the rank method of Iman & Conover (1982).
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
 * The target is typed as a rank (Spearman) correlation ρ; the normal scores get the Pearson
 * correlation r = 2·sin(πρ/6), the relation between the two for normal variables (Pearson 1907;
 * Kruskal 1958, "Ordinal measures of association", JASA 53:814–861), so the ranks come out with
 * Spearman's ρ as typed rather than r.
 */
import { parseTime } from '../journey/index.ts';
import { inverseStandardNormalCdf } from '../math/index.ts';
import type { Correlation, CorrelationInput } from '../journey/index.ts';

/** Reads correlations as typed: ids separated by `;`, `,` or spaces, ρ in [−1, 1] ("0.6", "-0,3", "60%"). */
export function coerceCorrelations(
  inputs: readonly CorrelationInput[], ids: readonly string[],
): { correlations: Correlation[]; problems: string[] } {
  const known = new Set(ids);
  const correlations: Correlation[] = [];
  const problems: string[] = [];
  const pairValue = new Map<string, { rho: number; row: number }>();
  inputs.forEach((input, row) => {
    const idsText = (input.ids ?? '').trim();
    const rhoText = (input.rho ?? '').trim();
    if (idsText === '' && rhoText === '') return;
    const where = `Correlation ${row + 1}${idsText ? ` (${idsText})` : ''}`;
    const listed = [...new Set(idsText.split(/[;,\s]+/).filter((id) => id.length > 0))];
    const unknown = listed.filter((id) => !known.has(id));
    let ok = true;
    if (unknown.length > 0) {
      problems.push(`${where}: ${unknown.map((id) => `"${id}"`).join(', ')} ${unknown.length === 1 ? 'is not an ID' : 'are not IDs'} in the journey.`);
      ok = false;
    } else if (listed.length < 2) {
      problems.push(`${where}: name at least two touchpoints, such as "A; B".`);
      ok = false;
    }
    const percent = /^(.*?)\s*%$/.exec(rhoText);
    const number = parseTime((percent ? percent[1] : rhoText).replace(/^([+-]?\d*),(\d+)$/, '$1.$2'));
    const rho = percent ? number / 100 : number;
    if (rhoText === '') { problems.push(`${where}: the correlation is empty; enter a number between −1 and 1, such as 0.6.`); ok = false; }
    else if (Number.isNaN(rho)) { problems.push(`${where}: "${rhoText}" is not a number; enter one between −1 and 1, such as 0.6.`); ok = false; }
    else if (rho < -1 || rho > 1) { problems.push(`${where}: ${rhoText} is outside −1 to 1.`); ok = false; }
    if (!ok) return;
    for (let x = 0; x < listed.length; x++) {
      for (let y = x + 1; y < listed.length; y++) {
        const key = pairKey(listed[x], listed[y]);
        const earlier = pairValue.get(key);
        if (earlier && earlier.rho !== rho) {
          problems.push(`${where}: ${listed[x]} and ${listed[y]} are already correlated at ${earlier.rho} in correlation ${earlier.row + 1}; keep one value.`);
          ok = false;
        } else pairValue.set(key, { rho, row });
      }
    }
    if (ok) correlations.push({ ids: listed, rho });
  });
  return { correlations, problems };
}

function pairKey(x: string, y: string): string {
  return x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`;
}

/** The ids the correlations name (known ones only), sorted, and the matrix of pairwise ρ over them (1 on the diagonal, 0 unless given). */
export function correlationMatrix(correlations: readonly Correlation[], ids: readonly string[]): { ids: string[]; matrix: Float64Array[] } {
  const known = new Set(ids);
  const involved = [...new Set(correlations.flatMap((c) => c.ids.filter((id) => known.has(id))))].sort();
  const index = new Map(involved.map((id, k) => [id, k]));
  const matrix = involved.map((_, k) => { const row = new Float64Array(involved.length); row[k] = 1; return row; });
  for (const { ids: members, rho } of correlations) {
    const at = members.filter((id) => known.has(id)).map((id) => index.get(id)!);
    for (const x of at) for (const y of at) if (x !== y) matrix[x][y] = rho;
  }
  return { ids: involved, matrix };
}

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

const PSD_TOLERANCE = 1e-10;

/** The Pearson correlation imposed on normal scores for a rank correlation ρ: 2·sin(πρ/6) (see the module comment). */
export function imposedPearson(rho: number): number {
  return 2 * Math.sin(Math.PI * rho / 6);
}

/** Its inverse, the rank correlation ρ = (6/π)·asin(r/2) that normal scores at Pearson r have. */
export function spearmanOfPearson(r: number): number {
  return (6 / Math.PI) * Math.asin(Math.max(-1, Math.min(1, r)) / 2);
}

/**
 * Whether the correlations can all hold at once. What the simulation imposes is the Pearson
 * matrix r = 2·sin(πρ/6) on normal scores (1 on the diagonal, 0 for pairs not given), so that is
 * the matrix that must be positive semi-definite — a valid Spearman matrix can map to one that is
 * not (three at −0.5: −0.52 each, smallest eigenvalue −0.035). When it is not, says so and gives
 * the nearest valid imposed matrix (Higham 2002), turned back into rank correlations with
 * ρ = (6/π)·asin(r/2) and rounded to 2 decimals, every pair listed.
 */
export function checkCorrelations(
  correlations: readonly Correlation[], ids: readonly string[],
): { ok: boolean; message?: string; nearest?: Correlation[] } {
  const { ids: involved, matrix } = correlationMatrix(correlations, ids);
  const pearson = matrix.map((row, x) => row.map((rho, y) => (x === y ? 1 : imposedPearson(rho))));
  const smallest = smallestEigenvalue(pearson);
  if (smallest >= -PSD_TOLERANCE) return { ok: true };
  const nearestPearson = nearestCorrelation(pearson, 1e-3, 1e-7);
  // Rounding the rank correlations to 2 decimals can push the imposed matrix's smallest
  // eigenvalue just below zero: shrink towards independence a little at a time until it holds.
  const toSpearman = (shrink: number) => nearestPearson.map((row, x) => row.map((r, y) => (x === y ? 1 : Math.round(spearmanOfPearson(r * shrink) * 100) / 100)));
  let nearest = toSpearman(1);
  for (let shrink = 1; shrink > 0.5; shrink -= 0.01) {
    const rounded = toSpearman(shrink);
    if (smallestEigenvalue(rounded.map((row, x) => row.map((rho, y) => (x === y ? 1 : imposedPearson(rho))))) >= -PSD_TOLERANCE) {
      nearest = rounded;
      break;
    }
  }
  const pairs: Correlation[] = [];
  const changes: { text: string; change: number }[] = [];
  let example = { rho: 0, r: 0, gap: -1 };
  for (let x = 0; x < involved.length; x++) {
    for (let y = x + 1; y < involved.length; y++) {
      const rho = Math.round(nearest[x][y] * 100) / 100 + 0;
      pairs.push({ ids: [involved[x], involved[y]], rho });
      changes.push({ text: `${involved[x]}–${involved[y]} ${rho.toFixed(2)}`, change: Math.abs(rho - matrix[x][y]) });
      const gap = Math.abs(pearson[x][y] - matrix[x][y]);
      if (gap > example.gap) example = { rho: matrix[x][y], r: pearson[x][y], gap };
    }
  }
  // A long list names the pairs that change most; the rest are in `nearest`.
  const SHOWN = 6;
  const shown = changes.length <= SHOWN ? changes
    : changes.map((c, k) => ({ ...c, k })).sort((p, q) => q.change - p.change || p.k - q.k).slice(0, SHOWN).sort((p, q) => p.k - q.k);
  const minus = (text: string) => text.replace(/^-/, '−');
  return {
    ok: false,
    message: 'These correlations cannot all hold at once. The simulation gives each rank correlation ρ by pairing the times\' '
      + `normal scores at 2·sin(πρ/6) (${minus(String(example.rho))} becomes ${minus(example.r.toFixed(2))}), and together those pairings `
      + `are impossible (the matrix they make is not positive semi-definite; its smallest eigenvalue is ${minus(smallest.toFixed(3))}). `
      + `The nearest set that can: ${shown.map((c) => c.text).join(', ')}`
      + `${changes.length > SHOWN ? `, and ${changes.length - SHOWN} more pairs moved less` : ''}.`,
    nearest: pairs,
  };
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

/**
 * Ranks by a least-significant-digit radix sort (Knuth, TAOCP vol. 3, §5.2.5) on the values
 * rounded to single precision and mapped to unsigned integers in the same order (flip every bit
 * of a negative, the sign bit of a positive), three passes of 11 bits. The sort is stable, so
 * values equal in single precision are ranked in iteration order: deterministic, and such near
 * ties move a rank correlation by far less than its sampling error. Several times faster than a
 * comparison sort for the tens of thousands of values per column here.
 */
class RadixRanking {
  private readonly floats: Float32Array;
  private readonly keys: Uint32Array;
  private readonly keysSwap: Uint32Array;
  private readonly index: Uint32Array;
  private readonly indexSwap: Uint32Array;
  /** The three digit histograms, counted in one sweep (2048 bins each). */
  private readonly counts = new Uint32Array(3 * 2048);

  constructor(private readonly n: number) {
    this.floats = new Float32Array(n);
    this.keys = new Uint32Array(this.floats.buffer);
    this.keysSwap = new Uint32Array(n);
    this.index = new Uint32Array(n);
    this.indexSwap = new Uint32Array(n);
  }

  /** Writes the 0-based rank of values[i] into out[i]. */
  rank(values: Float64Array, out: Uint16Array | Uint32Array): void {
    const { n, floats, counts } = this;
    floats.set(values);
    const { keys, keysSwap, index, indexSwap } = this;
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const bits = keys[i];
      const key = bits & 0x80000000 ? ~bits >>> 0 : (bits | 0x80000000) >>> 0;
      keys[i] = key;
      counts[key & 2047]++;
      counts[2048 + ((key >>> 11) & 2047)]++;
      counts[4096 + (key >>> 22)]++;
    }
    for (let bins = 0; bins < 3 * 2048; bins += 2048) {
      let total = 0;
      for (let d = bins; d < bins + 2048; d++) { const c = counts[d]; counts[d] = total; total += c; }
    }
    // First digit: the index is the iteration itself.
    for (let i = 0; i < n; i++) {
      const key = keys[i];
      const at = counts[key & 2047]++;
      keysSwap[at] = key;
      indexSwap[at] = i;
    }
    // Second digit.
    for (let i = 0; i < n; i++) {
      const key = keysSwap[i];
      const at = counts[2048 + ((key >>> 11) & 2047)]++;
      keys[at] = key;
      index[at] = indexSwap[i];
    }
    // Last digit: the place a value lands in is its rank.
    for (let i = 0; i < n; i++) out[index[i]] = counts[4096 + (keys[i] >>> 22)]++;
  }
}
