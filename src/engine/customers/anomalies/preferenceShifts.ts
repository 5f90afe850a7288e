import type { Orders } from '../cleaning/cleanTransactions.ts';
import { minutesToIsoDate } from '../../csv/index.ts';
import type { Anomaly, AnomalyThresholds } from './findAnomalies.ts';
import { gTestOfHomogeneity } from './gTestOfHomogeneity.ts';
import { isSparse, PERMUTATIONS, permutationLogP } from './permutationGTest.ts';
import { jensenShannon } from './jensenShannon.ts';
import type { CustomerOrders } from './ordersByCustomer.ts';
import { money, percent } from './wording.ts';

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

/** Each order's own label shares (see labelTotals). */
function orderShares(labels: string[][]): Map<string, number>[] {
  return labels.map((order) => labelTotals([order]));
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
 * order contributing its label shares, see labelTotals), its p-value from the chi-square tail
 * or, where the table is too sparse for it (isSparse: product codes as labels), from a seeded
 * permutation test of the same statistic (permutationLogP): a shift is listed when its p-value is
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
    const chiSquare = gTestOfHomogeneity(earlier, recent);
    const permuted = isSparse(earlier, recent);
    const test = permuted
      ? { ...chiSquare, logP: permutationLogP(orderShares(labelled.map((i) => labels[i])), half, chiSquare.statistic, customer, thresholds.shiftProbability) }
      : chiSquare;
    if (!(test.logP < Math.log(thresholds.shiftProbability))) continue;
    const pivot = labelled[half];
    result.push({
      kind: 'preference-shift', customer, date: minutesToIsoDate(orders.minute[pivot]), order: orders.id[pivot], related: '',
      score: -test.logP / Math.LN10, atStake: spendPerYear(orders, indices, endDay),
      why: `Recent ${recentCount} orders: ${describeMix(recent, recentCount)}; earlier ${half}: ${describeMix(earlier, half)} (divergence ${divergence.toFixed(2)} of 1;`
        + ` G = ${test.statistic.toFixed(1)} ${permuted ? `against ${PERMUTATIONS.toLocaleString('en')} random splits of these orders, ${pValueText(test.logP)}` : `on ${test.degrees} degree${test.degrees === 1 ? '' : 's'} of freedom, ${pValueText(test.logP)}`}).`
        + ` About ${money(spendPerYear(orders, indices, endDay))} a year of spending is moving.`,
    });
  }
  return result;
}
