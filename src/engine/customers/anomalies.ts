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
import { minutesToIsoDate, minutesToIsoDateTime } from '../csv/index.ts';
import type { CleanedTransactions, Orders } from './cleanTransactions.ts';
import { dataCoverage } from './dataCoverage.ts';
import { median, robustZ, scaledMad } from '../math/index.ts';
import { logRegularizedUpperGamma, standardNormalCdf } from '../math/index.ts';

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
  /** For an overdue customer: their BG/NBD P(alive) at the end of the data, when the model could be fitted. */
  pAlive?: number;
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

const LOG_SPREAD_FLOOR = 0.25;

// One formatter for every sentence: toLocaleString with options builds a new one per call (~20 µs).
const MONEY = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const WHOLE = new Intl.NumberFormat('en');

function money(value: number): string {
  return MONEY.format(value);
}

function times(ratio: number): string {
  if (ratio >= 1) return `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1)}×`;
  return `1/${(1 / ratio) >= 10 ? (1 / ratio).toFixed(0) : (1 / ratio).toFixed(1)} of`;
}

function percent(p: number): string {
  return p < 0.001 ? '< 0.1%' : `${(100 * p).toFixed(p < 0.01 ? 1 : 0)}%`;
}

interface CustomerOrders { customer: string; indices: number[] }

function ordersByCustomer(orders: Orders): CustomerOrders[] {
  const map = new Map<string, number[]>();
  for (let i = 0; i < orders.id.length; i++) {
    if (orders.customer[i] === '' || !(orders.amount[i] > 0)) continue;
    let list = map.get(orders.customer[i]);
    if (!list) { list = []; map.set(orders.customer[i], list); }
    list.push(i);
  }
  return [...map].map(([customer, indices]) => ({ customer, indices: indices.sort((x, y) => orders.minute[x] - orders.minute[y]) }));
}

/** Lognormal (μ, σ) of positive values, σ floored so a steady customer does not give infinite scores. */
function logNormal(values: number[]): { mu: number; sigma: number } {
  const logs = values.map(Math.log);
  const mu = logs.reduce((s, v) => s + v, 0) / logs.length;
  const variance = logs.reduce((s, v) => s + (v - mu) ** 2, 0) / Math.max(1, logs.length - 1);
  return { mu, sigma: Math.max(Math.sqrt(variance), LOG_SPREAD_FLOOR) };
}

/**
 * The lognormal of all values but one, from running sums of the logs and their squares (the
 * same mean and n − 1 variance as logNormal on the rest, in O(1)).
 */
function logNormalWithout(sum: number, sumOfSquares: number, count: number, left: number): { mu: number; sigma: number } {
  const n = count - 1;
  const mu = (sum - left) / n;
  const variance = Math.max(0, (sumOfSquares - left * left) - n * mu * mu) / Math.max(1, n - 1);
  return { mu, sigma: Math.max(Math.sqrt(variance), LOG_SPREAD_FLOOR) };
}

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

/**
 * Orders far outside the store's distribution and, when the customer has history, their own.
 * The robust score (Hampel's median/MAD z on the log scale, the smaller of the store and own
 * z when both exist) decides what is odd; the list is ranked by the money at stake, the distance
 * of the order's value from what this customer would be expected to spend (their median order,
 * or the store's without a history). Orders far below the usual are their own kind, 'low-order',
 * so fee-sized orders never crowd out the large ones. Reversed orders are looked at too (at the
 * value they were placed for) and name their reversal; baselines come from purchases only.
 */
