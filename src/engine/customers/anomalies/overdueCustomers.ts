import type { Orders } from '../cleaning/cleanTransactions.ts';
import { minutesToIsoDate } from '../../csv/index.ts';
import { standardNormalCdf } from '../../math/index.ts';
import type { Anomaly, AnomalyThresholds } from './findAnomalies.ts';
import { logNormal } from './logNormal.ts';
import type { CustomerOrders } from './ordersByCustomer.ts';
import { money, percent } from './wording.ts';

/** Purchase days of a customer (several orders on one day are one purchase), in days since 1970. */
function purchaseDays(orders: Orders, indices: number[]): number[] {
  return [...new Set(indices.map((i) => Math.floor(orders.minute[i] / 1440)))].sort((x, y) => x - y);
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
      rhythm: { firstDay: days[0], lastDay: days[days.length - 1], purchaseDays: days.length, endDay, gapProbability: tail },
      why: `Last ordered ${minutesToIsoDate(orders.minute[last])}, ${elapsed} days before the data ends; usually orders every ${usual.toFixed(0) === '1' ? 'day' : `${usual.toFixed(0)} days`}`
        + ` (a gap this long has P ${percent(tail)}). About ${money(atRisk)} a year at risk: ${perYear.toFixed(1)} purchase days a year`
        + ` at ${money(perPurchaseDay)} each, net of cancellations. Ranked by the value at risk.`,
    });
  }
  return result;
}
