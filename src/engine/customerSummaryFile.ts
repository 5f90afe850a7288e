/**
 * A customer-summary file (customer, frequency, recency, T, monetary value), for data
 * aggregated upstream (the README shows the SQL): read into the summary the repeat-buying
 * models take, with every row that cannot be used reported by line and reason.
 */
import type { CustomerSummary } from './bgnbd.ts';
import { parseAmount } from './customerData.ts';
import type { BadRow, ParsedFile } from './customerData.ts';

/**
 * Rows with a customer id and numbers 0 ≤ frequency, 0 ≤ recency ≤ T (and a monetary value,
 * 0 when the column is missing) are kept; the others are reported. A frequency of 0 with a
 * recency above 0 is reported too: without repeat purchases there is no last repeat.
 */
export function readCustomerSummary(parsed: ParsedFile): { summary: CustomerSummary; badRows: BadRow[] } {
  const badRows: BadRow[] = [];
  const ids: string[] = [];
  const columns = { frequency: [] as number[], recency: [] as number[], age: [] as number[], monetary: [] as number[] };
  parsed.rows.forEach((row, index) => {
    const line = parsed.lines[index];
    const id = (row[parsed.mapping.customer!] ?? '').trim();
    if (id === '') { badRows.push({ line, reason: 'the customer id is empty' }); return; }
    const [x, recency, age, monetary] = (['frequency', 'recency', 'age', 'monetary'] as const).map((role) => {
      const at = parsed.mapping[role];
      return at === undefined ? 0 : parseAmount(row[at] ?? '');
    });
    if (![x, recency, age, monetary].every(Number.isFinite)) {
      badRows.push({ line, reason: 'frequency, recency, T and monetary value must be numbers' });
      return;
    }
    if (x < 0 || recency < 0 || age < recency || (x === 0 && recency > 0)) {
      badRows.push({ line, reason: `needs 0 ≤ frequency, 0 ≤ recency ≤ T and recency 0 when frequency is 0 (got ${x}, ${recency}, ${age})` });
      return;
    }
    ids.push(id);
    columns.frequency.push(x); columns.recency.push(recency); columns.age.push(age); columns.monetary.push(monetary);
  });
  return {
    summary: {
      ids, frequency: Float64Array.from(columns.frequency), recency: Float64Array.from(columns.recency),
      age: Float64Array.from(columns.age), monetary: Float64Array.from(columns.monetary),
    },
    badRows,
  };
}
