/**
 * Reading every row of a customer file with the mapping the person confirmed (after
 * inspectCustomerFile proposed one): rows streamed by streamRows (a CSV) or row group by row
 * group by parquetRows (a Parquet file) into the reader of the file's kind (transactions, event
 * log, customer summary), with the rows that could not be read.
 */
import type { DateFormat } from './dates.ts';
import type { TextEncoding } from './detectEncoding.ts';
import { eventReader } from './eventReader.ts';
import type { EventTable } from './eventReader.ts';
import type { ColumnMapping } from './mapColumns.ts';
import type { DecimalMark } from './parseAmount.ts';
import type { Reading } from './reading.ts';
import type { BadRow, RowReader } from './rowReader.ts';
import { transactionReader } from './transactionReader.ts';
import type { TransactionTable } from './transactionReader.ts';
import { summaryReader } from './readCustomerSummary.ts';
import type { SummaryTable } from './readCustomerSummary.ts';
import { streamRows } from './streamRows.ts';
import { isParquetFile, openParquet, streamParquetRows } from './parquetRows.ts';
import type { Input } from './streamRows.ts';

/** What to read and how: the person's confirmed choices from the mapping dialog. */
export interface ImportPlan {
  kind: 'transactions' | 'event-log' | 'customer-summary';
  mapping: ColumnMapping;
  /** The date format of the date or timestamp column (a customer summary has none). */
  dateFormat?: DateFormat;
  delimiter: string;
  hasHeader: boolean;
  /** The text encoding of a file given as bytes (UTF-8 when absent). */
  encoding?: TextEncoding;
  /** How numbers are written (a decimal point when absent). */
  decimal?: DecimalMark;
}


export type ReadFile =
  | { kind: 'transactions'; rows: number; table: TransactionTable; badRows: BadRow[]; reading?: Reading }
  | { kind: 'event-log'; rows: number; table: EventTable; badRows: BadRow[]; reading?: Reading }
  | { kind: 'customer-summary'; rows: number; table: SummaryTable; badRows: BadRow[]; reading?: Reading };

/**
 * Reads every row of a file with a confirmed plan into a table, with the rows that could not be
 * read (lines too long among them, in line order) and how the file was read (encoding, decimal
 * mark, ids trimmed).
 */
export async function readCustomerFile(input: Input, plan: ImportPlan, onProgress?: (fraction: number) => void): Promise<ReadFile> {
  let rows = 0;
  const skipped: BadRow[] = [];
  const parquet = typeof input !== 'string' && await isParquetFile(input);
  const read = async <Table>(reader: RowReader<Table>) => {
    const onRows = (chunk: string[][], lines: number[]) => { rows += chunk.length; chunk.forEach((row, k) => reader.add(row, lines[k])); };
    if (parquet) await streamParquetRows(await openParquet(input as Blob), { onRows, onProgress });
    else {
      await streamRows(input, {
        delimiter: plan.delimiter, hasHeader: plan.hasHeader, encoding: plan.encoding, onProgress, onRows,
        onBadRow: (line, reason) => { rows++; skipped.push({ line, reason }); },
      });
    }
    const { table, badRows, trimmedIds } = reader.finish();
    const reading: Reading = { encoding: typeof input === 'string' ? 'utf-8' : plan.encoding ?? 'utf-8', decimal: plan.decimal ?? 'point', trimmedIds: trimmedIds ?? { ids: 0, rows: 0 } };
    return { rows, table, badRows: skipped.length ? [...badRows, ...skipped].sort((a, b) => a.line - b.line) : badRows, reading };
  };
  if (plan.kind === 'customer-summary') return { kind: 'customer-summary', ...await read(summaryReader(plan.mapping, plan.decimal)) };
  if (plan.kind === 'event-log') {
    if (!plan.dateFormat) throw new Error('no date format was chosen for the timestamp column');
    return { kind: 'event-log', ...await read(eventReader(plan.mapping, plan.dateFormat)) };
  }
  return { kind: 'transactions', ...await read(transactionReader(plan.mapping, plan.dateFormat, plan.decimal)) };
}

/** Why a plan cannot be read yet, in a sentence; undefined when it can. */
export function planProblem(plan: ImportPlan): string | undefined {
  const m = plan.mapping;
  if (plan.kind === 'customer-summary') {
    if (m.customer === undefined) return 'Choose the column with the customer id.';
    if (m.frequency === undefined || m.recency === undefined || m.age === undefined) return 'A customer summary needs frequency, recency and T columns (the monetary value is optional).';
    return undefined;
  }
  if (plan.kind === 'event-log') {
    if (m.case === undefined || m.activity === undefined || m.timestamp === undefined) return 'An event log needs a case, an activity and a timestamp column.';
  } else {
    if (m.customer === undefined) return 'Choose the column with the customer id.';
    if (m.date === undefined) return 'Choose the column with the order date.';
    if (m.amount === undefined && (m.quantity === undefined || m.unitPrice === undefined)) return 'Choose an amount column, or both a quantity and a unit price column.';
  }
  if (!plan.dateFormat) return 'The date column does not hold dates in a format Waypoint reads (2024-03-02, 20240302, 3/2/2024 or 2/3/2024).';
  return undefined;
}
