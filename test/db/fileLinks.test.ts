import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { WaypointDatabase, getMeta } from '../../src/db/database.ts';
import { forgetFileLink, keepFileLink, loadFileLink } from '../../src/db/fileLinks.ts';
import { listScenarios, loadScenario } from '../../src/db/scenarioRecords.ts';
import { listDatasets } from '../../src/db/datasets.ts';
import databaseV2 from '../fixtures/database-v2.json';

let counter = 0;
const opened: Dexie[] = [];
afterEach(async () => { for (const db of opened.splice(0)) await db.delete(); });

describe('the linked file in storage', () => {
  it('keeps one link, returns it after the database is opened again, and forgets it', async () => {
    const name = `links-${++counter}`;
    const db = new WaypointDatabase(name);
    opened.push(db);
    expect(await loadFileLink(db)).toBeUndefined();
    // Anything structured-cloneable stands for a FileSystemFileHandle here.
    await keepFileLink(db, { handle: { kind: 'file', name: 'first.waypoint.json' }, name: 'first.waypoint.json', linkedTo: 's1', linkedAt: 1 });
    await keepFileLink(db, { handle: { kind: 'file', name: 'journey.waypoint.json' }, name: 'journey.waypoint.json', linkedTo: 'all', linkedAt: 2 });
    db.close();
    const again = new WaypointDatabase(name);
    opened.push(again);
    expect(await loadFileLink(again)).toEqual({ id: 'linked', handle: { kind: 'file', name: 'journey.waypoint.json' }, name: 'journey.waypoint.json', linkedTo: 'all', linkedAt: 2 });
    expect(await again.fileLinks.count()).toBe(1);
    await forgetFileLink(again);
    expect(await loadFileLink(again)).toBeUndefined();
  });
});

describe('the version 3 database', () => {
  it('opens as version 4 with every scenario, body, edit time, dataset and setting kept, and no link yet', async () => {
    const name = `v3-${++counter}`;
    const old = new Dexie(name);
    // The schema as version 3 of the app declared it.
    old.version(1).stores({ scenarios: 'id, updatedAt, name', datasets: 'id, updatedAt, name', meta: 'key' });
    old.version(2).stores({ datasets: 'id, updatedAt, name', datasetColumns: 'id' });
    old.version(3).stores({ scenarios: 'id, updatedAt, name, linkKey', scenarioBodies: 'id', scenarioEdits: 'id' });
    await old.open();
    for (const { payload, ...record } of databaseV2.scenarios) {
      await old.table('scenarios').put(record);
      await old.table('scenarioBodies').put({ id: record.id, payload });
    }
    await old.table('scenarioEdits').put({ id: 'old-v2', editedAt: { 'cell:B:name': 5 } });
    await old.table('datasets').put({ id: 'd1', name: 'Orders', fileName: 'orders.csv', kind: 'transactions', rows: 3, bytes: 10, createdAt: 1, updatedAt: 1 });
    await old.table('datasetColumns').put({ id: 'd1', columns: { kind: 'transactions' } });
    await old.table('meta').bulkPut(databaseV2.meta);
    old.close();

    const upgraded = new WaypointDatabase(name);
    opened.push(upgraded);
    await upgraded.open();
    expect(upgraded.verno).toBe(4);
    expect((await listScenarios(upgraded)).map((s) => s.id)).toEqual(['old-v2', 'old-v1']);
    expect((await loadScenario(upgraded, 'old-v2')).scenario).toEqual(databaseV2.scenarios[1].payload);
    expect(await upgraded.scenarioEdits.get('old-v2')).toEqual({ id: 'old-v2', editedAt: { 'cell:B:name': 5 } });
    expect((await listDatasets(upgraded)).map((d) => d.fileName)).toEqual(['orders.csv']);
    expect(await upgraded.datasetColumns.get('d1')).toEqual({ id: 'd1', columns: { kind: 'transactions' } });
    expect(await getMeta(upgraded, 'lastOpen')).toBe('old-v2');
    expect(await loadFileLink(upgraded)).toBeUndefined();
  });
});
