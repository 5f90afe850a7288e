import { describe, expect, it } from 'vitest';
import { encodeTransactions } from '../../../src/engine/csv/dataset.ts';
import { cleanTransactions } from '../../../src/engine/customers/cleaning/cleanTransactions.ts';
import { customerOutcomes } from '../../../src/engine/customers/customerOutcomes.ts';
import { table } from './cleaning/tables.ts';

describe('customerOutcomes', () => {
  it('counts orders, their total and net revenue per customer from the stored columns, with the group', () => {
    const rows = [
      ['a', 'o1', 0, 10, 0, 'A'], ['a', 'o1', 0, 5, 0, 'A'], ['a', 'o2', 5, 20, 0, 'A'], ['a', 'Co2', 6, -20, 1, 'A'],
      ['b', 'o3', 1, 7, 0, 'B'], ['', 'o4', 1, 99, 0, 'B'], ['c', 'o5', 0, 3, 0, ''],
    ] as const;
    const table = {
      customer: rows.map((r) => r[0]), order: rows.map((r) => r[1]), minute: Float64Array.from(rows, (r) => r[2] * 1440),
      amount: Float64Array.from(rows, (r) => r[3]), cancellation: Uint8Array.from(rows, (r) => r[4]), group: rows.map((r) => r[5]),
      product: undefined, category: undefined, line: Int32Array.from(rows, (_, i) => i + 2),
    };
    const cleaning = cleanTransactions(table);
    const outcomes = customerOutcomes(encodeTransactions(table, [], rows.length), cleaning);
    // a: orders o1 (15) and o2 (20); the cancellation Co2 takes o2 back entirely, so a has one order of 15.
    expect(outcomes.ids).toEqual(['a', 'b', 'c']);
    expect(Array.from(outcomes.orders)).toEqual([1, 1, 1]);
    expect(Array.from(outcomes.gross)).toEqual([15, 7, 3]);
    expect(Array.from(outcomes.revenue)).toEqual([15, 7, 3]);
    expect(outcomes.group).toEqual(['A', 'B', '']);
    // From day 2 on: a's o2 is the only order, and it was reversed; b and c stay, with nothing since.
    const later = customerOutcomes(encodeTransactions(table, [], rows.length), cleaning, 2 * 1440);
    expect(Array.from(later.orders)).toEqual([0, 0, 0]);
    expect(Array.from(later.revenue)).toEqual([0, 0, 0]);
  });
});

describe('customerOutcomes without order ids or groups', () => {
  it('counts each row without an order id as an order of its own, and has no groups when the data have none', () => {
    const t = table([['', 'a', 0, 10], ['', 'a', 0, 10], ['', 'b', 1440, 4]]);
    const outcomes = customerOutcomes(encodeTransactions(t, [], 3), cleanTransactions(t));
    expect(outcomes.ids).toEqual(['a', 'b']);
    expect(Array.from(outcomes.orders)).toEqual([2, 1]);
    expect(Array.from(outcomes.gross)).toEqual([20, 4]);
    expect(outcomes.group).toBeUndefined();
  });
});
