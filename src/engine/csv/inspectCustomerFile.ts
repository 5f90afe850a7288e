/**
 * A first look at a customer file, to propose how to read it: `inspectCustomerFile` reads only
 * the head (and a few slices spread through the file, for the encoding, the decimal mark and
 * the date format) and returns the kind, header, proposed mapping and first rows, for the
 * person to confirm in the mapping dialog before readCustomerFile reads every row.
 */
import Papa from 'papaparse';
import { detectColumnDateFormat } from './dates.ts';
import type { DateFormat } from './dates.ts';
import { detectColumnsDecimalMark, numberColumns } from './detectDecimalMark.ts';
import { decodeBytes, detectEncoding } from './detectEncoding.ts';
import type { TextEncoding } from './detectEncoding.ts';
import { dateColumn } from './detectKind.ts';
import type { FileKind } from './detectKind.ts';
import type { ColumnMapping } from './mapColumns.ts';
import type { DecimalMark } from './parseAmount.ts';
import { inspectParquetFile } from './inspectParquetFile.ts';
import { isParquetFile } from './parquetRows.ts';
import { parseCustomerFile } from './parseCustomerFile.ts';
import { completeRowsEnd, describeLength, MAX_HEADER_CHARS, MAX_LINE_CHARS, sizeOf } from './streamRows.ts';
import type { Input } from './streamRows.ts';

const HEAD_BYTES = 65_536;
/** The most the preview reads when the first rows do not fit the head (a header of many columns). */
const MAX_HEAD_BYTES = MAX_HEADER_CHARS + MAX_LINE_CHARS;
const SAMPLE_BYTES = 16_384;
const PREVIEW_ROWS = 8;

export interface Inspection {
  kind: FileKind;
  header: string[];
  hasHeader: boolean;
  /** The file's first row as it is (the header, or the first data row), for the "First row is data" switch. */
  firstRow: string[];
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
  /** 'parquet' for a Parquet file (no delimiter, encoding or header row to choose); a CSV when absent. */
  format?: 'parquet';
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
  if (typeof input !== 'string' && await isParquetFile(input)) return inspectParquetFile(input);
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
    kind: file.kind, header: file.header, hasHeader: file.hasHeader, firstRow: file.firstRow, mapping: file.mapping, delimiter: file.delimiter,
    preview: file.rows.slice(0, PREVIEW_ROWS), sample, dateFormat: detection.format, ambiguousDates: detection.ambiguous,
    encoding, encodingNote, decimal, problem,
  };
}
