import { describe, expect, it } from 'vitest';
import { parseCustomerFile } from '../../../src/engine/csv/parseCustomerFile.ts';
import { readTransactions } from '../../../src/engine/csv/readTransactions.ts';
import { cleanTransactions } from '../../../src/engine/customers/cleaning/cleanTransactions.ts';
import { computeKpis } from '../../../src/engine/customers/computeKpis.ts';
import { partialRetentionCells } from '../../../src/engine/customers/partialRetentionCells.ts';
import { csv } from '../../fixtures/customerCsv.ts';

const retentionOf = (rows: (string | number)[][]) =>
  computeKpis(cleanTransactions(readTransactions(parseCustomerFile(csv(['customer', 'date', 'amount'], rows))).table)).retention;

describe('partialRetentionCells', () => {
  it('marks nothing when the data start and end on whole months', () => {
    // 1 January to 31 March: both edge months whole (dataCoverage: start by the 3rd, end within 3 days of the month end).
    const retention = retentionOf([['a', '2024-01-01', 10], ['a', '2024-02-15', 10], ['b', '2024-02-02', 5], ['c', '2024-03-31', 5]]);
    expect(retention.firstMonthPartial || retention.lastMonthPartial).toBe(false);
    expect(partialRetentionCells(retention)).toEqual([[false, false, false], [false, false], [false]]);
  });

  it('marks the last cohort and every cohort\'s last column when the data stop mid-month', () => {
    // Cohorts Jan, Feb, Mar; data stop 10 March, so March is partial: the March row and the March
    // column of each older cohort (Jan +2, Feb +1) count only ten days of orders.
    const retention = retentionOf([['a', '2024-01-01', 10], ['a', '2024-03-05', 10], ['b', '2024-02-02', 5], ['c', '2024-03-10', 5]]);
    expect(retention.lastMonthPartial).toBe(true);
    expect(partialRetentionCells(retention)).toEqual([[false, false, true], [false, true], [true]]);
  });

  it('marks the whole first cohort when the data start mid-month', () => {
    // Data start 20 January and end 31 March: only January is partial.
    const retention = retentionOf([['a', '2024-01-20', 10], ['a', '2024-02-05', 10], ['b', '2024-02-02', 5], ['c', '2024-03-31', 5]]);
    expect([retention.firstMonthPartial, retention.lastMonthPartial]).toEqual([true, false]);
    expect(partialRetentionCells(retention)).toEqual([[true, true, true], [false, false], [false]]);
  });
});
