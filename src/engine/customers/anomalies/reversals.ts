import type { CleanedTransactions, Orders } from '../cleaning/cleanTransactions.ts';
import { minutesToIsoDateTime } from '../../csv/index.ts';
import type { Anomaly, AnomalyThresholds } from './findAnomalies.ts';
import { delayText, money, times } from './wording.ts';

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
