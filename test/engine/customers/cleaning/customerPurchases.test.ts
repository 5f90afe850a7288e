import { describe, expect, it } from 'vitest';
import { cleanTransactions } from '../../../../src/engine/customers/cleaning/cleanTransactions.ts';
import { customerPurchases } from '../../../../src/engine/customers/cleaning/customerPurchases.ts';
import { table } from './tables.ts';

describe('customerPurchases', () => {
  it('gives the identified customers\' orders at their net value on whole days, the repeat-buying input', () => {
    // a: 50 at 10:00 on day 3, of which 20 cancelled; 12 on day 4 at 23:59. An order without a customer is left out.
    const cleaned = cleanTransactions(table([['1', 'a', 3 * 1440 + 600, 50], ['C2', 'a', 3 * 1440 + 700, -20], ['3', 'a', 4 * 1440 + 1439, 12], ['4', '', 5 * 1440, 9]]));
    expect(customerPurchases(cleaned)).toEqual({ customer: ['a', 'a'], day: Int32Array.from([3, 4]), amount: Float64Array.from([30, 12]) });
  });

  it('is empty when no order has a customer', () => {
    const cleaned = cleanTransactions(table([['1', '', 0, 10]]));
    expect(customerPurchases(cleaned)).toEqual({ customer: [], day: new Int32Array(0), amount: new Float64Array(0) });
  });
});
