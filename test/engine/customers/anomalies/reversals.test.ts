import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../../../../src/engine/customers/anomalies/findAnomalies.ts';
import { reversals } from '../../../../src/engine/customers/anomalies/reversals.ts';
import { cleanTransactions } from '../../../../src/engine/customers/cleaning/cleanTransactions.ts';
import { parseCustomerFile, readTransactions } from '../../../../src/engine/csv/index.ts';
import { csv, isoDay } from '../../../fixtures/customerCsv.ts';

const clean = (rows: (string | number)[][]) => cleanTransactions(readTransactions(parseCustomerFile(csv(['customer', 'order', 'date', 'amount'], rows))).table);

describe('reversals', () => {
  // A's order reversed 10 minutes later; B's 40 days later; C's 100 order has 30 of it cancelled an hour later.
  const cleaned = clean([
    ['A', 'O1', isoDay('2024-01-01', 0, '10:00'), 100], ['A', 'CO1', isoDay('2024-01-01', 0, '10:10'), -100],
    ['B', 'O2', isoDay('2024-01-01', 0, '11:00'), 100], ['B', 'CO2', isoDay('2024-01-01', 40, '11:00'), -100],
    ['C', 'O3', isoDay('2024-01-01', 0, '12:00'), 100], ['C', 'CO3', isoDay('2024-01-01', 0, '13:00'), -30],
  ]);
  const found = reversals(cleaned, 100, DEFAULT_THRESHOLDS);

  it('lists the order and its cancellation, each pointing at the other, with the value reversed at stake', () => {
    const a = found.filter((r) => r.customer === 'A');
    expect(a.map((r) => [r.order, r.related, r.date])).toEqual([['O1', 'CO1', '2024-01-01 10:00'], ['CO1', 'O1', '2024-01-01 10:10']]);
    // Size against the store's median (100), discounted by the delay: 1 / (1 + 10/1440).
    expect(a.map((r) => r.score)).toEqual([1 / (1 + 10 / 1440), 1 / (1 + 10 / 1440)]);
    expect(a.map((r) => r.atStake)).toEqual([100, 100]);
    expect(a[0].why).toBe("100.00 order O1 on 2024-01-01 10:00 reversed 10 minutes later by CO1 (1.0× the store's median order).");
  });

  it('says how much of a partly reversed order was taken back', () => {
    const c = found.find((r) => r.order === 'O3')!;
    expect(c.atStake).toBe(30);
    expect(c.why).toContain("partly reversed (30.00 of 100.00) 60 minutes later by CO3 (1/3.3 of the store's median order)");
  });

  it('leaves out a reversal later than reversalDays, and lists it when the person allows longer', () => {
    expect(found.some((r) => r.customer === 'B')).toBe(false);
    const later = reversals(cleaned, 100, { ...DEFAULT_THRESHOLDS, reversalDays: 60 }).filter((r) => r.customer === 'B');
    expect(later).toHaveLength(2);
    expect(later[0].score).toBeCloseTo(1 / 41, 12);
    expect(later[0].why).toContain('reversed 40 days later by CO2');
  });
});
