import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../../../../src/engine/customers/anomalies/findAnomalies.ts';
import { oddOrders } from '../../../../src/engine/customers/anomalies/oddOrders.ts';
import { ordersByCustomer } from '../../../../src/engine/customers/anomalies/ordersByCustomer.ts';
import { cleanTransactions } from '../../../../src/engine/customers/cleaning/cleanTransactions.ts';
import { parseCustomerFile, readTransactions } from '../../../../src/engine/csv/index.ts';
import { csv, isoDay } from '../../../fixtures/customerCsv.ts';

const clean = (rows: (string | number)[][]) => cleanTransactions(readTransactions(parseCustomerFile(csv(['customer', 'order', 'date', 'amount'], rows))).table);

describe('oddOrders', () => {
  // 30 customers ordering 50 every week for 6 weeks; F orders 52, 48, 51 and 49 too, and one of 0.50;
  // N, new, orders once, 5,000.
  const rows: (string | number)[][] = [];
  for (let c = 0; c < 30; c++) for (let w = 0; w < 6; w++) rows.push([`B${c}`, `B${c}-${w}`, isoDay('2024-01-01', 7 * w + (c % 5)), 50]);
  [52, 48, 51, 49, 0.5].forEach((amount, w) => rows.push(['F', `F${w}`, isoDay('2024-01-02', 7 * w), amount]));
  rows.push(['N', 'N1', isoDay('2024-01-20', 0), 5000]);
  const cleaned = clean(rows);
  const positive = Array.from(cleaned.purchases.amount).filter((a) => a > 0);
  const found = oddOrders(cleaned, ordersByCustomer(cleaned.purchases), positive, DEFAULT_THRESHOLDS);

  it('lists an order far below what the customer and the store spend as its own kind, at its distance from the customer\'s median', () => {
    const low = found.filter((a) => a.kind === 'low-order');
    expect(low.map((a) => a.order)).toEqual(['F4']);
    // F's median order: the middle one of 0.50, 48, 49, 51 and 52.
    expect(low[0].atStake).toBeCloseTo(49 - 0.5, 9);
    expect(low[0].why).toContain("this customer's median order (49.00)");
    expect(low[0].why).toContain('Far below what this customer usually spends');
  });

  it('judges an order without a history against the store alone, well beyond the line', () => {
    const odd = found.filter((a) => a.kind === 'odd-order');
    expect(odd.map((a) => a.order)).toEqual(['N1']);
    // The store's median order is 50 (180 of its 186 purchases are 50).
    expect(odd[0].atStake).toBeCloseTo(5000 - 50, 6);
    // Without a history: |z| against the store less 1, the store's spread being at its floor (0.25).
    expect(odd[0].score).toBeCloseTo(Math.log(5000 / 50) / 0.25 - 1, 6);
    expect(odd[0].why).toBe("5,000.00 on 2024-01-20 10:00: 100× the store's median order (50.00).");
  });

  it('lists nothing when every order is like the others', () => {
    const steady = clean(rows.filter((row) => row[0] !== 'F' && row[0] !== 'N'));
    const amounts = Array.from(steady.purchases.amount);
    expect(oddOrders(steady, ordersByCustomer(steady.purchases), amounts, DEFAULT_THRESHOLDS)).toEqual([]);
  });
});
