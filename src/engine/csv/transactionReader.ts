/**
 * Transaction rows (one per order or order line) read into typed columns, with every row whose
 * date or amount cannot be read reported by line number and reason.
 */
import { parseDate } from './dates.ts';
import type { DateFormat } from './dates.ts';
import { isMissingCustomer } from './isMissingCustomer.ts';
import type { ColumnMapping, ColumnRole } from './mapColumns.ts';
import { idTrimmer } from './idTrimmer.ts';
import { parseAmount } from './parseAmount.ts';
import type { DecimalMark } from './parseAmount.ts';
import type { BadRow, RowReader } from './rowReader.ts';

/** Transactions as columns. Missing customers are '' (kept for store totals, left out per customer). */
export interface TransactionTable {
  customer: string[];
  /** Wall-clock minutes since 1970-01-01. */
  minute: Float64Array;
  amount: Float64Array;
  order: string[];
  product: string[] | undefined;
  /** Product descriptions, when the file has them (the cleaning step reads fees and postage from them). */
  description?: string[] | undefined;
  category: string[] | undefined;
  group: string[] | undefined;
  /** Whether each amount is quantity × unit price (so a zero is a zero price), not an amount column. */
  amountFromPrice?: boolean;
  /** 1 for a cancellation: a negative amount or quantity, or an order id starting with "C". */
  cancellation: Uint8Array;
  /** File line of each row. */
  line: Int32Array;
}

/**
 * A reader of transaction rows into columns (used whole by readTransactions and chunk by chunk
 * by the streaming import). Amount is the amount column, or quantity × unit price. Rows with an
 * unreadable date or amount are reported, not kept. Numbers are read with `decimal` (see
 * parseAmount); customer ids are trimmed and the trimmed ones counted. Cost: linear in the rows.
 */
export function transactionReader(mapping: ColumnMapping, dateFormat: DateFormat | undefined, decimal: DecimalMark = 'point'): RowReader<TransactionTable> {
  const badRows: BadRow[] = [];
  const customer: string[] = [];
  const order: string[] = [];
  const product: string[] = [];
  const description: string[] = [];
  const category: string[] = [];
  const group: string[] = [];
  const minute: number[] = [];
  const amount: number[] = [];
  const cancellation: number[] = [];
  const line: number[] = [];
  const cell = (row: readonly string[], role: ColumnRole) => (mapping[role] === undefined ? '' : (row[mapping[role]!] ?? '').trim());
  const ids = idTrimmer();
  const number = (text: string) => parseAmount(text, decimal);
  const other: DecimalMark = decimal === 'point' ? 'comma' : 'point';
  /** Why a number cell was refused; when the other decimal mark reads it, that is said too. */
  const notNumber = (what: string, text: string) => {
    if (!text) return `the ${what} is empty`;
    const otherwise = parseAmount(text, other);
    return Number.isFinite(otherwise)
      ? `${what} "${text}" is not a number with a ${decimal === 'point' ? 'decimal point' : 'decimal comma'} (with a ${other === 'point' ? 'decimal point' : 'decimal comma'} it is ${otherwise}: choose that number format)`
      : `${what} "${text}" is not a number`;
  };
  return {
    add(row, at) {
      if (mapping.date === undefined || dateFormat === undefined) { badRows.push({ line: at, reason: 'no readable date column' }); return; }
      const dateText = cell(row, 'date');
      const time = parseDate(dateText, dateFormat);
      if (!Number.isFinite(time)) { badRows.push({ line: at, reason: dateText ? `date "${dateText}" is not a date` : 'the date is empty' }); return; }
      let value: number;
      let quantity = NaN;
      if (mapping.amount !== undefined) {
        const text = cell(row, 'amount');
        value = number(text);
        if (!Number.isFinite(value)) { badRows.push({ line: at, reason: notNumber('amount', text) }); return; }
        if (mapping.quantity !== undefined) quantity = number(cell(row, 'quantity'));
      } else {
        quantity = number(cell(row, 'quantity'));
        const price = number(cell(row, 'unitPrice'));
        if (!Number.isFinite(quantity)) { badRows.push({ line: at, reason: notNumber('quantity', cell(row, 'quantity')) }); return; }
        if (!Number.isFinite(price)) { badRows.push({ line: at, reason: notNumber('unit price', cell(row, 'unitPrice')) }); return; }
        value = quantity * price;
      }
      const orderId = cell(row, 'order');
      const id = mapping.customer === undefined ? '' : ids.trim(row[mapping.customer] ?? '');
      customer.push(isMissingCustomer(id) ? '' : id);
      order.push(orderId);
      if (mapping.product !== undefined) product.push(cell(row, 'product'));
      if (mapping.description !== undefined) description.push(cell(row, 'description'));
      if (mapping.category !== undefined) category.push(cell(row, 'category'));
      if (mapping.group !== undefined) group.push(cell(row, 'group'));
      minute.push(time);
      amount.push(value);
      cancellation.push(value < 0 || quantity < 0 || /^c/i.test(orderId) ? 1 : 0);
      line.push(at);
    },
    finish() {
      return {
        table: {
          customer, order, minute: Float64Array.from(minute), amount: Float64Array.from(amount),
          product: mapping.product !== undefined ? product : undefined,
          description: mapping.description !== undefined ? description : undefined,
          amountFromPrice: mapping.amount === undefined,
          category: mapping.category !== undefined ? category : undefined,
          group: mapping.group !== undefined ? group : undefined,
          cancellation: Uint8Array.from(cancellation), line: Int32Array.from(line),
        },
        badRows,
        trimmedIds: ids.counts(),
      };
    },
  };
}
