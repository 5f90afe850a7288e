/** A transactions file already split into rows, read whole into columns. */
import { detectColumnDateFormat } from './dates.ts';
import type { DateFormat } from './dates.ts';
import { detectColumnsDecimalMark, numberColumns } from './detectDecimalMark.ts';
import type { TrimmedIds } from './idTrimmer.ts';
import type { DecimalMark } from './parseAmount.ts';
import type { ColumnMapping } from './mapColumns.ts';
import type { ParsedFile } from './parseCustomerFile.ts';
import type { BadRow } from './rowReader.ts';
import { transactionReader } from './transactionReader.ts';
import type { TransactionTable } from './transactionReader.ts';

/**
 * Reads the rows of a transactions file into columns (see transactionReader). Returns the date
 * format used and whether it was ambiguous (so the caller can ask), and the decimal mark used:
 * `options.decimal`, or the one the amount columns show (detectDecimalMark).
 */
export function readTransactions(
  file: ParsedFile, options: { mapping?: ColumnMapping; dateFormat?: DateFormat; decimal?: DecimalMark } = {},
): { table: TransactionTable; badRows: BadRow[]; dateFormat: DateFormat | undefined; ambiguousDates: boolean; decimal: DecimalMark; trimmedIds: TrimmedIds } {
  const mapping = options.mapping ?? file.mapping;
  const detection = detectColumnDateFormat(file.rows, mapping.date);
  const dateFormat = options.dateFormat ?? detection.format;
  const decimal = options.decimal ?? detectColumnsDecimalMark(file.rows, numberColumns('transactions', mapping), file.delimiter).decimal;
  const reader = transactionReader(mapping, dateFormat, decimal);
  file.rows.forEach((row, index) => reader.add(row, file.lines[index]));
  const { table, badRows, trimmedIds } = reader.finish();
  return { table, badRows, dateFormat, ambiguousDates: options.dateFormat === undefined && detection.ambiguous, decimal, trimmedIds: trimmedIds ?? { ids: 0, rows: 0 } };
}
