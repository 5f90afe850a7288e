import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import type { DBCore } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StorageProblem, WaypointDatabase, describeStorageError, getMeta, setMeta } from '../../src/db/database.ts';
import { contentHash, createScenario, deleteScenario, duplicateScenario, listScenarios, loadEveryScenario, loadScenario, openSharedScenario, putBack, renameScenario, saveScenario } from '../../src/db/scenarioRecords.ts';
import { exampleJourney, exampleSettings } from '../../src/engine/journey/exampleJourney.ts';
import { SCENARIO_VERSION } from '../../src/share/scenarioFormat.ts';
import type { ScenarioPayload } from '../../src/share/scenarioFormat.ts';
import fixtureV1 from '../fixtures/scenario-v1.json';
import databaseV2 from '../fixtures/database-v2.json';

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
    const { revision } = await saveScenario(db, record.id, { ...example, name: 'Tab A' }, record.revision);
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
    await db.scenarios.put({ id: 'old', name: 'Old', createdAt: 1, updatedAt: 1, revision: 3 });
    await db.scenarioBodies.put({ id: 'old', payload: fixtureV1 });
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
    await db.scenarios.put({ id: 'bad', name: 'Bad', createdAt: 1, updatedAt: 1, revision: 1 });
    await db.scenarioBodies.put({ id: 'bad', payload: { v: 1, name: 7 } });
    await expect(loadScenario(db, 'bad')).rejects.toThrow('This saved scenario cannot be read: The scenario name is missing or too long.');
  });

  it('loads every stored scenario newest first, leaving a damaged one out', async () => {
    await createScenario(db, example, 1000);
    await db.scenarios.put({ id: 'bad', name: 'Bad', createdAt: 2000, updatedAt: 2000, revision: 1 });
    await db.scenarioBodies.put({ id: 'bad', payload: { v: 1, name: 7 } });
    await createScenario(db, { ...example, name: 'Second' }, 3000);
    expect((await loadEveryScenario(db)).map((s) => s.name)).toEqual(['Second', 'Example']);
  });

  it('merges a save made on an older revision through the merge function, which sees the newer stored scenario', async () => {
    const record = await createScenario(db, example);
    await saveScenario(db, record.id, { ...example, name: 'Tab A' }, record.revision);
    let seen: ScenarioPayload | undefined;
    const { revision, written } = await saveScenario(db, record.id, { ...example, settings: { ...example.settings, seed: 9 } }, record.revision, 5, (stored) => {
      seen = stored;
      return { ...stored, settings: { ...stored.settings, seed: 9 } };
    });
    expect(seen?.name).toBe('Tab A');
    expect(revision).toBe(3);
    expect(written).toMatchObject({ name: 'Tab A', settings: { seed: 9 } });
    expect((await loadScenario(db, record.id)).scenario).toEqual(written);
    expect((await listScenarios(db))[0]).toEqual({ id: record.id, name: 'Tab A', updatedAt: 5 });
  });

  it('lists and saves without reading any other scenario\'s payload, however many are stored', async () => {
    // Middleware goes in before the database opens.
    const counted = new WaypointDatabase(`counted-${++counter}`);
    const reads = countReads(counted);
    await counted.open();
    for (let k = 0; k < 40; k++) await createScenario(counted, { ...example, name: `Stored ${k}` }, k);
    const open = await createScenario(counted, example, 100);
    reads.clear();
    let revision = open.revision;
    for (let edit = 0; edit < 5; edit++) {
      ({ revision } = await saveScenario(counted, open.id, { ...example, name: `Edit ${edit}` }, revision, 200 + edit));
      expect((await listScenarios(counted))).toHaveLength(41);
    }
    // Saving checks the open scenario's index record; listing reads index records; no payload is read.
    expect(reads.get('scenarios')).toBe(10);
    expect(reads.get('scenarioBodies') ?? 0).toBe(0);
    await counted.delete();
  });

  it('opens the same share link twice as one local copy, and makes a new copy once that one was changed', async () => {
    const first = await openSharedScenario(db, example, 1);
    expect(first.created).toBe(true);
    expect(first.record.linkKey).toBe(contentHash(example));
    const again = await openSharedScenario(db, { ...example, name: 'Renamed by the sender' }, 2);
    expect(again).toMatchObject({ created: false, record: { id: first.record.id } });
    await saveScenario(db, first.record.id, { ...example, rows: example.rows.slice(1) }, first.record.revision);
    const third = await openSharedScenario(db, example, 3);
    expect(third.created).toBe(true);
    expect((await listScenarios(db)).map((s) => s.id).sort()).toEqual([first.record.id, third.record.id].sort());
  });

  it('makes one copy of a link opened by two tabs at the same moment', async () => {
    const other = new WaypointDatabase(db.name);
    await other.open();
    const [a, b] = await Promise.all([openSharedScenario(db, example), openSharedScenario(other, example)]);
    other.close();
    expect(a.record.id).toBe(b.record.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(await listScenarios(db)).toHaveLength(1);
  });

  it('keeps when each place was last changed, the later time of a place winning, and hands them to a merge', async () => {
    const record = await createScenario(db, example);
    await saveScenario(db, record.id, { ...example, name: 'A' }, 1, 1_000, undefined, { name: 1_000, 'row:AD:name': 900 });
    await saveScenario(db, record.id, { ...example, name: 'B' }, 2, 2_000, undefined, { name: 800 });
    let seen: Record<string, number> | undefined;
    await saveScenario(db, record.id, example, 1, 3_000, (stored, editedAt) => { seen = editedAt; return stored; });
    expect(seen).toEqual({ name: 1_000, 'row:AD:name': 900 });
    // Times older than ten minutes are forgotten.
    await saveScenario(db, record.id, example, 4, 1_000 + 10 * 60_000, undefined, { seed: 1_000 + 10 * 60_000 });
    expect((await db.scenarioEdits.get(record.id))?.editedAt).toEqual({ seed: 1_000 + 10 * 60_000 });
  });

  it('keeps small settings such as the last open scenario', async () => {
    await setMeta(db, 'lastOpen', 'abc');
    expect(await getMeta(db, 'lastOpen')).toBe('abc');
  });
});

