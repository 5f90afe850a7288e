/**
 * What counts as a customer's purchase: the one cleaning step between the rows a person
 * imported and every customer figure (KPIs, anomaly baselines, BG/NBD and Gamma–Gamma inputs,
 * RFM, regulars, value at risk, the timeline and "Did it work?"). Nothing downstream decides it
 * again: they read the purchases, the reversed orders, the cancellations and the per-line rule
 * this step returns.
 *
 * The rules, in the order they apply to each line:
 * 1. An exact duplicate of an earlier line of the same order (same order id, product,
 *    description, customer, time, value, category and group) is dropped, unless
 *    `keepDuplicates`. Rows without an order id are never duplicates: two identical CDNOW rows
 *    (customer, day, count, value) are two purchases, as far as anyone can tell.
 * 2. A line that is not a product — a code in `nonProductCodes` (postage, carriage, fees, bank
 *    charges, manual and bad-debt adjustments …), a description containing one of
 *    `nonProductDescriptions`, or an order id starting with `adjustmentPrefix` ("A": the UCI
 *    export's bad-debt adjustments) — is totalled on its own. A line at a unit price of zero is
 *    left out too; a zero in an amount column (CDNOW's free items) stays a purchase, as Fader,
 *    Hardie & Lee (2005) count those transactions.
 * 3. A negative line is a cancellation. When the file marks its cancellations with an order id
 *    starting with "C" (the UCI convention: some negative line carries one), a negative line
 *    without the "C" is a stock or manual correction, not a cancellation: totalled on its own.
 * 4. Every cancellation is paired with what it reverses: the same customer, earlier (or at the
 *    same minute), the same product where the file has products — line by line, so a partial
 *    cancellation nets only what it cancels. Among the earlier lines still holding value, the
 *    latest one of the same magnitude (within half a percent) is taken first, then the latest
 *    one holding at least as much, then the rest is netted from the latest lines backwards.
 *    Whatever finds nothing to reverse (a return of something bought before the file starts, or
 *    a cancellation without a customer) lowers store revenue but is not an order.
 *
 * Orders are the lines summed per order id and customer (a line without an order id is an order
 * of its own). An order whose net value is gone (within half a cent per unit of value) has
 * been fully reversed: it leaves the purchase history and is kept, with its gross value, only
 * to be explained. A partly reversed order keeps its net value.
 *
 * Cost: O(n) over the lines plus the sort of each customer–product group's lines by time.
 */
import type { TransactionTable } from '../csv/index.ts';
import type { Transactions } from '../repurchase/index.ts';

/** Which rule a line fell under; `lineRule` holds one code per table row. */
export const LINE_RULES = ['purchase', 'cancellation', 'unmatched-return', 'not-a-product', 'zero-value', 'negative-without-c', 'duplicate'] as const;
export type LineRule = typeof LINE_RULES[number];
export const PURCHASE = 0;
export const CANCELLATION = 1;
export const UNMATCHED_RETURN = 2;
export const NOT_A_PRODUCT = 3;
export const ZERO_VALUE = 4;
export const NEGATIVE_WITHOUT_C = 5;
export const DUPLICATE = 6;

export interface CleaningRules {
  /** Product codes that are not products (compared whole, ignoring case and surrounding spaces). */
  nonProductCodes: string[];
  /** Words that mark a description as not a product (contained, ignoring case). */
  nonProductDescriptions: string[];
  /** Order ids starting with this are adjustments, not orders ('' for none). */
  adjustmentPrefix: string;
  /** Keep exact duplicate lines instead of dropping them. */
  keepDuplicates: boolean;
}

/**
 * The defaults, for the UCI Online Retail shape (Chen, Sain & Guo 2012): POST/DOT postage,
 * C2 carriage, M/m manual, BANK CHARGES, AMAZONFEE, CRUK commission, D discount, S samples,
 * B bad-debt adjustment, PADS (a 0.001 cushion-pad line used as a fee), and invoices "A…".
 */