export function oddOrders(cleaned: CleanedTransactions, customers: CustomerOrders[], positive: number[], thresholds: AnomalyThresholds): Anomaly[] {
  const orders = cleaned.purchases;
  const storeLogs = positive.map(Math.log);
  const storeCenter = median(storeLogs);
  const storeSpread = scaledMad(storeLogs, storeCenter);
  const reversedOf = new Map<string, number[]>();
  const { reversed } = cleaned;
  for (let i = 0; i < reversed.id.length; i++) {
    if (reversed.customer[i] === '' || !(reversed.gross[i] > 0)) continue;
    const list = reversedOf.get(reversed.customer[i]);
    if (list) list.push(i); else reversedOf.set(reversed.customer[i], [i]);
  }
  const seen = new Set<string>();
  const result: Anomaly[] = [];
  const consider = (customer: string, purchaseIndices: number[]) => {
    seen.add(customer);
    const logs = purchaseIndices.map((i) => Math.log(orders.amount[i]));
    const hasHistory = purchaseIndices.length >= 4;
    const center = hasHistory ? median(logs) : NaN;
    const spread = hasHistory ? scaledMad(logs, center) : NaN;
    const candidates: { from: Orders; index: number }[] = [
      ...purchaseIndices.map((index) => ({ from: orders, index })),
      ...(reversedOf.get(customer) ?? []).map((index) => ({ from: reversed, index })),
    ];
    for (const { from, index } of candidates) {
      const amount = from.gross[index];
      const logAmount = Math.log(amount);
      const storeZ = robustZ(logAmount, storeCenter, storeSpread, LOG_SPREAD_FLOOR);
      let score: number;
      if (hasHistory) {
        const ownZ = robustZ(logAmount, center, spread, LOG_SPREAD_FLOOR);
        score = Math.sign(storeZ) === Math.sign(ownZ) ? Math.min(Math.abs(storeZ), Math.abs(ownZ)) : 0;
      } else {
        // Without a history to compare with, only a store-level outlier well beyond the line counts.
        score = Math.abs(storeZ) - 1;
      }
      if (score < thresholds.oddOrder) continue;
      const expected = Math.exp(hasHistory ? center : storeCenter);
      const below = amount < expected;
      const when = minutesToIsoDateTime(from.minute[index]);
      const own = hasHistory ? `${times(amount / Math.exp(center))} this customer's median order (${money(Math.exp(center))}) and ` : '';
      const reversedBy = from.reversedBy[index];
      const reversal = reversedBy.length === 0 ? ''
        : from === reversed ? `; reversed ${delayText(from.reversedAfter[index])} later by ${reversedBy.join(', ')}`
          : `; partly reversed ${delayText(from.reversedAfter[index])} later by ${reversedBy.join(', ')} (net ${money(from.amount[index])})`;
      result.push({
        kind: below ? 'low-order' : 'odd-order', customer, date: when, order: from.id[index], related: reversedBy.join(' '), score,
        atStake: Math.abs(amount - expected),
        why: `${money(amount)} on ${when}: ${own}${times(amount / Math.exp(storeCenter))} the store's median order (${money(Math.exp(storeCenter))})${reversal}.`
          + (below ? ' Far below what this customer usually spends: a fee, a sample or a part order, more often than a lost sale.' : ''),
      });
    }
  };
  for (const { customer, indices } of customers) consider(customer, indices);
  for (const customer of reversedOf.keys()) if (!seen.has(customer)) consider(customer, []);
  return result;
}

/** "12 minutes", "5 hours", "3 days". */
function delayText(minutes: number): string {
  return minutes < 120 ? `${Math.round(minutes)} minutes` : minutes < 2880 ? `${Math.round(minutes / 60)} hours` : `${Math.round(minutes / 1440)} days`;
}

/**
 * Cancellations that took back an order of the same customer within `reversalDays` (the
 * pairing is the cleaning step's). Both sides are listed, each pointing at the other, with the
 * same money at stake, the value reversed: the order first, then its cancellation, so a pair
 * stays together when ranked by it. The score, the evidence, is the size against the store's
 * median order, discounted by the days it took. Reversals later than `reversalDays` are not
 * listed; the cleaning summary still counts and totals every cancellation netted.
 */
export function reversals(cleaned: CleanedTransactions, storeMedian: number, thresholds: AnomalyThresholds): Anomaly[] {
  const result: Anomaly[] = [];
  const byId = new Map<string, { orders: Orders; index: number }>();
  for (const orders of [cleaned.purchases, cleaned.reversed]) {
    for (let i = 0; i < orders.id.length; i++) byId.set(`${orders.customer[i]}\u0000${orders.id[i]}`, { orders, index: i });
  }
  for (const c of cleaned.cancellations) {
    if (c.customer === '' || !(c.matched > 0)) continue;
    for (const { order: orderId, amount: size } of c.reverses) {
      const found = byId.get(`${c.customer}\u0000${orderId}`);
      if (!found) continue;
      const { orders, index } = found;
      const minutes = c.minute - orders.minute[index];
      if (minutes > thresholds.reversalDays * 1440) continue;
      const delay = delayText(minutes);
      const score = (size / storeMedian) / (1 + minutes / 1440);
      const whole = orders === cleaned.reversed ? 'reversed' : `partly reversed (${money(size)} of ${money(orders.gross[index])})`;
      const why = `${money(orders.gross[index])} order ${orderId} on ${minutesToIsoDateTime(orders.minute[index])} ${whole} ${delay} later by ${c.id}`
        + ` (${times(size / storeMedian)} the store's median order).`;
      result.push({ kind: 'reversal', customer: c.customer, date: minutesToIsoDateTime(orders.minute[index]), order: orderId, related: c.id, score, atStake: size, why });
      result.push({ kind: 'reversal', customer: c.customer, date: minutesToIsoDateTime(c.minute), order: c.id, related: orderId, score, atStake: size, why });
    }
  }
  return result;
}

