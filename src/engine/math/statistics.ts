/**
 * Summaries of simulated finish times: percentiles, histogram bins, the cumulative curve and
 * rank correlation. Inputs are never modified.
 */

export interface Histogram {
  /** Left edge of the first bin. */
  start: number;
  binWidth: number;
  counts: Uint32Array;
}

/** Empirical cumulative distribution sampled at `points` finish times. */
export interface CumulativeCurve {
  time: Float64Array;
  probability: Float64Array;
}


/**
 * The p-quantile of ascending `sorted` by linear interpolation between order statistics
 * (Hyndman & Fan 1996, definition 7; numpy's and R's default). NaN for empty input.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const position = (n - 1) * p;
  const below = Math.floor(position);
  const above = Math.min(below + 1, n - 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}

/** 1, 2 or 5 × a power of ten at or above `value` (the tick steps people read easily). */
export function niceStep(value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return 1;
  const power = Math.pow(10, Math.floor(Math.log10(value)));
  const fraction = value / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/**
 * Histogram of ascending `sorted` values with a bin width from the Freedman–Diaconis rule
 * (2·IQR·n^(−1/3); Freedman & Diaconis 1981), rounded to a nice step and kept to 10–80 bins so
 * the shape (including a second peak) shows without noise. Bins start on a multiple of the width.
 */
export function histogramOfSorted(sorted: Float64Array): Histogram {
  const n = sorted.length;
  if (n === 0) return { start: 0, binWidth: 1, counts: new Uint32Array(0) };
  const min = sorted[0];
  const max = sorted[n - 1];
  const span = max - min;
  if (!(span > 0)) {
    const binWidth = niceStep(Math.max(Math.abs(min) * 0.01, 1e-9));
    const start = Math.floor(min / binWidth) * binWidth;
    const counts = new Uint32Array(1);
    counts[0] = n;
    return { start, binWidth, counts };
  }
  const iqr = quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25);
  let width = iqr > 0 ? 2 * iqr / Math.cbrt(n) : span / 30;
  width = Math.min(Math.max(width, span / 80), span / 10);
  const binWidth = niceStep(width);
  const start = Math.floor(min / binWidth) * binWidth;
  const binCount = Math.max(1, Math.floor((max - start) / binWidth) + 1);
  const counts = new Uint32Array(binCount);
  for (let i = 0; i < n; i++) {
    const bin = Math.min(binCount - 1, Math.floor((sorted[i] - start) / binWidth));
    counts[bin]++;
  }
  return { start, binWidth, counts };
}

/** The empirical CDF at `points` + 1 evenly spaced ranks: time and P(finish ≤ time). */
export function cumulativeOfSorted(sorted: Float64Array, points = 200): CumulativeCurve {
  const n = sorted.length;
  const size = n === 0 ? 0 : Math.min(points, n - 1) + 1;
  const time = new Float64Array(size);
  const probability = new Float64Array(size);
  for (let k = 0; k < size; k++) {
    const rank = size === 1 ? n - 1 : Math.round(k * (n - 1) / (size - 1));
    time[k] = sorted[rank];
    probability[k] = (rank + 1) / n;
  }
  return { time, probability };
}

/**
 * Ranks (1-based) of `values`, ties given their average rank (the convention Spearman's ρ
 * needs; Kendall & Gibbons, "Rank Correlation Methods", ch. 3). Returns the ranks and the
 * values sorted ascending.
 */
export function averageRanks(values: Float64Array): { ranks: Float64Array; sorted: Float64Array } {
  const n = values.length;
  // A typed-array sort (numeric, no comparator) and a binary search per value is several times
  // faster than sorting indices with a comparator.
  const sorted = values.slice().sort();
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const value = values[i];
    let low = 0;
    let high = n;
    while (low < high) { const mid = (low + high) >>> 1; if (sorted[mid] < value) low = mid + 1; else high = mid; }
    let end = low + 1;
    if (end < n && sorted[end] === value) {
      let top = n;
      while (end < top) { const mid = (end + top) >>> 1; if (sorted[mid] <= value) end = mid + 1; else top = mid; }
    }
    // Positions low..end−1 hold this value: 1-based ranks low+1..end, average (low + 1 + end)/2.
    ranks[i] = (low + 1 + end) / 2;
  }
  return { ranks, sorted };
}
