/**
 * Reading a customer file in pieces, so a 45 MB export never sits in memory as one string and
 * the reader can say how far it has got. `inspectCustomerFile` reads only the head (and a few
 * slices spread through the file, for the date format) to propose a mapping; `readCustomerFile`
 * then reads every row with the mapping the person confirmed.
 *
 * The file is cut into chunks at line ends that are outside quotes (a quoted cell may hold a
 * line break), each chunk is split into rows by papaparse with the delimiter found in the head,
 * and every row keeps its line number in the file. Whitespace-separated files (the original
 * CDNOW text files) have no quotes and are split on runs of spaces.
 */
import Papa from 'papaparse';
import { detectColumnDateFormat } from './dates.ts';
import type { DateFormat } from './dates.ts';
import type { FileKind } from './detectKind.ts';
import { eventReader } from './eventReader.ts';
import type { EventTable } from './eventReader.ts';
import type { ColumnMapping } from './mapColumns.ts';
import { parseCustomerFile } from './parseCustomerFile.ts';
import type { BadRow } from './rowReader.ts';
import { transactionReader } from './transactionReader.ts';
import type { TransactionTable } from './transactionReader.ts';
import { summaryReader } from './readCustomerSummary.ts';
import type { SummaryTable } from './readCustomerSummary.ts';

/** Bytes (or characters of a string) read per chunk. */
export const CHUNK_BYTES = 2 * 1024 * 1024;
const HEAD_BYTES = 65_536;
const SAMPLE_BYTES = 16_384;

export interface Inspection {
  kind: FileKind;
  header: string[];
  hasHeader: boolean;
  mapping: ColumnMapping;
  /** papaparse's delimiter, or ' ' for whitespace-separated files. */
  delimiter: string;
  /** The first rows after the header, as they are in the file. */
  preview: string[][];
  /** Rows from the head and from slices spread through the file, to detect the date format. */
  sample: string[][];
  dateFormat: DateFormat | undefined;
  ambiguousDates: boolean;
}

/** What to read and how: the person's confirmed choices from the mapping dialog. */
export interface ImportPlan {
  kind: 'transactions' | 'event-log' | 'customer-summary';
  mapping: ColumnMapping;
  /** The date format of the date or timestamp column (a customer summary has none). */
  dateFormat?: DateFormat;
  delimiter: string;
  hasHeader: boolean;
}

type Input = Blob | string;

const sizeOf = (input: Input) => (typeof input === 'string' ? input.length : input.size);

async function readText(input: Input, start: number, end: number): Promise<string> {
  return typeof input === 'string' ? input.slice(start, end) : input.slice(start, end).text();
}

/** The date column of a mapping for its kind. */
export function dateColumn(kind: FileKind, mapping: ColumnMapping): number | undefined {
  if (kind === 'customer-summary') return undefined;
  return kind === 'event-log' ? mapping.timestamp : mapping.date;
}

/**
 * The kind, header, proposed mapping, first rows and date format of a file, from its head and
 * four 16 KB slices spread through it (an export sorted by date often starts with weeks of
 * dates that read both month-first and day-first; later ones settle it).
 */
export async function inspectCustomerFile(input: Input): Promise<Inspection> {
  const size = sizeOf(input);
  let head = await readText(input, 0, HEAD_BYTES);
  if (size > HEAD_BYTES) head = head.slice(0, completeRowsEnd(head, false).end || head.length);
  const file = parseCustomerFile(head);
  const whitespace = file.delimiter === ' ';
  const sample = file.rows.slice();
  if (size > 4 * HEAD_BYTES) {
    for (const fraction of [0.25, 0.5, 0.75, 1]) {
      const start = Math.max(HEAD_BYTES, Math.floor(size * fraction) - SAMPLE_BYTES);
      const text = await readText(input, start, start + SAMPLE_BYTES);
      const lines = text.split(/\r\n|\r|\n/).slice(1, -1).join('\n'); // drop the partial first and last lines
      const rows = whitespace
        ? lines.split('\n').map((line) => line.trim().split(/\s+/))
        : Papa.parse<string[]>(lines, { delimiter: file.delimiter, skipEmptyLines: true }).data;
      sample.push(...rows.filter((row) => row.length === file.header.length));
    }
  }
  const detection = detectColumnDateFormat(sample, dateColumn(file.kind, file.mapping));
  return {
    kind: file.kind, header: file.header, hasHeader: file.hasHeader, mapping: file.mapping, delimiter: file.delimiter,
    preview: file.rows.slice(0, 8), sample, dateFormat: detection.format, ambiguousDates: detection.ambiguous,
  };
}

/**
 * Index just past the last line end in `text` that is outside quotes, given the quote state at
 * its start. A line end is LF, CRLF or a CR alone (old Mac exports); a CR as the very last
 * character may be the first half of a CRLF split across chunks, so it is not a cut.
 */
export function completeRowsEnd(text: string, inQuotesAtStart: boolean): { end: number; inQuotesAtEnd: boolean } {
  let inQuotes = inQuotesAtStart;
  let end = 0;
  let quotesAtEnd = inQuotesAtStart;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 34) inQuotes = !inQuotes; // a doubled "" inside quotes toggles twice: no change
    else if (!inQuotes && (code === 10 || (code === 13 && i + 1 < text.length && text.charCodeAt(i + 1) !== 10))) { end = i + 1; quotesAtEnd = false; }
  }
  return { end, inQuotesAtEnd: quotesAtEnd };
}