export const DEFAULT_CLEANING_RULES: CleaningRules = {
  nonProductCodes: ['POST', 'DOT', 'C2', 'M', 'BANK CHARGES', 'AMAZONFEE', 'CRUK', 'D', 'S', 'B', 'PADS'],
  nonProductDescriptions: ['postage', 'carriage', 'bank charges', 'amazon fee', 'manual', 'adjust bad debt', 'discount', 'samples', 'commission'],
  adjustmentPrefix: 'A',
  keepDuplicates: false,
};

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

export interface RuleTotal { lines: number; money: number }

export interface CleaningSummary {
  /** Lines and money (a positive magnitude) under each rule, by rule name. */
  rules: Record<LineRule, RuleTotal>;
  /** Cancellation documents whose value was netted against earlier orders (in full or part). */
  cancellationsNetted: number;
  /** Orders fully reversed, and partly reversed. */
  ordersReversed: number;
  ordersPartlyReversed: number;
  /** Lines that are not products, totalled by code (or description when there is no code), largest money first. */
  notProductsByCode: { code: string; lines: number; money: number }[];
  /** The rules as they were applied. */
  applied: CleaningRules;
  /** Whether the file's cancellations are marked with order ids starting with "C". */
  cancellationsMarkedWithC: boolean;
}

export interface CleanedTransactions {
  /** Orders that count as purchases: net value above zero (orders without a customer included, for store totals). */
  purchases: Orders;
  /** Orders fully reversed: out of every customer figure, kept to be explained. */
  reversed: Orders;
  cancellations: Cancellation[];
  /** Per table row, the index into LINE_RULES of the rule it fell under. */
  lineRule: Uint8Array;
  /**
   * Per table row, the value it adds to store product revenue: a purchase line's net value, the
   * unmatched part of a cancellation (negative), 0 for every other line. Their sum is the
   * store's product revenue.
   */
  lineNet: Float64Array;
  summary: CleaningSummary;
}

const SAME_MAGNITUDE = 0.005;
/** Net value at or below this share of gross (plus half a cent) means the order is gone. */
const GONE = 0.005;

function isGone(net: number, gross: number): boolean {
  return net <= GONE * Math.abs(gross) + 0.005;
}

