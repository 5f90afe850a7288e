import { describe, expect, it } from 'vitest';
import { cleanTransactions } from '../../../../src/engine/customers/cleaning/cleanTransactions.ts';
import { ordersByCustomer } from '../../../../src/engine/customers/anomalies/ordersByCustomer.ts';
import { table } from '../cleaning/tables.ts';

describe('ordersByCustomer', () => {
  it('groups each identified customer\'s purchases by time, leaving out orders without a customer or value', () => {
    // Rows out of time order; a free item (0) of b's and an order without a customer.
    const orders = cleanTransactions(table([['3', 'a', 300, 10], ['1', 'a', 100, 20], ['2', 'b', 200, 0], ['4', '', 50, 5], ['5', 'b', 250, 7]])).purchases;
    const grouped = ordersByCustomer(orders).map(({ customer, indices }) => [customer, indices.map((i) => orders.id[i])]);
    expect(grouped).toEqual([['a', ['1', '3']], ['b', ['5']]]);
  });
});
