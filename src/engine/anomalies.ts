/**
 * The anomaly engine: orders, customers and days that stand out, each with a score that is
 * comparable within its kind (higher = stranger) and a sentence with the numbers that make it
 * strange. Scores are robust z-scores (median/MAD, Hampel 1974) or z-scores under a lognormal
 * fitted to the customer's own gaps or amounts (whose tail probability the sentence gives);
 * an overdue customer's score is the yearly value at risk (see overdueCustomers).
 */
import { minutesToIsoDate, minutesToIsoDateTime } from './dates.ts';
import type { CleanedTransactions, Orders } from './cleanTransactions.ts';
import { median, robustZ, scaledMad } from './robust.ts';
import { standardNormalCdf } from './specialFunctions.ts';

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
  /** Tail probability of a gap this short or a basket this large. */
  earlyProbability: number;
  /** Jensen–Shannon divergence (bits, 0..1) between earlier and recent mix. */
  shiftDivergence: number;
  /** Orders with labels a customer needs before a shift is looked for. */
  shiftMinimumOrders: number;
  /** Robust z of a day's revenue or order count against its weekday. */
  oddDay: number;
}

export const DEFAULT_THRESHOLDS: AnomalyThresholds = {
  oddOrder: 3.5, reversalDays: 30, overdueProbability: 0.02, earlyProbability: 0.01,
  shiftDivergence: 0.4, shiftMinimumOrders: 6, oddDay: 3.5,
};

const LOG_SPREAD_FLOOR = 0.25;

function money(value: number): string {
  return value.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
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
 * Runs every detector that the data allow, on cleaned transactions (purchases at their net
 * value; reversed orders and cancellations only where a detector explains them). Results
 * sorted by kind, then score (highest first).
 */
export function findAnomalies(cleaned: CleanedTransactions, thresholds: AnomalyThresholds = DEFAULT_THRESHOLDS): Anomaly[] {
  const orders = cleaned.purchases;
  const customers = ordersByCustomer(orders);
  const endMinute = orders.minute.reduce((latest, m) => Math.max(latest, m), -Infinity);
  const positive = Array.from(orders.amount).filter((amount) => amount > 0);
  const storeMedian = median(positive);
  const found = [
    ...oddOrders(cleaned, customers, positive, thresholds),
    ...reversals(cleaned, storeMedian, thresholds),
    ...overdueCustomers(orders, customers, endMinute, thresholds),
    ...earlyOrders(orders, customers, thresholds),
    ...preferenceShifts(orders, customers, thresholds),
    ...oddDays(orders, thresholds),
  ];
  return found.sort((x, y) => ANOMALY_KINDS.indexOf(x.kind) - ANOMALY_KINDS.indexOf(y.kind) || rank(y) - rank(x));
}

/** Within a kind: money at stake first where the kind has it, then the evidence. */
function rank(anomaly: Anomaly): number {
  return MONEY_RANKED.has(anomaly.kind) ? anomaly.atStake : anomaly.score;
}

const MONEY_RANKED = new Set<AnomalyKind>(['odd-order', 'low-order', 'overdue']);

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
 * pairing is the cleaning step's): both sides are listed, each pointing at the other, scored by
 * the size against the store's median order, discounted by the days it took.
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
 * Customers (3+ purchase days) silent for improbably long given their own gaps: the upper tail
 * of a lognormal fitted to their gaps, P(gap > elapsed), decides who is overdue. The score, which
 * orders them, is the value at risk (churn risk ranked by what it would cost): a year at their purchase rate over their whole history — x repeat purchase
 * days over T days from the first purchase to the end of the data, the Poisson rate's estimate
 * x/T (the NBD posterior mean (r + x)/(α + T) without the prior; Fader, Hardie & Lee 2005,
 * "Counting your customers the easy way", §3) — times their average spend per purchase day.
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
    const atRisk = (days.length - 1) / Math.max(endDay - days[0], 365) * 365 * perPurchaseDay;
    const last = indices[indices.length - 1];
    result.push({
      kind: 'overdue', customer, date: minutesToIsoDate(orders.minute[last]), order: orders.id[last], related: '',
      score: atRisk, atStake: atRisk,
      why: `Last ordered ${minutesToIsoDate(orders.minute[last])}, ${elapsed} days before the data ends; usually orders every ${usual.toFixed(0) === '1' ? 'day' : `${usual.toFixed(0)} days`}`
        + ` (a gap this long has P ${percent(tail)}). About ${money(atRisk)} a year at risk. Ranked by the value at risk.`,
    });
  }
  return result;
}

