/**
 * Reading a customer file in pieces, so a 45 MB export never sits in memory as one string and
 * the reader can say how far it has got. `inspectCustomerFile` reads only the head (and a few
 * slices spread through the file, for the encoding and the date format) to propose a mapping;
 * `readCustomerFile` then reads every row with the mapping the person confirmed.
 *
 * Bytes become text with the file's encoding (detectEncoding: a byte-order mark, else UTF-8,
 * else Windows-1252), decoded chunk by chunk. The text is cut into chunks at line ends that are
 * outside quotes (a quoted cell may hold a line break), each chunk is split into rows by
 * papaparse with the delimiter found in the head, and every row keeps its line number in the
 * file. A line longer than any CSV line (MAX_LINE_CHARS: a file with no line breaks, a quote
 * never closed) is reported by its number and passed over, and reading goes on at the next line.
 * Whitespace-separated files (the original CDNOW text files) have no quotes and are split on
 * runs of spaces.
 */
import Papa from 'papaparse';
import { detectColumnDateFormat } from './dates.ts';
import type { DateFormat } from './dates.ts';
import { detectColumnsDecimalMark, numberColumns } from './detectDecimalMark.ts';
import { decodeBytes, detectEncoding, textDecoder } from './detectEncoding.ts';
import type { TextEncoding } from './detectEncoding.ts';
import type { FileKind } from './detectKind.ts';
import { eventReader } from './eventReader.ts';
import type { EventTable } from './eventReader.ts';
import type { ColumnMapping } from './mapColumns.ts';
import type { DecimalMark } from './parseAmount.ts';
import { parseCustomerFile } from './parseCustomerFile.ts';
import type { Reading } from './reading.ts';
import type { BadRow, RowReader } from './rowReader.ts';
import { transactionReader } from './transactionReader.ts';
import type { TransactionTable } from './transactionReader.ts';
import { summaryReader } from './readCustomerSummary.ts';
import type { SummaryTable } from './readCustomerSummary.ts';

/** Bytes (or characters of a string) read per chunk. */
export const CHUNK_BYTES = 2 * 1024 * 1024;
/** The longest data line read (characters); a longer one is reported by its number and skipped. */
export const MAX_LINE_CHARS = 1024 * 1024;
/** The longest header: the names of 100,000 columns may take more than a data line. */
export const MAX_HEADER_CHARS = 4 * 1024 * 1024;
const HEAD_BYTES = 65_536;
/** The most the preview reads when the first rows do not fit the head (a header of many columns). */
const MAX_HEAD_BYTES = MAX_HEADER_CHARS + MAX_LINE_CHARS;
const SAMPLE_BYTES = 16_384;
const PREVIEW_ROWS = 8;

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
  /** The text encoding the file was read with (detected, or the one asked for). */
  encoding: TextEncoding;
  /** A sentence when the encoding is a guess the person may want to check; '' otherwise. */
  encodingNote: string;
  /** The decimal mark the number columns of the proposed mapping show. */
  decimal: DecimalMark;
  /** Why nothing of the file can be imported (its first lines are far too long for a CSV); '' otherwise. */
  problem: string;
}

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

type Input = Blob | string;

const sizeOf = (input: Input) => (typeof input === 'string' ? input.length : input.size);

/** A length of text as a person says it: "1 MB", or characters below that. */
function describeLength(chars: number): string {
  return chars >= 1024 * 1024 ? `${Math.round(chars / (1024 * 1024))} MB` : `${chars.toLocaleString('en')} characters`;
}

/** The date column of a mapping for its kind. */
export function dateColumn(kind: FileKind, mapping: ColumnMapping): number | undefined {
  if (kind === 'customer-summary') return undefined;
  return kind === 'event-log' ? mapping.timestamp : mapping.date;
}

/** Line ends outside quotes in `text`, counted up to `enough`. */
function countRowEnds(text: string, enough: number): number {
  let inQuotes = false;
  let count = 0;
  for (let i = 0; i < text.length && count < enough; i++) {
    const code = text.charCodeAt(i);
    if (code === 34) inQuotes = !inQuotes;
    else if (!inQuotes && (code === 10 || (code === 13 && text.charCodeAt(i + 1) !== 10))) count++;
  }
  return count;
}

/**
 * The kind, header, proposed mapping, first rows, encoding, decimal mark and date format of a
 * file, from its head and four 16 KB slices spread through it (an export sorted by date often
 * starts with weeks of dates that read both month-first and day-first, or with names without
 * accents; later ones settle it). The head is 64 KB, or up to 5 MB when its first rows do not fit
 * (a header of 100,000 columns); a file whose first line does not end within that gets a
 * `problem` instead of rows. `options.encoding` reads the file in that encoding instead of the
 * detected one. Cost: bounded by the 5 MB, whatever the file's size.
 */
