/**
 * Numbers as people read them: in the browser's locale (navigator.language), with its digit
 * grouping and decimal mark ("12,345.6" in en-US, "12.345,6" in de-DE). Every figure the page
 * shows goes through here, the sheet's computed columns, the statistics, the report, the tables
 * and the charts' labels; money adds the picked currency on top (ui/numbers.svelte.ts). What is
 * written for a machine never does: CSV downloads, data-value attributes, share links and files
 * stay plain numbers (dot decimal, no grouping), and input cells keep the text a person typed.
 * Outside a browser (Node: the CLI, server-side renders in tests) the runtime's locale applies.
 */

/** The locale to write numbers in: the browser's language, or undefined for the runtime's. */
export function numberLocale(): string | undefined {
  return (globalThis as { navigator?: { language?: string } }).navigator?.language || undefined;
}

/** Intl.NumberFormat is slow to build: one per locale and set of options, reused (the sheet draws thousands of figures). */
const formats = new Map<string, Intl.NumberFormat>();

/** `value` written by Intl.NumberFormat in the page's locale with `options` (an unknown locale falls back to English). */
export function formatNumber(value: number, options: Intl.NumberFormatOptions, key = JSON.stringify(options)): string {
  const locale = numberLocale();
  const cacheKey = `${locale}|${key}`;
  let formatter = formats.get(cacheKey);
  if (!formatter) {
    try { formatter = new Intl.NumberFormat(locale, options); } catch { formatter = new Intl.NumberFormat('en', options); }
    formats.set(cacheKey, formatter);
  }
  return formatter.format(value);
}

const fixedOptions = (digits: number): Intl.NumberFormatOptions => ({ minimumFractionDigits: digits, maximumFractionDigits: digits });

/**
 * Exactly `digits` decimals, grouped: "1,234.50"; `empty` when not a number. A value that rounds
 * to zero is written as zero, never "-0.00".
 */
export function fixedNumber(value: number, digits = 2, empty = '–'): string {
  if (!Number.isFinite(value)) return empty;
  const shown = Math.abs(value) < 0.5 * 10 ** -digits ? 0 : value;
  return formatNumber(shown, fixedOptions(digits), `f${digits}`);
}

/** At most `digits` decimals and no trailing zeros, grouped: 47.5, 50, 1,234.25; `empty` when not a number. */
export function upToNumber(value: number, digits = 2, empty = '–'): string {
  if (!Number.isFinite(value)) return empty;
  const shown = Math.abs(value) < 0.5 * 10 ** -digits ? 0 : value;
  return formatNumber(shown, { maximumFractionDigits: digits }, `u${digits}`);
}

/** A whole count, grouped: "10,000". */
export function countNumber(value: number): string {
  return Number.isFinite(value) ? formatNumber(value, { maximumFractionDigits: 0 }, 'c') : '–';
}

/** A share as a percentage with exactly `digits` decimals: "81.6%" (en), "81,6 %" (de); `empty` when not a number. */
export function percentNumber(share: number, digits = 1, empty = '–'): string {
  if (!Number.isFinite(share)) return empty;
  const shown = Math.abs(share) < 0.5 * 10 ** -(digits + 2) ? 0 : share;
  return formatNumber(shown, { style: 'percent', ...fixedOptions(digits) }, `p${digits}`);
}
