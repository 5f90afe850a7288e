import { describe, expect, it } from 'vitest';
import { bgNbdConditionalExpected } from '../../../src/engine/repurchase/bgnbd.ts';
import type { CustomerSummary } from '../../../src/engine/repurchase/bgnbd.ts';
import { forecastCustomers } from '../../../src/engine/repurchase/forecastCustomers.ts';
import { cdnowSummary } from '../../fixtures/cdnowSummary.ts';

const within = (actual: number, expected: number, share: number) => expect(Math.abs(actual / expected - 1)).toBeLessThan(share);

/** The CDNOW customers and, last, FHL 2005's worked-example customer: x = 2, t_x = 30.43, T = 38.86 weeks, repeat orders averaging 35. */
function withExample(data: CustomerSummary): CustomerSummary {
  const append = (column: Float64Array, value: number) => Float64Array.of(...column, value);
  return {
    ids: [...data.ids, 'example'], frequency: append(data.frequency, 2), recency: append(data.recency, 30.43),
    age: append(data.age, 38.86), monetary: append(data.monetary, 35),
  };
}

describe('forecastCustomers on the CDNOW sample (Fader, Hardie & Lee 2005)', () => {
  const data = withExample(cdnowSummary());
  const last = data.ids.length - 1;
  // 39 weeks ahead, as the paper's holdout: 39 × 7 days in months of 365.25/12 days.
  const forecast = forecastCustomers(data, { unit: 'weeks', horizonMonths: 39 * 7 / (365.25 / 12), annualDiscount: 0.1 });
  if ('problem' in forecast) throw new Error(forecast.problem);
  const { bgnbd, gammaGamma } = forecast;

  it('fits the published parameters: BG/NBD r 0.243, α 4.414, a 0.793, b 2.426; Gamma–Gamma p 6.25, q 3.74, γ 15.44', () => {
    // FHL 2005, "Counting your customers the easy way", §4; FHL 2005, "RFM and CLV", on the 946 repeat customers.
    within(bgnbd.r, 0.243, 0.01);
    within(bgnbd.alpha, 4.414, 0.01);
    within(bgnbd.a, 0.793, 0.01);
    within(bgnbd.b, 2.426, 0.01);
    expect(gammaGamma).toBeDefined();
    within(gammaGamma!.p, 6.25, 0.01);
    within(gammaGamma!.q, 3.74, 0.01);
    within(gammaGamma!.gamma, 15.44, 0.01);
  });

  it('expects 1.226 orders in the next 39 weeks from the worked-example customer (FHL 2005, §4)', () => {
    within(forecast.expectedOrders[last], 1.226, 0.01);
  });

  it('gives every customer P(alive) = 1 / (1 + a/(b + x − 1) · ((α + T)/(α + t_x))^(r + x)), 1 without repeats (FHL 2005, eq. 11)', () => {
    const { r, alpha, a, b } = bgnbd;
    for (let i = 0; i < data.ids.length; i++) {
      const x = data.frequency[i];
      const expected = x === 0 ? 1 : 1 / (1 + (a / (b + x - 1)) * ((alpha + data.age[i]) / (alpha + data.recency[i])) ** (r + x));
      expect(forecast.pAlive[i]).toBeCloseTo(expected, 12);
    }
  });

  it('expects each repeat customer to spend (γ + m̄x)p / (px + q − 1) an order (Fader & Hardie 2013, eq. 5)', () => {
    const { p, q, gamma } = gammaGamma!;
    // The worked-example customer: (15.44 + 2 · 35) · 6.25 / (12.5 + 2.74) ≈ 35.04, their own 35 drawn towards the population's γp/(q − 1) ≈ 35.2.
    const spend = (i: number) => (gamma + data.monetary[i] * data.frequency[i]) * p / (p * data.frequency[i] + q - 1);
    for (const i of [0, 1, 2, last]) expect(forecast.expectedValue[i]).toBeCloseTo(spend(i), 9);
  });

  it('values each customer as Σ over the months of that month\'s expected orders × their spend, discounted at the month\'s end', () => {
    // 10 % a year: each month's orders at (1.1)^(−m/12); months of 365.25/12 days, in weeks; the 39-week horizon is 8.97 months,
    // so the sum runs over 8 whole months, as the engine's (it counts whole months of the horizon).
    const month = 365.25 / 12 / 7;
    for (const i of [0, 5, last]) {
      const [x, recency, age] = [data.frequency[i], data.recency[i], data.age[i]];
      let sum = 0;
      let previous = 0;
      for (let m = 1; m <= 39 * 7 / (365.25 / 12); m++) {
        const expected = bgNbdConditionalExpected(bgnbd, m * month, x, recency, age);
        sum += (expected - previous) / 1.1 ** (m / 12);
        previous = expected;
      }
      expect(forecast.clv[i]).toBeCloseTo(forecast.expectedValue[i] * sum, 9);
    }
  });
});

describe('forecastCustomers without a model', () => {
  it('says in a sentence that nobody bought twice, instead of figures', () => {
    const once: CustomerSummary = { ids: ['a', 'b'], frequency: new Float64Array(2), recency: new Float64Array(2), age: Float64Array.of(10, 20), monetary: new Float64Array(2) };
    expect(forecastCustomers(once, { unit: 'weeks' })).toEqual({
      problem: 'No customer has bought more than once before the calibration end, so re-purchase cannot be modelled. Use a later calibration end or more data.',
    });
  });

  it('takes each customer\'s own average as their spend when there is no spend model (no positive repeat values)', () => {
    const free: CustomerSummary = {
      ids: ['a', 'b', 'c', 'd'], frequency: Float64Array.of(2, 1, 0, 3), recency: Float64Array.of(8, 3, 0, 9), age: Float64Array.of(10, 10, 10, 10), monetary: new Float64Array(4),
    };
    const forecast = forecastCustomers(free, { unit: 'weeks' });
    if ('problem' in forecast) throw new Error(forecast.problem);
    expect(forecast.gammaGamma).toBeUndefined();
    expect(Array.from(forecast.expectedValue)).toEqual([0, 0, 0, 0]);
    expect(Array.from(forecast.clv)).toEqual([0, 0, 0, 0]);
  });
});
