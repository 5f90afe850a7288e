import { describe, expect, it } from 'vitest';
import { orderGroups } from '../../../../src/engine/customers/cleaning/orderGroups.ts';

describe('orderGroups', () => {
  it('numbers each order id and customer pair once, wherever its lines are', () => {
    const { group, count } = orderGroups(['1', '1', '2', '1', '1', ''], ['a', 'a', 'a', 'a', 'b', 'a']);
    // Lines 0, 1 and 3 are order 1 of a; line 4 is order 1 of another customer; line 5 has no order id.
    expect(Array.from(group)).toEqual([0, 0, 1, 0, 2, -1]);
    expect(count).toBe(3);
  });

  it('gives an empty table no groups', () => {
    expect(orderGroups([], [])).toEqual({ group: new Int32Array(0), count: 0 });
  });
});
