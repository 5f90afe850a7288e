/**
 * Orders from transaction rows, and the store's key figures (KPIs). Order lines with the same
 * order id are one order; without an order id every row is an order. A cancellation is an
 * order whose id starts with "C" or whose total is negative.
 */
import type { TransactionTable } from './customerData.ts';
import { minutesToIsoDate } from './dates.ts';

export interface Orders {
  id: string[];
  /** '' when the order has no customer. */
  customer: string[];
  minute: Float64Array;
  amount: Float64Array;
  cancellation: Uint8Array;
  /** Category (or product) labels of each order's lines, when the file has such a column. */
  labels: string[][] | undefined;
  /** File line of the order's first row. */
  line: Int32Array;
}

/** Sums order lines into orders, in order of first appearance. */
export function aggregateOrders(table: TransactionTable): Orders {
  const labelsColumn = table.category ?? table.product;
  const index = new Map<string, number>();
  const id: string[] = [];
  const customer: string[] = [];
  const minute: number[] = [];
  const amount: number[] = [];
  const cancelled: number[] = [];
  const labels: string[][] = [];
  const line: number[] = [];
  for (let i = 0; i < table.customer.length; i++) {
    const orderId = table.order[i];
    const key = orderId === '' ? `#row${i}` : `${orderId}\u0000${table.customer[i]}`;
    let at = index.get(key);
    if (at === undefined) {
      at = id.length;
      index.set(key, at);
      id.push(orderId === '' ? `line ${table.line[i]}` : orderId);
      customer.push(table.customer[i]);
      minute.push(table.minute[i]);
      amount.push(0);
      cancelled.push(0);
      labels.push([]);
      line.push(table.line[i]);
    }
    amount[at] += table.amount[i];
    if (table.cancellation[i]) cancelled[at] = 1;
    if (labelsColumn && labelsColumn[i]) labels[at].push(labelsColumn[i]);
  }
  return {
    id, customer, minute: Float64Array.from(minute), amount: Float64Array.from(amount),
    cancellation: Uint8Array.from(cancelled, (flag, k) => (flag || amount[k] < 0 ? 1 : 0)),
    labels: labelsColumn ? labels : undefined, line: Int32Array.from(line),
  };
}

export interface Retention {
  /** First-purchase months, "YYYY-MM". */
  cohorts: string[];
  /** Customers in each cohort. */
  size: number[];
  /** share[c][k]: share of cohort c who ordered k months after their first month (NaN past the data). */
  share: number[][];
}

export interface Kpis {
  customers: number;
  orders: number;
  revenue: number;
  cancelledRevenue: number;
  ordersWithoutCustomer: number;
  repeatPurchaseRate: number;
  averageOrderValue: number;
  purchaseFrequency: number;
  averageInterPurchaseDays: number;
  historicClv: number;
  retention: Retention;
}

/** The definitions a person sees one click away, by KPI name. */
export const KPI_DEFINITIONS: Record<Exclude<keyof Kpis, 'retention'>, string> = {
  customers: 'Distinct customers with at least one order that was not cancelled.',
  orders: 'Orders that were not cancelled, including those without a customer id.',
  revenue: 'Sum of all orders minus cancellations, including orders without a customer id.',
  cancelledRevenue: 'Sum of cancelled orders (as a positive number).',
  ordersWithoutCustomer: 'Orders with an empty or "(blank)" customer id: in store totals, not in per-customer figures.',
  repeatPurchaseRate: 'Share of customers with two or more orders.',
  averageOrderValue: 'Total of orders that were not cancelled ÷ their number.',
  purchaseFrequency: 'Orders per customer (orders with a customer id ÷ customers).',
  averageInterPurchaseDays: 'Mean time between one order and the same customer\'s next, over all such pairs, in days.',
  historicClv: 'Net revenue from identified customers ÷ customers: what a customer has been worth so far.',
};

function monthIndex(minute: number): number {
  const date = new Date(minute * 60_000);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

/** Store KPIs and monthly first-purchase cohort retention. */
export function computeKpis(orders: Orders): Kpis {
  const n = orders.id.length;
  let revenue = 0;
  let cancelledRevenue = 0;
  let positiveTotal = 0;
  let positiveCount = 0;
  let withoutCustomer = 0;
  let identifiedRevenue = 0;
  let identifiedOrders = 0;
  const byCustomer = new Map<string, number[]>();
  let lastMonth = -Infinity;
  for (let i = 0; i < n; i++) {
    revenue += orders.amount[i];
    if (orders.customer[i] !== '') identifiedRevenue += orders.amount[i];
    if (orders.cancellation[i]) { cancelledRevenue -= Math.min(orders.amount[i], 0); continue; }
    positiveTotal += orders.amount[i];
    positiveCount++;
    lastMonth = Math.max(lastMonth, monthIndex(orders.minute[i]));
    if (orders.customer[i] === '') { withoutCustomer++; continue; }
    identifiedOrders++;
    let list = byCustomer.get(orders.customer[i]);
    if (!list) { list = []; byCustomer.set(orders.customer[i], list); }
    list.push(orders.minute[i]);
  }
  const customers = byCustomer.size;
  let repeaters = 0;
  let gapTotal = 0;
  let gapCount = 0;
  const cohortMembers = new Map<number, number[][]>();
  for (const times of byCustomer.values()) {
    times.sort((x, y) => x - y);
    if (times.length >= 2) repeaters++;
    for (let k = 1; k < times.length; k++) { gapTotal += (times[k] - times[k - 1]) / 1440; gapCount++; }
    const cohort = monthIndex(times[0]);
    let members = cohortMembers.get(cohort);
    if (!members) { members = []; cohortMembers.set(cohort, members); }
    members.push(times);
  }
  const cohortKeys = [...cohortMembers.keys()].sort((x, y) => x - y);
  const share = cohortKeys.map((cohort) => {
    const members = cohortMembers.get(cohort)!;
    const span = lastMonth - cohort;
    const active = new Array(span + 1).fill(0);
    for (const times of members) {
      const months = new Set(times.map((t) => monthIndex(t) - cohort));
      for (const k of months) if (k <= span) active[k]++;
    }
    return active.map((count: number) => count / members.length);
  });
  return {
    customers, orders: positiveCount, revenue, cancelledRevenue, ordersWithoutCustomer: withoutCustomer,
    repeatPurchaseRate: customers ? repeaters / customers : NaN,
    averageOrderValue: positiveCount ? positiveTotal / positiveCount : NaN,
    purchaseFrequency: customers ? identifiedOrders / customers : NaN,
    averageInterPurchaseDays: gapCount ? gapTotal / gapCount : NaN,
    historicClv: customers ? identifiedRevenue / customers : NaN,
    retention: {
      cohorts: cohortKeys.map((key) => minutesToIsoDate(Date.UTC(Math.floor(key / 12), key % 12, 1) / 60_000).slice(0, 7)),
      size: cohortKeys.map((key) => cohortMembers.get(key)!.length),
      share,
    },
  };
}