/** Decides, for every line of a transactions table, whether and how much it counts (see the module comment). */
export function cleanTransactions(table: TransactionTable, rules: CleaningRules = DEFAULT_CLEANING_RULES): CleanedTransactions {
  const n = table.customer.length;
  const lineRule = new Uint8Array(n);
  const lineNet = new Float64Array(n);
  const codes = new Set(rules.nonProductCodes.map((code) => code.trim().toUpperCase()).filter(Boolean));
  const words = rules.nonProductDescriptions.map((word) => word.trim().toLowerCase()).filter(Boolean);
  const prefix = rules.adjustmentPrefix.trim().toUpperCase();
  const { product, description } = table;

  let markedWithC = false;
  for (let i = 0; i < n && !markedWithC; i++) if (table.amount[i] < 0 && startsWithC(table.order[i])) markedWithC = true;
  const orderOf = orderGroups(table.order, table.customer);
  const previousInOrder = new Int32Array(n).fill(-1);
  const lastInOrder = new Int32Array(orderOf.count).fill(-1);
  // Whether a product code or description marks a line that is not a product, once per distinct text.
  const codeVerdict = new Map<string, boolean>();
  const textVerdict = new Map<string, boolean>();
  const notProductCode = (value: string) => {
    let verdict = codeVerdict.get(value);
    if (verdict === undefined) { const code = value.trim().toUpperCase(); verdict = code !== '' && codes.has(code); codeVerdict.set(value, verdict); }
    return verdict;
  };
  const notProductText = (value: string) => {
    let verdict = textVerdict.get(value);
    if (verdict === undefined) { const text = value.toLowerCase(); verdict = text !== '' && words.some((word) => text.includes(word)); textVerdict.set(value, verdict); }
    return verdict;
  };

  // 1–3: duplicates, lines that are not products, cancellations.
  for (let i = 0; i < n; i++) {
    const group = orderOf.group[i];
    if (group >= 0) {
      previousInOrder[i] = lastInOrder[group];
      lastInOrder[group] = i;
      if (!rules.keepDuplicates && isDuplicate(table, i, previousInOrder)) { lineRule[i] = DUPLICATE; continue; }
    }
    const amount = table.amount[i];
    if ((product && notProductCode(product[i])) || (description && notProductText(description[i]))
      || (prefix !== '' && table.order[i].toUpperCase().startsWith(prefix))) {
      lineRule[i] = NOT_A_PRODUCT;
    } else if (amount < 0 || Object.is(amount, -0)) {
      // A negative line (also a negative quantity at a zero price, which gives −0).
      lineRule[i] = markedWithC && !startsWithC(table.order[i]) ? NEGATIVE_WITHOUT_C : amount === 0 ? ZERO_VALUE : CANCELLATION;
    } else if (amount === 0) {
      // A zero price is not a sale; a free item in an amount column is an order of nothing, still an order.
      lineRule[i] = table.amountFromPrice ? ZERO_VALUE : PURCHASE;
    } else {
      lineRule[i] = PURCHASE;
      lineNet[i] = amount;
    }
  }

  // 4: pair cancellations with what they reverse, within a customer (and product, where there are products).
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

  // Orders: lines summed per order id and customer.
  const { purchases, reversed, cancellations, partlyReversed } = buildOrders(table, lineRule, lineNet, taken, orderOf);

  const totals = Object.fromEntries(LINE_RULES.map((rule) => [rule, { lines: 0, money: 0 }])) as Record<LineRule, RuleTotal>;
  const byCode = new Map<string, { code: string; lines: number; money: number }>();
  for (let i = 0; i < n; i++) {
    const rule = LINE_RULES[lineRule[i]];
    totals[rule].lines++;
    totals[rule].money += rule === 'cancellation' || rule === 'unmatched-return' || rule === 'negative-without-c' ? -table.amount[i] : table.amount[i];
    if (lineRule[i] === NOT_A_PRODUCT) {
      const code = (product?.[i].trim() || description?.[i].trim() || (table.order[i].toUpperCase().startsWith(prefix) && prefix ? `${prefix}… adjustment` : '')) || 'unnamed';
      let entry = byCode.get(code);
      if (!entry) { entry = { code, lines: 0, money: 0 }; byCode.set(code, entry); }
      entry.lines++;
      entry.money += table.amount[i];
    }
  }
  return {
    purchases, reversed, cancellations, lineRule, lineNet,
    summary: {
      rules: totals,
      cancellationsNetted: cancellations.filter((c) => c.matched > 0).length,
      ordersReversed: reversed.id.length,
      ordersPartlyReversed: partlyReversed,
      notProductsByCode: [...byCode.values()].sort((x, y) => Math.abs(y.money) - Math.abs(x.money)),
      applied: { ...rules, nonProductCodes: [...rules.nonProductCodes], nonProductDescriptions: [...rules.nonProductDescriptions] },
      cancellationsMarkedWithC: markedWithC,
    },
  };
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

function buildOrders(table: TransactionTable, lineRule: Uint8Array, lineNet: Float64Array, taken: Map<number, Map<number, number>>, orderOf: OrderGroups) {
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

/** The purchases of identified customers (orders without a customer left out), at their net value, on whole days: the repeat-buying models' input. */
export function customerPurchases(cleaned: CleanedTransactions): Transactions {
  const orders = cleaned.purchases;
  const keep: number[] = [];
  for (let i = 0; i < orders.id.length; i++) if (orders.customer[i] !== '') keep.push(i);
  return {
    customer: keep.map((i) => orders.customer[i]),
    day: Int32Array.from(keep, (i) => Math.floor(orders.minute[i] / 1440)),
    amount: Float64Array.from(keep, (i) => orders.amount[i]),
  };
}

function money(value: number): string {
  return value.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function count(value: number, one: string, many = `${one}s`): string {
  return `${value.toLocaleString('en')} ${value === 1 ? one : many}`;
}

/**
 * The import summary in one sentence a person can check: "3,836 cancellation lines netted
 * (893,979.73); 5,268 duplicate lines dropped; …". Rules that applied to nothing are left out.
 */
export function cleaningSentence(summary: CleaningSummary): string {
  const { rules } = summary;
  const parts: string[] = [];
  if (rules.cancellation.lines) parts.push(`${count(rules.cancellation.lines, 'cancellation line')} netted against earlier orders (${money(rules.cancellation.money)}; ${count(summary.ordersReversed, 'order')} fully reversed, ${summary.ordersPartlyReversed.toLocaleString('en')} in part)`);
  if (rules['unmatched-return'].lines) parts.push(`${count(rules['unmatched-return'].lines, 'return')} of things bought before the data start (${money(rules['unmatched-return'].money)}) taken off store revenue only`);
  if (rules.duplicate.lines) parts.push(`${count(rules.duplicate.lines, 'duplicate line')} dropped (${money(rules.duplicate.money)})`);
  if (rules['not-a-product'].lines) parts.push(`${count(rules['not-a-product'].lines, 'line')} that ${rules['not-a-product'].lines === 1 ? 'is' : 'are'} not products (postage, fees, adjustments) totalled apart (${money(rules['not-a-product'].money)})`);
  if (rules['negative-without-c'].lines) parts.push(`${count(rules['negative-without-c'].lines, 'negative line')} without a C (stock corrections, ${money(rules['negative-without-c'].money)}) left out`);
  if (rules['zero-value'].lines) parts.push(`${count(rules['zero-value'].lines, 'zero-value line')} left out`);
  return parts.length ? `${parts.join('; ')}.` : 'Every line counted as a purchase: nothing was cancelled, duplicated or other than a product.';
}

/** Lines grouped per order id and customer: `group[i]` numbers line i's order (−1 without an order id). */
interface OrderGroups { group: Int32Array; count: number }

function orderGroups(order: readonly string[], customer: readonly string[]): OrderGroups {
  const group = new Int32Array(order.length).fill(-1);
  const byOrder = new Map<string, Map<string, number>>();
  let count = 0;
  let lastOrder = '';
  let lastCustomer = '';
  let lastGroup = -1;
  for (let i = 0; i < order.length; i++) {
    if (order[i] === '') continue;
    // Lines of one order usually come together: most lines skip the lookup.
    if (lastGroup >= 0 && order[i] === lastOrder && customer[i] === lastCustomer) { group[i] = lastGroup; continue; }
    let customers = byOrder.get(order[i]);
    if (!customers) { customers = new Map(); byOrder.set(order[i], customers); }
    let at = customers.get(customer[i]);
    if (at === undefined) { at = count++; customers.set(customer[i], at); }
    group[i] = lastGroup = at;
    lastOrder = order[i];
    lastCustomer = customer[i];
  }
  return { group, count };
}

/** Whether an earlier line of the same order has every field of line i (the chain `previous` links an order's lines backwards). */
function isDuplicate(table: TransactionTable, i: number, previous: Int32Array): boolean {
  for (let j = previous[i]; j >= 0; j = previous[j]) {
    if (table.amount[j] === table.amount[i] && table.minute[j] === table.minute[i]
      && (table.product === undefined || table.product[j] === table.product[i])
      && (table.description === undefined || table.description[j] === table.description[i])
      && (table.category === undefined || table.category[j] === table.category[i])
      && (table.group === undefined || table.group[j] === table.group[i])) return true;
  }
  return false;
}

function startsWithC(id: string): boolean {
  const code = id.charCodeAt(0);
  return code === 67 || code === 99; // "C" or "c"
}
