/** A number as exports write it: "1,234.50", "£12.40", "(12.00)" for negatives; NaN otherwise. */
export function parseAmount(text: string): number {
  let value = text.trim().replace(/^[£$€¥]|[£$€¥]$/g, '').replace(/\s/g, '');
  let negative = false;
  if (/^\(.*\)$/.test(value)) { negative = true; value = value.slice(1, -1); }
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(value)) value = value.replace(/,/g, '');
  else if (/^-?\d+,\d+$/.test(value)) value = value.replace(',', '.');
  if (value === '' || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value)) return NaN;
  return negative ? -Number(value) : Number(value);
}
