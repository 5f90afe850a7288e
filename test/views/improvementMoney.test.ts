import { describe, expect, it } from 'vitest';
import type { Improvement } from '../../src/engine/journey/index.ts';
import { improvementMoney } from '../../src/views/improvementMoney.ts';

const item = (id: string, meanGain: number): Improvement => ({
  id, pTargetBase: 0.5, pTargetImproved: 0.6, pTargetGain: 0.1, pTargetGainSE: 0.01, p80Base: 50, p80Improved: 49, p80Gain: 1, meanGain, tie: false,
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
