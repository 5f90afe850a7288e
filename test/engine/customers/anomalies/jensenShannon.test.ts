import { describe, expect, it } from 'vitest';
import { jensenShannon } from '../../../../src/engine/customers/anomalies.ts';

describe('jensenShannon', () => {
  it('is 0 for the same mix and 1 bit for disjoint mixes', () => {
    const a = new Map([['x', 0.5], ['y', 0.5]]);
    expect(jensenShannon(a, a)).toBe(0);
    expect(jensenShannon(new Map([['x', 1]]), new Map([['y', 1]]))).toBe(1);
  });
});