/** Purchase days of a customer (several orders on one day are one purchase), in days since 1970. */
function purchaseDays(orders: Orders, indices: number[]): number[] {
  return [...new Set(indices.map((i) => Math.floor(orders.minute[i] / 1440)))].sort((x, y) => x - y);
}

/**
 * A customer's spend per year over their history: their net spend (purchases after
 * cancellations) times 365 over the days from their first purchase to the end of the data, a
 * history shorter than a year counting as a year so a few weeks' burst is not extrapolated.
 */
function spendPerYear(orders: Orders, indices: number[], endDay: number): number {
  const total = indices.reduce((s, i) => s + orders.amount[i], 0);
  const firstDay = Math.floor(orders.minute[indices[0]] / 1440);
  return total * 365 / Math.max(endDay - firstDay, 365);
}

/**
 * Customers (3+ purchase days) silent for improbably long given their own gaps: the upper tail
 * of a lognormal fitted to their gaps, P(gap > elapsed), decides who is overdue. The score, which
 * orders them, is the value at risk (churn risk ranked by what it would cost): a year at their
 * purchase rate over their whole history — x repeat purchase days over T days from the first
 * purchase to the end of the data, the Poisson rate's estimate x/T (the NBD posterior mean
 * (r + x)/(α + T) without the prior; Fader, Hardie & Lee 2005, "Counting your customers the
 * easy way", §3) — times their average net spend per purchase day
 * (purchases are net of cancellations; a fully reversed order is not a purchase).
 * A history shorter than a year counts as a year (x/max(T, 365)), so a few weeks' burst is not
 * extrapolated to a year: the figure stays below their total spend per year of history (or in all,
 * for a history shorter than a year).
 * A year at the usual gap instead turns a short burst (a gap of 1 day) into an absurd figure.
 */
export function overdueCustomers(orders: Orders, customers: CustomerOrders[], endMinute: number, thresholds: AnomalyThresholds): Anomaly[] {
  const endDay = Math.floor(endMinute / 1440);
  const result: Anomaly[] = [];
  for (const { customer, indices } of customers) {
    const days = purchaseDays(orders, indices);
    if (days.length < 3) continue;
    const gaps = days.slice(1).map((day, k) => day - days[k]);
    const { mu, sigma } = logNormal(gaps);
    const elapsed = endDay - days[days.length - 1];
    if (elapsed <= 0) continue;
    const z = (Math.log(elapsed) - mu) / sigma;
    const tail = 1 - standardNormalCdf(z);
    if (tail >= thresholds.overdueProbability) continue;
    const perPurchaseDay = indices.reduce((s, i) => s + orders.amount[i], 0) / days.length;
    const usual = Math.exp(mu);
    const perYear = (days.length - 1) / Math.max(endDay - days[0], 365) * 365;
    const atRisk = perYear * perPurchaseDay;
    const last = indices[indices.length - 1];
    result.push({
      kind: 'overdue', customer, date: minutesToIsoDate(orders.minute[last]), order: orders.id[last], related: '',
      score: atRisk, atStake: atRisk,
      why: `Last ordered ${minutesToIsoDate(orders.minute[last])}, ${elapsed} days before the data ends; usually orders every ${usual.toFixed(0) === '1' ? 'day' : `${usual.toFixed(0)} days`}`
        + ` (a gap this long has P ${percent(tail)}). About ${money(atRisk)} a year at risk: ${perYear.toFixed(1)} purchase days a year`
        + ` at ${money(perPurchaseDay)} each, net of cancellations. Ranked by the value at risk.`,
    });
  }
  return result;
}

