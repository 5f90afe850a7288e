import { describe, expect, it } from 'vitest';
import type { Improvement } from '../../src/engine/journey/index.ts';
import { improvementMoney, improvementWorthPerJourney, journeyWorthOf } from '../../src/views/improvementMoney.ts';

const item = (id: string, meanGain: number, pTargetBase = 0.5, pTargetImproved = 0.6): Improvement => ({
  id, pTargetBase, pTargetImproved, pTargetGain: pTargetImproved - pTargetBase, pTargetGainSE: 0.01, p80Base: 50, p80Improved: 49, p80Gain: 1, meanGain, tie: false,
});
const names = new Map([['OB', 'onboarding'], ['AD', 'Sees an ad']]);
const model = { newCustomersPerYear: 12_000, ordersPerDay: 0.01, orderValue: 27 };

describe('improvementMoney', () => {
  it('prices each mean gain, best first, and says the best in a sentence', () => {
    // OB: 1.3 days × 12,000 × 0.01 × 27 = 4,212; AD: 0.5 × 12,000 × 0.01 × 27 = 1,620; a gain of 0 is left out.
    const { worth, sentence } = improvementMoney([item('AD', 0.5), item('OB', 1.3), item('XX', 0)], names, model, 1, 0.9);
    expect(worth.map((w) => [w.id, Math.round(w.value)])).toEqual([['OB', 4212], ['AD', 1620]]);
    expect(sentence).toBe('Shortening onboarding by 10% brings the next order 1.3 days sooner: about 4,212 a year for the 12,000 new customers a year the data show.');
  });

  it('counts a journey in weeks in days, and says nothing without a model or a unit of time', () => {
    // 0.5 weeks = 3.5 days → 3.5 × 12,000 × 0.01 × 27 = 11,340.
    expect(improvementMoney([item('OB', 0.5)], names, model, 7, 0.9).worth[0].value).toBeCloseTo(11_340, 6);
    expect(improvementMoney([item('OB', 1)], names, undefined, 1, 0.9)).toEqual({ worth: [], sentence: '' });
    expect(improvementMoney([item('OB', 1)], names, model, undefined, 0.9)).toEqual({ worth: [], sentence: '' });
  });
});

describe('improvementWorthPerJourney', () => {
  it('prices each gain in P(finish by target) at the value per completed journey, a year, best first', () => {
    // OB: (0.70 − 0.62) × 12,000 × 120 = 960 × 120 = 115,200; AD: (0.63 − 0.62) × 12,000 × 120 = 120 × 120 = 14,400; no gain is left out.
    const list = [item('AD', 0.4, 0.62, 0.63), item('OB', 1.1, 0.62, 0.7), item('XX', 0.2, 0.62, 0.62)];
    const { worth, sentence } = improvementWorthPerJourney(list, names, { journeyValue: 120, journeysPerYear: 12_000 }, 0.9);
    expect(worth.map((w) => [w.id, Math.round(w.value)])).toEqual([['OB', 115_200], ['AD', 14_400]]);
    expect(worth[0].text).toBe('onboarding: 8.0 more in 100 finish by the target, about 115,200 a year');
    expect(sentence).toBe('Shortening onboarding by 10% lifts the share of journeys that finish by the target from 62.0% to 70.0%: about 115,200 for 12,000 journeys a year at 120 a completed journey.');
  });

  it('counts per 1,000 journeys without a yearly volume, and writes money the way it is given', () => {
    // (0.70 − 0.62) × 1,000 × 50 = 4,000.
    const { worth, sentence } = improvementWorthPerJourney([item('OB', 1, 0.62, 0.7)], names, { journeyValue: 50 }, 0.9, (v) => `£${Math.round(v)}`);
    expect(worth[0].value).toBeCloseTo(4_000, 9);
    expect(sentence).toBe('Shortening onboarding by 10% lifts the share of journeys that finish by the target from 62.0% to 70.0%: about £4000 per 1,000 journeys at £50 a completed journey.');
  });

  it('says that nothing is earned when no shortening moves the chance of meeting the target, and nothing at all without a value', () => {
    const none = improvementWorthPerJourney([item('OB', 1, 1, 1)], names, { journeyValue: 50 }, 0.9);
    expect(none.worth).toEqual([]);
    expect(none.sentence).toMatch(/^Shortening one touchpoint by 10% does not change how many journeys finish by the target/);
    expect(improvementWorthPerJourney([item('OB', 1)], names, undefined, 0.9)).toEqual({ worth: [], sentence: '' });
    expect(improvementWorthPerJourney([item('OB', 1)], names, { journeyValue: 0 }, 0.9)).toEqual({ worth: [], sentence: '' });
    expect(improvementWorthPerJourney([], names, { journeyValue: 10 }, 0.9)).toEqual({ worth: [], sentence: '' });
  });

  it('reads the settings: a value of 0 or none is no model', () => {
    expect(journeyWorthOf({ journeyValue: 120, journeysPerYear: 500 })).toEqual({ journeyValue: 120, journeysPerYear: 500 });
    expect(journeyWorthOf({ journeyValue: 0 })).toBeUndefined();
    expect(journeyWorthOf({})).toBeUndefined();
  });
});
