import { describe, expect, it } from 'vitest';
import { cleanTransactions } from '../../../src/engine/customers/cleaning/cleanTransactions.ts';
import { DEFAULT_CLEANING_RULES } from '../../../src/engine/customers/cleaning/cleaningRules.ts';
import { customerPurchases } from '../../../src/engine/customers/cleaning/customerPurchases.ts';
import { summarizeTable } from '../../../src/engine/customers/summarizeTable.ts';
import { summarizeCustomers } from '../../../src/engine/repurchase/summarizeCustomers.ts';
import { table } from './cleaning/tables.ts';

describe('summarizeTable', () => {
  const day = 1440;
  // a: orders on days 0, 7 and 14, the day-7 one reversed; b: an order on day 3 and an exact duplicate line of it;
  // an order without a customer.
  const t = table([
    ['1', 'a', 0, 10], ['2', 'a', 7 * day, 20], ['C2', 'a', 7 * day + 30, -20], ['3', 'a', 14 * day, 30],
    ['4', 'b', 3 * day, 5], ['4', 'b', 3 * day, 5], ['5', '', 2 * day, 9],
  ]);

  it('summarises the cleaned purchases: a reversed order is no purchase, a duplicate line no extra value', () => {
    const summary = summarizeTable(t, 14, 'days');
    expect(summary.ids).toEqual(['a', 'b']);
    expect(Array.from(summary.frequency)).toEqual([1, 0]);
    expect(Array.from(summary.recency)).toEqual([14, 0]);
    expect(Array.from(summary.age)).toEqual([14, 11]);
    expect(Array.from(summary.monetary)).toEqual([30, 0]);
  });

  it('is summarizeCustomers on customerPurchases of cleanTransactions, with the rules given', () => {
    const kept = { ...DEFAULT_CLEANING_RULES, keepDuplicates: true };
    expect(summarizeTable(t, 14, 'weeks', kept)).toEqual(summarizeCustomers(customerPurchases(cleanTransactions(t, kept)), 14, 'weeks'));
  });
});
