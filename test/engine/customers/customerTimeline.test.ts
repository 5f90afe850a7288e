import { describe, expect, it } from 'vitest';
import { encodeTransactions } from '../../../src/engine/csv/dataset.ts';
import { cleanTransactions } from '../../../src/engine/customers/cleaning/cleanTransactions.ts';
import { customerOrders, datasetEnd } from '../../../src/engine/customers/customerTimeline.ts';
import { table } from './cleaning/tables.ts';

describe('customerOrders', () => {
  // a: a return (C0) of something bought before the data; order O1 of two lines (10 + 5) and a duplicate of its
  // second line; O2 (20) reversed in full by C1 a day later; a line without an order id (line 8). b: one order.
  const day = 1440;
  const t = table([
    ['C0', 'a', -day, -4], ['O1', 'a', 0, 10], ['O1', 'a', 0, 5], ['O1', 'a', 0, 5], ['O2', 'a', 5 * day, 20], ['C1', 'a', 6 * day, -20],
    ['', 'a', 7 * day, 8], ['O3', 'b', 0, 30],
  ]);
  const dataset = encodeTransactions(t, [], 8);
  const cleaning = cleanTransactions(t);

  it('lists the customer\'s orders and cancellations by time, at net value, the reversed order marked', () => {
    expect(customerOrders(dataset, 'a', cleaning)).toEqual([
      { id: 'C0', minute: -day, amount: -4, gross: -4, cancelled: true, reversed: false },
      { id: 'O1', minute: 0, amount: 15, gross: 15, cancelled: false, reversed: false },
      { id: 'O2', minute: 5 * day, amount: 0, gross: 20, cancelled: false, reversed: true },
      { id: 'C1', minute: 6 * day, amount: -20, gross: -20, cancelled: true, reversed: false },
      { id: 'line 8', minute: 7 * day, amount: 8, gross: 8, cancelled: false, reversed: false },
    ]);
  });

  it('has nothing for a customer not in the data, or for the blank customer', () => {
    expect(customerOrders(dataset, 'nobody', cleaning)).toEqual([]);
    expect(customerOrders(dataset, '', cleaning)).toEqual([]);
  });
});

describe('datasetEnd', () => {
  it('is the last minute in the data, and −∞ for none', () => {
    expect(datasetEnd({ minute: Float64Array.of(30, 90, 60) })).toBe(90);
    expect(datasetEnd({ minute: [] })).toBe(-Infinity);
  });
});
