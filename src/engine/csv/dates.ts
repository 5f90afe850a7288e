/**
 * Reading the dates people's exports contain, as wall-clock times (no time-zone shifts):
 * ISO 8601 (2011-12-09, 2011-12-09T12:50:00, 2011-12-09 12:50), YYYYMMDD (19970101),
 * month-first M/D/YYYY H:MM (the UCI Online Retail export) and day-first D/M/YYYY.
 * A time is held as minutes since 1970-01-01 00:00 of the same wall clock, a calendar day as
 * whole days since 1970-01-01 (a day number).
 */

export type DateFormat = 'iso' | 'yyyymmdd' | 'mdy' | 'dmy';

export const DATE_FORMAT_LABELS: Record<DateFormat, string> = {
  iso: 'ISO 8601 (2024-03-02)', yyyymmdd: 'YYYYMMDD (20240302)', mdy: 'month first (3/2/2024)', dmy: 'day first (2/3/2024)',
};

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const SLASHED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

function minutesOf(year: number, month: number, day: number, hour = 0, minute = 0): number {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return NaN;
  const ms = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(ms);
  if (check.getUTCDate() !== day) return NaN; // 31 April and the like
  return ms / 60_000;
}

/** Minutes since 1970-01-01 of a date in `format`; NaN when the text is not such a date. */
export function parseDate(text: string, format: DateFormat): number {
  const value = text.trim();
  let match: RegExpExecArray | null;
  switch (format) {
    case 'iso':
      match = ISO.exec(value);
      return match ? minutesOf(+match[1], +match[2], +match[3], +(match[4] ?? 0), +(match[5] ?? 0)) : NaN;
    case 'yyyymmdd':
      match = COMPACT.exec(value);
      return match ? minutesOf(+match[1], +match[2], +match[3]) : NaN;
    case 'mdy':
    case 'dmy': {
      match = SLASHED.exec(value);
      if (!match) return NaN;
      const year = match[3].length === 2 ? 2000 + +match[3] : +match[3];
      const [month, day] = format === 'mdy' ? [+match[1], +match[2]] : [+match[2], +match[1]];
      return minutesOf(year, month, day, +(match[4] ?? 0), +(match[5] ?? 0));
    }
  }
}

export interface DateDetection {
  /** The format that reads every sampled value, or undefined when none does. */
  format?: DateFormat;
  /** True when both month-first and day-first read every value: the person must choose. */
  ambiguous: boolean;
}

/**
 * Picks the format that reads the most sampled values (at least half of them; a few broken
 * cells do not hide the format). A slashed date whose first number is above 12 can only be
 * day-first (and the reverse); when month-first and day-first read the same values (both
 * numbers ≤ 12 throughout), the answer is ambiguous and the caller asks.
 */
export function detectDateFormat(samples: readonly string[]): DateDetection {
  const values = samples.map((s) => s.trim()).filter((s) => s !== '');
  if (values.length === 0) return { ambiguous: false };
  const reads = (format: DateFormat) => values.reduce((count, value) => count + (Number.isFinite(parseDate(value, format)) ? 1 : 0), 0);
  const counts = { iso: reads('iso'), yyyymmdd: reads('yyyymmdd'), mdy: reads('mdy'), dmy: reads('dmy') };
  const best = Math.max(...Object.values(counts));
  if (best < values.length / 2) return { ambiguous: false };
  if (counts.iso === best) return { format: 'iso', ambiguous: false };
  if (counts.yyyymmdd === best) return { format: 'yyyymmdd', ambiguous: false };
  if (counts.mdy === best && counts.dmy === best) return { format: 'mdy', ambiguous: true };
  return { format: counts.mdy === best ? 'mdy' : 'dmy', ambiguous: false };
}
/** "YYYY-MM-DD" of minutes since 1970. */
export function minutesToIsoDate(minutes: number): string {
  return new Date(minutes * 60_000).toISOString().slice(0, 10);
}

/** "YYYY-MM-DD HH:MM" of minutes since 1970. */
export function minutesToIsoDateTime(minutes: number): string {
  return new Date(minutes * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Days since 1970-01-01 of a calendar date (proleptic Gregorian, no time zone). */
export function dayNumber(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / 86_400_000);
}

/** "YYYY-MM-DD" of a day number. */
export function dayToIso(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** The date format of a column from sampled rows (see detectDateFormat). */
export function detectColumnDateFormat(rows: readonly (readonly string[])[], column: number | undefined) {
  if (column === undefined) return { format: undefined, ambiguous: false };
  return detectDateFormat(rows.slice(0, 2000).map((row) => (row[column] ?? '').trim()).filter((s) => s !== ''));
}
