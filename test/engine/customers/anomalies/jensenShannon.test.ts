import { describe, expect, it } from 'vitest';
import { jensenShannon } from '../../../../src/engine/customers/anomalies/jensenShannon.ts';

describe('jensenShannon', () => {
  it('is 0 for the same mix and 1 bit for disjoint mixes', () => {
    const a = new Map([['x', 0.5], ['y', 0.5]]);
    expect(jensenShannon(a, a)).toBe(0);
    expect(jensenShannon(new Map([['x', 1]]), new Map([['y', 1]]))).toBe(1);
  });

  it('is symmetric, and 0.311 bits for a pure mix against an even one (Lin 1991, from the definition)', () => {
    const pure = new Map([['x', 1]]);
    const even = new Map([['x', 0.5], ['y', 0.5]]);
    // M = (0.75, 0.25): ½ · 1 · log2(1/0.75) + ½ · (½ log2(0.5/0.75) + ½ log2(0.5/0.25)).
    const expected = 0.5 * Math.log2(4 / 3) + 0.25 * Math.log2(2 / 3) + 0.25 * Math.log2(2);
    expect(jensenShannon(pure, even)).toBeCloseTo(expected, 12);
    expect(jensenShannon(even, pure)).toBeCloseTo(expected, 12);
    expect(expected).toBeCloseTo(0.3113, 4);
  });
});
