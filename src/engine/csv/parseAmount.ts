/**
 * How a file writes its numbers: a decimal point with comma thousands (1,234.56, as in the UK
 * and US) or a decimal comma with point or space thousands (1.234,56, as in most of Europe).
 */
export type DecimalMark = 'point' | 'comma';

export const DECIMAL_MARK_LABELS: Record<DecimalMark, string> = {
  point: 'decimal point (1,234.56)',
  comma: 'decimal comma (1.234,56)',
};

/**
 * A number as exports write it: "1,234.50", "£12.40", "(12.00)" for negatives; with
 * `decimal` 'comma', "1.234,50" and "12,5". Either way a number that can only be read one way
 * is read that way ("12,5" with a point, "12.50" with a comma: a separator followed by other
 * than three digits is no thousands separator). NaN otherwise.
 */
export function parseAmount(text: string, decimal: DecimalMark = 'point'): number {
  let value = text.trim().replace(/^[£$€¥]|[£$€¥]$/g, '').replace(/\s/g, '');
  let negative = false;
  if (/^\(.*\)$/.test(value)) { negative = true; value = value.slice(1, -1); }
  if (decimal === 'comma') {
    if (/^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/.test(value)) value = value.replace(/\./g, '').replace(',', '.');
    else if (/^[+-]?\d*,\d+$/.test(value)) value = value.replace(',', '.');
  } else if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(value)) value = value.replace(/,/g, '');
  else if (/^-?\d+,\d+$/.test(value)) value = value.replace(',', '.');
  if (value === '' || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value)) return NaN;
  return negative ? -Number(value) : Number(value);
}
