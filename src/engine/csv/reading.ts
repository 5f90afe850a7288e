/**
 * How a customer file was read — its text encoding, its decimal mark, the ids that had space
 * around them — kept with its columns, so the person can check what was assumed.
 */
import { ENCODING_LABELS } from './detectEncoding.ts';
import type { TextEncoding } from './detectEncoding.ts';
import type { TrimmedIds } from './idTrimmer.ts';
import type { DecimalMark } from './parseAmount.ts';

export interface Reading {
  encoding: TextEncoding;
  decimal: DecimalMark;
  trimmedIds: TrimmedIds;
}

/**
 * Sentences on what was assumed in reading a file, for the Customers section and the command
 * line; none for a plain UTF-8 file with decimal points and clean ids. `idName`: what its ids are
 * ("customer ids", or "case ids" for an event log).
 */
export function readingNotes(reading: Reading | undefined, idName = 'customer ids'): string[] {
  if (!reading) return [];
  const notes: string[] = [];
  // A stored reading is checked field by field: one from another version may lack a part.
  if (Object.hasOwn(ENCODING_LABELS, reading.encoding) && reading.encoding !== 'utf-8') notes.push(`Text read as ${ENCODING_LABELS[reading.encoding]}.`);
  if (reading.decimal === 'comma') notes.push('Numbers read with a decimal comma (1.234,56 is 1234.56).');
  const ids = Number(reading.trimmedIds?.ids) || 0;
  const rows = Number(reading.trimmedIds?.rows) || 0;
  if (ids > 0) {
    notes.push(`${ids.toLocaleString('en')} ${ids === 1 ? idName.replace(/s$/, '') : idName} had spaces, tabs or line breaks around ${ids === 1 ? 'it' : 'them'} `
      + `(on ${rows.toLocaleString('en')} ${rows === 1 ? 'row' : 'rows'}), trimmed, so " C1" and "C1" are one id.`);
  }
  return notes;
}