/**
 * Two reasons a repeat order stands out, each its own row, each judged against this customer's
 * other orders (5+ orders; each order's own gap or amount left out of the fit it is judged by):
 * - 'early': ordered far sooner than their rhythm — the gap since their previous order is below
 *   half their usual gap, and improbable under a lognormal fitted to their other gaps between
 *   orders on different days (P below `earlyProbability`). Money at stake: the order's value,
 *   money arriving early. Ranked by the evidence.
 * - 'big-basket': a basket more than twice their usual (the geometric mean of their other
 *   orders), improbable under a lognormal fitted to them. Money at stake: the amount above the
 *   usual basket. An order already listed as an odd order (far above the store and this
 *   customer, see oddOrders) is not listed again here.
 * Purchases are net of cancellations, so a fully reversed order is never early or large, and a
 * partly reversed one is judged at what was kept.
 * Cost: O(n) per customer.
 */
export function earlyOrders(orders: Orders, customers: CustomerOrders[], thresholds: AnomalyThresholds, oddIds: ReadonlySet<string> = new Set()): Anomaly[] {
  const result: Anomaly[] = [];
  for (const { customer, indices } of customers) {
    if (indices.length < 5) continue;
    const days = indices.map((i) => Math.floor(orders.minute[i] / 1440));
    const amounts = indices.map((i) => orders.amount[i]);
    // Gap k is from order k − 1 to order k; same-day orders (gap 0) are parts of one purchase, not a rhythm.
    let gapSum = 0;
    let gapSquares = 0;
    let gapCount = 0;
    for (let k = 1; k < days.length; k++) {
      const gap = days[k] - days[k - 1];
      if (gap > 0) { gapSum += Math.log(gap); gapSquares += Math.log(gap) ** 2; gapCount++; }
    }
    let amountSum = 0;
    let amountSquares = 0;
    for (const amount of amounts) { amountSum += Math.log(amount); amountSquares += Math.log(amount) ** 2; }
    for (let k = 1; k < indices.length; k++) {
      const i = indices[k];
      const gap = days[k] - days[k - 1];
      if (gap > 0 && gapCount - 1 >= 3) {
        const { mu, sigma } = logNormalWithout(gapSum, gapSquares, gapCount, Math.log(gap));
        const z = (mu - Math.log(gap)) / sigma;
        const p = 1 - standardNormalCdf(z);
        const usual = Math.exp(mu);
        if (gap < 0.5 * usual && p < thresholds.earlyProbability) {
          result.push({
            kind: 'early', customer, date: minutesToIsoDateTime(orders.minute[i]), order: orders.id[i], related: orders.id[indices[k - 1]],
            score: z, atStake: amounts[k],
            why: `${money(amounts[k])} ordered ${gap === 1 ? '1 day' : `${gap} days`} after the previous order (${orders.id[indices[k - 1]]});`
              + ` this customer usually waits ${usual.toFixed(0)} days (P ${percent(p)}).${netClause(orders, i)}`,
          });
        }
      }
      if (oddIds.has(`${customer}\u0000${orders.id[i]}`)) continue;
      const { mu, sigma } = logNormalWithout(amountSum, amountSquares, amounts.length, Math.log(amounts[k]));
      const usual = Math.exp(mu);
      const z = (Math.log(amounts[k]) - mu) / sigma;
      const p = 1 - standardNormalCdf(z);
      if (amounts[k] > 2 * usual && p < thresholds.earlyProbability) {
        result.push({
          kind: 'big-basket', customer, date: minutesToIsoDateTime(orders.minute[i]), order: orders.id[i], related: orders.reversedBy[i].join(' '),
          score: z, atStake: amounts[k] - usual,
          why: `Basket of ${money(amounts[k])}, ${times(amounts[k] / usual)} this customer's usual ${money(usual)} (P ${percent(p)}); ${money(amounts[k] - usual)} above it.${netClause(orders, i)}`,
        });
      }
    }
  }
  return result;
}

/** " Partly reversed by C…: placed for 120.00, 80.00 kept." for an order a cancellation took part of ('' otherwise). */
function netClause(orders: Orders, index: number): string {
  const by = orders.reversedBy[index];
  if (by.length === 0) return '';
  return ` Partly reversed by ${by.join(', ')}: placed for ${money(orders.gross[index])}, ${money(orders.amount[index])} kept.`;
}

