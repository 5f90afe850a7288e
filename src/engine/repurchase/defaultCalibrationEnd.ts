/**
 * Where the calibration period ends when the person has not chosen: early enough that the last
 * part of the data is a holdout the forecasts can be checked on (Fader, Hardie & Lee 2005 fit
 * CDNOW on its first 39 weeks and check the forecasts on the next 39), and late enough that the
 * fit has most of the data. The last 20% of the date span is held out, when that leaves at
 * least two median gaps between a customer's orders in it (so a typical customer had time to
 * order again) and at least 20 customers who bought twice before it (enough to fit on);
 * otherwise nothing is held out and the calibration ends on the last date.
 */
import type { Transactions } from './summarizeCustomers.ts';

/** The share of the date span held out by default. */
export const HOLDOUT_SHARE = 0.2;
/** The holdout must be at least this many median gaps between orders long. */
export const HOLDOUT_GAPS = 2;
/** Customers with a repeat purchase before the default calibration end, at least. */
export const CALIBRATION_REPEATERS = 20;

export interface CalibrationDefault {
  /** The default calibration end, a day number. */
  day: number;
  /** Whether it holds the last part of the data out (false: it is the last date). */
  heldOut: boolean;
  /** Why, in a few words: "last 20% held out", or why nothing is. */
  reason: string;
}

/**
 * The default calibration end of `transactions` (orders by day; several on one day count once).
 * Undefined without orders. Cost: one pass, and a sort of the gaps.
 */
export function defaultCalibrationEnd(transactions: Transactions): CalibrationDefault | undefined {
  const { customer, day } = transactions;
  if (day.length === 0) return undefined;
  const days = new Map<string, number[]>();
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < customer.length; i++) {
    let list = days.get(customer[i]);
    if (!list) { list = []; days.set(customer[i], list); }
    list.push(day[i]);
    if (day[i] < first) first = day[i];
    if (day[i] > last) last = day[i];
  }
  const held = Math.round(HOLDOUT_SHARE * (last - first));
  const end = last - held;
  const gaps: number[] = [];
  let repeaters = 0;
  for (const list of days.values()) {
    const distinct = [...new Set(list)].sort((p, q) => p - q);
    for (let k = 1; k < distinct.length; k++) gaps.push(distinct[k] - distinct[k - 1]);
    if (distinct.length >= 2 && distinct[1] <= end) repeaters++;
  }
  const lastDate = (reason: string): CalibrationDefault => ({ day: last, heldOut: false, reason });
  if (gaps.length === 0) return lastDate('the last date, as nobody ordered twice');
  gaps.sort((p, q) => p - q);
  const medianGap = gaps.length % 2 ? gaps[(gaps.length - 1) / 2] : (gaps[gaps.length / 2 - 1] + gaps[gaps.length / 2]) / 2;
  const share = `${Math.round(100 * HOLDOUT_SHARE)}%`;
  if (held < HOLDOUT_GAPS * medianGap) {
    return lastDate(`the last date, as the last ${share} of the data (${held} days) is shorter than ${HOLDOUT_GAPS} median gaps between orders (${medianGap} days each)`);
  }
  if (repeaters < CALIBRATION_REPEATERS) {
    return lastDate(`the last date, as before the last ${share} only ${repeaters} customers bought twice, too few to fit on`);
  }
  return { day: end, heldOut: true, reason: `last ${share} held out` };
}
