/**
 * Per-customer outcomes from a stored transactions dataset, for comparing groups, as the
 * cleaning step decided them (see cleanTransactions): orders that count (net value above
 * zero), their net total, and net revenue (also less returns of things bought before the data
 * start), counting only lines on or after `fromMinute` (every customer in the data is listed,
 * with zeros when they bought nothing since). Lines with the same order id and customer are one
 * order. A customer's group is the first non-empty group label on their rows. Works on the
 * dictionary codes, so the page never builds strings per row. Cost: linear.
 */
import { PURCHASE } from './cleaning/lineRules.ts';
import type { LineCleaning } from './customerTimeline.ts';
import type { TransactionDataset } from '../csv/index.ts';

export interface CustomerOutcomes {
  ids: string[];
  orders: Int32Array;
  gross: Float64Array;
  revenue: Float64Array;
  /** Group label per customer ('' when none), when the data have a group column. */
  group: string[] | undefined;
}

export function customerOutcomes(dataset: TransactionDataset, cleaning: LineCleaning, fromMinute = -Infinity): CustomerOutcomes {
  const customers = dataset.customer.values.length;
  const blank = dataset.customer.values.indexOf('');
  const orderTotal = new Map<number, number>();
  const revenue = new Float64Array(customers);
  const groupCode = new Int32Array(customers).fill(-1);
  const seen = new Uint8Array(customers);
  const { codes: customerCodes } = dataset.customer;
  const { codes: orderCodes } = dataset.order;
  for (let i = 0; i < customerCodes.length; i++) {
    const c = customerCodes[i];
    if (c === blank) continue;
    seen[c] = 1; // a customer who bought only before `fromMinute` counts, with no orders since
    if (dataset.minute[i] < fromMinute) continue;
    revenue[c] += cleaning.lineNet[i];
    if (dataset.group && groupCode[c] < 0 && dataset.group.values[dataset.group.codes[i]] !== '') groupCode[c] = dataset.group.codes[i];
    if (cleaning.lineRule[i] !== PURCHASE) continue;
    // Rows without an order id are each an order of their own.
    const key = dataset.order.values[orderCodes[i]] === '' ? -(i + 1) : orderCodes[i] * customers + c;
    orderTotal.set(key, (orderTotal.get(key) ?? 0) + cleaning.lineNet[i]);
  }
  const orders = new Int32Array(customers);
  const gross = new Float64Array(customers);
  for (const [key, total] of orderTotal) {
    if (!(total > 0.005)) continue; // fully reversed (or free): not an order
    const c = key < 0 ? customerCodes[-key - 1] : key % customers;
    orders[c]++;
    gross[c] += total;
  }
  const keep: number[] = [];
  for (let c = 0; c < customers; c++) if (seen[c]) keep.push(c);
  return {
    ids: keep.map((c) => dataset.customer.values[c]),
    orders: Int32Array.from(keep, (c) => orders[c]),
    gross: Float64Array.from(keep, (c) => gross[c]),
    revenue: Float64Array.from(keep, (c) => revenue[c]),
    group: dataset.group ? keep.map((c) => (groupCode[c] >= 0 ? dataset.group!.values[groupCode[c]] : '')) : undefined,
  };
}
