import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { StorageProblem, WaypointDatabase } from '../../src/db/database.ts';
import { listScenarios } from '../../src/db/scenarioRecords.ts';
import { deleteDataset, listDatasets, loadDataset, renameDataset, saveDataset, saveDatasetReport } from '../../src/db/datasets.ts';
import { encodeSummary, encodeTransactions } from '../../src/engine/csv/dataset.ts';

const table = {
  customer: ['a', 'b', 'a'], order: ['1', '2', '3'], minute: Float64Array.of(10, 20, 30), amount: Float64Array.of(5, 6.5, 7),
  product: undefined, category: undefined, group: undefined, cancellation: Uint8Array.of(0, 0, 0), line: Int32Array.of(2, 3, 4),
};
const dataset = encodeTransactions(table, [{ line: 5, reason: 'the date is empty' }], 4);
const open: WaypointDatabase[] = [];
let counter = 0;

async function fresh(): Promise<WaypointDatabase> {
  const db = new WaypointDatabase(`datasets-${++counter}`);
  await db.open();
  open.push(db);
  return db;
}

afterEach(async () => { for (const db of open.splice(0)) await db.delete(); });

describe('dataset storage', () => {
  it('stores a dataset as columns, lists it without them, and reads it back exactly', async () => {
    const db = await fresh();
    const record = await saveDataset(db, 'Orders', 'orders.csv', dataset, { report: { ok: true }, thresholds: { oddOrder: 3 } }, 1000);
    expect(await listDatasets(db)).toEqual([{ ...record, kind: 'transactions', rows: 4 }]);
    expect(record.bytes).toBeGreaterThan(0);
    const loaded = await loadDataset(db, record.id);
    expect(loaded.dataset).toEqual(dataset);
    expect(loaded.dataset.kind === 'transactions' && loaded.dataset.minute).toBeInstanceOf(Int32Array);
    expect(loaded.report).toEqual({ ok: true });
    await saveDatasetReport(db, record.id, { ok: false }, { oddOrder: 4 });
    expect((await loadDataset(db, record.id)).thresholds).toEqual({ oddOrder: 4 });
  });

  it('keeps a customer summary as a dataset of its own kind, listed, renamed and deleted', async () => {
    const db = await fresh();
    const summary = encodeSummary({
      ids: ['s1', 's2'], frequency: Float64Array.of(0, 3), recency: Float64Array.of(0, 12.5), age: Float64Array.of(20, 30),
      monetary: Float64Array.of(0, 41.2), line: Int32Array.of(2, 4),
    }, [{ line: 3, reason: 'the customer id is empty' }], 3);
    const record = await saveDataset(db, 'Summary', 'summary.csv', summary, { report: { ok: true, kind: 'customer-summary' } }, 1000);
    expect(record).toMatchObject({ kind: 'customer-summary', rows: 3 });
    // 4 columns × 2 × 8 bytes + lines 2 × 4 + bad-row line 4 + 2 codes × 2 + 'the customer id is empty' 24 × 2 + 's1', 's2' 2 × 2 × 2 + bad-row code 2.
    expect(record.bytes).toBe(64 + 8 + 4 + 4 + 48 + 8 + 2);
    const loaded = await loadDataset(db, record.id);
    expect(loaded.dataset).toEqual(summary);
    await renameDataset(db, record.id, 'Upstream RFM', 2000);
    expect((await listDatasets(db)).map((d) => [d.name, d.kind])).toEqual([['Upstream RFM', 'customer-summary']]);
    await deleteDataset(db, record.id);
    expect(await listDatasets(db)).toEqual([]);
  });

  it('renames and deletes, columns too', async () => {
    const db = await fresh();
    const first = await saveDataset(db, 'Orders', 'orders.csv', dataset, {}, 1000);
    await saveDataset(db, 'Later', 'later.csv', dataset, {}, 2000);
    await renameDataset(db, first.id, 'Shop 2024', 3000);
    expect((await listDatasets(db)).map((d) => d.name)).toEqual(['Shop 2024', 'Later']);
    await deleteDataset(db, first.id);
    expect((await listDatasets(db)).map((d) => d.name)).toEqual(['Later']);
    expect(await db.datasetColumns.get(first.id)).toBeUndefined();
    await expect(loadDataset(db, first.id)).rejects.toBeInstanceOf(StorageProblem);
  });

  it('refuses damaged columns with a plain message', async () => {
    const db = await fresh();
    const record = await saveDataset(db, 'Orders', 'orders.csv', dataset);
    await db.datasetColumns.put({ id: record.id, columns: { ...dataset, amount: new Float64Array(1) } as unknown });
    await expect(loadDataset(db, record.id)).rejects.toThrow('This stored dataset cannot be read: its columns have different lengths. Import the file again.');
  });

  it('turns a full disk into a sentence that says nothing was lost', async () => {
    const db = await fresh();
    const quota = Object.assign(new Error('full'), { name: 'QuotaExceededError' });
    db.datasetColumns.hook('creating', () => { throw quota; });
    await expect(saveDataset(db, 'Orders', 'orders.csv', dataset)).rejects.toThrow(/no room left to keep this data\. It is open here and nothing else was lost/);
    expect(await listDatasets(db)).toEqual([]); // one transaction: no record without its columns
  });
});

describe('the version 1 database', () => {
  it('opens as the current version with its scenarios kept and room for datasets', async () => {
    const name = `v1-${++counter}`;
    const old = new Dexie(name);
    old.version(1).stores({ scenarios: 'id, updatedAt, name', datasets: 'id, updatedAt, name', meta: 'key' });
    await old.open();
    await old.table('scenarios').put({ id: 's1', name: 'Kept', createdAt: 1, updatedAt: 1, revision: 1, payload: {} });
    await old.table('datasets').put({ id: 'orphan', name: 'no columns', updatedAt: 1 });
    old.close();
    const db = new WaypointDatabase(name);
    await db.open();
    open.push(db);
    expect(db.verno).toBe(4);
    expect((await listScenarios(db)).map((s) => s.name)).toEqual(['Kept']);
    expect(await listDatasets(db)).toEqual([]);
    const record = await saveDataset(db, 'Orders', 'orders.csv', dataset);
    expect((await loadDataset(db, record.id)).dataset).toEqual(dataset);
  });
});
