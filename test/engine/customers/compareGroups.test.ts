import { describe, expect, it } from 'vitest';
import { bootstrapDifferences, compareGroups, newcombeInterval, wilsonInterval } from '../../../src/engine/customers/compareGroups.ts';
import { randomSfc32, uniform01 } from '../../../src/engine/math/random.ts';

describe('wilsonInterval', () => {
  it('matches Newcombe\'s (1998, Table I) worked Wilson intervals', () => {
    // Newcombe 1998, Statistics in Medicine 17:857–872, Table I, method 3 (score, no correction): 81/263 → 0.2553 to 0.3662.
    const [low, high] = wilsonInterval(81, 263);
    expect(low).toBeCloseTo(0.2553, 4);
    expect(high).toBeCloseTo(0.3662, 4);
  });
});

describe('newcombeInterval', () => {
  // Newcombe 1998, Statistics in Medicine 17:873–890, Table II, method 10 (hybrid score, no continuity correction).
  const published: [number, number, number, number, number, number][] = [
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.8090],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1.0000],
    [10, 10, 0, 10, 0.6075, 1.0000],
  ];
  for (const [k1, n1, k2, n2, low, high] of published) {
    it(`gives ${low} to ${high} for ${k1}/${n1} − ${k2}/${n2}`, () => {
      const [l, u] = newcombeInterval(k1, n1, k2, n2);
      expect(l).toBeCloseTo(low, 4);
      expect(u).toBeCloseTo(high, 4);
    });
  }
});

/** n customers whose orders are Poisson-like counts 1–4 and whose order values are lognormal-ish, from a seed. */
function group(n: number, seed: number, orderShift = 0, valueScale = 1) {
  const next = randomSfc32(seed, 7);
  const orders = new Float64Array(n);
  const gross = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    orders[i] = 1 + Math.floor(uniform01(next) * 3) + (uniform01(next) < orderShift ? 1 : 0);
    for (let k = 0; k < orders[i]; k++) gross[i] += valueScale * Math.exp(3 + 0.5 * (uniform01(next) + uniform01(next) + uniform01(next) - 1.5));
  }
  return { orders, gross, revenue: gross };
}

describe('bootstrapDifferences', () => {
  it('agrees with the normal-theory interval for a difference of means on large samples', () => {
    const a = group(3000, 1);
    const b = group(3000, 2, 0.3);
    const boot = bootstrapDifferences(a, b, 2000, 42);
    // Independent computation: mean difference ± 1.96 × √(s₁²/n₁ + s₂²/n₂) (Welch's standard error).
    const mean = (v: Float64Array) => v.reduce((s, x) => s + x, 0) / v.length;
    const variance = (v: Float64Array) => { const m = mean(v); return v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1); };
    const se = Math.sqrt(variance(a.orders) / 3000 + variance(b.orders) / 3000);
    const d = mean(b.orders) - mean(a.orders);
    expect(boot.ordersPerCustomer.sd).toBeCloseTo(se, 2);
    expect(Math.abs(boot.ordersPerCustomer.low - (d - 1.96 * se))).toBeLessThan(0.15 * se * 1.96);
    expect(Math.abs(boot.ordersPerCustomer.high - (d + 1.96 * se))).toBeLessThan(0.15 * se * 1.96);
  });

  it('gives the same interval for the same seed', () => {
    const a = group(200, 3);
    const b = group(200, 4);
    expect(bootstrapDifferences(a, b, 500, 9)).toEqual(bootstrapDifferences(a, b, 500, 9));
  });
});

describe('compareGroups', () => {
  it('finds a planted difference in repeat rate and says so without claiming cause', () => {
    // First group: 100 of 1,000 customers repeat; second: 200 of 1,000.
    const make = (n: number, repeaters: number) => ({ orders: Float64Array.from({ length: n }, (_, i) => (i < repeaters ? 2 : 1)), gross: new Float64Array(n).fill(50), revenue: new Float64Array(n).fill(50) });
    const result = compareGroups({ name: 'Control', ...make(1000, 100) }, { name: 'Campaign', ...make(1000, 200) });
    const rate = result.metrics.find((m) => m.key === 'repeatRate')!;
    expect(rate.difference).toBeCloseTo(0.1, 12);
    // Independent computation (Wilson limits by the closed form in Python, then Newcombe's method 10):
    // 200/1000 → (0.1764, 0.2259), 100/1000 → (0.0829, 0.1202); 0.1 − √(0.0236² + 0.0202²) = 0.0689, 0.1 + √(0.0259² + 0.0171²) = 0.1310.
    expect(rate.low).toBeCloseTo(0.0689, 3);
    expect(rate.high).toBeCloseTo(0.1310, 3);
    expect(rate.verdict).toMatch(/^Campaign is higher by 10\.0 points \(95% interval 6\.9 points to 13\.1 points\): a real difference in this data, though only random assignment makes it the campaign's doing\.$/);
  });

  it('says no detectable difference yet, with the smallest difference these sizes could see', () => {
    const make = (n: number, repeaters: number) => ({ orders: Float64Array.from({ length: n }, (_, i) => (i < repeaters ? 2 : 1)), gross: new Float64Array(n).fill(50), revenue: new Float64Array(n).fill(50) });
    const result = compareGroups({ name: 'A', ...make(500, 100) }, { name: 'B', ...make(500, 105) });
    const rate = result.metrics.find((m) => m.key === 'repeatRate')!;
    // (1.96 + 0.8416) × √(0.205 × 0.795 × (1/500 + 1/500)) = 2.8016 × 0.025532 = 0.07153 → 7.2 points.
    expect(rate.detectable).toBeCloseTo(0.07153, 4);
    expect(rate.verdict).toMatch(/^No detectable difference yet \(95% interval .* points\); with this many customers a difference under 7\.2 points cannot be seen\.$/);
  });

  it('refuses groups too small to compare', () => {
    const one = { orders: [1], gross: [10], revenue: [10] };
    expect(compareGroups({ name: 'A', ...one }, { name: 'B', ...one }).problem).toMatch(/at least two customers/);
  });
});

describe('compareGroups when every customer repeats', () => {
  it('says the repeat rate cannot tell the groups apart instead of a zero-width claim', () => {
    const all = { orders: [2, 3, 2], gross: [10, 20, 30], revenue: [10, 20, 30] };
    const rate = compareGroups({ name: 'A', ...all }, { name: 'B', ...all }).metrics[0];
    expect(rate.detectable).toBeNaN();
    expect(rate.verdict).toBe('Every customer in either group ordered twice or more, so the repeat purchase rate cannot tell the groups apart here.');
  });
});