/** Jensen–Shannon divergence in bits (Lin 1991), 0 for the same mix, 1 for disjoint mixes. */
export function jensenShannon(p: Map<string, number>, q: Map<string, number>): number {
  let divergence = 0;
  for (const label of new Set([...p.keys(), ...q.keys()])) {
    const a = p.get(label) ?? 0;
    const b = q.get(label) ?? 0;
    const m = (a + b) / 2;
    if (a > 0) divergence += 0.5 * a * Math.log2(a / m);
    if (b > 0) divergence += 0.5 * b * Math.log2(b / m);
  }
  return divergence;
}

/**
 * Label totals of a run of orders, each order contributing its own label shares (an order of
 * lines Kitchen, Kitchen, Garden adds 2/3 to Kitchen and 1/3 to Garden), so the totals sum to
 * the number of orders and a large order weighs no more than a small one.
 */
function labelTotals(labels: string[][]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const order of labels) {
    for (const label of order) totals.set(label, (totals.get(label) ?? 0) + 1 / order.length);
  }
  return totals;
}

export interface GTest {
  /** G = 2 Σ O ln(O/E). */
  statistic: number;
  /** K − 1, for K labels seen on either side. */
  degrees: number;
  /** ln of the chi-square upper tail at G (0 when there is nothing to compare). */
  logP: number;
}

/**
 * The G-test (log-likelihood ratio) of homogeneity of two rows of counts — the same mix on
 * both sides — on the 2×K table: G = 2 Σ O ln(O/E), E = row total × column total / N, whose
 * null distribution is chi-square with K − 1 degrees of freedom for large counts (Wilks 1938,
 * Ann. Math. Statist. 9:60–62; Sokal & Rohlf, Biometry, 3rd ed. 1995, ch. 17). Counts may be
 * fractional. For the same mix difference G grows in proportion to the orders, so the p-value
 * is the evidence of a shift. Labels seen on neither side are not counted in K.
 */
export function gTestOfHomogeneity(first: ReadonlyMap<string, number>, second: ReadonlyMap<string, number>): GTest {
  let firstTotal = 0;
  let secondTotal = 0;
  for (const value of first.values()) firstTotal += value;
  for (const value of second.values()) secondTotal += value;
  const total = firstTotal + secondTotal;
  let statistic = 0;
  let labels = 0;
  for (const label of new Set([...first.keys(), ...second.keys()])) {
    const a = first.get(label) ?? 0;
    const b = second.get(label) ?? 0;
    if (!(a + b > 0)) continue;
    labels++;
    if (a > 0) statistic += a * Math.log(a / (firstTotal * (a + b) / total));
    if (b > 0) statistic += b * Math.log(b / (secondTotal * (a + b) / total));
  }
  statistic = Math.max(0, 2 * statistic);
  const degrees = labels - 1;
  if (degrees < 1 || !(firstTotal > 0) || !(secondTotal > 0)) return { statistic: 0, degrees: Math.max(0, degrees), logP: 0 };
  // P(χ²_k > G) = Q(k/2, G/2) (Abramowitz & Stegun 26.4.19).
  return { statistic, degrees, logP: logRegularizedUpperGamma(degrees / 2, statistic / 2) };
}

function describeMix(totals: Map<string, number>, orderCount: number): string {
  return [...totals].sort((x, y) => y[1] - x[1]).slice(0, 2).map(([label, share]) => `${Math.round(100 * share / orderCount)}% ${label}`).join(', ');
}

function pValueText(logP: number): string {
  return logP < Math.log(0.001) ? 'P < 0.1%' : `P ${percent(Math.exp(logP))}`;
}

/**
 * Customers whose recent half of labelled orders buys a different mix of categories than their
 * earlier half. The evidence is the G-test of homogeneity on the two halves' label totals (each
 * order contributing its label shares, see labelTotals): a shift is listed when its p-value is
 * below `shiftProbability` and the mixes differ by at least `shiftDivergence` (Jensen–Shannon),
 * so a long history does not turn a tiny difference into a row. The score is −log10 p, which
 * grows with the orders on each side for the same difference. Money at stake: the customer's
 * net spend per year over their history (see spendPerYear), the money that is moving between
 * categories. Ranked by the evidence.
 */
