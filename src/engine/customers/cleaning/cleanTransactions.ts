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
import type { TransactionTable } from '../../csv/index.ts';
import { buildOrders } from './buildOrders.ts';
import type { Cancellation, Orders } from './buildOrders.ts';
import type { CleaningRules } from './cleaningRules.ts';
import { DEFAULT_CLEANING_RULES } from './cleaningRules.ts';
import { CANCELLATION, DUPLICATE, LINE_RULES, NEGATIVE_WITHOUT_C, NOT_A_PRODUCT, PURCHASE, ZERO_VALUE } from './lineRules.ts';
import type { LineRule } from './lineRules.ts';
import { matchCancellations } from './matchCancellations.ts';
import { orderGroups } from './orderGroups.ts';

export type { Cancellation, Orders } from './buildOrders.ts';

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
  const taken = matchCancellations(table, lineRule, lineNet, orderOf);

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
