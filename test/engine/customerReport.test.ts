import { describe, expect, it } from 'vitest';
import { customerReport } from '../../src/engine/customerReport.ts';

describe('customerReport', () => {
  const rows = ['customer,order,date,amount'];
  for (let c = 0; c < 20; c++) for (let w = 0; w < 8; w++) rows.push(`C${c},O${c}-${w},2024-0${1 + Math.floor(w / 4)}-${String(1 + (w % 4) * 7).padStart(2, '0')},${40 + ((c + w) % 7)}`);
  rows.push('C3,BIG,2024-02-10 10:00,9800', 'C3,CBIG,2024-02-10 10:20,-9800');
  const report = customerReport(rows.join('\n'));

  it('gives KPIs, anomalies and a forecast row per customer', () => {
    expect(report.ok).toBe(true);
    if (!report.ok) return;
    expect(report.customers).toHaveLength(20);
    expect(report.anomalies.some((a) => a.kind === 'reversal' && a.order === 'BIG')).toBe(true);
    expect(report.parameters).toBeDefined();
  });

  it('leaves a reversed order out of the customer\'s orders and value', () => {
    if (!report.ok) return;
    const c3 = report.customers.find((c) => c.customer === 'C3')!;
    const c4 = report.customers.find((c) => c.customer === 'C4')!;
    expect(c3.orders).toBe(8);
    expect(c3.clv).toBeLessThan(3 * c4.clv);
  });

  it('says plainly when a file is not transactions', () => {
    expect(customerReport('a,b\n1,2\n')).toMatchObject({ ok: false });
  });
});
