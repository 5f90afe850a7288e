import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exampleJourney, exampleSettings } from '../../src/engine/journey/exampleJourney.ts';
import { SCENARIO_VERSION, restoreScenario } from '../../src/share/scenarioFormat.ts';

const example = { v: SCENARIO_VERSION, name: 'Subscription journey', settings: exampleSettings, rows: exampleJourney, correlations: [] };

describe('the settings of a restored scenario', () => {
  it('follow the one settings rule: a target below 0, iterations above 1,000,000 or a fractional seed are refused with its sentence', () => {
    expect(restoreScenario({ ...example, settings: { ...exampleSettings, target: -1 } }))
      .toEqual({ ok: false, message: 'Target must be a number from 0 to 1,000,000,000.' });
    expect(restoreScenario({ ...example, settings: { ...exampleSettings, iterations: 2_000_000 } }))
      .toEqual({ ok: false, message: 'Iterations must be a whole number from 100 to 1,000,000.' });
    expect(restoreScenario({ ...example, settings: { ...exampleSettings, seed: 1.5 } }))
      .toEqual({ ok: false, message: 'Seed must be a whole number from 0 to 2,147,483,648.' });
  });

  it('of an old scenario saved with fewer than 100 iterations or a seed above 2³¹ still open, at the nearest limit', () => {
    // Until the settings had one rule, a stored scenario or link could carry 1 to 99 iterations and any safe-integer seed.
    const fixture = JSON.parse(readFileSync(new URL('../fixtures/scenario-v1.json', import.meta.url), 'utf8'));
    const old = restoreScenario({ ...fixture, settings: { ...fixture.settings, iterations: 50, seed: 2 ** 40 } });
    expect(old.ok).toBe(true);
    if (old.ok) expect(old.scenario.settings).toEqual({ target: 20, iterations: 100, seed: 2 ** 31, timeUnit: 'days' });
    const current = restoreScenario({ ...example, settings: { ...exampleSettings, iterations: 1 } });
    expect(current.ok && current.scenario.settings.iterations).toBe(100);
  });

  it('keep what a completed journey is worth when given, open without it, and refuse a value that is not a number from 0 up', () => {
    const worth = restoreScenario({ ...example, settings: { ...exampleSettings, journeyValue: 120, journeysPerYear: 12_000 } });
    expect(worth.ok && worth.scenario.settings).toEqual({ ...exampleSettings, journeyValue: 120, journeysPerYear: 12_000 });
    const without = restoreScenario(example);
    expect(without.ok && 'journeyValue' in without.scenario.settings).toBe(false);
    expect(restoreScenario({ ...example, settings: { ...exampleSettings, journeyValue: -5 } }))
      .toEqual({ ok: false, message: 'Value per completed journey must be blank or a number from 0 to 1,000,000,000,000.' });
    expect(restoreScenario({ ...example, settings: { ...exampleSettings, journeysPerYear: '12000' } }))
      .toEqual({ ok: false, message: 'Journeys a year must be a number.' });
    expect(restoreScenario({ ...example, settings: { ...exampleSettings, journeysPerYear: Number.POSITIVE_INFINITY } }).ok).toBe(false);
  });

  it('within the limits are kept exactly', () => {
    const restored = restoreScenario(example);
    expect(restored.ok && restored.scenario.settings).toEqual(exampleSettings);
  });
});
