/**
 * One customer's orders from a stored transactions dataset, for their timeline, as the
 * cleaning step decided them (see cleanTransactions): purchase lines summed per order id at
 * their net value (gross kept), orders fully reversed marked, cancellations (netted or returns
 * of things bought before the data start) as their own marks; lines that are not products,
 * zero-value lines and duplicates left out. Works on the dictionary codes; cost linear in the
 * rows, so the page can answer a click at once.
 */
import { CANCELLATION, PURCHASE, UNMATCHED_RETURN } from './cleaning/lineRules.ts';
import type { TransactionDataset } from '../csv/index.ts';

export interface TimelineOrder {
  id: string;
  minute: number;
  /** Net value (a purchase) or the value cancelled, negative (a cancellation). */
  amount: number;
  /** Value as ordered (the cancelled value, negative, for a cancellation). */
  gross: number;
  cancelled: boolean;
  /** A purchase that a cancellation took back entirely. */
  reversed: boolean;
}

/** The cleaning step's per-row decisions (CustomerReport's `cleaning`). */
export interface LineCleaning { lineRule: Uint8Array; lineNet: Float64Array }

export function customerOrders(dataset: TransactionDataset, customer: string, cleaning: LineCleaning): TimelineOrder[] {
  const code = dataset.customer.values.indexOf(customer);
  if (code < 0 || customer === '') return [];
  const byOrder = new Map<string, TimelineOrder>();
  for (let i = 0; i < dataset.customer.codes.length; i++) {
    if (dataset.customer.codes[i] !== code) continue;
    const rule = cleaning.lineRule[i];
    if (rule !== PURCHASE && rule !== CANCELLATION && rule !== UNMATCHED_RETURN) continue;
    const cancelled = rule !== PURCHASE;
    const id = dataset.order.values[dataset.order.codes[i]];
    const key = id === '' ? `#${i}` : `${cancelled ? 'c' : 'p'}${id}`;
    let order = byOrder.get(key);
    if (!order) {
      order = { id: id === '' ? `line ${dataset.line[i]}` : id, minute: dataset.minute[i], amount: 0, gross: 0, cancelled, reversed: false };
      byOrder.set(key, order);
    }
    order.gross += dataset.amount[i];
    order.amount += cancelled ? dataset.amount[i] : cleaning.lineNet[i];
  }
  return [...byOrder.values()]
    .map((o) => (o.cancelled || o.amount > 0.005 * o.gross + 0.005 || o.gross === 0 ? o : { ...o, reversed: true }))
    .sort((x, y) => x.minute - y.minute);
}

/** Last minute in the dataset (where "now" is for the data). */
export function datasetEnd(dataset: { minute: ArrayLike<number> }): number {
  let end = -Infinity;
  for (let i = 0; i < dataset.minute.length; i++) if (dataset.minute[i] > end) end = dataset.minute[i];
  return end;
}
