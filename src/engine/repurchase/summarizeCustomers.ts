/**
 * From transactions to the per-customer summary the repeat-buying models need
 * (Fader, Hardie & Lee 2005): frequency x, recency t_x, age T and the average repeat value.
 */
import type { CustomerSummary } from './bgnbd.ts';

export interface Transactions {
  customer: string[];
  /** Whole days since 1970-01-01 (wall-clock dates, no time zone). */
  day: Int32Array;
  amount: Float64Array;
}

export type TimeUnit = 'days' | 'weeks';

export const DAYS_PER_UNIT: Record<TimeUnit, number> = { days: 1, weeks: 7 };

/**
 * Summarises transactions up to and including `calibrationEnd` (a day number). Orders on the
 * same day count as one purchase (their amounts added), as in FHL 2005. Frequency x is the
 * number of purchase days after the first; recency t_x and age T are measured from the first
 * purchase, to the last purchase and to the end of the calibration day, in `unit`s. The
 * monetary value is the mean of the repeat purchase days' totals — the first purchase is left
 * out, the definition with which the Gamma–Gamma parameters of FHL's CLV paper are reproduced.
 * Customers whose first purchase is after the calibration end are left out.
 */
export function summarizeCustomers(transactions: Transactions, calibrationEnd: number, unit: TimeUnit): CustomerSummary {
  const perCustomer = new Map<string, Map<number, number>>();
  const { customer, day, amount } = transactions;
  for (let i = 0; i < customer.length; i++) {
    if (day[i] > calibrationEnd) continue;
    let days = perCustomer.get(customer[i]);
    if (!days) { days = new Map(); perCustomer.set(customer[i], days); }
    days.set(day[i], (days.get(day[i]) ?? 0) + amount[i]);
  }
  const ids = [...perCustomer.keys()];
  const count = ids.length;
  const frequency = new Float64Array(count);
  const recency = new Float64Array(count);
  const age = new Float64Array(count);
  const monetary = new Float64Array(count);
  const unitDays = DAYS_PER_UNIT[unit];
  ids.forEach((id, i) => {
    const days = [...perCustomer.get(id)!.entries()].sort((x, y) => x[0] - y[0]);
    const first = days[0][0];
    const last = days[days.length - 1][0];
    frequency[i] = days.length - 1;
    recency[i] = (last - first) / unitDays;
    age[i] = (calibrationEnd - first) / unitDays;
    let repeatTotal = 0;
    for (let k = 1; k < days.length; k++) repeatTotal += days[k][1];
    monetary[i] = days.length > 1 ? repeatTotal / (days.length - 1) : 0;
  });
  return { ids, frequency, recency, age, monetary };
}
