/**
 * How the Customers section writes its figures: money and counts with thousands separators,
 * and shares that never collapse to "0.0%" or "0%" when they are small but not zero (a dropout
 * probability of 0.044% is shown as such, with two significant digits).
 */

const dash = '—';

/** Intl.NumberFormat is slow to build: one per set of options, reused (a table draws thousands of figures). */
const formats = new Map<string, Intl.NumberFormat>();
function format(value: number, options: Intl.NumberFormatOptions): string {
  const key = JSON.stringify(options);
  let f = formats.get(key);
  if (!f) { f = new Intl.NumberFormat('en', options); formats.set(key, f); }
  return f.format(value);
}

/** "12,345.67", or "—" when not a number. */
export function money(value: number): string {
  return Number.isFinite(value) ? format(value, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : dash;
}

/** A count or a plain figure with thousands separators and up to `decimals` decimals ("1,234.5"). */
export function figure(value: number, decimals = 1): string {
  if (!Number.isFinite(value)) return dash;
  if (value !== 0 && Math.abs(value) < 10 ** -decimals) return format(value, { maximumSignificantDigits: 2 });
  return format(value, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/**
 * A probability or share as a percentage: `decimals` decimals from 1% up; below 1%, two
 * significant digits ("0.044%"), so a small share that is not zero never reads as 0%; below
 * 0.001%, "< 0.001%" (a P(alive) of 5e-16 is not worth sixteen zeros).
 */
export function percent(share: number, decimals = 1): string {
  if (!Number.isFinite(share)) return dash;
  const pct = 100 * share;
  if (pct === 0) return '0%';
  if (Math.abs(pct) < 0.001) return pct > 0 ? '< 0.001%' : '> -0.001%';
  if (Math.abs(pct) >= 1) return `${format(pct, { minimumFractionDigits: decimals, maximumFractionDigits: decimals })}%`;
  return `${format(pct, { maximumSignificantDigits: 2 })}%`;
}

/** A rate or model parameter with three significant digits, thousands separated, exponent past a billion. */
export function significant(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return dash;
  if (value !== 0 && (Math.abs(value) >= 1e9 || Math.abs(value) < 1e-6)) return value.toExponential(digits - 1);
  if (Math.abs(value) >= 10 ** digits) return format(value, { maximumFractionDigits: 0 });
  return format(value, { maximumSignificantDigits: digits, minimumSignificantDigits: digits });
}
