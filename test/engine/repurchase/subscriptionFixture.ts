/**
 * A one-plan subscription business, drawn from a seed: every customer orders every 14 days at
 * one price from the day they join until the end of the data, except the third (on average)
 * who cancel at a time drawn uniformly over their span. One more customer, "stopped-37w",
 * placed four fortnightly orders and has been silent for the last 37 weeks. The orders come
 * back as the engine's compact table and as the CSV a person would import.
 */
import { dayNumber, dayToIso } from '../../../src/engine/csv/dates.ts';
import type { Transactions } from '../../../src/engine/repurchase/summarizeCustomers.ts';
import { randomSfc32, uniform01 } from '../../../src/engine/math/random.ts';

export interface SubscriptionOptions {
  customers?: number;
  /** Days between orders. */
  interval?: number;
  price?: number;
  /** Chance that a customer cancels before the end of the data. */
  cancelShare?: number;
  seed?: number;
}

export interface SubscriptionOrders {
  transactions: Transactions;
  csv: string;
  firstDay: number;
  /** The last day of the data (the default calibration end). */
  lastDay: number;
}

/** The customer who stopped after four fortnightly orders, 37 weeks before the end of the data. */
export const STOPPED_CUSTOMER = 'stopped-37w';

export function subscriptionOrders({ customers = 300, interval = 14, price = 25, cancelShare = 1 / 3, seed = 1 }: SubscriptionOptions = {}): SubscriptionOrders {
  const next = randomSfc32(seed, 0x5ab5c01b);
  const firstDay = dayNumber(2023, 1, 2);
  const lastDay = dayNumber(2024, 6, 30);
  const customer: string[] = [];
  const day: number[] = [];
  // Customers join over the first year; each orders on the day they join and every `interval` days after.
  for (let c = 0; c < customers; c++) {
    const id = `c${String(c + 1).padStart(4, '0')}`;
    const joined = firstDay + Math.floor(uniform01(next) * 365);
    const cancels = uniform01(next) < cancelShare;
    const stop = cancels ? joined + uniform01(next) * (lastDay - joined) : lastDay;
    for (let d = joined; d <= stop; d += interval) { customer.push(id); day.push(d); }
  }
  const lastStopped = lastDay - 37 * 7;
  for (let k = 3; k >= 0; k--) { customer.push(STOPPED_CUSTOMER); day.push(lastStopped - k * interval); }
  // Someone joins on the last day, so the data end on \`lastDay\` and the default calibration end is that day.
  customer.push('joined-last-day'); day.push(lastDay);
  const lines = customer.map((id, i) => `${id},${dayToIso(day[i])},${price.toFixed(2)}`);
  return {
    transactions: { customer, day: Int32Array.from(day), amount: new Float64Array(day.length).fill(price) },
    csv: `customer,date,amount\n${lines.join('\n')}\n`,
    firstDay, lastDay,
  };
}
