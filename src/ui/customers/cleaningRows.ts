/**
 * The import summary's parts: each cleaning rule in words with its counts and money, and the
 * rows that fell under it (from the dataset's columns and the report's per-line rule), listed by
 * file line and as a formula-safe CSV; and the cleaning settings form's lists.
 */
import { LINE_RULES } from '../../engine/customers/index.ts';
import type { CleaningSummary, LineRule } from '../../engine/customers/index.ts';
import { rowsToCsv } from '../../engine/csv/index.ts';
import { money } from '../numbers.svelte.ts';
import type { TransactionDataset } from '../../engine/csv/index.ts';
import { minutesToIsoDateTime } from '../../engine/csv/index.ts';
import { countNumber } from '../../views/localeNumbers.ts';

function count(value: number, one: string, many = `${one}s`): string {
  return `${countNumber(value)} ${value === 1 ? one : many}`;
}

/** Rules in the order the summary lists them: what was taken out or netted first, what counted last. */
export const SUMMARY_RULES: readonly LineRule[] = ['cancellation', 'unmatched-return', 'duplicate', 'not-a-product', 'negative-without-c', 'zero-value', 'purchase'];

/** What a rule did, as a phrase without its count ("cancellation lines netted"), for "nothing fell under …". */
export const RULE_NAMES: Record<LineRule, string> = {
  purchase: 'purchase lines', cancellation: 'cancellation lines', 'unmatched-return': 'returns of things bought before the data start',
  'not-a-product': 'lines that are not products', 'zero-value': 'zero-value lines', 'negative-without-c': 'negative lines without a C',
  duplicate: 'exact duplicate lines',
};

/** "3,454 cancellation lines netted, 638,886.46 (183 orders fully reversed, 2,895 in part)". */
export function ruleSentence(rule: LineRule, summary: CleaningSummary): string {
  const { lines, money: value } = summary.rules[rule];
  // Money only where there is some: zero-value lines (or negative lines at a price of zero) have none.
  const sum = value ? `, ${money(value)}` : '';
  switch (rule) {
    case 'purchase': return `${count(lines, 'purchase line')} counted${sum}`;
    case 'cancellation': return `${count(lines, 'cancellation line')} netted${sum} (${count(summary.ordersReversed, 'order')} fully reversed, ${countNumber(summary.ordersPartlyReversed)} in part)`;
    case 'unmatched-return': return `${count(lines, 'return')} of things bought before the data start${sum}: off store revenue only`;
    case 'not-a-product': return `${count(lines, 'line')} that ${lines === 1 ? 'is' : 'are'} not products (postage, fees, adjustments) totalled apart${sum}`;
    case 'zero-value': return `${count(lines, 'zero-value line')} left out${sum}`;
    case 'negative-without-c': return `${count(lines, 'negative line')} without a C (stock corrections) left out${sum}`;
    case 'duplicate': return `${count(lines, 'exact duplicate line')} dropped${sum}`;
  }
}

/** Table rows under `rule` (indices into the dataset), in file-line order. Cost: one pass over the rows, and a sort when they are not in order. */
export function ruleRows(lineRule: Uint8Array, line: Int32Array, rule: LineRule): number[] {
  const code = LINE_RULES.indexOf(rule);
  const rows: number[] = [];
  let ordered = true;
  for (let i = 0; i < lineRule.length; i++) {
    if (lineRule[i] !== code) continue;
    if (rows.length && line[i] < line[rows[rows.length - 1]]) ordered = false;
    rows.push(i);
  }
  return ordered ? rows : rows.sort((x, y) => line[x] - line[y]);
}

export interface RuleRow { line: number; date: string; customer: string; order: string; product: string; description: string; value: number }

/** A row's fields from the dataset's columns. */
export function ruleRow(dataset: TransactionDataset, line: Int32Array, index: number): RuleRow {
  const text = (column: TransactionDataset['customer'] | undefined) => column ? column.values[column.codes[index]] ?? '' : '';
  return {
    line: line[index], date: minutesToIsoDateTime(dataset.minute[index]), customer: text(dataset.customer), order: text(dataset.order),
    product: text(dataset.product), description: text(dataset.description), value: dataset.amount[index],
  };
}

/** Every row under a rule as CSV (cells that a spreadsheet would run as formulas are written as text). */
export function ruleRowsCsv(dataset: TransactionDataset, line: Int32Array, rows: readonly number[]): string {
  const columns = [
    { header: 'line', value: (r: RuleRow) => r.line }, { header: 'date', value: (r: RuleRow) => r.date },
    { header: 'customer', value: (r: RuleRow) => r.customer }, { header: 'order', value: (r: RuleRow) => r.order },
    ...(dataset.product ? [{ header: 'product', value: (r: RuleRow) => r.product }] : []),
    ...(dataset.description ? [{ header: 'description', value: (r: RuleRow) => r.description }] : []),
    { header: 'value', value: (r: RuleRow) => r.value },
  ];
  return rowsToCsv(rows.map((index) => ruleRow(dataset, line, index)), columns);
}

/** A list typed as "POST, DOT, bank charges": its items trimmed, empty ones dropped. */
export function parseList(text: string): string[] {
  return text.split(/[,\n]/).map((item) => item.trim()).filter(Boolean);
}
