/**
 * One customer's orders from a stored transactions dataset, for their timeline: order lines
 * summed per order id (as aggregateOrders does), in time order, cancellations marked. Works on
 * the dictionary codes; cost linear in the rows, so the page can answer a click at once.
 */
import type { TransactionDataset } from './dataset.ts';

export interface TimelineOrder {
  id: string;
  minute: number;
  amount: number;
  cancelled: boolean;
}

export function customerOrders(dataset: TransactionDataset, customer: string): TimelineOrder[] {
  const code = dataset.customer.values.indexOf(customer);
  if (code < 0 || customer === '') return [];
  const byOrder = new Map<number, TimelineOrder>();
  for (let i = 0; i < dataset.customer.codes.length; i++) {
    if (dataset.customer.codes[i] !== code) continue;
    const orderCode = dataset.order.codes[i];
    const id = dataset.order.values[orderCode];
    const key = id === '' ? -(i + 1) : orderCode;
    let order = byOrder.get(key);
    if (!order) { order = { id: id === '' ? `line ${dataset.line[i]}` : id, minute: dataset.minute[i], amount: 0, cancelled: false }; byOrder.set(key, order); }
    order.amount += dataset.amount[i];
    if (dataset.cancellation[i]) order.cancelled = true;
  }
  return [...byOrder.values()].map((o) => ({ ...o, cancelled: o.cancelled || o.amount < 0 })).sort((x, y) => x.minute - y.minute);
}

/** Last minute in the dataset (where "now" is for the data). */
export function datasetEnd(dataset: { minute: ArrayLike<number> }): number {
  let end = -Infinity;
  for (let i = 0; i < dataset.minute.length; i++) if (dataset.minute[i] > end) end = dataset.minute[i];
  return end;
}