export async function inspectCustomerFile(input: Input, options: { encoding?: TextEncoding } = {}): Promise<Inspection> {
  const size = sizeOf(input);
  const starts = size > 4 * HEAD_BYTES ? [0.25, 0.5, 0.75, 1].map((fraction) => Math.max(HEAD_BYTES, Math.floor(size * fraction) - SAMPLE_BYTES)) : [];
  let encoding: TextEncoding = options.encoding ?? 'utf-8';
  let encodingNote = '';
  let readText: (start: number, end: number) => Promise<string>;
  if (typeof input === 'string') readText = async (start, end) => input.slice(start, end);
  else {
    const bytes = async (start: number, end: number) => new Uint8Array(await input.slice(start, end).arrayBuffer());
    if (!options.encoding) {
      const detection = detectEncoding(await Promise.all([bytes(0, HEAD_BYTES), ...starts.map((start) => bytes(start, start + SAMPLE_BYTES))]));
      encoding = detection.encoding;
      encodingNote = detection.note;
    }
    // UTF-16 comes in byte pairs: a slice from the middle starts on an even byte.
    const pairs = encoding === 'utf-16le' || encoding === 'utf-16be';
    readText = async (start, end) => decodeBytes(await bytes(pairs ? start - (start % 2) : start, end), encoding);
  }
  let headEnd = Math.min(size, HEAD_BYTES);
  let head = await readText(0, headEnd);
  if (headEnd < size && countRowEnds(head, PREVIEW_ROWS + 1) < PREVIEW_ROWS + 1) {
    headEnd = Math.min(size, MAX_HEAD_BYTES);
    head = await readText(0, headEnd);
  }
  const whole = headEnd >= size;
  if (!whole) head = head.slice(0, completeRowsEnd(head, false).end);
  const file = parseCustomerFile(head);
  const headerLength = file.header.reduce((sum, cell) => sum + cell.length + 1, 0);
  let problem = '';
  if (!whole && head === '') {
    problem = `Line 1 does not end within the first ${describeLength(MAX_HEAD_BYTES)} of the file, so this is not a CSV Waypoint can read (a CSV has one record per line, far shorter). Check that it is the export you meant, saved as CSV.`;
  } else if (file.hasHeader && headerLength > MAX_HEADER_CHARS) {
    problem = `Line 1, the header, is longer than ${describeLength(MAX_HEADER_CHARS)}, so this is not a CSV Waypoint can read. Check that it is the export you meant, saved as CSV.`;
  } else if (!whole && file.rows.length === 0) {
    problem = `Line ${head.split(/\r\n|\r|\n/).length} does not end within the first ${describeLength(MAX_HEAD_BYTES)} of the file (is a quote left open on it?), so no row can be shown. Check that it is the export you meant, saved as CSV.`;
  }
  const whitespace = file.delimiter === ' ';
  const sample = file.rows.slice();
  for (const start of starts) {
    const text = await readText(start, start + SAMPLE_BYTES);
    const lines = text.split(/\r\n|\r|\n/).slice(1, -1).join('\n'); // drop the partial first and last lines
    const rows = whitespace
      ? lines.split('\n').map((line) => line.trim().split(/\s+/))
      : Papa.parse<string[]>(lines, { delimiter: file.delimiter, skipEmptyLines: true }).data;
    sample.push(...rows.filter((row) => row.length === file.header.length));
  }
  const detection = detectColumnDateFormat(sample, dateColumn(file.kind, file.mapping));
  const decimal = detectColumnsDecimalMark(sample, numberColumns(file.kind, file.mapping), file.delimiter).decimal;
  return {
    kind: file.kind, header: file.header, hasHeader: file.hasHeader, mapping: file.mapping, delimiter: file.delimiter,
    preview: file.rows.slice(0, PREVIEW_ROWS), sample, dateFormat: detection.format, ambiguousDates: detection.ambiguous,
    encoding, encodingNote, decimal, problem,
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

/** The length of a row as a line of the file (its cells and the delimiters between them). */
function rowLength(row: readonly string[]): number {
  let length = row.length - 1;
  for (const cell of row) length += cell.length;
  return length;
}

/** Whether `text` ends inside quotes, given the quote state at its start. */
function quotesLeftOpen(text: string, inQuotesAtStart: boolean): boolean {
  let open = inQuotesAtStart;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) open = !open;
  return open;
}

/**
 * Streams the rows of a file: calls `onRows` with each chunk's rows and their line numbers
 * (empty lines and the header skipped), `onProgress` with the share of the file read, and
 * `onBadRow` with each line too long to be a CSV line (over `maxLineChars`, the header over
 * MAX_HEADER_CHARS), which is passed over: reading goes on after its next line end. Bytes are
 * decoded with `encoding` (UTF-8 by default), chunk by chunk. Resolves when the whole file is
 * read; memory stays within a chunk and the longest line allowed.
 */
export async function streamRows(
  input: Input,
  options: {
    delimiter: string; hasHeader: boolean; chunkBytes?: number; encoding?: TextEncoding; maxLineChars?: number;
    onRows: (rows: string[][], lines: number[]) => void; onProgress?: (fraction: number) => void;
    onBadRow?: (line: number, reason: string) => void;
  },
): Promise<void> {
  const size = sizeOf(input);
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  const maxLine = options.maxLineChars ?? MAX_LINE_CHARS;
  const decoder = textDecoder(options.encoding ?? 'utf-8');
  let carry = '';
  let inQuotes = false;
  let line = 1;
  let headerPending = options.hasHeader;
  let first = true;
  /** Whether the rest of a line found too long is still being passed over. */
  let skipping = false;
  /** The passed-over line ended with a CR as the last character read: an LF next is part of that line end. */
  let pendingLf = false;
  const limit = () => (headerPending ? Math.max(maxLine, MAX_HEADER_CHARS) : maxLine);
  const passOver = (at: number, reason: string) => {
    options.onBadRow?.(at, reason);
    headerPending = false;
  };
  const tooLong = (at: number) => passOver(at, `${headerPending ? 'the header' : 'the line'} is longer than ${describeLength(limit())}, far longer than a CSV line, so it was skipped (is a quote left open on it?)`);
  const emit = (text: string) => {
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    first = false;
    if (text === '') return;
    // CRLF, LF, CR or a mix (a header saved apart from the data): one line end for papaparse.
    const unified = unifyLineEnds(text);
    const body = unified.endsWith('\n') ? unified.slice(0, -1) : unified;
    // One empty line is one row (papaparse gives none for an empty text, and the line count would
    // slip); papaparse drops a U+FEFF starting its text as a byte-order mark, but only the file's
    // first one is (dropped above): one starting a later chunk is text, kept as the whole file keeps it.
    const rows = body === '' ? [['']] : options.delimiter === ' '
      ? body.split('\n').map((l) => { const t = l.trim(); return t === '' ? [''] : t.split(/\s+/); })
      : Papa.parse<string[]>(body.charCodeAt(0) === 0xfeff ? `\ufeff${body}` : body, { delimiter: options.delimiter, newline: '\n', skipEmptyLines: false }).data;
    const mayBeLong = text.length > maxLine;
    const kept: string[][] = [];
    const lines: number[] = [];
    for (const row of rows) {
      const at = line;
      line += 1 + quotedLineBreaks(row);
      if (row.length === 1 && row[0].trim() === '') continue;
      if (mayBeLong && rowLength(row) > limit()) { tooLong(at); continue; }
      if (row.every((cell) => cell.trim() === '')) continue;
      if (headerPending) { headerPending = false; continue; }
      kept.push(row);
      lines.push(at);
    }
    if (kept.length) options.onRows(kept, lines);
  };
  /** Index just past the first line end in `text` (quotes or not), or -1. */
  const pastLineEnd = (text: string): number => {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 10) return i + 1;
      if (code === 13) {
        if (i + 1 === text.length) pendingLf = true;
        return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
      }
    }
    return -1;
  };
  /** Emits the complete rows of `text` (all of it when `last`) and keeps the rest as the carry. */
  const take = (text: string, last: boolean) => {
    for (;;) {
      if (skipping) {
        const next = pastLineEnd(text);
        if (next < 0) { carry = ''; return; }
        text = text.slice(next);
        line++;
        skipping = false;
        inQuotes = false;
      }
      const cut = completeRowsEnd(text, inQuotes);
      emit(text.slice(0, cut.end));
      text = text.slice(cut.end);
      inQuotes = cut.inQuotesAtEnd;
      if (last) {
        // The file ends inside quotes opened on a line that has a line end after it: that line
        // is passed over, and the lines after it are read as they are.
        const next = quotesLeftOpen(text, inQuotes) ? pastLineEnd(text) : -1;
        if (next < 0 || next === text.length) { emit(text); carry = ''; return; }
        passOver(line, 'a quote opened on this line is never closed, so the line was skipped');
        text = text.slice(next);
        line++;
        inQuotes = false;
        continue;
      }
      if (text.length <= limit()) { carry = text; return; }
      // The row under way is already longer than any CSV line: report it, and read again from its next line end.
      tooLong(line);
      skipping = true;
    }
  };
  for (let start = 0; start < size; start += chunkBytes) {
    const end = Math.min(size, start + chunkBytes);
    let piece = typeof input === 'string'
      ? input.slice(start, end)
      : decoder.decode(await input.slice(start, end).arrayBuffer(), { stream: end < size });
    if (pendingLf) {
      pendingLf = false;
      if (piece.charCodeAt(0) === 10) piece = piece.slice(1);
    }
    take(carry + piece, false);
    options.onProgress?.(end / size);
  }
  take(carry, true);
  options.onProgress?.(1);
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
  const read = async <Table>(reader: RowReader<Table>) => {
    await streamRows(input, {
      delimiter: plan.delimiter, hasHeader: plan.hasHeader, encoding: plan.encoding, onProgress,
      onRows: (chunk, lines) => { rows += chunk.length; chunk.forEach((row, k) => reader.add(row, lines[k])); },
      onBadRow: (line, reason) => { rows++; skipped.push({ line, reason }); },
    });
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
