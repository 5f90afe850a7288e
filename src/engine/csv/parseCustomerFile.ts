/**
 * Reading a person's customer export: the text split into rows (comma, semicolon, tab or
 * whitespace separated), the header found, and from it the kind of file and which column holds
 * what. Files without a header in the CDNOW shape (customer, YYYYMMDD date, count, amount) are
 * recognised too. The rows are read into typed columns by transactionReader, eventReader and
 * summaryReader.
 */
import Papa from 'papaparse';
import { detectKind } from './detectKind.ts';
import type { FileKind } from './detectKind.ts';
import { mapColumns } from './mapColumns.ts';
import type { ColumnMapping } from './mapColumns.ts';

export interface ParsedFile {
  kind: FileKind;
  header: string[];
  hasHeader: boolean;
  mapping: ColumnMapping;
  rows: string[][];
  /** File line of each row in `rows`. */
  lines: number[];
  delimiter: string;
}

/**
 * Splits a file into rows (comma, semicolon, tab or whitespace separated; quotes, BOM and CRLF
 * handled), finds the header and detects the kind and column mapping. A file whose first row
 * looks like data in the CDNOW shape (id, YYYYMMDD, count, amount) is read without a header.
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
  const looksLikeCdnow = first.length === 4 && /^\d{8}$/.test(first[1]?.trim() ?? '') && first.slice(2).every((c) => Number.isFinite(Number(c)));
  const header = looksLikeCdnow ? ['customer_id', 'date', 'count', 'amount'] : first.map((cell) => cell.trim());
  const dataRows = looksLikeCdnow ? nonEmpty : nonEmpty.slice(1);
  const mapping = mapColumns(header);
  return {
    kind: detectKind(mapping), header, hasHeader: !looksLikeCdnow, mapping,
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
