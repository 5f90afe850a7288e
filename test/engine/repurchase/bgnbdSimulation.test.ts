import { describe, expect, it } from 'vitest';
import { sampleGamma, simulateBgNbdCustomer } from '../../../src/engine/repurchase/bgnbdSimulation.ts';
import { randomSfc32 } from '../../../src/engine/math/random.ts';

describe('sampleGamma', () => {
  for (const shape of [0.4, 1, 3.5]) {
    it(`draws Gamma(${shape}, 1): mean and variance ${shape}`, () => {
      const next = randomSfc32(5, Math.round(shape * 10));
      const n = 100_000;
      let sum = 0;
      let squares = 0;
      for (let i = 0; i < n; i++) { const g = sampleGamma(shape, next); sum += g; squares += g * g; }
      const mean = sum / n;
      const variance = squares / n - mean * mean;
      // The mean's standard error is √(shape / n); 4 of them, and the variance within 3 %.
      expect(Math.abs(mean - shape)).toBeLessThan(4 * Math.sqrt(shape / n));
      expect(Math.abs(variance / shape - 1)).toBeLessThan(0.03);
    });
  }

  it('gives the same draws for the same seed', () => {
    const draw = () => { const next = randomSfc32(9, 9); return [sampleGamma(2, next), sampleGamma(0.5, next)]; };
    expect(draw()).toEqual(draw());
  });
});

describe('simulateBgNbdCustomer', () => {
  const params = { r: 0.5, alpha: 6, a: 0.9, b: 2 };
  const next = randomSfc32(3, 4);
  const age = 30;
  const customers = Array.from({ length: 40_000 }, () => simulateBgNbdCustomer(params, age, next));

  it('keeps every last purchase inside the time observed, and recency 0 without repeats', () => {
    expect(customers.every(({ x, recency }) => x >= 0 && Number.isInteger(x) && recency >= 0 && recency <= age && (x > 0 || recency === 0))).toBe(true);
  });

  it('leaves a share (α/(α+t))^r of customers without a repeat purchase (FHL 2005, eq. 8 at x = 0)', () => {
    // No purchase means no chance to drop out, so P(X(t) = 0) is the NBD's: (6/36)^0.5 = 0.408.
    const expected = (params.alpha / (params.alpha + age)) ** params.r;
    const share = customers.filter((c) => c.x === 0).length / customers.length;
    expect(Math.abs(share - expected)).toBeLessThan(4 * Math.sqrt(expected * (1 - expected) / customers.length));
  });
});
