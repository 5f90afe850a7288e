import { describe, expect, it } from 'vitest';
import { currencyOfLocale } from '../../src/ui/currencyOfLocale.ts';
import { figure, money, moneySetting, percent } from '../../src/ui/numbers.svelte.ts';

describe('currencyOfLocale', () => {
  it('takes the currency of the locale\'s region, its likely region when none is named', () => {
    expect(currencyOfLocale('en-GB')).toBe('GBP');
    expect(currencyOfLocale('de-AT')).toBe('EUR');
    expect(currencyOfLocale('en-US')).toBe('USD');
    // CLDR likely subtags: "ja" is Japan.
    expect(currencyOfLocale('ja')).toBe('JPY');
  });

  it('has no currency for a region it does not know or a locale that is not one', () => {
    expect(currencyOfLocale('en-001')).toBeUndefined();
    expect(currencyOfLocale('not a locale!')).toBeUndefined();
    expect(currencyOfLocale(undefined)).toBeUndefined();
  });
});

describe('money on the page', () => {
  it('has no symbol when no currency is chosen, and the chosen one otherwise', () => {
    moneySetting.choose('');
    expect(money(1234.5)).toBe(new Intl.NumberFormat(moneySetting.locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(1234.5));
    moneySetting.choose('EUR');
    expect(money(1234.5)).toBe(new Intl.NumberFormat(moneySetting.locale, { style: 'currency', currency: 'EUR', currencyDisplay: 'narrowSymbol' }).format(1234.5));
    expect(money(Number.NaN)).toBe('—');
    moneySetting.choose('');
  });

  it('keeps small shares visible and counts grouped, as the engine\'s wording does', () => {
    expect(percent(0.00044)).toMatch(/^0[.,]044%$/);
    expect(percent(0)).toBe('0%');
    expect(figure(2357, 0)).toBe(new Intl.NumberFormat(moneySetting.locale).format(2357));
  });
});
