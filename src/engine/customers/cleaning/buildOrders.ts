/**
 * The cleaning step's orders: purchase lines summed per order id and customer at their net
 * value (gross kept), each with the cancellations that took from it; cancellation lines summed
 * into cancellation documents with what they reversed. An order whose net value is gone has been
 * fully reversed and is set apart from the purchases.
 */
import type { TransactionTable } from '../../csv/index.ts';
import { CANCELLATION, PURCHASE, UNMATCHED_RETURN } from './lineRules.ts';
import type { OrderGroups } from './orderGroups.ts';

export interface Orders {
  id: string[];
  /** '' when the order has no customer. */
  customer: string[];
  minute: Float64Array;
  /** Net value: as ordered, less what later cancellations took back. */
  amount: Float64Array;
  /** Value as ordered. */
  gross: Float64Array;
  /** Category (or product) labels of each order's purchase lines, when the file has such a column. */
  labels: string[][] | undefined;
  /** File line of the order's first row. */
  line: Int32Array;
  /** Ids of the cancellations that took part or all of the order back (empty when none). */
  reversedBy: string[][];
  /** Minutes from the order to the first cancellation that took from it (NaN when none). */
  reversedAfter: Float64Array;
}

/** A cancellation document (its lines summed per order id and customer) and what it reversed. */
export interface Cancellation {
  id: string;
  customer: string;
  minute: number;
  /** Value cancelled, as a positive number. */
  amount: number;
  /** The part of it that reversed an earlier order in the data. */
  matched: number;
  /** The orders it took from, and how much from each. */
  reverses: { order: string; amount: number }[];
  line: number;
}

/** Net value at or below this share of gross (plus half a cent) means the order is gone. */
const GONE = 0.005;

function isGone(net: number, gross: number): boolean {
  return net <= GONE * Math.abs(gross) + 0.005;
}

/**
 * Orders and cancellation documents from the lines' rules and net values and from `taken`, the
 * value each cancellation line took from each purchase line (see matchCancellations).
 * Cost: linear in the lines.
 */
export function buildOrders(table: TransactionTable, lineRule: Uint8Array, lineNet: Float64Array, taken: Map<number, Map<number, number>>, orderOf: OrderGroups) {
  const n = table.customer.length;
  const labelsColumn = table.category ?? table.product;
  const index = new Int32Array(orderOf.count).fill(-1);
  const id: string[] = [];
  const customer: string[] = [];
  const minute: number[] = [];
  const gross: number[] = [];
  const net: number[] = [];
  const labels: string[][] = [];
  const line: number[] = [];
  const reversedBy: Set<string>[] = [];
  const firstReversal: number[] = [];
  const cancelIndex = new Int32Array(orderOf.count).fill(-1);
  const cancellations: Cancellation[] = [];
  const cancellationOfLine = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const rule = lineRule[i];
    if (rule !== CANCELLATION && rule !== UNMATCHED_RETURN) continue;
    const group = orderOf.group[i];
    let at = group >= 0 ? cancelIndex[group] : -1;
    if (at < 0) {
      at = cancellations.length;
      if (group >= 0) cancelIndex[group] = at;
      cancellations.push({ id: table.order[i] || `line ${table.line[i]}`, customer: table.customer[i], minute: table.minute[i], amount: 0, matched: 0, reverses: [], line: table.line[i] });
    }
    cancellationOfLine[i] = at;
    cancellations[at].amount -= table.amount[i];
    cancellations[at].matched += -table.amount[i] + lineNet[i];
  }
  for (let i = 0; i < n; i++) {
    if (lineRule[i] !== PURCHASE) continue;
    const group = orderOf.group[i];
    let at = group >= 0 ? index[group] : -1;
    if (at < 0) {
      at = id.length;
      if (group >= 0) index[group] = at;
      id.push(table.order[i] === '' ? `line ${table.line[i]}` : table.order[i]);
      customer.push(table.customer[i]);
      minute.push(table.minute[i]);
      gross.push(0); net.push(0); labels.push([]); line.push(table.line[i]);
      reversedBy.push(new Set()); firstReversal.push(NaN);
    }
    gross[at] += table.amount[i];
    net[at] += lineNet[i];
    if (labelsColumn && labelsColumn[i]) labels[at].push(labelsColumn[i]);
    const by = taken.get(i);
    if (by) {
      for (const [cancelLine, value] of by) {
        const c = cancellations[cancellationOfLine[cancelLine]];
        if (!c) continue;
        reversedBy[at].add(c.id);
        const entry = c.reverses.find((r) => r.order === id[at]);
        if (entry) entry.amount += value; else c.reverses.push({ order: id[at], amount: value });
        const after = c.minute - minute[at];
        if (!(after >= firstReversal[at])) firstReversal[at] = after;
      }
    }
  }
  const keepPurchase: number[] = [];
  const keepReversed: number[] = [];
  let partly = 0;
  for (let k = 0; k < id.length; k++) {
    if (reversedBy[k].size > 0 && isGone(net[k], gross[k])) keepReversed.push(k);
    else { keepPurchase.push(k); if (reversedBy[k].size > 0) partly++; }
  }
  const pick = (keep: number[]): Orders => ({
    id: keep.map((k) => id[k]), customer: keep.map((k) => customer[k]),
    minute: Float64Array.from(keep, (k) => minute[k]), amount: Float64Array.from(keep, (k) => Math.max(0, net[k])),
    gross: Float64Array.from(keep, (k) => gross[k]), labels: labelsColumn ? keep.map((k) => labels[k]) : undefined,
    line: Int32Array.from(keep, (k) => line[k]), reversedBy: keep.map((k) => [...reversedBy[k]]),
    reversedAfter: Float64Array.from(keep, (k) => firstReversal[k]),
  });
  return { purchases: pick(keepPurchase), reversed: pick(keepReversed), cancellations, partlyReversed: partly };
}
