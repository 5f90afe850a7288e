/** A transactions file already split into rows, read whole into columns. */
import { detectColumnDateFormat } from './dates.ts';
import type { DateFormat } from './dates.ts';
import type { ColumnMapping } from './mapColumns.ts';
import type { ParsedFile } from './parseCustomerFile.ts';
import type { BadRow } from './rowReader.ts';
import { transactionReader } from './transactionReader.ts';
import type { TransactionTable } from './transactionReader.ts';

/**
 * Reads the rows of a transactions file into columns (see transactionReader). Returns the date
 * format used and whether it was ambiguous (so the caller can ask).
 */
export function readTransactions(
  file: ParsedFile, options: { mapping?: ColumnMapping; dateFormat?: DateFormat } = {},
): { table: TransactionTable; badRows: BadRow[]; dateFormat: DateFormat | undefined; ambiguousDates: boolean } {
  const mapping = options.mapping ?? file.mapping;
  const detection = detectColumnDateFormat(file.rows, mapping.date);
  const dateFormat = options.dateFormat ?? detection.format;
  const reader = transactionReader(mapping, dateFormat);
  file.rows.forEach((row, index) => reader.add(row, file.lines[index]));
  return { ...reader.finish(), dateFormat, ambiguousDates: options.dateFormat === undefined && detection.ambiguous };
}
