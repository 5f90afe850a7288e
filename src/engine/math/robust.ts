/**
 * Robust location and scale: the median and the median absolute deviation, scaled by 1.4826 so
 * it estimates the standard deviation of normal data (Hampel 1974; Rousseeuw & Croux 1993).
 * Outlier scores use them instead of the mean and SD, which the outliers themselves inflate.
 */

/** Median of the values (NaN when empty). Does not modify the input. */
export function median(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/** 1.4826 × median |x − median| (NaN when empty). */
export function scaledMad(values: ArrayLike<number>, center = median(values)): number {
  const deviations = Float64Array.from(values, (value) => Math.abs(value - center));
  return 1.4826 * median(deviations);
}

/** (x − median)/scaled MAD, with the MAD floored at `floor` so near-constant data do not give infinite scores. */
export function robustZ(value: number, center: number, spread: number, floor: number): number {
  return (value - center) / Math.max(spread, floor);
}
