import { describe, expect, it } from 'vitest';
import { LOG_SPREAD_FLOOR, logNormal, logNormalWithout } from '../../../../src/engine/customers/anomalies/logNormal.ts';

describe('logNormal', () => {
  it('gives the mean and the n − 1 standard deviation of the logs', () => {
    // ln values 1 and 3: mean 2, variance ((1 − 2)² + (3 − 2)²) / 1 = 2.
    const { mu, sigma } = logNormal([Math.E, Math.E ** 3]);
    expect(mu).toBeCloseTo(2, 12);
    expect(sigma).toBeCloseTo(Math.SQRT2, 12);
  });

  it('floors the spread of a steady customer', () => {
    expect(logNormal([5, 5, 5]).sigma).toBe(LOG_SPREAD_FLOOR);
  });
});

describe('logNormalWithout', () => {
  it('gives the fit of the other values from running sums, as logNormal on them', () => {
    const values = [2, 4, 8, 16, 3];
    const logs = values.map(Math.log);
    const sum = logs.reduce((s, v) => s + v, 0);
    const squares = logs.reduce((s, v) => s + v * v, 0);
    const without = logNormalWithout(sum, squares, values.length, Math.log(8));
    const direct = logNormal([2, 4, 16, 3]);
    expect(without.mu).toBeCloseTo(direct.mu, 12);
    expect(without.sigma).toBeCloseTo(direct.sigma, 12);
  });
});
