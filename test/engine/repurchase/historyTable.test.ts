import { describe, expect, it } from 'vitest';
import { dataScale, historyTable } from '../../../src/engine/repurchase/historyTable.ts';
import { paretoNbdLogInterval, paretoNbdTableLogLikelihood } from '../../../src/engine/repurchase/paretoNbdLikelihood.ts';
import { logGamma } from '../../../src/engine/math/specialFunctions.ts';
import { randomSfc32, uniform01 } from '../../../src/engine/math/random.ts';

describe('historyTable', () => {
  it('keeps each distinct (x, t_x, T) once with the number of customers sharing it, and indexes the distinct x and times', () => {
    const table = historyTable({ frequency: Float64Array.of(0, 2, 0, 2, 1), recency: Float64Array.of(0, 5, 0, 5, 5), age: Float64Array.of(10, 10, 10, 10, 12) });
    expect([...table.frequency]).toEqual([0, 2, 1]);
    expect([...table.weight]).toEqual([2, 2, 1]);
    expect(table.customers).toBe(5);
    expect([...table.frequencies]).toEqual([0, 2, 1]);
    expect([...table.frequencyWeight]).toEqual([2, 2, 1]);
    expect([...table.times]).toEqual([0, 10, 5, 12]);
    expect([...table.recencyIndex].map((j) => table.times[j])).toEqual([0, 5, 5]);
    expect([...table.ageIndex].map((j) => table.times[j])).toEqual([10, 10, 12]);
    // Σx/ΣT over the customers: (2 + 2 + 1) / (10 + 10 + 10 + 10 + 12); the mean age 52/5.
    expect(dataScale(table)).toEqual({ ownRate: 5 / 52, meanAge: 52 / 5, repeaters: 3 });
    expect(dataScale(historyTable({ frequency: Float64Array.of(0), recency: Float64Array.of(0), age: Float64Array.of(3) }))).toBeUndefined();
  });
});

describe('the Pareto/NBD log-likelihood over a table', () => {
  it('adds up to the customers\' own log-likelihoods, however close their times (ln F stepped down from one time to the next)', () => {
    // 3,000 customers with ages and recencies spread continuously, so one x has many times a hair apart.
    const next = randomSfc32(3, 14);
    const n = 3000;
    const frequency = new Float64Array(n); const recency = new Float64Array(n); const age = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      age[i] = 26 + 26 * uniform01(next);
      frequency[i] = Math.floor(6 * uniform01(next) ** 2);
      recency[i] = frequency[i] > 0 ? age[i] * uniform01(next) : 0;
    }
    const table = historyTable({ frequency, recency, age });
    for (const p of [{ r: 0.55, alpha: 10.6, s: 0.6, beta: 11.7 }, { r: 0.8, alpha: 15, s: 0.4, beta: 6 }, { r: 0.5, alpha: 2, s: 0.5, beta: 200 }]) {
      // One customer at a time: ln L = ln Γ(r+x) − ln Γ(r) + r ln α + s ln β + ln[(α+T)^−(r+x)(β+T)^−s + s·I], I from its own series.
      const interval = new Float64Array(5);
      let total = 0;
      for (let i = 0; i < n; i++) {
        const x = frequency[i];
        paretoNbdLogInterval(p, x, recency[i], age[i], interval, 0);
        const alive = -(p.r + x) * Math.log(p.alpha + age[i]) - p.s * Math.log(p.beta + age[i]);
        const gone = Math.log(p.s) + interval[0];
        const top = Math.max(alive, gone);
        total += logGamma(p.r + x) - logGamma(p.r) + p.r * Math.log(p.alpha) + p.s * Math.log(p.beta) + top + Math.log(Math.exp(alive - top) + Math.exp(gone - top));
      }
      expect(Math.abs(paretoNbdTableLogLikelihood(p, table) - total)).toBeLessThan(1e-8 * Math.abs(total));
    }
  });
});
