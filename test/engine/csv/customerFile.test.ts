import { describe, expect, it } from 'vitest';
import { findAnomalies, jensenShannon } from '../../../src/engine/customers/anomalies.ts';
import { parseCustomerFile, parseAmount, readTransactions } from '../../../src/engine/csv/customerFile.ts';
import { detectDateFormat, parseDate } from '../../../src/engine/csv/dates.ts';
import { cleanTransactions } from '../../../src/engine/customers/cleanTransactions.ts';
import { computeKpis } from '../../../src/engine/customers/computeKpis.ts';

/** A CSV from rows of cells. */
function csv(header: string[], rows: (string | number)[][]): string {
  return [header.join(','), ...rows.map((row) => row.join(','))].join('\n');
}

function isoDay(start: string, plusDays: number, time = '10:00'): string {
  return `${new Date(Date.parse(`${start}T00:00:00Z`) + plusDays * 86_400_000).toISOString().slice(0, 10)} ${time}`;
}

function analyse(text: string) {
  const file = parseCustomerFile(text);
  const read = readTransactions(file);
  const cleaned = cleanTransactions(read.table);
  return { file, read, cleaned, orders: cleaned.purchases, kpis: computeKpis(cleaned), anomalies: findAnomalies(cleaned) };
}

describe('dates', () => {
  it('reads ISO, YYYYMMDD, month-first and day-first dates as wall-clock minutes', () => {
    const noon = Date.UTC(2011, 11, 9, 12, 50) / 60_000;
    expect(parseDate('2011-12-09T12:50:00', 'iso')).toBe(noon);
    expect(parseDate('2011-12-09 12:50', 'iso')).toBe(noon);
    expect(parseDate('12/9/2011 12:50', 'mdy')).toBe(noon);
    expect(parseDate('9/12/2011 12:50', 'dmy')).toBe(noon);
    expect(parseDate('19970101', 'yyyymmdd')).toBe(Date.UTC(1997, 0, 1) / 60_000);
    expect(parseDate('31/4/2011', 'dmy')).toBeNaN();
    expect(parseDate('soon', 'iso')).toBeNaN();
  });

  it('decides month-first or day-first from the data, and says when it cannot', () => {
    expect(detectDateFormat(['12/1/2010 8:26', '12/13/2010 9:00'])).toEqual({ format: 'mdy', ambiguous: false });
    expect(detectDateFormat(['13/1/2010', '1/2/2010'])).toEqual({ format: 'dmy', ambiguous: false });
    expect(detectDateFormat(['1/2/2010', '3/4/2010'])).toEqual({ format: 'mdy', ambiguous: true });
    expect(detectDateFormat(['2010-01-02'])).toEqual({ format: 'iso', ambiguous: false });
  });
});

describe('reading customer files', () => {
  it('detects the UCI Online Retail shape, sums order lines and keeps a discount line out of the orders', () => {
    const text = csv(['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'], [
      ['536365', '85123A', 'HEART', 6, '12/1/2010 8:26', 2.55, 17850, 'United Kingdom'],
      ['536365', '71053', 'LANTERN', 6, '12/1/2010 8:26', 3.39, 17850, 'United Kingdom'],
      ['C536379', 'D', 'Discount', -1, '12/1/2010 9:41', 27.5, 14527, 'United Kingdom'],
      ['536380', '22961', 'JAM', 24, '12/1/2010 9:41', 0.85, '', 'United Kingdom'],
    ]);
    const { file, read, orders, kpis, cleaned } = analyse(text);
    expect(file.kind).toBe('transactions');
    expect(read.dateFormat).toBe('mdy');
    expect(orders.id).toEqual(['536365', '536380']);
    expect(orders.amount[0]).toBeCloseTo(6 * 2.55 + 6 * 3.39, 9);
    // StockCode D is a discount: not a product, totalled apart, never a cancellation of an order.
    expect(cleaned.summary.rules['not-a-product']).toEqual({ lines: 1, money: -27.5 });
    expect(kpis).toMatchObject({ customers: 1, orders: 2, ordersWithoutCustomer: 1, notProductRevenue: -27.5 });
    expect(kpis.revenue).toBeCloseTo(6 * 2.55 + 6 * 3.39 + 24 * 0.85, 9);
  });

  it('reads the CDNOW shape with or without a header, whitespace separated too', () => {
    const withHeader = parseCustomerFile('customer_id,date,cds,amount\n00004,19970101,2,29.33\n');
    expect(withHeader.kind).toBe('transactions');
    const raw = parseCustomerFile('00001 19970101 1 11.77\n00002 19970112 1 12.00\n');
    expect(raw.kind).toBe('transactions');
    expect(raw.hasHeader).toBe(false);
    expect(readTransactions(raw).table.amount[1]).toBe(12);
  });

  it('treats empty, (blank), NA and null customer ids as missing', () => {
    const { read } = analyse(csv(['customer', 'date', 'amount'], [['(blank)', '2024-01-01', 5], ['NA', '2024-01-01', 5], ['null', '2024-01-01', 5], ['a', '2024-01-01', 5]]));
    expect(read.table.customer).toEqual(['', '', '', 'a']);
  });

  it('reports broken rows by line number and keeps the good ones', () => {
    const { read } = analyse('customer,date,amount\na,2024-01-01,10\nb,yesterday,10\nc,2024-01-03,ten\n\nd,2024-01-04,4\n');
    expect(read.table.customer).toEqual(['a', 'd']);
    expect(read.badRows).toEqual([
      { line: 3, reason: 'date "yesterday" is not a date' },
      { line: 4, reason: 'amount "ten" is not a number' },
    ]);
  });

  it('recognises event logs, customer summaries and journeys by their headers', () => {
    expect(parseCustomerFile('case:concept:name,concept:name,time:timestamp\n1,Ad,2024-01-01\n').kind).toBe('event-log');
    expect(parseCustomerFile('customer,frequency,recency,T,monetary_value\na,1,2,3,4\n').kind).toBe('customer-summary');
    expect(parseCustomerFile('id,name,stage,optimistic,most_likely,pessimistic,depends_on\n').kind).toBe('journey');
  });

  it('reads amounts as exports write them', () => {
    expect(parseAmount('1,234.50')).toBe(1234.5);
    expect(parseAmount('£12.40')).toBe(12.4);
    expect(parseAmount('(12.00)')).toBe(-12);
    expect(parseAmount('12,5')).toBe(12.5);
    expect(parseAmount('n/a')).toBeNaN();
  });
});

