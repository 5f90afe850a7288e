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

describe('event logs', () => {
  it('gives transition and per-touchpoint times in days, with the half-sample mode', async () => {
    const { halfSampleMode } = await import('../../../src/engine/eventlog/eventLogReport.ts');
    // By hand: the shortest half of 8 values is [2, 2, 2.1, 2.2] (width 0.2); of those 4, [2, 2] (width 0); mode 2.
    expect(halfSampleMode([1, 2, 2, 2.1, 2.2, 5, 9, 20])).toBe(2);
    const rows = ['case:concept:name,concept:name,time:timestamp'];
    for (let c = 0; c < 10; c++) rows.push(`${c},Ad,2024-01-01T00:00`, `${c},Trial,2024-01-0${2 + (c % 3)}T00:00`, `${c},Buy,2024-01-09T00:00`);
    rows.push('x,Ad,not a date');
    const report = customerReport(rows.join('\n'));
    expect(report.ok && report.kind).toBe('event-log');
    if (!report.ok || report.kind !== 'event-log') return;
    expect(report.eventLog.cases).toBe(10);
    expect(report.eventLog.badRows).toEqual([{ line: 32, reason: 'timestamp "not a date" is not a date' }]);
    const trial = report.eventLog.activities.find((a) => a.activity === 'Trial')!;
    // Ad → Trial takes 1, 2 or 3 days (cases 0..9: 4 × 1, 3 × 2, 3 × 3).
    expect(trial.count).toBe(10);
    expect(trial.median).toBe(2);
    expect(report.eventLog.transitions[0].count).toBe(10);
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