/**
 * Every line end outside quotes (CRLF, LF or CR) as one LF, for papaparse; line breaks inside a
 * quoted cell are part of the cell and kept exactly as they are in the file.
 */
export function unifyLineEnds(text: string): string {
  if (text.indexOf('\r') < 0) return text;
  const parts: string[] = [];
  let inQuotes = false;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 34) inQuotes = !inQuotes;
    else if (code === 13 && !inQuotes) {
      parts.push(text.slice(from, i), '\n');
      from = text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
      if (from === i + 2) i++;
    }
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/** Line breaks inside a row's quoted cells, each CRLF, LF or CR counted once. */
function quotedLineBreaks(row: readonly string[]): number {
  let extra = 0;
  for (const cell of row) {
    if (cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) continue;
    for (let i = 0; i < cell.length; i++) {
      const code = cell.charCodeAt(i);
      if (code === 10 || (code === 13 && cell.charCodeAt(i + 1) !== 10)) extra++;
    }
  }
  return extra;
}

/**
 * Streams the rows of a file: calls `onRows` with each chunk's rows and their line numbers
 * (empty lines and the header skipped), and `onProgress` with the share of the file read.
 * Resolves when the whole file is read.
 */
export async function streamRows(
  input: Input,
  options: {
    delimiter: string; hasHeader: boolean; chunkBytes?: number;
    onRows: (rows: string[][], lines: number[]) => void; onProgress?: (fraction: number) => void;
  },
): Promise<void> {
  const size = sizeOf(input);
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  const decoder = new TextDecoder();
  let carry = '';
  let inQuotes = false;
  let line = 1;
  let headerPending = options.hasHeader;
  let first = true;
  const emit = (text: string) => {
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    first = false;
    if (text === '') return;
    // CRLF, LF, CR or a mix (a header saved apart from the data): one line end for papaparse.
    const unified = unifyLineEnds(text);
    const body = unified.endsWith('\n') ? unified.slice(0, -1) : unified;
    const rows = options.delimiter === ' '
      ? body.split('\n').map((l) => { const t = l.trim(); return t === '' ? [''] : t.split(/\s+/); })
      : Papa.parse<string[]>(body, { delimiter: options.delimiter, newline: '\n', skipEmptyLines: false }).data;
    const kept: string[][] = [];
    const lines: number[] = [];
    for (const row of rows) {
      const at = line;
      line += 1 + quotedLineBreaks(row);
      if (row.length === 1 && row[0].trim() === '') continue;
      if (row.every((cell) => cell.trim() === '')) continue;
      if (headerPending) { headerPending = false; continue; }
      kept.push(row);
      lines.push(at);
    }
    if (kept.length) options.onRows(kept, lines);
  };
  for (let start = 0; start < size; start += chunkBytes) {
    const end = Math.min(size, start + chunkBytes);
    const piece = typeof input === 'string'
      ? input.slice(start, end)
      : decoder.decode(await input.slice(start, end).arrayBuffer(), { stream: end < size });
    const text = carry + piece;
    const cut = completeRowsEnd(text, inQuotes);
    // A line end inside quotes that never close would hold the rest of the file: past 32 MB, cut anyway.
    const at = cut.end === 0 && text.length > 32 * chunkBytes ? text.length : cut.end;
    emit(text.slice(0, at));
    carry = text.slice(at);
    inQuotes = at === cut.end ? cut.inQuotesAtEnd : false;
    options.onProgress?.(end / size);
  }
  emit(carry);
  options.onProgress?.(1);
}

export type ReadFile =
  | { kind: 'transactions'; rows: number; table: TransactionTable; badRows: BadRow[] }
  | { kind: 'event-log'; rows: number; table: EventTable; badRows: BadRow[] }
  | { kind: 'customer-summary'; rows: number; table: SummaryTable; badRows: BadRow[] };

/** Reads every row of a file with a confirmed plan into a table, with the rows that could not be read. */
export async function readCustomerFile(input: Input, plan: ImportPlan, onProgress?: (fraction: number) => void): Promise<ReadFile> {
  let rows = 0;
  if (plan.kind === 'customer-summary') {
    const reader = summaryReader(plan.mapping);
    await streamRows(input, {
      delimiter: plan.delimiter, hasHeader: plan.hasHeader, onProgress,
      onRows: (chunk, lines) => { rows += chunk.length; chunk.forEach((row, k) => reader.add(row, lines[k])); },
    });
    return { kind: 'customer-summary', rows, ...reader.finish() };
  }
  if (plan.kind === 'event-log') {
    if (!plan.dateFormat) throw new Error('no date format was chosen for the timestamp column');
    const reader = eventReader(plan.mapping, plan.dateFormat);
    await streamRows(input, {
      delimiter: plan.delimiter, hasHeader: plan.hasHeader, onProgress,
      onRows: (chunk, lines) => { rows += chunk.length; chunk.forEach((row, k) => reader.add(row, lines[k])); },
    });
    return { kind: 'event-log', rows, ...reader.finish() };
  }
  const reader = transactionReader(plan.mapping, plan.dateFormat);
  await streamRows(input, {
    delimiter: plan.delimiter, hasHeader: plan.hasHeader, onProgress,
    onRows: (chunk, lines) => { rows += chunk.length; chunk.forEach((row, k) => reader.add(row, lines[k])); },
  });
  return { kind: 'transactions', rows, ...reader.finish() };
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
