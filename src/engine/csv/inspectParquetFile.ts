/**
 * A first look at a Parquet file, giving the same Inspection a CSV gets (inspectCustomerFile),
 * so the mapping dialog proposes the kind and columns the same way: the column names from the
 * schema, the first rows, and rows from four places spread through the file for the date format.
 * Only the footer and the row groups holding those rows are read.
 */
import { detectColumnDateFormat } from './dates.ts';
import { dateColumn, detectKind } from './detectKind.ts';
import type { Inspection } from './inspectCustomerFile.ts';
import { mapColumns } from './mapColumns.ts';
import { openParquet, parquetRowsText } from './parquetRows.ts';

const PREVIEW_ROWS = 8;
/** Rows read from the start, and from each of four places through the file, to detect the date format. */
const HEAD_ROWS = 500;
const SAMPLE_ROWS = 50;

/** The inspection of a Parquet file; a `problem` (and no rows) when it cannot be read. */
export async function inspectParquetFile(file: Blob): Promise<Inspection> {
  const empty: Inspection = {
    kind: 'unknown', header: [], hasHeader: true, firstRow: [], mapping: {}, delimiter: ',', preview: [], sample: [],
    dateFormat: undefined, ambiguousDates: false, encoding: 'utf-8', encodingNote: '', decimal: 'point', problem: '', format: 'parquet',
  };
  let table;
  try {
    table = await openParquet(file);
  } catch (error) {
    return { ...empty, problem: (error as Error).message };
  }
  if (table.header.length === 0) return { ...empty, problem: 'This Parquet file has no columns.' };
  const head = await parquetRowsText(table, 0, Math.min(table.rows, HEAD_ROWS));
  const sample = head.slice();
  if (table.rows > HEAD_ROWS) {
    for (const fraction of [0.25, 0.5, 0.75, 1]) {
      const end = Math.max(HEAD_ROWS, Math.floor(table.rows * fraction));
      sample.push(...await parquetRowsText(table, end - SAMPLE_ROWS, end));
    }
  }
  const mapping = mapColumns(table.header);
  const kind = detectKind(mapping);
  const detection = detectColumnDateFormat(sample, dateColumn(kind, mapping));
  return {
    ...empty, kind, header: table.header, firstRow: table.header, mapping, preview: head.slice(0, PREVIEW_ROWS), sample,
    dateFormat: detection.format, ambiguousDates: detection.ambiguous,
  };
}
