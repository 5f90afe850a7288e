/**
 * How the page writes money and figures: in the browser's locale (views/localeNumbers.ts, the
 * one place numbers are formatted), money with the currency the person picked — by default the
 * currency of the browser's region, none when that is unknown or the person chose none. The
 * choice is kept in this browser (localStorage). CSV downloads never come through here: they
 * stay plain numbers. Outside a browser (the server-side renders of the tests) there is no
 * currency and the runtime's locale applies.
 */
import { currencyOfLocale } from './currencyOfLocale.ts';
import { formatNumber, numberLocale } from '../views/localeNumbers.ts';

export { countNumber, fixedNumber, percentNumber, upToNumber } from '../views/localeNumbers.ts';

const CURRENCY_KEY = 'waypoint:currency';
const dash = '—';

function storedCurrency(): string {
  if (typeof document === 'undefined') return '';
  try {
    const stored = localStorage.getItem(CURRENCY_KEY);
    if (stored !== null) return stored;
  } catch { /* no storage: the locale's currency */ }
  return currencyOfLocale(numberLocale()) ?? '';
}

class MoneySetting {
  /** ISO 4217 code ("EUR"), or '' for no currency symbol. */
  currency = $state(storedCurrency());

  /** The locale figures are written in (the browser's). */
  get locale(): string | undefined {
    return numberLocale();
  }

  choose(currency: string): void {
    this.currency = currency;
    try { localStorage.setItem(CURRENCY_KEY, currency); } catch { /* kept for this page only */ }
  }
}

export const moneySetting = new MoneySetting();

/** Every currency the browser can write, by code. */
export function currencyChoices(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  return supported ? supported('currency') : ['AUD', 'CAD', 'CHF', 'CNY', 'EUR', 'GBP', 'INR', 'JPY', 'USD'];
}

const format = (value: number, options: Intl.NumberFormatOptions) => formatNumber(value, options);

/** "$12,345.67" (or "12.345,67 €", or "12,345.67" with no currency); "—" when not a number. */
export function money(value: number): string {
  if (!Number.isFinite(value)) return dash;
  const currency = moneySetting.currency;
  return currency
    ? format(value, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' })
    : format(value, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** Money in whole units ("$4,212", "4.212 €", "4,212" with no currency), for yearly sums and what is at stake; "—" when not a number. */
export function wholeMoney(value: number): string {
  if (!Number.isFinite(value)) return dash;
  const currency = moneySetting.currency;
  return currency
    ? format(value, { style: 'currency', currency, currencyDisplay: 'narrowSymbol', minimumFractionDigits: 0, maximumFractionDigits: 0 })
    : format(value, { maximumFractionDigits: 0 });
}

/** A count or plain figure, grouped, with up to `decimals` decimals (two significant digits when smaller than that shows). */
export function figure(value: number, decimals = 1): string {
  if (!Number.isFinite(value)) return dash;
  if (value !== 0 && Math.abs(value) < 10 ** -decimals) return format(value, { maximumSignificantDigits: 2 });
  return format(value, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** A share as a percentage; below 1% two significant digits, so a small share never reads as 0% (as the engine's percent). */
export function percent(share: number, decimals = 1): string {
  if (!Number.isFinite(share)) return dash;
  const pct = 100 * share;
  if (pct === 0) return format(0, { style: 'percent' });
  if (Math.abs(pct) < 0.001) return `${pct > 0 ? '<' : '>'} ${format(pct > 0 ? 0.00001 : -0.00001, { style: 'percent', maximumFractionDigits: 3 })}`;
  if (Math.abs(pct) >= 1) return format(share, { style: 'percent', minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return format(share, { style: 'percent', maximumSignificantDigits: 2 });
}

/** Three significant digits, grouped; an exponent past a billion or below a millionth. */
export function significant(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return dash;
  if (value !== 0 && (Math.abs(value) >= 1e9 || Math.abs(value) < 1e-6)) return value.toExponential(digits - 1);
  if (Math.abs(value) >= 10 ** digits) return format(value, { maximumFractionDigits: 0 });
  return format(value, { maximumSignificantDigits: digits, minimumSignificantDigits: digits });
}
