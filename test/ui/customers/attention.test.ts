import { describe, expect, it } from 'vitest';
import type { Anomaly } from '../../../src/engine/customers/index.ts';
import { customerReport } from '../../../src/engine/customers/customerReport.ts';
import { attentionRows } from '../../../src/ui/customers/attention.ts';

const row = (kind: Anomaly['kind'], customer: string, date: string, order: string, related: string, atStake: number, score = 1): Anomaly =>
  ({ kind, customer, date, order, related, score, atStake, why: `${kind} ${order}` });

describe('attentionRows', () => {
  it('ranks every kind together by the money at stake, not by score', () => {
    const { rows } = attentionRows([
      row('odd-order', 'C1', '2024-01-02 10:00', 'O1', '', 300, 9), row('overdue', 'C2', '2024-01-01', 'O7', '', 1200, 2),
      row('odd-day', '', '2024-01-05', '', '', 800, 30),
    ]);
    expect(rows.map((r) => r.anomaly.kind)).toEqual(['overdue', 'odd-day', 'odd-order']);
  });

  it('lists a reversal pair once, on the order side, whichever side comes first', () => {
    const order = row('reversal', 'C3', '2024-02-10 10:00', 'BIG', 'CBIG', 9800);
    const cancellation = row('reversal', 'C3', '2024-02-10 10:20', 'CBIG', 'BIG', 9800);
    for (const list of [[order, cancellation], [cancellation, order]]) {
      const { rows } = attentionRows(list);
      expect(rows.map((r) => r.anomaly)).toEqual([order]);
    }
  });

  it('makes an order flagged by several kinds one row under the kind with most at stake, naming the others', () => {
    const { rows } = attentionRows([
      row('odd-order', 'C3', '2024-02-10 10:00', 'BIG', 'CBIG', 9750),
      row('reversal', 'C3', '2024-02-10 10:00', 'BIG', 'CBIG', 9800),
      row('reversal', 'C3', '2024-02-10 10:20', 'CBIG', 'BIG', 9800),
      row('big-basket', 'C4', '2024-02-11 10:00', 'BIG', '', 500),
    ]);
    expect(rows.map((r) => [r.anomaly.kind, r.anomaly.customer, r.also])).toEqual([['reversal', 'C3', ['odd-order']], ['big-basket', 'C4', []]]);
  });

  it('counts, and leaves out, anomalies with nothing at stake', () => {
    const { rows, withoutMoney } = attentionRows([row('preference-shift', 'C5', '2024-03-01', 'O9', '', 0), row('overdue', 'C6', '2024-01-01', 'O8', '', 40)]);
    expect(rows.map((r) => r.anomaly.customer)).toEqual(['C6']);
    expect(withoutMoney).toBe(1);
  });

  it('puts a reversed bulk order first in a shop of steady customers, once', () => {
    // 30 customers ordering 40–48 weekly; C3's 9,800 order is reversed 20 minutes later by CBIG.
    const lines = ['customer,order,date,amount'];
    for (let c = 0; c < 30; c++) for (let w = 0; w < 12; w++) lines.push(`C${c},O${c}-${w},2024-${String(1 + Math.floor(w / 4)).padStart(2, '0')}-${String(1 + (w % 4) * 7).padStart(2, '0')},${40 + ((c + w) % 9)}`);
    lines.push('C3,BIG,2024-02-10 10:00,9800', 'C3,CBIG,2024-02-10 10:20,-9800');
    const report = customerReport(lines.join('\n'));
    if (!report.ok || report.kind !== 'transactions') throw new Error('the shop must read');
    const { rows } = attentionRows(report.anomalies);
    expect(rows[0].anomaly).toMatchObject({ customer: 'C3', order: 'BIG', related: 'CBIG' });
    expect(rows[0].anomaly.atStake).toBeCloseTo(9800, 2);
    expect(rows.filter((r) => r.anomaly.customer === 'C3' && [r.anomaly.order, r.anomaly.related].includes('BIG'))).toHaveLength(1);
  });
});
