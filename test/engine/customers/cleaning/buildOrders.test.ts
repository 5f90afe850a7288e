import { describe, expect, it } from 'vitest';
import { buildOrders } from '../../../../src/engine/customers/cleaning/buildOrders.ts';
import { CANCELLATION, DUPLICATE, PURCHASE, UNMATCHED_RETURN } from '../../../../src/engine/customers/cleaning/lineRules.ts';
import { orderGroups } from '../../../../src/engine/customers/cleaning/orderGroups.ts';
import { table } from './tables.ts';

describe('buildOrders', () => {
  // a: order 1 of two lines (30 + 20, minute 0), 20 of its first line cancelled by C2 at minute 90;
  // order 3 (40, minute 100) fully cancelled by C4 at minute 130; a duplicate line of order 3;
  // b: a line without an order id (15) and a return (C5) of something bought before the data.
  const t = table([
    ['1', 'a', 0, 30], ['1', 'a', 0, 20], ['C2', 'a', 90, -20], ['3', 'a', 100, 40], ['C4', 'a', 130, -40], ['3', 'a', 100, 40],
    ['', 'b', 200, 15], ['C5', 'b', 210, -5],
  ]);
  const lineRule = Uint8Array.from([PURCHASE, PURCHASE, CANCELLATION, PURCHASE, CANCELLATION, DUPLICATE, PURCHASE, UNMATCHED_RETURN]);
  const lineNet = Float64Array.from([10, 20, 0, 0, 0, 0, 15, -5]);
  const taken = new Map([[0, new Map([[2, 20]])], [3, new Map([[4, 40]])]]);
  const { purchases, reversed, cancellations, partlyReversed } = buildOrders(t, lineRule, lineNet, taken, orderGroups(t.order, t.customer));

  it('sums purchase lines per order id and customer at their net value, keeping the gross', () => {
    expect(purchases.id).toEqual(['1', 'line 8']);
    expect(purchases.customer).toEqual(['a', 'b']);
    expect(Array.from(purchases.gross)).toEqual([50, 15]);
    expect(Array.from(purchases.amount)).toEqual([30, 15]);
    expect(Array.from(purchases.line)).toEqual([2, 8]);
    expect(purchases.labels).toBeUndefined();
  });

  it('names the cancellations that took from an order and how soon', () => {
    expect(purchases.reversedBy).toEqual([['C2'], []]);
    expect(purchases.reversedAfter[0]).toBe(90);
    expect(purchases.reversedAfter[1]).toBeNaN();
    expect(partlyReversed).toBe(1);
  });

  it('sets a fully reversed order apart, at its gross value', () => {
    expect(reversed.id).toEqual(['3']);
    expect(Array.from(reversed.gross)).toEqual([40]);
    expect(Array.from(reversed.amount)).toEqual([0]);
    expect(reversed.reversedBy).toEqual([['C4']]);
    expect(Array.from(reversed.reversedAfter)).toEqual([30]);
  });

  it('sums cancellation lines into documents with what they matched and reversed', () => {
    expect(cancellations).toEqual([
      { id: 'C2', customer: 'a', minute: 90, amount: 20, matched: 20, reverses: [{ order: '1', amount: 20 }], line: 4 },
      { id: 'C4', customer: 'a', minute: 130, amount: 40, matched: 40, reverses: [{ order: '3', amount: 40 }], line: 6 },
      { id: 'C5', customer: 'b', minute: 210, amount: 5, matched: 0, reverses: [], line: 9 },
    ]);
  });
});
