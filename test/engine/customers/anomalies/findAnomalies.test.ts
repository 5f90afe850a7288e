import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ANOMALY_KIND_LABELS, ANOMALY_KINDS, DEFAULT_THRESHOLDS, findAnomalies, rank } from '../../../../src/engine/customers/anomalies/findAnomalies.ts';
import type { Anomaly } from '../../../../src/engine/customers/anomalies/findAnomalies.ts';
import { parseCustomerFile } from '../../../../src/engine/csv/parseCustomerFile.ts';
import { readTransactions } from '../../../../src/engine/csv/readTransactions.ts';
import { cleanTransactions } from '../../../../src/engine/customers/cleaning/cleanTransactions.ts';
import { csv, isoDay } from '../../../fixtures/customerCsv.ts';

function analyse(text: string) {
  const cleaned = cleanTransactions(readTransactions(parseCustomerFile(text)).table);
  return { cleaned, anomalies: findAnomalies(cleaned) };
}

describe('anomalies on data where the answer is known by construction', () => {
  // 40 steady customers buying about every 7 days for 20 weeks, amounts 40–60.
  const start = '2024-01-01';
  const rows: (string | number)[][] = [];
  let orderNo = 1000;
  for (let c = 0; c < 40; c++) {
    for (let week = 0; week < 20; week++) {
      const jitter = (c * 7 + week * 3) % 3 - 1;
      rows.push([`C${c}`, `O${orderNo++}`, isoDay(start, week * 7 + jitter + 1), 40 + ((c * 13 + week * 7) % 21), c % 2 ? 'Kitchen' : 'Garden']);
    }
  }
  // A planted bulk order by C1 (normally ~50), reversed 12 minutes later.
  rows.push(['C1', 'O9001', isoDay(start, 60, '10:00'), 12400, 'Kitchen']);
  rows.push(['C1', 'CO9001', isoDay(start, 60, '10:12'), -12400, 'Kitchen']);
  // A weekly buyer who stops: W buys weekly for 10 weeks, then nothing for the last 10.
  for (let week = 0; week < 10; week++) rows.push(['W', `W${week}`, isoDay(start, week * 7 + 1), 50, 'Garden']);
  // A customer who switches category: S buys Kitchen for 10 weeks, then Garden.
  for (let week = 0; week < 20; week++) rows.push(['S', `S${week}`, isoDay(start, week * 7 + 2), 45, week < 10 ? 'Kitchen' : 'Garden']);
  // A spike day: 30 extra orders on one Tuesday.
  for (let k = 0; k < 30; k++) rows.push([`P${k}`, `P${k}`, isoDay(start, 92, '12:00'), 55, 'Garden']);
  const text = csv(['customer', 'order', 'date', 'amount', 'category'], rows);
  const { anomalies } = analyse(text);
  const of = (kind: string) => anomalies.filter((a) => a.kind === kind);

  it('finds the planted bulk order as the top odd order, names its size against the customer and the store, and its reversal', () => {
    const odd = of('odd-order');
    expect(odd[0]).toMatchObject({ customer: 'C1', order: 'O9001', related: 'CO9001' });
    expect(odd[0].why).toMatch(/^12,400\.00 on 2024-03-01 10:00: \d+× this customer's median order/);
    expect(odd[0].why).toContain('reversed 12 minutes later by CO9001');
    // At stake: its distance from what C1 usually spends. C1's weekly orders are 40 + (13 + 7w) mod 21:
    // 53, 60, 46 in turn (7, 7 and 6 of them), so their median is 53 and 12,400 − 53 = 12,347.
    expect(odd[0].atStake).toBeCloseTo(12_347, 9);
  });

  it('pairs the reversal with the order it reverses, both pointing at each other', () => {
    const pair = of('reversal');
    expect(pair).toHaveLength(2);
    expect(pair.map((a) => [a.order, a.related])).toEqual([['O9001', 'CO9001'], ['CO9001', 'O9001']]);
    expect(pair[0].why).toContain('reversed 12 minutes later by CO9001');
  });

  it('lists the weekly buyer who stopped as overdue, first', () => {
    const overdue = of('overdue');
    expect(overdue[0].customer).toBe('W');
    expect(overdue.every((a) => a.customer === 'W' || !a.customer.startsWith('C'))).toBe(true);
    expect(overdue[0].why).toContain('usually orders every 7 days');
  });

  it('sees the category switch, with the orders on each side and the G-test\'s evidence', () => {
    const shift = of('preference-shift');
    expect(shift.map((a) => a.customer)).toEqual(['S']);
    // 10 orders a side, disjoint: G = 2 (10 ln 2 + 10 ln 2) = 27.7 on 1 degree of freedom.
    expect(shift[0].why).toContain('Recent 10 orders: 100% Garden; earlier 10: 100% Kitchen (divergence 1.00 of 1; G = 27.7 on 1 degree of freedom, P < 0.1%)');
    // At stake: S's spend over a history shorter than a year, 20 orders × 45.
    expect(shift[0].atStake).toBeCloseTo(900, 9);
  });

  it('flags the spike day against the Tuesdays around it and nothing on ordinary days', () => {
    const days = of('odd-day');
    expect(days.map((a) => a.date)).toEqual(['2024-04-02']);
    // Its baseline: the orders on the Tuesdays 1–4 weeks either side, counted from the rows above.
    const ordersOn = (date: string) => rows.filter((row) => String(row[2]).startsWith(date)).length;
    const tuesdays = [-4, -3, -2, -1, 1, 2, 3, 4].map((w) => ordersOn(isoDay('2024-04-02', 7 * w).slice(0, 10))).sort((x, y) => x - y);
    const baseline = Math.round(Math.sqrt(tuesdays[3] * tuesdays[4])); // the log-scale median of 8: the geometric mean of the middle two
    expect(days[0].why).toMatch(/^Revenue .* on Tuesday 2024-04-02, [\d.]+× the local baseline \([\d,.]+, the median of the Tuesdays four weeks either side\)/);
    expect(days[0].why).toContain(`; ${ordersOn('2024-04-02')} orders against ${baseline}.`);
  });

  it('sorts within each kind by its rank: money at stake for odd orders, reversals and overdue customers, evidence for early purchases', () => {
    for (const kind of ['odd-order', 'reversal', 'overdue']) {
      const stakes = of(kind).map((a) => a.atStake);
      expect(stakes).toEqual([...stakes].sort((x, y) => y - x));
    }
    const scores = of('early').map((a) => a.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
  });
});

describe('anomalies on the shared Online Retail invoices (a copy in test/fixtures)', () => {
  const text = readFileSync(new URL('../../../fixtures/online_retail_invoices.csv', import.meta.url), 'utf8');
  const cleaned = cleanTransactions(readTransactions(parseCustomerFile(text)).table);
  const anomalies = findAnomalies(cleaned);

  it('puts the two bulk orders reversed minutes later at the top of the odd orders, naming their reversals', () => {
    const odd = anomalies.filter((a) => a.kind === 'odd-order').slice(0, 2);
    expect(odd.map((a) => [a.order, a.related, a.customer])).toEqual([['581483', 'C581484', '16446'], ['541431', 'C541433', '12346']]);
    expect(odd[0].why).toContain('reversed 12 minutes later by C581484');
    expect(odd[1].why).toContain('reversed 16 minutes later by C541433');
  });

  it('judges no odd day on the partial last day or on a Saturday, and ranks the odd days by money', () => {
    const days = anomalies.filter((a) => a.kind === 'odd-day');
    expect(days.length).toBeGreaterThan(0);
    expect(days.map((a) => a.date)).not.toContain('2011-12-09'); // the export stops at lunchtime
    expect(days.filter((a) => new Date(a.date).getUTCDay() === 6)).toEqual([]);
    const stakes = days.map((a) => a.atStake);
    expect(stakes).toEqual([...stakes].sort((x, y) => y - x));
  });
});

describe('findAnomalies', () => {
  it('finds nothing in an empty table', () => {
    const empty = cleanTransactions(readTransactions(parseCustomerFile('customer,date,amount\n')).table);
    expect(findAnomalies(empty)).toEqual([]);
  });

  it('comes sorted by kind, in ANOMALY_KINDS order, then by rank within each kind', () => {
    const text = readFileSync(new URL('../../../fixtures/online_retail_invoices.csv', import.meta.url), 'utf8');
    const cleaned = cleanTransactions(readTransactions(parseCustomerFile(text)).table);
    const found = findAnomalies(cleaned);
    const kinds = found.map((a) => ANOMALY_KINDS.indexOf(a.kind));
    expect(kinds).toEqual([...kinds].sort((x, y) => x - y));
    for (let k = 1; k < found.length; k++) if (found[k].kind === found[k - 1].kind) expect(rank(found[k])).toBeLessThanOrEqual(rank(found[k - 1]));
    // A stricter odd-order threshold lists fewer odd orders, each of them among the first list's.
    const oddIds = new Set(found.filter((a) => a.kind === 'odd-order').map((a) => a.order));
    const strictOdd = findAnomalies(cleaned, { ...DEFAULT_THRESHOLDS, oddOrder: 6 }).filter((a) => a.kind === 'odd-order');
    expect(strictOdd.length).toBeLessThan(oddIds.size);
    expect(strictOdd.every((a) => oddIds.has(a.order))).toBe(true);
  });

  it('ranks money kinds by the money at stake and the others by the evidence', () => {
    const row = (kind: Anomaly['kind']): Anomaly => ({ kind, customer: 'a', date: '', order: '', related: '', score: 2, atStake: 300, why: '' });
    expect(rank(row('overdue'))).toBe(300);
    expect(rank(row('odd-day'))).toBe(300);
    expect(rank(row('preference-shift'))).toBe(2);
    expect(rank(row('stalled'))).toBe(2);
  });

  it('has a label for every kind', () => {
    expect(Object.keys(ANOMALY_KIND_LABELS).sort()).toEqual([...ANOMALY_KINDS].sort());
  });
});
