/**
 * The store's key figures (KPIs) and first-purchase cohort retention, from the cleaned
 * transactions (see cleanTransactions: reversed orders, lines that are not products and
 * duplicates are already out; partly reversed orders carry their net value).
 */
import type { CleanedTransactions } from './cleaning/cleanTransactions.ts';
import { dataCoverage } from './dataCoverage.ts';
import { minutesToIsoDate } from '../csv/index.ts';

export interface Retention {
  /** First-purchase months, "YYYY-MM". */
  cohorts: string[];
  /** Customers in each cohort. */
  size: number[];
  /** share[c][k]: share of cohort c who ordered k months after their first month (NaN past the data). */
  share: number[][];
  /** The first (last) cohort month is only partly in the data: its figures cover part of a month. */
  firstMonthPartial: boolean;
  lastMonthPartial: boolean;
}

export interface Kpis {
  customers: number;
  orders: number;
  revenue: number;
  cancelledRevenue: number;
  /** Postage, fees, adjustments and other lines that are not products, net (out of every other figure). */
  notProductRevenue: number;
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
  orders: 'Orders that were not fully reversed by a cancellation, including those without a customer id; lines that are not products (postage, fees) and exact duplicate lines are left out.',
  revenue: 'Product revenue: orders net of every cancellation (also returns of things bought before the data start), including orders without a customer id; postage, fees and adjustments not included.',
  cancelledRevenue: 'Sum of cancellations (as a positive number): those netted against an earlier order and returns with no earlier order in the data.',
  notProductRevenue: 'Postage, carriage, fees, bank charges and manual or bad-debt adjustments, net: counted here only, never in customer figures.',
  ordersWithoutCustomer: 'Orders with an empty or "(blank)" customer id: in store totals, not in per-customer figures.',
  repeatPurchaseRate: 'Share of customers with two or more orders.',
  averageOrderValue: 'Net value of orders (after partial cancellations) ÷ their number.',
  purchaseFrequency: 'Orders per customer (orders with a customer id ÷ customers).',
  averageInterPurchaseDays: 'Mean time between one order and the same customer\'s next, over all such pairs, in days.',
  historicClv: 'Net value of identified customers\' orders ÷ customers: what a customer has been worth so far.',
};

function monthIndex(minute: number): number {
  const date = new Date(minute * 60_000);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

/** Store KPIs and monthly first-purchase cohort retention, from cleaned transactions. */
export function computeKpis(cleaned: CleanedTransactions): Kpis {
  const orders = cleaned.purchases;
  const n = orders.id.length;
  let revenue = 0;
  for (let i = 0; i < cleaned.lineNet.length; i++) revenue += cleaned.lineNet[i];
  const { rules } = cleaned.summary;
  let total = 0;
  let withoutCustomer = 0;
  let identifiedRevenue = 0;
  let identifiedOrders = 0;
  const byCustomer = new Map<string, number[]>();
  let lastMonth = -Infinity;
  for (let i = 0; i < n; i++) {
    total += orders.amount[i];
    lastMonth = Math.max(lastMonth, monthIndex(orders.minute[i]));
    if (orders.customer[i] === '') { withoutCustomer++; continue; }
    identifiedRevenue += orders.amount[i];
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
  const coverage = dataCoverage(orders.minute);
  return {
    customers, orders: n, revenue,
    cancelledRevenue: rules.cancellation.money + rules['unmatched-return'].money,
    notProductRevenue: rules['not-a-product'].money,
    ordersWithoutCustomer: withoutCustomer,
    repeatPurchaseRate: customers ? repeaters / customers : NaN,
    averageOrderValue: n ? total / n : NaN,
    purchaseFrequency: customers ? identifiedOrders / customers : NaN,
    averageInterPurchaseDays: gapCount ? gapTotal / gapCount : NaN,
    historicClv: customers ? identifiedRevenue / customers : NaN,
    retention: {
      cohorts: cohortKeys.map((key) => minutesToIsoDate(Date.UTC(Math.floor(key / 12), key % 12, 1) / 60_000).slice(0, 7)),
      size: cohortKeys.map((key) => cohortMembers.get(key)!.length),
      share,
      firstMonthPartial: coverage.firstMonthPartial,
      lastMonthPartial: coverage.lastMonthPartial,
    },
  };
}
