/** Reading rows of a customer file one at a time, with every row that could not be read kept by line and reason. */
import type { TrimmedIds } from './idTrimmer.ts';

export interface BadRow { line: number; reason: string }

/**
 * Reads rows one at a time into a table; `finish` returns the table, every row that could not
 * be read, and how many ids had space around them that was trimmed (see idTrimmer).
 */
export interface RowReader<Table> {
  add(row: readonly string[], line: number): void;
  finish(): { table: Table; badRows: BadRow[]; trimmedIds?: TrimmedIds };
}
