import { hashString, randomSfc32, uniform01 } from '../../math/index.ts';

/** Permutations drawn per test: the smallest p-value it can give is 1/(PERMUTATIONS + 1). */
export const PERMUTATIONS = 999;

/**
 * Whether the chi-square approximation of the G-test is poor for these two rows: Cochran's rule
 * (Cochran 1954, Biometrics 10:417–451) asks for no expected count below 1 and at most a fifth
 * below 5. A customer's product codes (a dozen labels over twenty orders) break it, and then the
 * chi-square tail with its many degrees of freedom hides a real shift.
 */
export function isSparse(first: ReadonlyMap<string, number>, second: ReadonlyMap<string, number>): boolean {
  let firstTotal = 0;
  let secondTotal = 0;
  for (const value of first.values()) firstTotal += value;
  for (const value of second.values()) secondTotal += value;
  const total = firstTotal + secondTotal;
  let cells = 0;
  let small = 0;
  for (const label of new Set([...first.keys(), ...second.keys()])) {
    const column = (first.get(label) ?? 0) + (second.get(label) ?? 0);
    for (const rowTotal of [firstTotal, secondTotal]) {
      const expected = rowTotal * column / total;
      cells++;
      if (expected < 1) return true;
      if (expected < 5) small++;
    }
  }
  return small > cells / 5;
}

/**
 * The permutation p-value of the G statistic for "the first `firstCount` orders against the
 * rest": how often a random split of the same orders into sides of the same sizes gives a G at
 * least as large (Good, Permutation Tests, 2nd ed. 2000, §3; p = (1 + #{G* ≥ G}) / (B + 1),
 * Davison & Hinkley 1997 eq. 4.11). Exchangeable orders are the null hypothesis: no shift. The
 * random source is seeded from `seed` (the customer id), so the same data always give the same
 * p. Returns ln p; once p cannot fall below `stopAbove` the count stops early and the bound
 * reached is returned (the caller lists only p below it). Cost: at most PERMUTATIONS × the
 * label entries of the orders.
 */
export function permutationLogP(
  orderShares: readonly ReadonlyMap<string, number>[], firstCount: number, observed: number, seed: string, stopAbove = 1,
): number {
  // Labels as indices and each order as parallel arrays, so a permutation allocates nothing.
  const index = new Map<string, number>();
  const orders = orderShares.map((shares) => {
    const labels = new Int32Array(shares.size);
    const values = new Float64Array(shares.size);
    let k = 0;
    for (const [label, share] of shares) {
      let at = index.get(label);
      if (at === undefined) { at = index.size; index.set(label, at); }
      labels[k] = at; values[k] = share; k++;
    }
    return { labels, values };
  });
  const columns = new Float64Array(index.size);
  for (const { labels, values } of orders) for (let k = 0; k < labels.length; k++) columns[labels[k]] += values[k];
  const firstSide = new Float64Array(index.size);
  const n = orders.length;
  const secondCount = n - firstCount;
  // Each order's shares sum to 1, so the sides' totals are their order counts.
  const gOf = () => {
    let g = 0;
    for (let c = 0; c < columns.length; c++) {
      const a = firstSide[c];
      const b = columns[c] - a;
      if (a > 1e-12) g += a * Math.log(a * n / (firstCount * columns[c]));
      if (b > 1e-12) g += b * Math.log(b * n / (secondCount * columns[c]));
    }
    return 2 * g;
  };
  const next = randomSfc32(hashString(seed, 0x5eed), hashString(seed, 0xc0de));
  const order = orders.map((_, k) => k);
  const stopCount = stopAbove * (PERMUTATIONS + 1) - 1;
  let atLeast = 0;
  for (let b = 0; b < PERMUTATIONS; b++) {
    // A random first side: the first `firstCount` places of a partial Fisher–Yates shuffle.
    firstSide.fill(0);
    for (let k = 0; k < firstCount; k++) {
      const j = k + Math.floor(uniform01(next) * (n - k));
      const swap = order[k]; order[k] = order[j]; order[j] = swap;
      const { labels, values } = orders[order[k]];
      for (let e = 0; e < labels.length; e++) firstSide[labels[e]] += values[e];
    }
    if (gOf() >= observed - 1e-9 && ++atLeast >= stopCount) break;
  }
  return Math.log((1 + atLeast) / (PERMUTATIONS + 1));
}