/** Counts reads per table through a Dexie middleware. */
function countReads(database: WaypointDatabase): Map<string, number> {
  const reads = new Map<string, number>();
  const count = (table: string) => reads.set(table, (reads.get(table) ?? 0) + 1);
  database.use({
    stack: 'dbcore', name: 'countReads',
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          get: (request) => { count(name); return table.get(request); },
          getMany: (request) => { count(name); return table.getMany(request); },
          query: (request) => { count(name); return table.query(request); },
          openCursor: (request) => { count(name); return table.openCursor(request); },
        };
      },
    }),
  });
  return reads;
}

describe('the version 2 database', () => {
  it('opens as the current version with each payload moved apart from its index record, and every scenario, the last open one and its selection kept', async () => {
    const name = `v2-${++counter}`;
    const old = new Dexie(name);
    // The schema as version 2 of the app declared it.
    old.version(1).stores({ scenarios: 'id, updatedAt, name', datasets: 'id, updatedAt, name', meta: 'key' });
    old.version(2).stores({ datasets: 'id, updatedAt, name', datasetColumns: 'id' });
    await old.open();
    await old.table('scenarios').bulkPut(databaseV2.scenarios);
    await old.table('meta').bulkPut(databaseV2.meta);
    old.close();

    const upgraded = new WaypointDatabase(name);
    await upgraded.open();
    expect(upgraded.verno).toBe(4);
    expect(await listScenarios(upgraded)).toEqual([
      { id: 'old-v2', name: 'Two steps', updatedAt: 1700000003000 },
      { id: 'old-v1', name: 'Version 1 fixture', updatedAt: 1700000001000 },
    ]);
    // The index records carry no payload any more; the bodies do.
    expect((await upgraded.scenarios.toArray()).every((record) => !('payload' in record))).toBe(true);
    expect(await upgraded.scenarioBodies.count()).toBe(2);
    const two = await loadScenario(upgraded, 'old-v2');
    expect(two.record.revision).toBe(2);
    expect(two.scenario).toEqual(databaseV2.scenarios[1].payload);
    // The version 1 payload inside still migrates on load.
    const one = await loadScenario(upgraded, 'old-v1');
    expect(one.scenario).toMatchObject({ v: SCENARIO_VERSION, name: 'Version 1 fixture', correlations: [] });
    expect(await getMeta(upgraded, 'lastOpen')).toBe('old-v2');
    expect(await getMeta(upgraded, 'selected:old-v2')).toBe('B');
    const { revision } = await saveScenario(upgraded, 'old-v2', { ...two.scenario, name: 'Saved after the upgrade' }, 2);
    expect(revision).toBe(3);
    await upgraded.delete();
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