export function preferenceShifts(orders: Orders, customers: CustomerOrders[], endMinute: number, thresholds: AnomalyThresholds): Anomaly[] {
  if (!orders.labels) return [];
  const labels = orders.labels;
  const endDay = Math.floor(endMinute / 1440);
  const result: Anomaly[] = [];
  for (const { customer, indices } of customers) {
    const labelled = indices.filter((i) => labels[i].length > 0);
    if (labelled.length < thresholds.shiftMinimumOrders) continue;
    const half = Math.floor(labelled.length / 2);
    const earlier = labelTotals(labelled.slice(0, half).map((i) => labels[i]));
    const recent = labelTotals(labelled.slice(half).map((i) => labels[i]));
    const recentCount = labelled.length - half;
    const toShares = (totals: Map<string, number>, count: number) => new Map([...totals].map(([label, value]) => [label, value / count]));
    const divergence = jensenShannon(toShares(earlier, half), toShares(recent, recentCount));
    if (divergence < thresholds.shiftDivergence) continue;
    const test = gTestOfHomogeneity(earlier, recent);
    if (!(test.logP < Math.log(thresholds.shiftProbability))) continue;
    const pivot = labelled[half];
    result.push({
      kind: 'preference-shift', customer, date: minutesToIsoDate(orders.minute[pivot]), order: orders.id[pivot], related: '',
      score: -test.logP / Math.LN10, atStake: spendPerYear(orders, indices, endDay),
      why: `Recent ${recentCount} orders: ${describeMix(recent, recentCount)}; earlier ${half}: ${describeMix(earlier, half)} (divergence ${divergence.toFixed(2)} of 1;`
        + ` G = ${test.statistic.toFixed(1)} on ${test.degrees} degree${test.degrees === 1 ? '' : 's'} of freedom, ${pValueText(test.logP)}).`
        + ` About ${money(spendPerYear(orders, indices, endDay))} a year of spending is moving.`,
    });
  }
  return result;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** Weeks either side of a day whose same weekday make its local baseline. */
const LOCAL_WEEKS = 4;
/** Same-weekday trading days a local baseline needs. */
const LOCAL_MINIMUM = 3;
/** A weekday with fewer trading days than this share of the busiest weekday's is one the shop does not trade on. */
const TRADING_SHARE = 0.25;
/** Residuals a weekday needs for a spread of its own (else all weekdays' residuals are pooled). */
const WEEKDAY_SPREAD_MINIMUM = 8;

interface JudgedDay {
  day: number;
  weekday: number;
  revenue: number;
  count: number;
  baselineRevenue: number;
  baselineCount: number;
  neighbours: number;
  /** √revenue − √baseline revenue, and the same for the order count. */
  revenueResidual: number;
  countResidual: number;
}

/**
 * Trading days whose revenue or order count is far above or below their local baseline: the
 * median of the same weekday over the LOCAL_WEEKS weeks either side (the day itself left out),
 * taken on the log scale — a running median as a robust smoother (Tukey, Exploratory Data
 * Analysis, 1977, ch. 7), per weekday as STL smooths each cycle-subseries apart (Cleveland et
 * al. 1990, J. Official Statistics 6:3–73) — so a growing or seasonal shop is compared with the
 * weeks around each day, not with the whole file.
 *
 * The residual, day − baseline, is taken on the square-root scale, which stabilises the spread
 * of counts (Anscombe 1948, Biometrika 35:246–254: √N has a spread of about 1/2 whatever a
 * Poisson N's mean) and of a day's total of that many orders: on the log scale a quiet day's
 * residuals spread as 1/√orders, and its chance drops reach 3.5 robust z several times a year.
 * Each weekday's residuals give their own robust spread around zero (scaled MAD, Hampel 1974;
 * all weekdays pooled when one has fewer than WEEKDAY_SPREAD_MINIMUM), floored at the Poisson
 * spread (1/2 for counts, 1/2 × √(median order) for revenue). A day is odd when the larger |z| of
 * revenue and order count reaches `oddDay`, above or below. Money at stake:
 * |revenue − baseline revenue|; ranked by it.
 *
 * Not judged: days without orders (not trading days), weekdays the shop does not trade on (fewer
 * trading days than TRADING_SHARE of the busiest weekday's), days with fewer than LOCAL_MINIMUM
 * same-weekday trading days around them, and partial edge days (an export cut at noon, see
 * dataCoverage), which are also left out of their neighbours' baselines. Near the data's edges
 * the weeks are on one side only, so a steep trend there leans the baseline its way.
 * Cost: O(d) medians of at most 2 × LOCAL_WEEKS values, for d trading days.
 */
export function oddDays(orders: Orders, thresholds: AnomalyThresholds): Anomaly[] {
  const revenue = new Map<number, number>();
  const count = new Map<number, number>();
  const positive: number[] = [];
  for (let i = 0; i < orders.id.length; i++) {
    if (!(orders.amount[i] > 0)) continue;
    const day = Math.floor(orders.minute[i] / 1440);
    revenue.set(day, (revenue.get(day) ?? 0) + orders.amount[i]);
    count.set(day, (count.get(day) ?? 0) + 1);
    positive.push(orders.amount[i]);
  }
  const coverage = dataCoverage(orders.minute);
  const partial = new Set<number>();
  if (coverage.firstDayPartial) partial.add(coverage.firstDay);
  if (coverage.lastDayPartial) partial.add(coverage.lastDay);
  const weekdayOf = (day: number) => (day + 4) % 7; // 1970-01-01 was a Thursday
  const tradingDays = new Array<number>(7).fill(0);
  for (const day of revenue.keys()) if (!partial.has(day)) tradingDays[weekdayOf(day)]++;
  const busiest = Math.max(...tradingDays);

  const judged: JudgedDay[] = [];
  for (const [day, dayRevenue] of revenue) {
    const weekday = weekdayOf(day);
    if (partial.has(day) || tradingDays[weekday] < TRADING_SHARE * busiest) continue;
    const logRevenues: number[] = [];
    const logCounts: number[] = [];
    for (let week = -LOCAL_WEEKS; week <= LOCAL_WEEKS; week++) {
      const other = day + 7 * week;
      if (week === 0 || partial.has(other) || !revenue.has(other)) continue;
      logRevenues.push(Math.log(revenue.get(other)!));
      logCounts.push(Math.log(count.get(other)!));
    }
    if (logRevenues.length < LOCAL_MINIMUM) continue;
    const baselineRevenue = Math.exp(median(logRevenues));
    const baselineCount = Math.exp(median(logCounts));
    const dayCount = count.get(day)!;
    judged.push({
      day, weekday, revenue: dayRevenue, count: dayCount, neighbours: logRevenues.length, baselineRevenue, baselineCount,
      revenueResidual: Math.sqrt(dayRevenue) - Math.sqrt(baselineRevenue), countResidual: Math.sqrt(dayCount) - Math.sqrt(baselineCount),
    });
  }
  const floor = { revenue: 0.5 * Math.sqrt(median(positive)), count: 0.5 };
  const spreadOf = (rows: JudgedDay[]) => ({
    revenue: Math.max(scaledMad(rows.map((r) => r.revenueResidual), 0), floor.revenue),
    count: Math.max(scaledMad(rows.map((r) => r.countResidual), 0), floor.count),
  });
  const pooled = spreadOf(judged);
  const spreads = WEEKDAYS.map((_, weekday) => {
    const rows = judged.filter((r) => r.weekday === weekday);
    return rows.length >= WEEKDAY_SPREAD_MINIMUM ? spreadOf(rows) : pooled;
  });

  const result: Anomaly[] = [];
  for (const row of judged) {
    const spread = spreads[row.weekday];
    const score = Math.max(Math.abs(row.revenueResidual) / spread.revenue, Math.abs(row.countResidual) / spread.count);
    if (score < thresholds.oddDay) continue;
    const date = minutesToIsoDate(row.day * 1440);
    const name = WEEKDAYS[row.weekday];
    const around = row.neighbours === 2 * LOCAL_WEEKS
      ? `the median of the ${name}s ${NUMBER_WORDS[LOCAL_WEEKS] ?? LOCAL_WEEKS} weeks either side`
      : `the median of the ${row.neighbours} ${name}s with orders within ${NUMBER_WORDS[LOCAL_WEEKS] ?? LOCAL_WEEKS} weeks either side`;
    result.push({
      kind: 'odd-day', customer: '', date, order: '', related: '', score, atStake: Math.abs(row.revenue - row.baselineRevenue),
      why: `Revenue ${money(row.revenue)} on ${name} ${date}, ${times(row.revenue / row.baselineRevenue)} the local baseline (${money(row.baselineRevenue)}, ${around});`
        + ` ${WHOLE.format(row.count)} orders against ${WHOLE.format(Math.round(row.baselineCount))}.`,
    });
  }
  return result;
}
