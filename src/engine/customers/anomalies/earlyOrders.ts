import type { Orders } from '../cleaning/cleanTransactions.ts';
import { minutesToIsoDateTime } from '../../csv/index.ts';
import { standardNormalCdf } from '../../math/index.ts';
import type { Anomaly, AnomalyThresholds } from './findAnomalies.ts';
import { logNormalWithout } from './logNormal.ts';
import type { CustomerOrders } from './ordersByCustomer.ts';
import { money, percent, times } from './wording.ts';

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
