import { describe, expect, it } from 'vitest';
import { parseCustomerFile } from '../../../src/engine/csv/parseCustomerFile.ts';
import { readTransactions } from '../../../src/engine/csv/readTransactions.ts';
import { cleanTransactions } from '../../../src/engine/customers/cleaning/cleanTransactions.ts';
import { computeKpis } from '../../../src/engine/customers/computeKpis.ts';
import { csv } from '../../fixtures/customerCsv.ts';

function analyse(text: string) {
  const cleaned = cleanTransactions(readTransactions(parseCustomerFile(text)).table);
  return { cleaned, kpis: computeKpis(cleaned) };
}

describe('KPIs', () => {
  it('computes repeat rate, order value, frequency, gaps, historic value and cohort retention', () => {
    // a: orders on Jan 1 and Feb 1 (31 days apart), 10 + 30; b: one order on Feb 10, 20.
    const { kpis } = analyse(csv(['customer', 'date', 'amount'], [['a', '2024-01-01', 10], ['a', '2024-02-01', 30], ['b', '2024-02-10', 20]]));
    expect(kpis).toMatchObject({ customers: 2, orders: 3, repeatPurchaseRate: 0.5, averageOrderValue: 20, purchaseFrequency: 1.5, averageInterPurchaseDays: 31, historicClv: 30 });
    // The data stop on 10 February: that last month is partial, and named so.
    expect(kpis.retention).toEqual({ cohorts: ['2024-01', '2024-02'], size: [1, 1], share: [[1, 1], [1]], firstMonthPartial: false, lastMonthPartial: true });
  });
});


describe('computeKpis', () => {
  it('counts orders without a customer in the store totals only, and nets cancellations', () => {
    // a: 100 on 1 Jan, 40 of it cancelled on 2 Jan; b: 50 on 3 Jan; an order of 30 without a customer;
    // a return of 5 by c, who bought nothing in the data (so it nets no order and c is no customer).
    const { kpis } = analyse(csv(['customer', 'order', 'date', 'amount'], [
      ['a', 'O1', '2024-01-01', 100], ['a', 'C1', '2024-01-02', -40], ['b', 'O2', '2024-01-03', 50], ['', 'O3', '2024-01-03', 30], ['c', 'C2', '2024-01-04', -5],
    ]));
    expect(kpis).toMatchObject({ customers: 2, orders: 3, ordersWithoutCustomer: 1, cancelledRevenue: 45, notProductRevenue: 0 });
    // Revenue: 60 + 50 + 30 − 5 (the return lowers store revenue); order value (60 + 50 + 30) / 3.
    expect(kpis.revenue).toBeCloseTo(135, 9);
    expect(kpis.averageOrderValue).toBeCloseTo(140 / 3, 9);
    // Identified customers: 2 orders, 110 between them.
    expect(kpis.purchaseFrequency).toBe(1);
    expect(kpis.historicClv).toBeCloseTo(55, 9);
    expect(kpis.repeatPurchaseRate).toBe(0);
    expect(kpis.averageInterPurchaseDays).toBeNaN();
  });

  it('gives NaN rates, not a division by zero, when nobody is in the data', () => {
    const { cleaned } = analyse(csv(['customer', 'date', 'amount'], [['', '2024-01-01', 10]]));
    const kpis = computeKpis(cleaned);
    expect(kpis).toMatchObject({ customers: 0, orders: 1, ordersWithoutCustomer: 1 });
    expect([kpis.repeatPurchaseRate, kpis.purchaseFrequency, kpis.historicClv]).toEqual([NaN, NaN, NaN]);
    expect(kpis.retention.cohorts).toEqual([]);
  });
});
