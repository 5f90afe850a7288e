import type { CleanedTransactions, Orders } from '../cleaning/cleanTransactions.ts';
import { minutesToIsoDateTime } from '../../csv/index.ts';
import { median, robustZ, scaledMad } from '../../math/index.ts';
import type { Anomaly, AnomalyThresholds } from './findAnomalies.ts';
import { LOG_SPREAD_FLOOR } from './logNormal.ts';
import type { CustomerOrders } from './ordersByCustomer.ts';
import { delayText, money, times } from './wording.ts';

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
