/**
 * The rows of a customer file that could not be read, as a CSV a person can open in a
 * spreadsheet: line number and reason, formula-safe (see neutraliseFormula).
 */
import type { BadRow } from './rowReader.ts';
import { neutraliseFormula } from './neutraliseFormula.ts';

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function badRowsCsv(badRows: readonly BadRow[]): string {
  return ['line,reason', ...badRows.map((b) => `${b.line},${quote(neutraliseFormula(b.reason))}`)].join('\r\n') + '\r\n';
}
