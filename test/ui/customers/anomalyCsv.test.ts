import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Anomaly } from '../../../src/engine/customers/index.ts';
import { anomaliesCsv, attentionCsv } from '../../../src/ui/customers/anomalyCsv.ts';
import { attentionRows } from '../../../src/ui/customers/attention.ts';

const row = (kind: Anomaly['kind'], customer: string, order: string, atStake: number, score = 1): Anomaly =>
  ({ kind, customer, date: '2024-01-02', order, related: '', score, atStake, why: `${kind} ${order}` });

describe('the Attention and Anomalies CSV downloads', () => {
  const anomalies = [row('odd-order', '=HYPERLINK("x")', 'O1', 1234.567, 9.87654), row('overdue', 'C2', 'O7', 12000)];

  it('write every row of the Attention list with plain numbers, most at stake first', () => {
    const parsed = Papa.parse<string[]>(attentionCsv(attentionRows(anomalies).rows).trim()).data;
    expect(parsed[0]).toEqual(['customer', 'date', 'kind', 'also', 'order', 'at_stake', 'why']);
    expect(parsed.slice(1).map((r) => r[5])).toEqual(['12000', '1234.57']);
  });

  it('make a customer id that looks like a formula text, not a formula', () => {
    const parsed = Papa.parse<string[]>(anomaliesCsv(anomalies).trim()).data;
    expect(parsed[1][0]).toBe('\'=HYPERLINK("x")');
    expect(parsed[1][4]).toBe('9.8765');
    // No P(alive) outside the overdue kind: an empty cell, not "NaN".
    expect(parsed[1][6]).toBe('');
  });
});
