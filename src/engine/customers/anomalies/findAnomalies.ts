/**
 * The anomaly engine: orders, customers and days that stand out, on cleaned transactions.
 * Each anomaly has a `score`, the evidence, comparable within its kind only (higher = stranger),
 * an `atStake`, the money it concerns, comparable across kinds, and a sentence with the numbers
 * that make it strange.
 *
 * Scores by kind: robust z-scores (median/MAD, Hampel 1974) for odd and low orders (log scale)
 * and odd days (against a local baseline that follows trend and season, see oddDays); a
 * z-score under a lognormal fitted to the customer's own gaps or baskets for early purchases and
 * large baskets (the sentence gives its tail probability); −log10 of a G-test p-value for
 * preference shifts; size against the store's median order, discounted by the delay, for
 * reversals; the yearly value at risk for overdue customers.
 *
 * Within a kind the list is ranked by money where money is what a person acts on (odd and low
 * orders, reversals, overdue customers, large baskets, odd days: `atStake`) and by evidence
 * where it is not (early purchases, preference shifts, stalled journeys: `score`); see `rank`.
 */
import type { CleanedTransactions } from '../cleaning/cleanTransactions.ts';
import { median } from '../../math/index.ts';
import { earlyOrders } from './earlyOrders.ts';
import { oddDays } from './oddDays.ts';
import { oddOrders } from './oddOrders.ts';
import { ordersByCustomer } from './ordersByCustomer.ts';
import { overdueCustomers } from './overdueCustomers.ts';
import { preferenceShifts } from './preferenceShifts.ts';
import { reversals } from './reversals.ts';

export type AnomalyKind = 'odd-order' | 'low-order' | 'reversal' | 'overdue' | 'early' | 'big-basket' | 'preference-shift' | 'odd-day' | 'stalled';

export const ANOMALY_KINDS: readonly AnomalyKind[] = ['odd-order', 'low-order', 'reversal', 'overdue', 'early', 'big-basket', 'preference-shift', 'odd-day', 'stalled'];

/** The kinds in words, for tables and filters. */
export const ANOMALY_KIND_LABELS: Record<AnomalyKind, string> = {
  'odd-order': 'Odd order', 'low-order': 'Order far below usual', reversal: 'Reversal', overdue: 'Overdue', early: 'Early purchase',
  'big-basket': 'Large basket', 'preference-shift': 'Preference shift', 'odd-day': 'Odd day', stalled: 'Stalled journey',
};

export interface Anomaly {
  kind: AnomalyKind;
  customer: string;
  date: string;
  order: string;
  related: string;
  /** For an overdue customer: their P(alive) from the re-purchase fit on screen, when there is one (overdueWithFit.ts). */
  pAlive?: number;
  /**
   * For an overdue customer, their own rhythm: purchase days (day numbers) first and last, how
   * many, the last day of the data, and by their gaps the chance of a silence at least this long.
   */
  rhythm?: { firstDay: number; lastDay: number; purchaseDays: number; endDay: number; gapProbability: number };
  /** Evidence: how strange it is, comparable within its kind only (higher = stranger). */
  score: number;
  /**
   * Money at stake, comparable across kinds (the Attention list's order): how far an order's value
   * is from what the customer would be expected to spend, the value reversed, the yearly value at
   * risk of an overdue customer, a day's revenue away from its local baseline. 0 when none.
   */
  atStake: number;
  why: string;
}

export interface AnomalyThresholds {
  /** Robust z (log scale) both against the store and the customer's own orders. */
  oddOrder: number;
  /** Largest time from an order to its cancellation, in days. */
  reversalDays: number;
  /** Tail probability of the silence since the last order. */
  overdueProbability: number;
  /** Tail probability of a gap this short, or of a basket this large. */
  earlyProbability: number;
  /** Smallest Jensen–Shannon divergence (bits, 0..1) between the earlier and recent mix worth a row, however strong the evidence. */
  shiftDivergence: number;
  /** Orders with labels a customer needs before a shift is looked for. */
  shiftMinimumOrders: number;
  /** Largest p-value of the G-test that the earlier and recent mix are the same. */
  shiftProbability: number;
  /** Robust z of a day's revenue or order count against its local baseline (log scale). */
  oddDay: number;
}

export const DEFAULT_THRESHOLDS: AnomalyThresholds = {
  oddOrder: 3.5, reversalDays: 30, overdueProbability: 0.02, earlyProbability: 0.01,
  shiftDivergence: 0.25, shiftMinimumOrders: 6, shiftProbability: 0.01, oddDay: 3.5,
};

/**
 * Runs every detector that the data allow, on cleaned transactions (purchases at their net
 * value; reversed orders and cancellations only where a detector explains them). Results come
 * sorted by kind (ANOMALY_KINDS order), then by `rank` within the kind, highest first.
 * Cost: O(n log n) in the orders.
 */
export function findAnomalies(cleaned: CleanedTransactions, thresholds: AnomalyThresholds = DEFAULT_THRESHOLDS): Anomaly[] {
  const settings = { ...DEFAULT_THRESHOLDS, ...thresholds };
  const orders = cleaned.purchases;
  const customers = ordersByCustomer(orders);
  const endMinute = orders.minute.reduce((latest, m) => Math.max(latest, m), -Infinity);
  const positive = Array.from(orders.amount).filter((amount) => amount > 0);
  const storeMedian = median(positive);
  const odd = oddOrders(cleaned, customers, positive, settings);
  const oddIds = new Set(odd.filter((a) => a.kind === 'odd-order').map((a) => `${a.customer}\u0000${a.order}`));
  const found = [
    ...odd,
    ...reversals(cleaned, storeMedian, settings),
    ...overdueCustomers(orders, customers, endMinute, settings),
    ...earlyOrders(orders, customers, settings, oddIds),
    ...preferenceShifts(orders, customers, endMinute, settings),
    ...oddDays(orders, settings),
  ];
  return found.sort((x, y) => ANOMALY_KINDS.indexOf(x.kind) - ANOMALY_KINDS.indexOf(y.kind) || rank(y) - rank(x));
}

/**
 * What orders a kind's rows: the money at stake where money is what a person acts on (an odd
 * or low order's distance from the usual, the value reversed, the yearly value at risk, the
 * amount above the usual basket, a day's revenue away from its baseline); the evidence (`score`)
 * where the money is only context (an early re-purchase, a preference shift, a stalled journey).
 */
export function rank(anomaly: Anomaly): number {
  return MONEY_RANKED.has(anomaly.kind) ? anomaly.atStake : anomaly.score;
}

/** The kinds `rank` orders by money at stake. */
export const MONEY_RANKED: ReadonlySet<AnomalyKind> = new Set<AnomalyKind>(['odd-order', 'low-order', 'reversal', 'overdue', 'big-basket', 'odd-day']);
