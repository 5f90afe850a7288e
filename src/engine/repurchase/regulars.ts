/**
 * Regulars: customers who buy on a rhythm, so a reminder can be timed to it. A customer is a
 * regular with at least `minimumOrders` purchase days and a steady gap: the coefficient of
 * variation of the gaps between purchase days (sample standard deviation, n − 1, over the
 * mean) below `maximumVariation`. A CV of 0.5 means the gaps typically stray half a usual gap
 * from it; a Poisson buyer's exponential gaps have CV 1, so below 0.5 is clearly more regular
 * than chance.
 */
import { median } from '../math/index.ts';

export interface Regular {
  customer: string;
  /** Purchase days (orders on one day count once). */
  purchaseDays: number;
  /** Median gap between purchase days, in days. */
  usualGap: number;
  /** Coefficient of variation of the gaps. */
  variation: number;
  /** Day number of the last purchase. */
  lastDay: number;
  /** lastDay + usualGap, rounded to a whole day. */
  nextDay: number;
  /** Days from the expected next purchase to `endDay` (positive: that many days overdue). */
  daysLate: number;
}

export interface RegularOptions { minimumOrders?: number; maximumVariation?: number }

/**
 * Regulars among customers given as sorted, distinct purchase days each, as of `endDay`
 * (purchases after it are ignored). Sorted for a reminder list: those still due first, soonest
 * first, then those already late, least late first (the longest silent have likely lapsed).
 * A customer whose gaps average 0 cannot occur (days are distinct). O(total purchases).
 */
export function findRegulars(
  customers: readonly { customer: string; days: readonly number[] }[], endDay: number,
  { minimumOrders = 4, maximumVariation = 0.5 }: RegularOptions = {},
): Regular[] {
  const result: Regular[] = [];
  for (const { customer, days: all } of customers) {
    const days = all.filter((d) => d <= endDay);
    if (days.length < minimumOrders || days.length < 3) continue;
    const gaps = days.slice(1).map((day, k) => day - days[k]);
    const mean = gaps.reduce((s, g) => s + g, 0) / gaps.length;
    const variance = gaps.reduce((s, g) => s + (g - mean) ** 2, 0) / (gaps.length - 1);
    const variation = Math.sqrt(variance) / mean;
    if (!(variation < maximumVariation)) continue;
    const usualGap = median(gaps);
    const lastDay = days[days.length - 1];
    const nextDay = Math.round(lastDay + usualGap);
    result.push({ customer, purchaseDays: days.length, usualGap, variation, lastDay, nextDay, daysLate: endDay - nextDay });
  }
  const late = (r: Regular) => (r.daysLate > 0 ? 1 : 0);
  return result.sort((x, y) => late(x) - late(y) || x.daysLate * (late(x) ? 1 : -1) - y.daysLate * (late(y) ? 1 : -1) || x.customer.localeCompare(y.customer));
}
