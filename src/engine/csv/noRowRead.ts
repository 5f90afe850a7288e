/** The sentence for a file of which no row could be read: how many rows, and the first line's reason. */
import type { BadRow } from './rowReader.ts';

export function noRowRead(badRows: readonly BadRow[], rows: number): string {
  const first = badRows[0];
  if (rows === 0 || !first) return 'The file has no rows under its header: there is nothing to import.';
  const why = `line ${first.line}: ${first.reason}`;
  if (rows === 1) return `Its one row could not be read (${why}).`;
  return `None of its ${rows.toLocaleString('en')} rows could be read (${why}; the other ${(rows - 1).toLocaleString('en')} could not be read either).`;
}
