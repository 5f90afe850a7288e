/**
 * Whether a file's numbers use a decimal point or a decimal comma, decided from the values of
 * its number columns as a spreadsheet does on opening a CSV: "1.234,56" can only be a decimal
 * comma and "1,234.56" only a decimal point; "12,50" reads 12.5 either way and decides nothing.
 */
import type { FileKind } from './detectKind.ts';
import type { ColumnMapping } from './mapColumns.ts';
import { parseAmount } from './parseAmount.ts';
import type { DecimalMark } from './parseAmount.ts';

export interface DecimalDetection {
  decimal: DecimalMark;
  /** True when some values read as different numbers either way and none settled it (the delimiter did). */
  guessed: boolean;
}

/**
 * The decimal mark that reads more of `values`, counting only values one mark reads and the
 * other does not. A tie with values that read differently either way ("1,234" is 1234 or
 * 1.234) goes to the comma in a semicolon-separated file (European exports use ";" because
 * their decimal mark is ","), to the point otherwise. Cost: linear in the values.
 */
export function detectDecimalMark(values: readonly string[], delimiter: string): DecimalDetection {
  let point = 0;
  let comma = 0;
  let differ = 0;
  for (const raw of values) {
    const text = raw.trim();
    if (text === '') continue;
    const asPoint = parseAmount(text, 'point');
    const asComma = parseAmount(text, 'comma');
    const readsPoint = Number.isFinite(asPoint);
    const readsComma = Number.isFinite(asComma);
    if (readsPoint && !readsComma) point++;
    else if (readsComma && !readsPoint) comma++;
    else if (readsPoint && readsComma && asPoint !== asComma) differ++;
  }
  if (comma > point) return { decimal: 'comma', guessed: false };
  if (point > comma) return { decimal: 'point', guessed: false };
  return { decimal: delimiter === ';' ? 'comma' : 'point', guessed: differ > 0 };
}

/** The columns of a mapping that hold numbers, for its kind (an event log has none). */
export function numberColumns(kind: FileKind, mapping: ColumnMapping): number[] {
  const roles = kind === 'customer-summary' ? (['frequency', 'recency', 'age', 'monetary'] as const)
    : kind === 'event-log' ? ([] as const) : (['amount', 'quantity', 'unitPrice'] as const);
  return roles.map((role) => mapping[role]).filter((column): column is number => column !== undefined);
}

/** The decimal mark of a file's number columns, from sampled rows (see detectDecimalMark). */
export function detectColumnsDecimalMark(
  rows: readonly (readonly string[])[], columns: readonly number[], delimiter: string,
): DecimalDetection {
  const values: string[] = [];
  for (const row of rows.slice(0, 2000)) for (const column of columns) values.push(row[column] ?? '');
  return detectDecimalMark(values, delimiter);
}
