import { describe, expect, it } from 'vitest';
import { customerReport } from '../../../src/engine/customers/customerReport.ts';

describe('customerReport', () => {
  const rows = ['customer,order,date,amount'];
  for (let c = 0; c < 20; c++) for (let w = 0; w < 8; w++) rows.push(`C${c},O${c}-${w},2024-0${1 + Math.floor(w / 4)}-${String(1 + (w % 4) * 7).padStart(2, '0')},${40 + ((c + w) % 7)}`);
  rows.push('C3,BIG,2024-02-10 10:00,9800', 'C3,CBIG,2024-02-10 10:20,-9800');
  const report = customerReport(rows.join('\n'));

  it('gives KPIs, anomalies and a forecast row per customer', () => {
    expect(report.ok).toBe(true);
    if (!report.ok || report.kind !== 'transactions') throw new Error('expected a transactions report');
    expect(report.repurchase.customers).toHaveLength(20);
    expect(report.anomalies.some((a) => a.kind === 'reversal' && a.order === 'BIG')).toBe(true);
    expect(report.repurchase.bgnbd).toBeDefined();
  });

  it('leaves a reversed order out of the customer\'s orders and value', () => {
    if (!report.ok || report.kind !== 'transactions') throw new Error('expected a transactions report');
    const c3 = report.repurchase.customers.find((c) => c.customer === 'C3')!;
    const c4 = report.repurchase.customers.find((c) => c.customer === 'C4')!;
    expect(c3.orders).toBe(8);
    expect(c3.clv).toBeLessThan(3 * c4.clv);
  });

  it('says plainly when a file is not transactions', () => {
    expect(customerReport('a,b\n1,2\n')).toMatchObject({ ok: false });
  });
});

describe('overdue customers and the re-purchase model', () => {
  it('keeps the anomalies without P(alive), which the fit on screen adds (see overdueWithFit)', () => {
    const rows = ['customer,date,amount'];
    const day = (n: number) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10);
    for (let c = 0; c < 40; c++) for (let w = 0; w < 4 + c; w++) rows.push(`C${c},${day(7 * w + (c % 7))},${30 + (c % 5)}`);
    for (let w = 0; w < 5; w++) rows.push(`Z,${day(7 * w)},40`);
    const report = customerReport(rows.join('\n'));
    if (!report.ok || report.kind !== 'transactions') throw new Error('must read');
    const overdue = report.anomalies.find((a) => a.kind === 'overdue' && a.customer === 'Z')!;
    expect(overdue).toBeDefined();
    expect(report.anomalies.every((a) => a.pAlive === undefined)).toBe(true);
    expect(overdue.why).not.toMatch(/P\(alive\)/);
    expect(overdue.why).toMatch(/at risk\.$/);
  });
});

describe('a customer-summary file in the Customers section', () => {
  it('fits the models from its rows and reports rows it cannot use', () => {
    const rows = ['customer,frequency,recency,T,monetary_value'];
    for (let i = 0; i < 40; i++) rows.push(`S${i},${i % 5},${i % 5 === 0 ? 0 : 10 + (i % 7)},38,${20 + (i % 3)}`);
    rows.push('bad,2,50,38,10', 'worse,x,1,2,3');
    const report = customerReport(rows.join('\n'));
    expect(report.ok && report.kind).toBe('customer-summary');
    if (!report.ok || report.kind !== 'customer-summary') throw new Error('expected a customer-summary report');
    expect(report.repurchase.customers).toHaveLength(40);
    expect(report.badRows.map((b) => b.line)).toEqual([42, 43]);
    expect(report.repurchase.bgnbd).toBeDefined();
    expect(report.repurchase.regulars).toBeUndefined();
    // Orders are x + 1 purchase days; there are no dates.
    expect(report.repurchase.customers.find((c) => c.customer === 'S3')).toMatchObject({ orders: 4, lastOrder: '' });
    // Highest CLV first.
    const clv = report.repurchase.customers.map((c) => c.clv);
    expect(clv.every((v, i) => i === 0 || v <= clv[i - 1])).toBe(true);
  });
});
