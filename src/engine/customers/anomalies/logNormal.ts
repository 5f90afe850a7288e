/** Lognormal fits of a customer's own gaps or baskets, with the spread floored (see LOG_SPREAD_FLOOR). */

/** Smallest spread (σ of the logs) a lognormal is given, so a steady customer does not give infinite scores. */
export const LOG_SPREAD_FLOOR = 0.25;

/** Lognormal (μ, σ) of positive values, σ floored so a steady customer does not give infinite scores. */
export function logNormal(values: number[]): { mu: number; sigma: number } {
  const logs = values.map(Math.log);
  const mu = logs.reduce((s, v) => s + v, 0) / logs.length;
  const variance = logs.reduce((s, v) => s + (v - mu) ** 2, 0) / Math.max(1, logs.length - 1);
  return { mu, sigma: Math.max(Math.sqrt(variance), LOG_SPREAD_FLOOR) };
}

/**
 * The lognormal of all values but one, from running sums of the logs and their squares (the
 * same mean and n − 1 variance as logNormal on the rest, in O(1)).
 */
export function logNormalWithout(sum: number, sumOfSquares: number, count: number, left: number): { mu: number; sigma: number } {
  const n = count - 1;
  const mu = (sum - left) / n;
  const variance = Math.max(0, (sumOfSquares - left * left) - n * mu * mu) / Math.max(1, n - 1);
  return { mu, sigma: Math.max(Math.sqrt(variance), LOG_SPREAD_FLOOR) };
}