/** Repeat orders far sooner than the customer's rhythm, or baskets far larger than usual. */
export function earlyOrders(orders: Orders, customers: CustomerOrders[], thresholds: AnomalyThresholds): Anomaly[] {
  const result: Anomaly[] = [];
  for (const { customer, indices } of customers) {
    if (indices.length < 5) continue;
    const days = indices.map((i) => Math.floor(orders.minute[i] / 1440));
    const amounts = indices.map((i) => orders.amount[i]);
    for (let k = 1; k < indices.length; k++) {
      const i = indices[k];
      const gap = days[k] - days[k - 1];
      const otherGaps = days.slice(1).map((day, g) => day - days[g]).filter((g, index) => index !== k - 1 && g > 0);
      let best = { p: 1, z: 0, why: '' };
      if (gap > 0 && otherGaps.length >= 3) {
        const { mu, sigma } = logNormal(otherGaps);
        const z = (mu - Math.log(gap)) / sigma;
        const p = 1 - standardNormalCdf(z);
        if (gap < 0.5 * Math.exp(mu) && p < best.p) {
          best = { p, z, why: `Ordered ${gap === 1 ? '1 day' : `${gap} days`} after the previous order; this customer usually waits ${Math.exp(mu).toFixed(0)} days (P ${percent(p)}).` };
        }
      }
      const others = amounts.filter((_, index) => index !== k);
      const { mu, sigma } = logNormal(others);
      const zBasket = (Math.log(amounts[k]) - mu) / sigma;
      const pBasket = 1 - standardNormalCdf(zBasket);
      if (amounts[k] > 2 * Math.exp(mu) && pBasket < best.p) {
        best = { p: pBasket, z: zBasket, why: `Basket of ${money(amounts[k])}, ${times(amounts[k] / Math.exp(mu))} this customer's usual ${money(Math.exp(mu))} (P ${percent(pBasket)}).` };
      }
      if (best.p >= thresholds.earlyProbability) continue;
      result.push({
        kind: 'early', customer, date: minutesToIsoDateTime(orders.minute[i]), order: orders.id[i], related: orders.id[indices[k - 1]],
        score: best.z, atStake: amounts[k], why: best.why,
      });
    }
  }
  return result;
}

function shares(labels: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  for (const [label, count] of counts) counts.set(label, count / labels.length);
  return counts;
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

function describeMix(mix: Map<string, number>): string {
  return [...mix].sort((x, y) => y[1] - x[1]).slice(0, 2).map(([label, share]) => `${Math.round(100 * share)}% ${label}`).join(', ');
}

/** Customers whose recent half of orders buys a different mix of categories than their earlier half. */
export function preferenceShifts(orders: Orders, customers: CustomerOrders[], thresholds: AnomalyThresholds): Anomaly[] {
  if (!orders.labels) return [];
  const result: Anomaly[] = [];
  for (const { customer, indices } of customers) {
    const labelled = indices.filter((i) => orders.labels![i].length > 0);
    if (labelled.length < thresholds.shiftMinimumOrders) continue;
    const half = Math.floor(labelled.length / 2);
    const earlier = shares(labelled.slice(0, half).flatMap((i) => orders.labels![i]));
    const recent = shares(labelled.slice(half).flatMap((i) => orders.labels![i]));
    const divergence = jensenShannon(earlier, recent);
    if (divergence < thresholds.shiftDivergence) continue;
    const pivot = labelled[half];
    result.push({
      kind: 'preference-shift', customer, date: minutesToIsoDate(orders.minute[pivot]), order: orders.id[pivot], related: '', score: divergence, atStake: 0,
      why: `Recent ${labelled.length - half} orders: ${describeMix(recent)}; earlier ${half}: ${describeMix(earlier)} (divergence ${divergence.toFixed(2)} of 1).`,
    });
  }
  return result;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * Trading days whose revenue or order count is far from a typical day of the same weekday
 * (robust z on the log scale). Days without orders are not trading days and never flagged.
 */
export function oddDays(orders: Orders, thresholds: AnomalyThresholds): Anomaly[] {
  const revenue = new Map<number, number>();
  const count = new Map<number, number>();
  for (let i = 0; i < orders.id.length; i++) {
    if (!(orders.amount[i] > 0)) continue;
    const day = Math.floor(orders.minute[i] / 1440);
    revenue.set(day, (revenue.get(day) ?? 0) + orders.amount[i]);
    count.set(day, (count.get(day) ?? 0) + 1);
  }
  const byWeekday: number[][] = Array.from({ length: 7 }, () => []);
  for (const day of revenue.keys()) byWeekday[(day + 4) % 7].push(day); // 1970-01-01 was a Thursday
  const result: Anomaly[] = [];
  byWeekday.forEach((days, weekday) => {
    if (days.length < 6) return;
    const logRevenue = days.map((d) => Math.log(revenue.get(d)!));
    const logCount = days.map((d) => Math.log(count.get(d)!));
    const revenueCenter = median(logRevenue);
    const revenueSpread = scaledMad(logRevenue, revenueCenter);
    const countCenter = median(logCount);
    const countSpread = scaledMad(logCount, countCenter);
    days.forEach((day, k) => {
      const zRevenue = robustZ(logRevenue[k], revenueCenter, revenueSpread, 0.1);
      const zCount = robustZ(logCount[k], countCenter, countSpread, 0.1);
      const score = Math.max(Math.abs(zRevenue), Math.abs(zCount));
      if (score < thresholds.oddDay) return;
      const date = minutesToIsoDate(day * 1440);
      result.push({
        kind: 'odd-day', customer: '', date, order: '', related: '', score, atStake: Math.abs(revenue.get(day)! - Math.exp(revenueCenter)),
        why: `Revenue ${money(revenue.get(day)!)} on ${WEEKDAYS[weekday]} ${date}, ${times(revenue.get(day)! / Math.exp(revenueCenter))} a typical ${WEEKDAYS[weekday]} (${money(Math.exp(revenueCenter))});`
          + ` ${count.get(day)} orders against a typical ${Math.round(Math.exp(countCenter))}.`,
      });
    });
  });
  return result;
}
