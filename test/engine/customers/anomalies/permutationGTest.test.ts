import { describe, expect, it } from 'vitest';
import { gTestOfHomogeneity } from '../../../../src/engine/customers/anomalies/gTestOfHomogeneity.ts';
import { isSparse, permutationLogP, PERMUTATIONS } from '../../../../src/engine/customers/anomalies/permutationGTest.ts';

const one = (label: string) => new Map([[label, 1]]);
const totals = (orders: Map<string, number>[]) => {
  const out = new Map<string, number>();
  for (const order of orders) for (const [label, share] of order) out.set(label, (out.get(label) ?? 0) + share);
  return out;
};

describe('isSparse', () => {
  it('follows Cochran: no expected count below 1, at most a fifth below 5', () => {
    // [[10, 0], [0, 10]]: every expected count 5.
    expect(isSparse(new Map([['K', 10]]), new Map([['G', 10]]))).toBe(false);
    // [[3, 0], [0, 3]]: every expected count 1.5, all below 5.
    expect(isSparse(new Map([['K', 3]]), new Map([['G', 3]]))).toBe(true);
    // Twelve labels of one order each on a side of 12: expected counts 0.5.
    const labels = Array.from({ length: 12 }, (_, k) => [`P${k}`, 1] as [string, number]);
    expect(isSparse(new Map(labels.slice(0, 6)), new Map(labels.slice(6)))).toBe(true);
  });
});

describe('permutationLogP', () => {
  it('gives the least p it can, 1/(B + 1), to the most extreme split of 20 orders', () => {
    const orders = [...Array.from({ length: 10 }, () => one('K')), ...Array.from({ length: 10 }, () => one('G'))];
    const observed = gTestOfHomogeneity(totals(orders.slice(0, 10)), totals(orders.slice(10))).statistic;
    expect(permutationLogP(orders, 10, observed, 'a')).toBeCloseTo(Math.log(1 / (PERMUTATIONS + 1)), 12);
  });

  it('gives p = 1 when the two sides do not differ at all', () => {
    const orders = Array.from({ length: 8 }, () => new Map([['K', 0.5], ['G', 0.5]]));
    expect(permutationLogP(orders, 4, 0, 'b')).toBe(0);
  });

  it('estimates the exact p of a 3-against-3 split, 2 of the C(6, 3) = 20 splits', () => {
    const orders = [one('K'), one('K'), one('K'), one('G'), one('G'), one('G')];
    const observed = gTestOfHomogeneity(totals(orders.slice(0, 3)), totals(orders.slice(3))).statistic;
    const p = Math.exp(permutationLogP(orders, 3, observed, 'c'));
    // The binomial SD of the estimate with 999 draws is √(0.1 × 0.9 / 999) ≈ 0.0095.
    expect(p).toBeGreaterThan(0.07);
    expect(p).toBeLessThan(0.13);
  });

  it('is the same for the same seed, and stops early once p cannot fall below the bound', () => {
    const orders = [one('K'), one('G'), one('K'), one('G'), one('K'), one('G'), one('K'), one('G')];
    expect(permutationLogP(orders, 4, 0.5, 'd')).toBe(permutationLogP(orders, 4, 0.5, 'd'));
    // With a bound of 1%, the count stops at 9 splits at least as extreme: p is reported as 10/1000.
    expect(Math.exp(permutationLogP(orders, 4, 0, 'd', 0.01))).toBeCloseTo(10 / 1000, 12);
  });
});
