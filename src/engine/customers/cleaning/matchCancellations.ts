/**
 * Step 4 of the cleaning: every cancellation paired with what it reverses (see cleanTransactions
 * for the rule).
 */
import type { TransactionTable } from '../../csv/index.ts';
import { CANCELLATION, PURCHASE, UNMATCHED_RETURN } from './lineRules.ts';
import type { OrderGroups } from './orderGroups.ts';

const SAME_MAGNITUDE = 0.005;

/**
 * Pairs each cancellation line with the earlier purchase lines of its customer (and product)
 * it reverses, and returns the value taken: purchase line → cancellation line → value. Writes
 * each purchase and cancellation line's net value into `lineNet` and relabels a cancellation
 * that found nothing to reverse as an unmatched return in `lineRule` (both are the cleaning
 * step's working arrays, filled here). Cost: O(n) plus the sort of each group's lines by time.
 */
export function matchCancellations(table: TransactionTable, lineRule: Uint8Array, lineNet: Float64Array, orderOf: OrderGroups): Map<number, Map<number, number>> {
  const n = table.customer.length;
  const unit = unitOfMatching(table, lineRule, orderOf);
  const taken = new Map<number, Map<number, number>>(); // purchase line → cancellation line → value taken
  for (const group of unit.groups) {
    group.sort((x, y) => table.minute[x] - table.minute[y] || x - y);
    const open: number[] = []; // purchase units still holding value, in time order
    for (const at of group) {
      if (lineRule[at] === PURCHASE) { open.push(at); continue; }
      let rest = -unit.value(at);
      const take = (target: number, value: number) => {
        unit.take(target, value);
        let by = taken.get(target);
        if (!by) { by = new Map(); taken.set(target, by); }
        by.set(at, (by.get(at) ?? 0) + value);
        rest -= value;
      };
      const holding = (k: number) => unit.remaining(open[k]);
      let pick = -1;
      for (let k = open.length - 1; k >= 0 && pick < 0; k--) if (Math.abs(holding(k) - rest) <= SAME_MAGNITUDE * rest) pick = k;
      for (let k = open.length - 1; k >= 0 && pick < 0; k--) if (holding(k) >= rest) pick = k;
      if (pick >= 0) take(open[pick], Math.min(rest, holding(pick)));
      for (let k = open.length - 1; k >= 0 && rest > 1e-9; k--) {
        const left = holding(k);
        if (left > 1e-9) take(open[k], Math.min(rest, left));
      }
      for (let k = open.length - 1; k >= 0; k--) if (unit.remaining(open[k]) <= 1e-9) open.splice(k, 1);
      unit.settle(at, rest);
    }
  }
  unit.finish(lineNet);
  for (let i = 0; i < n; i++) {
    // Nothing of it reversed an order in the data.
    if (lineRule[i] === CANCELLATION && Math.abs(lineNet[i] - table.amount[i]) <= 1e-9 * (1 + Math.abs(table.amount[i]))) lineRule[i] = UNMATCHED_RETURN;
  }

  return taken;
}

/**
 * The units cancellations are matched between: each line where the file has a product column
 * (grouped by customer and product), otherwise each order (its purchase or cancellation lines
 * summed, grouped by customer). Lines without a customer are never matched.
 */
function unitOfMatching(table: TransactionTable, lineRule: Uint8Array, orderOf: OrderGroups) {
  const n = table.customer.length;
  const byLine = table.product !== undefined;
  // Only customers with a cancellation need their lines grouped.
  const cancelling = new Set<string>();
  for (let i = 0; i < n; i++) if (lineRule[i] === CANCELLATION && table.customer[i] !== '') cancelling.add(table.customer[i]);
  const byCustomer = new Map<string, Map<string, number[]>>();
  const groups: number[][] = [];
  // Per-order units: the first line of an order stands for it, holding the sum of its lines.
  const unitOf = new Int32Array(n).fill(-1);
  const value = new Float64Array(n);
  const headOfOrder = [new Int32Array(orderOf.count).fill(-1), new Int32Array(orderOf.count).fill(-1)];
  for (let i = 0; i < n; i++) {
    const rule = lineRule[i];
    if ((rule !== PURCHASE && rule !== CANCELLATION) || !cancelling.has(table.customer[i])) continue;
    let head = i;
    const order = orderOf.group[i];
    if (!byLine && order >= 0) {
      const heads = headOfOrder[rule === PURCHASE ? 0 : 1];
      if (heads[order] < 0) heads[order] = i; else head = heads[order];
    }
    unitOf[i] = head;
    value[head] += table.amount[i];
    if (head !== i) continue;
    let products = byCustomer.get(table.customer[i]);
    if (!products) { products = new Map(); byCustomer.set(table.customer[i], products); }
    const productKey = byLine ? table.product![i] : '';
    let group = products.get(productKey);
    if (!group) { group = []; products.set(productKey, group); groups.push(group); }
    group.push(i);
  }
  const remaining = Float64Array.from(value);
  const unmatched = new Float64Array(n);
  return {
    groups,
    value: (head: number) => value[head],
    remaining: (head: number) => remaining[head],
    take(head: number, amount: number) { remaining[head] -= amount; },
    settle(head: number, rest: number) { unmatched[head] = rest; },
    /** Spreads each unit's outcome over its lines in proportion to their values. */
    finish(lineNet: Float64Array) {
      for (let i = 0; i < n; i++) {
        const head = unitOf[i];
        if (head < 0) { if (lineRule[i] === CANCELLATION) lineNet[i] = table.amount[i]; continue; } // nothing to reverse
        if (value[head] === 0) continue;
        const share = table.amount[i] / value[head];
        lineNet[i] = lineRule[i] === PURCHASE ? Math.max(0, remaining[head]) * share : -unmatched[head] * share;
      }
    },
  };
}
