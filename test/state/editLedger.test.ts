import { describe, expect, it } from 'vitest';
import { exampleJourney, exampleSettings } from '../../src/engine/journey/index.ts';
import { EditLedger } from '../../src/state/editLedger.ts';
import { changedPlaces } from '../../src/state/scenarioMerge.ts';
import type { Replaced } from '../../src/state/scenarioMerge.ts';
import { SCENARIO_VERSION } from '../../src/share/scenarioFormat.ts';
import type { ScenarioPayload } from '../../src/share/scenarioFormat.ts';

const scenario = (pessimistic: string, target = exampleSettings.target): ScenarioPayload => ({
  v: SCENARIO_VERSION, name: 'Journey', settings: { ...exampleSettings, target },
  rows: exampleJourney.map((row, k) => (k === 2 ? { ...row, pessimistic } : row)), correlations: [],
});

describe('EditLedger', () => {
  const before = scenario('9');
  const after = scenario('12', exampleSettings.target + 5);
  const places = changedPlaces(before, after);

  it('times each changed place when it was edited, and the rest at the save', () => {
    expect(places.size).toBe(2);
    const ledger = new EditLedger();
    ledger.noteEdits(before, after, 1_000);
    const times = ledger.editedAt([...places.keys(), 'a place not edited'], 5_000);
    expect(Object.values(times)).toEqual([1_000, 1_000, 5_000]);
  });

  it('forgets a saved edit\'s time but keeps one edited again, and knows its own written values', () => {
    const ledger = new EditLedger();
    ledger.noteEdits(before, after, 1_000);
    const [first, second] = [...places.keys()];
    const editedAt = ledger.editedAt(places.keys(), 5_000);
    ledger.noteEdits(after, scenario('13', exampleSettings.target + 5), 2_000); // the pessimistic cell again, during the save
    ledger.saved(places, editedAt, []);
    const again = ledger.editedAt(places.keys(), 9_000);
    const pessimisticPlace = [first, second].find((place) => places.get(place) === '12')!;
    const targetPlace = [first, second].find((place) => place !== pessimisticPlace)!;
    expect(again[pessimisticPlace]).toBe(2_000);
    expect(again[targetPlace]).toBe(9_000);
    const replaced = (key: string, value: string | number) => ({ key, replaced: value, by: 'x', where: 'row', field: 'pessimistic', loser: 'mine' }) as Replaced;
    // Only a replaced value this tab wrote is its own, and only once.
    expect(ledger.mine([replaced(pessimisticPlace, '12'), replaced(pessimisticPlace, '7')])).toHaveLength(1);
    expect(ledger.mine([replaced(pessimisticPlace, '12')])).toHaveLength(0);
  });

  it('does not call a value its own when another tab\'s won at the save', () => {
    const ledger = new EditLedger();
    const [place] = [...places.keys()];
    const lost = [{ key: place, replaced: places.get(place)!, by: 'x', where: 'row', field: 'pessimistic', loser: 'mine' } as Replaced];
    ledger.saved(places, ledger.editedAt(places.keys(), 1), lost);
    expect(ledger.mine(lost)).toEqual([]);
  });

  it('hands unreported values over once, and starts afresh on reset', () => {
    const ledger = new EditLedger();
    const item = { key: 'k', replaced: '1', by: '2', where: 'name', field: 'name', loser: 'theirs' } as Replaced;
    ledger.noteUnreported([item]);
    expect(ledger.takeUnreported()).toEqual([item]);
    expect(ledger.takeUnreported()).toEqual([]);
    ledger.noteEdits(before, after, 1_000);
    ledger.noteUnreported([item]);
    ledger.reset();
    expect(ledger.takeUnreported()).toEqual([]);
    expect(Object.values(ledger.editedAt(places.keys(), 7))).toEqual([7, 7]);
  });
});
