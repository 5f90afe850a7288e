/**
 * The currency of a locale's region ("de-AT" → EUR, "en-GB" → GBP), for the default money
 * symbol; undefined when the locale names no region we know (then no symbol is shown). The
 * region comes from Intl.Locale's likely-subtags expansion ("fr" → France), as CLDR has it.
 */

const EURO = ['AT', 'BE', 'CY', 'DE', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PT', 'SI', 'SK'];

const CURRENCY_BY_REGION: Record<string, string> = {
  ...Object.fromEntries(EURO.map((region) => [region, 'EUR'])),
  US: 'USD', GB: 'GBP', CH: 'CHF', CA: 'CAD', AU: 'AUD', NZ: 'NZD', JP: 'JPY', CN: 'CNY', HK: 'HKD', SG: 'SGD', IN: 'INR',
  KR: 'KRW', SE: 'SEK', NO: 'NOK', DK: 'DKK', PL: 'PLN', CZ: 'CZK', HU: 'HUF', RO: 'RON', BG: 'BGN', TR: 'TRY', IL: 'ILS',
  BR: 'BRL', MX: 'MXN', AR: 'ARS', CL: 'CLP', CO: 'COP', ZA: 'ZAR', AE: 'AED', SA: 'SAR', TW: 'TWD', TH: 'THB', ID: 'IDR',
  MY: 'MYR', PH: 'PHP', VN: 'VND', UA: 'UAH', IS: 'ISK',
};

/** ISO 4217 code for `locale`'s region, or undefined. */
export function currencyOfLocale(locale: string | undefined): string | undefined {
  if (!locale) return undefined;
  try {
    const region = new Intl.Locale(locale).maximize().region;
    return region ? CURRENCY_BY_REGION[region] : undefined;
  } catch {
    return undefined;
  }
}
