/**
 * Files whose first row is already data (CDNOW's raw `CDNOW_sample.txt`, many database dumps):
 * telling such a row from a header, naming the columns by position ("Column 1", …) and proposing
 * which column holds what from the cells themselves, since there are no names to go by.
 */
import { parseDate } from './dates.ts';
import type { DateFormat } from './dates.ts';
import type { ColumnMapping } from './mapColumns.ts';
import { mapColumns } from './mapColumns.ts';

const DATE_FORMATS: DateFormat[] = ['iso', 'yyyymmdd', 'mdy', 'dmy'];
const NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/;

const isNumber = (cell: string) => NUMBER.test(cell.trim());
const isDate = (cell: string) => DATE_FORMATS.some((format) => Number.isFinite(parseDate(cell, format)));

/** "Column 1" … "Column `count`": the names of a file's columns when it has no header. */
export function positionalHeader(count: number): string[] {
  return Array.from({ length: Math.max(0, count) }, (_, index) => `Column ${index + 1}`);
}

/**
 * Whether a file's first row is data rather than a header: a cell of it is a date (header names
 * never are), or every non-empty cell is a number. An empty row is not data.
 */
export function looksLikeDataRow(row: readonly string[]): boolean {
  const cells = row.map((cell) => cell.trim()).filter((cell) => cell !== '');
  if (cells.length === 0) return false;
  return cells.some(isDate) || cells.every(isNumber);
}

/**
 * The roles of a header-less transactions file's columns, from the cells of its first `rows`:
 * the date is the first column whose cells are all dates; the customer the first column before it
 * (or else the first other column); the amount the last number column after the date that has a
 * decimal separator somewhere (or else the last number column after it); a whole-number column
 * between the date and the amount is the quantity. A column a role cannot be found for is left
 * out, for the person to choose. Empty input gives an empty mapping.
 */
export function mapColumnsByContent(rows: readonly (readonly string[])[]): ColumnMapping {
  const width = rows.reduce((most, row) => Math.max(most, row.length), 0);
  const cellsOf = (column: number) => rows.map((row) => (row[column] ?? '').trim()).filter((cell) => cell !== '');
  const columns = Array.from({ length: width }, (_, index) => cellsOf(index));
  const all = (column: number, test: (cell: string) => boolean) => columns[column].length > 0 && columns[column].every(test);
  const mapping: ColumnMapping = {};
  const date = columns.findIndex((_, column) => all(column, isDate) && !all(column, (cell) => /^\d{1,7}$/.test(cell)));
  if (date < 0) return mapping;
  mapping.date = date;
  const customer = date > 0 ? 0 : columns.findIndex((_, column) => column !== date);
  if (customer >= 0) mapping.customer = customer;
  const numbers = columns.map((_, column) => column).filter((column) => column > date && all(column, isNumber));
  const decimals = numbers.filter((column) => columns[column].some((cell) => /[.,]/.test(cell)));
  const amount = decimals.length ? decimals[decimals.length - 1] : numbers[numbers.length - 1];
  if (amount !== undefined) {
    mapping.amount = amount;
    const quantity = numbers.find((column) => column < amount && all(column, (cell) => /^\d+$/.test(cell)));
    if (quantity !== undefined) mapping.quantity = quantity;
  }
  return mapping;
}

/** The header, rows and proposed mapping of a file read one way or the other. */
export interface HeaderReading {
  hasHeader: boolean;
  header: string[];
  mapping: ColumnMapping;
  /** Rows shown in the preview. */
  preview: string[][];
  /** Rows the date format and number format are detected from. */
  sample: string[][];
}

/**
 * A file's first row read as its header or as data (the import dialog's "First row is data"
 * switch): `firstRow` is the file's first row as it is, `rows` and `sample` the rows after it
 * when the file was inspected with a header, or from the first row on when without. Returns
 * fresh arrays; the mapping is proposed by header names, or for positional columns by the cells of
 * the rows after the first (a row that was taken for a header may not fit its columns' pattern).
 */
export function readFirstRow(
  inspected: { hasHeader: boolean; firstRow: readonly string[]; preview: readonly string[][]; sample: readonly string[][] },
  firstRowIsData: boolean,
  previewRows = 8,
): HeaderReading {
  const first = [...inspected.firstRow];
  const after = (rows: readonly string[][]) => (inspected.hasHeader ? rows.map((row) => [...row]) : rows.slice(1).map((row) => [...row]));
  const preview = after(inspected.preview);
  const sample = after(inspected.sample);
  if (!firstRowIsData) {
    const header = first.map((cell) => cell.trim());
    return { hasHeader: true, header, mapping: mapColumns(header), preview: preview.slice(0, previewRows), sample };
  }
  const withFirst = [first, ...sample];
  const width = withFirst.reduce((most, row) => Math.max(most, row.length), 0);
  return { hasHeader: false, header: positionalHeader(width), mapping: mapColumnsByContent(sample.length ? sample : withFirst), preview: [first, ...preview].slice(0, previewRows), sample: withFirst };
}
