/** How the anomaly sentences write their numbers: money, ratios, probabilities, delays and counts. */

// One formatter for every sentence: toLocaleString with options builds a new one per call (~20 µs).
const MONEY = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** Whole numbers with thousands separators. */
export const WHOLE = new Intl.NumberFormat('en');

/** "1,234.50". */
export function money(value: number): string {
  return MONEY.format(value);
}

/** "3.5×" above 1, "1/4.0 of" below. */
export function times(ratio: number): string {
  if (ratio >= 1) return `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1)}×`;
  return `1/${(1 / ratio) >= 10 ? (1 / ratio).toFixed(0) : (1 / ratio).toFixed(1)} of`;
}

/** "12%", "0.4%", "< 0.1%". */
export function percent(p: number): string {
  return p < 0.001 ? '< 0.1%' : `${(100 * p).toFixed(p < 0.01 ? 1 : 0)}%`;
}

/** "12 minutes", "5 hours", "3 days". */
export function delayText(minutes: number): string {
  return minutes < 120 ? `${Math.round(minutes)} minutes` : minutes < 2880 ? `${Math.round(minutes / 60)} hours` : `${Math.round(minutes / 1440)} days`;
}
