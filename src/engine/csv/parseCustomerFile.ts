/**
 * Reading a person's customer export: the text split into rows (comma, semicolon, tab or
 * whitespace separated), the header found, and from it the kind of file and which column holds
 * what. Files without a header (CDNOW's raw text: customer, YYYYMMDD date, count, amount) are
 * recognised too: their columns are named by position and mapped from their cells. The rows are read into typed columns by transactionReader, eventReader and
 * summaryReader.
 */
import Papa from 'papaparse';
import { detectKind } from './detectKind.ts';
import type { FileKind } from './detectKind.ts';
import { looksLikeDataRow, mapColumnsByContent, positionalHeader } from './headerlessColumns.ts';
import { mapColumns } from './mapColumns.ts';
import type { ColumnMapping } from './mapColumns.ts';

export interface ParsedFile {
  kind: FileKind;
  header: string[];
  hasHeader: boolean;
  mapping: ColumnMapping;
  rows: string[][];
  /** The file's first non-empty row as it is: the header, or the first data row when `hasHeader` is false. */
  firstRow: string[];
  /** File line of each row in `rows`. */
  lines: number[];
  delimiter: string;
}

/** Rows a header-less file's columns are mapped from. */
const CONTENT_ROWS = 50;

/**
 * Splits a file into rows (comma, semicolon, tab or whitespace separated; quotes, BOM and CRLF
 * handled), finds the header and detects the kind and column mapping. A file whose first row
 * looks like data (a date in it, or only numbers: see looksLikeDataRow) is read without a
 * header, its columns named "Column 1", … and mapped from the cells of its first rows.
 */
export function parseCustomerFile(text: string): ParsedFile {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = body.slice(0, body.search(/\r\n|\r|\n|$/));
  const whitespaceOnly = !/[,;\t|]/.test(firstLine) && /\S\s+\S/.test(firstLine);
  const parsed = whitespaceOnly
    ? { data: body.split(/\r\n|\r|\n/).map((line) => line.trim().split(/\s+/)), meta: { delimiter: ' ' } }
    : Papa.parse<string[]>(body, { skipEmptyLines: false, delimitersToGuess: [',', ';', '\t', '|'] });
  const all = parsed.data as string[][];
  const lineOf: number[] = [];
  let line = 1;
  for (const row of all) {
    lineOf.push(line);
    line += 1 + countLineBreaks(row);
  }
  const nonEmpty = all.map((row, index) => ({ row, line: lineOf[index] })).filter(({ row }) => row.some((cell) => cell.trim() !== ''));
  const first = nonEmpty[0]?.row ?? [];
  const headerless = looksLikeDataRow(first);
  const dataRows = headerless ? nonEmpty : nonEmpty.slice(1);
  const header = headerless ? positionalHeader(Math.max(...dataRows.slice(0, CONTENT_ROWS).map(({ row }) => row.length))) : first.map((cell) => cell.trim());
  const mapping = headerless ? mapColumnsByContent(dataRows.slice(0, CONTENT_ROWS).map(({ row }) => row)) : mapColumns(header);
  return {
    kind: detectKind(mapping), header, hasHeader: !headerless, mapping, firstRow: [...first],
    rows: dataRows.map(({ row }) => row), lines: dataRows.map(({ line: l }) => l), delimiter: parsed.meta.delimiter,
  };
}

/**
 * Line breaks inside a row's quoted cells (each "\n", so a CRLF counts once). A lone "\r" is
 * not counted: in a file with mixed line ends it is the end of the row, left on its last cell.
 */
export function countLineBreaks(row: readonly string[]): number {
  let extra = 0;
  for (const cell of row) {
    for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) extra++;
  }
  return extra;
}
