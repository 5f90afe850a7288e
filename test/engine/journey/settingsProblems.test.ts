import { describe, expect, it } from 'vitest';
import { exampleSettings } from '../../../src/engine/journey/exampleJourney.ts';
import { SETTING_LIMITS, settingProblem, settingsProblems, withinSettingLimits } from '../../../src/engine/journey/settingsProblems.ts';

// The limits are the README's: "Settings take Iterations from 100 to 1,000,000 and a Seed from 0 to 2,147,483,648".
describe('the settings rule', () => {
  it('takes Iterations from 100 to 1,000,000 and a Seed from 0 to 2,147,483,648, both ends included', () => {
    for (const iterations of [100, 10_000, 1_000_000]) expect(settingProblem('iterations', iterations)).toBeUndefined();
    for (const seed of [0, 1, 2 ** 31]) expect(settingProblem('seed', seed)).toBeUndefined();
    expect(settingProblem('target', 0)).toBeUndefined();
    expect(settingProblem('target', 47.5)).toBeUndefined();
  });

  it('refuses a value outside the limits, a fraction of a whole-number setting and what is not a number, with one sentence each', () => {
    for (const iterations of [99, 1_000_001, 2500.5, NaN, Infinity]) {
      expect(settingProblem('iterations', iterations)).toBe('Iterations must be a whole number from 100 to 1,000,000.');
    }
    for (const seed of [-1, 2 ** 31 + 1, 0.5]) expect(settingProblem('seed', seed)).toBe('Seed must be a whole number from 0 to 2,147,483,648.');
    for (const target of [-0.1, 2e9, NaN]) expect(settingProblem('target', target)).toBe('Target must be a number from 0 to 1,000,000,000.');
  });

  it('lists every number setting that is out of bounds, and nothing for the example settings', () => {
    expect(settingsProblems(exampleSettings)).toEqual([]);
    expect(settingsProblems({ target: -1, iterations: 50, seed: 3 }).map((p) => p.field)).toEqual(['target', 'iterations']);
  });

  it('brings a value saved under wider limits to the nearest one it allows', () => {
    expect(withinSettingLimits('iterations', 50)).toBe(100);
    expect(withinSettingLimits('iterations', 5000)).toBe(5000);
    expect(withinSettingLimits('seed', 2 ** 40)).toBe(SETTING_LIMITS.seed.max);
    expect(withinSettingLimits('target', 12.25)).toBe(12.25);
  });
});
