import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  StorageProblem, WaypointDatabase, createScenario, deleteScenario, describeStorageError, duplicateScenario, getMeta,
  listScenarios, loadScenario, putBack, renameScenario, saveScenario, setMeta,
} from '../../src/db/database.ts';
import { exampleJourney, exampleSettings } from '../../src/engine/journey/exampleJourney.ts';
import { SCENARIO_VERSION } from '../../src/share/scenarioFormat.ts';
import type { ScenarioPayload } from '../../src/share/scenarioFormat.ts';
import fixtureV1 from '../fixtures/scenario-v1.json';

const example: ScenarioPayload = {
  v: SCENARIO_VERSION, name: 'Example', settings: exampleSettings, rows: exampleJourney,
  correlations: [{ ids: 'RV CM', rho: '0.5' }],
};
let db: WaypointDatabase;
let counter = 0;

beforeEach(async () => { db = new WaypointDatabase(`test-${++counter}`); await db.open(); });
afterEach(async () => { await db.delete(); });

describe('scenario storage', () => {
  it('stores, lists newest first and loads back exactly', async () => {
    const first = await createScenario(db, example, 1000);
    await createScenario(db, { ...example, name: 'Second' }, 2000);
    expect((await listScenarios(db)).map((s) => s.name)).toEqual(['Second', 'Example']);
    expect((await loadScenario(db, first.id)).scenario).toEqual(example);
  });

  it('saves over the revision it started from and refuses to overwrite a newer one', async () => {
    const record = await createScenario(db, example);
    const revision = await saveScenario(db, record.id, { ...example, name: 'Tab A' }, record.revision);
    expect(revision).toBe(2);
    const stale = saveScenario(db, record.id, { ...example, name: 'Tab B (old)' }, record.revision);
    await expect(stale).rejects.toMatchObject({ kind: 'conflict' });
    expect((await loadScenario(db, record.id)).scenario.name).toBe('Tab A');
  });

  it('renames, duplicates, deletes and puts a deleted scenario back', async () => {
    const record = await createScenario(db, example);
    await renameScenario(db, record.id, 'Renamed');
    expect((await loadScenario(db, record.id)).scenario.name).toBe('Renamed');
    const copy = await duplicateScenario(db, record.id);
    expect((await loadScenario(db, copy.id)).scenario.name).toBe('Renamed (copy)');
    const deleted = await deleteScenario(db, record.id);
    expect((await listScenarios(db)).map((s) => s.id)).toEqual([copy.id]);
    await putBack(db, deleted!);
    expect((await loadScenario(db, record.id)).scenario.name).toBe('Renamed');
  });

  it('loads the version 1 fixture through the restore path', async () => {
    await db.scenarios.put({ id: 'old', name: 'Old', createdAt: 1, updatedAt: 1, revision: 3, payload: fixtureV1 });
    const { scenario } = await loadScenario(db, 'old');
    expect(scenario.rows).toHaveLength(3);
    expect(scenario.settings.iterations).toBe(5000);
    // Migrated to the current version: no correlations, every touchpoint certain and in no group.
    expect(scenario.v).toBe(SCENARIO_VERSION);
    expect(scenario.correlations).toEqual([]);
    expect(scenario.rows.every((row) => row.probability === '' && row.group === '')).toBe(true);
    expect(scenario.rows[2].dependsOn).toBe('A;B');
  });

  it('refuses a damaged stored payload with a plain message', async () => {
    await db.scenarios.put({ id: 'bad', name: 'Bad', createdAt: 1, updatedAt: 1, revision: 1, payload: { v: 1, name: 7 } });
    await expect(loadScenario(db, 'bad')).rejects.toThrow('This saved scenario cannot be read: The scenario name is missing or too long.');
  });

  it('keeps small settings such as the last open scenario', async () => {
    await setMeta(db, 'lastOpen', 'abc');
    expect(await getMeta(db, 'lastOpen')).toBe('abc');
  });
});

describe('describeStorageError', () => {
  it('explains a full disk and a private window in plain words', () => {
    const quota = describeStorageError(Object.assign(new Error('x'), { name: 'QuotaExceededError' }));
    expect(quota).toBeInstanceOf(StorageProblem);
    expect(quota.kind).toBe('quota');
    expect(quota.message).toContain('no room left');
    expect(describeStorageError(Object.assign(new Error('x'), { name: 'MissingAPIError' })).kind).toBe('unavailable');
  });
});
