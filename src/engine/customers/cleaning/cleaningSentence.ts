import type { CleaningSummary } from './cleanTransactions.ts';

function money(value: number): string {
  return value.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function count(value: number, one: string, many = `${one}s`): string {
  return `${value.toLocaleString('en')} ${value === 1 ? one : many}`;
}

/**
 * The import summary in one sentence a person can check: "3,836 cancellation lines netted
 * (893,979.73); 5,268 duplicate lines dropped; …". Rules that applied to nothing are left out.
 */
export function cleaningSentence(summary: CleaningSummary): string {
  const { rules } = summary;
  const parts: string[] = [];
  if (rules.cancellation.lines) parts.push(`${count(rules.cancellation.lines, 'cancellation line')} netted against earlier orders (${money(rules.cancellation.money)}; ${count(summary.ordersReversed, 'order')} fully reversed, ${summary.ordersPartlyReversed.toLocaleString('en')} in part)`);
  if (rules['unmatched-return'].lines) parts.push(`${count(rules['unmatched-return'].lines, 'return')} of things bought before the data start (${money(rules['unmatched-return'].money)}) taken off store revenue only`);
  if (rules.duplicate.lines) parts.push(`${count(rules.duplicate.lines, 'duplicate line')} dropped (${money(rules.duplicate.money)})`);
  if (rules['not-a-product'].lines) parts.push(`${count(rules['not-a-product'].lines, 'line')} that ${rules['not-a-product'].lines === 1 ? 'is' : 'are'} not products (postage, fees, adjustments) totalled apart (${money(rules['not-a-product'].money)})`);
  if (rules['negative-without-c'].lines) parts.push(`${count(rules['negative-without-c'].lines, 'negative line')} without a C (stock corrections, ${money(rules['negative-without-c'].money)}) left out`);
  if (rules['zero-value'].lines) parts.push(`${count(rules['zero-value'].lines, 'zero-value line')} left out`);
  return parts.length ? `${parts.join('; ')}.` : 'Every line counted as a purchase: nothing was cancelled, duplicated or other than a product.';
}