describe('KPIs', () => {
  it('computes repeat rate, order value, frequency, gaps, historic value and cohort retention', () => {
    // a: orders on Jan 1 and Feb 1 (31 days apart), 10 + 30; b: one order on Feb 10, 20.
    const { kpis } = analyse(csv(['customer', 'date', 'amount'], [['a', '2024-01-01', 10], ['a', '2024-02-01', 30], ['b', '2024-02-10', 20]]));
    expect(kpis).toMatchObject({ customers: 2, orders: 3, repeatPurchaseRate: 0.5, averageOrderValue: 20, purchaseFrequency: 1.5, averageInterPurchaseDays: 31, historicClv: 30 });
    // The data stop on 10 February: that last month is partial, and named so.
    expect(kpis.retention).toEqual({ cohorts: ['2024-01', '2024-02'], size: [1, 1], share: [[1, 1], [1]], firstMonthPartial: false, lastMonthPartial: true });
  });
});

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

describe('jensenShannon', () => {
  it('is 0 for the same mix and 1 bit for disjoint mixes', () => {
    const a = new Map([['x', 0.5], ['y', 0.5]]);
    expect(jensenShannon(a, a)).toBe(0);
    expect(jensenShannon(new Map([['x', 1]]), new Map([['y', 1]]))).toBe(1);
  });
});

describe('overdue value at risk', () => {
  // B bought in a burst: three orders of 100 on day 0, then one of 100 on each of days 1–4, and
  // nothing since; the data end on day 400 (another customer's order). Gaps between purchase
  // days are all 1 day, so a yearly value from the usual gap (100 × 365 / 1 = 36,500) would be
  // absurd: B spent 700 in all. From the whole history instead (the Poisson rate's estimate
  // x/T, Fader, Hardie & Lee 2005 §3 without the prior): x = 4 repeat purchase days over
  // T = 400 days since the first → 3.65 purchase days a year, at 700 / 5 = 140 a purchase day
  // → 511.00 a year.
  const rows: (string | number)[][] = [];
  for (let k = 0; k < 3; k++) rows.push(['B', `B0${k}`, isoDay('2024-01-01', 0, `1${k}:00`), 100]);
  for (let day = 1; day <= 4; day++) rows.push(['B', `B${day}`, isoDay('2024-01-01', day), 100]);
  rows.push(['Z', 'Z1', isoDay('2024-01-01', 400), 30]);

  it('is the yearly spend of their whole history, not a year at their burst rhythm', () => {
    const overdue = analyse(csv(['customer', 'order', 'date', 'amount'], rows)).anomalies.filter((a) => a.kind === 'overdue');
    expect(overdue.map((a) => a.customer)).toEqual(['B']);
    expect(overdue[0].why).toContain('About 511.00 a year at risk');
  });

  it('does not extrapolate a history shorter than a year', () => {
    // Y bought 100 on each of days 300, 301 and 302; the data end on day 400, so T = 100 days.
    // x/T would give 2/100 × 365 = 7.3 purchase days a year (730 a year, more than the 300 Y ever
    // spent); counted over a year instead: 2 repeat purchase days × 100 = 200.00 a year.
    const young = [300, 301, 302].map((day) => ['Y', `Y${day}`, isoDay('2024-01-01', day), 100]);
    const overdue = analyse(csv(['customer', 'order', 'date', 'amount'], [...rows, ...young])).anomalies
      .filter((a) => a.kind === 'overdue' && a.customer === 'Y');
    expect(overdue).toHaveLength(1);
    expect(overdue[0].why).toContain('About 200.00 a year at risk');
  });

  it('ranks overdue customers by the value at risk, not by how unusual the silence is', () => {
    // V bought 1,000 on days 0, 30, 60 and 90: x = 3 repeat purchase days over T = 400 days → 3/400 × 365
    // = 2.7375 a year × 1,000 = 2,737.50 at risk. Its silence (310 days against gaps of 30) is the least unusual of
    // the three: with gaps all equal σ is the floor for each, and z = ln(elapsed/usual)/σ: V ln(310/30) = 2.34,
    // Y ln(98/1) = 4.58, B ln(396/1) = 5.98 (× 1/σ). By value: V 2,737.50, B 511.00, Y 200.00.
    const young = [300, 301, 302].map((day) => ['Y', `Y${day}`, isoDay('2024-01-01', day), 100]);
    const valued = [0, 30, 60, 90].map((day) => ['V', `V${day}`, isoDay('2024-01-01', day), 1000]);
    const overdue = analyse(csv(['customer', 'order', 'date', 'amount'], [...rows, ...young, ...valued])).anomalies
      .filter((a) => a.kind === 'overdue');
    expect(overdue.map((a) => a.customer)).toEqual(['V', 'B', 'Y']);
    expect(overdue.map((a) => a.score)).toEqual([expect.closeTo(2737.5, 9), expect.closeTo(511, 9), expect.closeTo(200, 9)]);
    expect(overdue[0].why).toContain('Ranked by the value at risk');
  });
});
