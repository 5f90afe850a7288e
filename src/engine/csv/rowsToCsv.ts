/**
 * Customer lists as CSV for an e-mail or ads tool: one row per customer id with its figures,
 * RFC 4180 quoting, CRLF line ends, and every cell made formula-safe (neutraliseFormula: a
 * customer id such as "=HYPERLINK(…)" is written as text, not run by a spreadsheet).
 */
import Papa from 'papaparse';
import { neutraliseFormula } from './neutraliseFormula.ts';

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => string | number;
}

/** Numbers keep up to `decimals` decimals (no trailing zeros); NaN and infinities are left empty. */
function cell(value: string | number, decimals: number): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(Number(value.toFixed(decimals))) : '';
  return neutraliseFormula(value);
}

/** The rows as CSV with the given columns (header row first). */
export function rowsToCsv<Row>(rows: readonly Row[], columns: readonly CsvColumn<Row>[], decimals = 4): string {
  const data = rows.map((row) => columns.map((column) => cell(column.value(row), decimals)));
  return `${Papa.unparse({ fields: columns.map((c) => neutraliseFormula(c.header)), data }, { newline: '\r\n', quotes: false })}\r\n`;
}

/** The figures of a customer row that exports carry, in this order. */
export interface ExportableCustomer {
  customer: string; orders: number; lastOrder: string; pAlive: number; expectedOrders: number; clv: number;
  frequency: number; recency: number; T: number; monetary: number; revenue: number; rfm: string; segment: string;
}

export const CUSTOMER_COLUMNS: readonly CsvColumn<ExportableCustomer>[] = [
  { header: 'customer', value: (c) => c.customer },
  { header: 'segment', value: (c) => c.segment },
  { header: 'rfm', value: (c) => c.rfm },
  { header: 'orders', value: (c) => c.orders },
  { header: 'last_order', value: (c) => c.lastOrder },
  { header: 'revenue', value: (c) => c.revenue },
  { header: 'frequency', value: (c) => c.frequency },
  { header: 'recency', value: (c) => c.recency },
  { header: 'T', value: (c) => c.T },
  { header: 'monetary_value', value: (c) => c.monetary },
  { header: 'p_alive', value: (c) => c.pAlive },
  { header: 'expected_orders', value: (c) => c.expectedOrders },
  { header: 'clv', value: (c) => c.clv },
];

/** Customers with every figure the Customers section shows. */
export function customersToCsv(rows: readonly ExportableCustomer[]): string {
  return rowsToCsv(rows, CUSTOMER_COLUMNS);
}
