/**
 * A customer-summary file (customer, frequency, recency, T, monetary value), for data
 * aggregated upstream (the README shows the SQL): read into the summary the repeat-buying
 * models take, with every row that cannot be used reported by line and reason.
 */
import type { ColumnMapping } from './mapColumns.ts';
import { detectColumnsDecimalMark, numberColumns } from './detectDecimalMark.ts';
import { idTrimmer } from './idTrimmer.ts';
import type { TrimmedIds } from './idTrimmer.ts';
import { parseAmount } from './parseAmount.ts';
import type { DecimalMark } from './parseAmount.ts';
import type { ParsedFile } from './parseCustomerFile.ts';
import type { BadRow, RowReader } from './rowReader.ts';

export interface CustomerSummary {
  ids: string[];
  /** x: repeat purchases (purchase days after the first). */
  frequency: Float64Array;
  /** t_x: first to last purchase, in the time unit. */
  recency: Float64Array;
  /** T: first purchase to the end of calibration, in the time unit. */
  age: Float64Array;
  /** Average value of the repeat purchases (0 when there are none). */
  monetary: Float64Array;
}

/** A customer summary with the file line each customer came from. */
export interface SummaryTable extends CustomerSummary {
  line: Int32Array;
}

/**
 * A reader of customer-summary rows (used whole by readCustomerSummary and chunk by chunk by
 * the streaming import). Rows with a customer id and numbers 0 ≤ frequency, 0 ≤ recency ≤ T
 * (and a monetary value, 0 when the column is missing) are kept; the others are reported. A
 * frequency of 0 with a recency above 0 is reported too: without repeat purchases there is no
 * last repeat. Numbers are read with `decimal` (see parseAmount); ids are trimmed and counted.
 */
export function summaryReader(mapping: ColumnMapping, decimal: DecimalMark = 'point'): RowReader<SummaryTable> {
  const badRows: BadRow[] = [];
  const trimmer = idTrimmer();
  const ids: string[] = [];
  const lines: number[] = [];
  const columns = { frequency: [] as number[], recency: [] as number[], age: [] as number[], monetary: [] as number[] };
  return {
    add(row, line) {
      const id = mapping.customer === undefined ? '' : trimmer.trim(row[mapping.customer] ?? '');
      if (id === '') { badRows.push({ line, reason: 'the customer id is empty' }); return; }
      const [x, recency, age, monetary] = (['frequency', 'recency', 'age', 'monetary'] as const).map((role) => {
        const at = mapping[role];
        if (at === undefined) return role === 'monetary' ? 0 : NaN;
        return parseAmount(row[at] ?? '', decimal);
      });
      if (![x, recency, age, monetary].every(Number.isFinite)) {
        badRows.push({ line, reason: 'frequency, recency, T and monetary value must be numbers' });
        return;
      }
      if (x < 0 || recency < 0 || age < recency || (x === 0 && recency > 0)) {
        badRows.push({ line, reason: `needs 0 ≤ frequency, 0 ≤ recency ≤ T and recency 0 when frequency is 0 (got ${x}, ${recency}, ${age})` });
        return;
      }
      ids.push(id);
      lines.push(line);
      columns.frequency.push(x); columns.recency.push(recency); columns.age.push(age); columns.monetary.push(monetary);
    },
    finish() {
      return {
        table: {
          ids, frequency: Float64Array.from(columns.frequency), recency: Float64Array.from(columns.recency),
          age: Float64Array.from(columns.age), monetary: Float64Array.from(columns.monetary), line: Int32Array.from(lines),
        },
        badRows,
        trimmedIds: trimmer.counts(),
      };
    },
  };
}

/**
 * A whole customer-summary file read at once (see summaryReader), its numbers with `decimal`,
 * or the decimal mark its number columns show (detectDecimalMark) when none is given.
 */
export function readCustomerSummary(parsed: ParsedFile, decimal?: DecimalMark): { summary: CustomerSummary; badRows: BadRow[]; trimmedIds: TrimmedIds } {
  const mark = decimal ?? detectColumnsDecimalMark(parsed.rows, numberColumns('customer-summary', parsed.mapping), parsed.delimiter).decimal;
  const reader = summaryReader(parsed.mapping, mark);
  parsed.rows.forEach((row, index) => reader.add(row, parsed.lines[index]));
  const { table, badRows, trimmedIds } = reader.finish();
  const { line: _line, ...summary } = table;
  return { summary, badRows, trimmedIds: trimmedIds ?? { ids: 0, rows: 0 } };
}
