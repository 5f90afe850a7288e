/**
 * Scenario storage in IndexedDB (Dexie). Owns the schema and its upgrades, and every read and
 * write of scenarios. Every scenario read goes through restoreScenario (migrate → validate),
 * the same path a share link or an imported file takes.
 *
 * Concurrency: each stored scenario has a `revision` that every save increments. A save names
 * the revision it started from; if the stored one is newer (another tab saved meanwhile) the
 * save is refused as a conflict instead of overwriting newer work with older.
 *
 * Datasets (imported customer data) are stored here too, as compact columns; they never enter
 * a share link. Their functions are in datasets.ts.
 *
 * Failures (quota, private modes, a blocked upgrade) come back as a StorageProblem with a
 * sentence for the person; the caller keeps its in-memory work.
 */
import { Dexie, type Table } from 'dexie';
import { restoreScenario } from '../share/scenarioFormat.ts';
import type { ScenarioPayload } from '../share/scenarioFormat.ts';

export interface StoredScenario {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  revision: number;
  /** The scenario payload, versioned by its own `v`. */
  payload: unknown;
}

export interface ScenarioSummary {
  id: string;
  name: string;
  updatedAt: number;
}

export interface MetaRecord {
  key: string;
  value: unknown;
}

export class StorageProblem extends Error {
  constructor(message: string, readonly kind: 'quota' | 'unavailable' | 'conflict' | 'blocked' | 'missing' | 'damaged' | 'other') {
    super(message);
  }
}

/** An imported customer file: what the list shows. Its columns are stored apart (DatasetColumns). */
export interface StoredDataset {
  id: string;
  name: string;
  fileName: string;
  kind: 'transactions' | 'event-log' | 'customer-summary';
  rows: number;
  bytes: number;
  createdAt: number;
  updatedAt: number;
}

/** The compact columns of a dataset (see engine/dataset.ts), read only when it is opened. */
export interface DatasetColumns {
  id: string;
  columns: unknown;
  /** The analysis last made of it and the anomaly thresholds it used, so reopening shows it at once. */
  report?: unknown;
  thresholds?: unknown;
}

export class WaypointDatabase extends Dexie {
  scenarios!: Table<StoredScenario, string>;
  datasets!: Table<StoredDataset, string>;
  datasetColumns!: Table<DatasetColumns, string>;
  meta!: Table<MetaRecord, string>;

  constructor(name = 'waypoint', options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    // Version 1: scenarios, datasets (customer data; never shared) and small key/value settings.
    this.version(1).stores({
      scenarios: 'id, updatedAt, name',
      datasets: 'id, updatedAt, name',
      meta: 'key',
    });
    // Version 2: a dataset's columns live in their own table, so listing datasets never reads
    // megabytes of columns. Version 1 wrote no datasets; any row there without columns is dropped.
    this.version(2).stores({
      datasets: 'id, updatedAt, name',
      datasetColumns: 'id',
    }).upgrade(async (transaction) => {
      await transaction.table('datasets').clear();
    });
  }
}

/** A plain sentence for an IndexedDB or Dexie failure. */
export function describeStorageError(error: unknown): StorageProblem {
  if (error instanceof StorageProblem) return error;
  const name = (error as { name?: string } | null)?.name ?? '';
  const inner = (error as { inner?: { name?: string } } | null)?.inner?.name ?? '';
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') {
    return new StorageProblem('The browser has no room left to save this work. It is still here; use Export to keep a copy, then free some space.', 'quota');
  }
  if (name === 'MissingAPIError' || name === 'InvalidStateError' || name === 'SecurityError' || inner === 'InvalidStateError') {
    return new StorageProblem('This browser is not letting Waypoint save (a private window may do that). Your work stays open here; use Export to keep a copy.', 'unavailable');
  }
  if (name === 'VersionError' || name === 'DatabaseClosedError' && /blocked/i.test(String((error as Error).message))) {
    return new StorageProblem('Waypoint was updated. Close its other tabs so the new version can open its storage.', 'blocked');
  }
  return new StorageProblem(`Saving failed (${name || 'unknown error'}). Your work is still open here; use Export to keep a copy.`, 'other');
}

function newId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `s-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** Scenarios, newest first. */
export async function listScenarios(db: WaypointDatabase): Promise<ScenarioSummary[]> {
  try {
    const all = await db.scenarios.orderBy('updatedAt').reverse().toArray();
    return all.map(({ id, name, updatedAt }) => ({ id, name, updatedAt }));
  } catch (error) {
    throw describeStorageError(error);
  }
}

/** Loads one scenario through the restore path. */
export async function loadScenario(db: WaypointDatabase, id: string): Promise<{ record: StoredScenario; scenario: ScenarioPayload }> {
  let record: StoredScenario | undefined;
  try {
    record = await db.scenarios.get(id);
  } catch (error) {
    throw describeStorageError(error);
  }
  if (!record) throw new StorageProblem('That scenario is no longer here (it may have been deleted in another tab).', 'missing');
  const restored = restoreScenario(record.payload);
  if (!restored.ok) throw new StorageProblem(`This saved scenario cannot be read: ${restored.message}`, 'damaged');
  return { record, scenario: restored.scenario };
}

/** Stores a new scenario; returns its record. */
export async function createScenario(db: WaypointDatabase, scenario: ScenarioPayload, now = Date.now()): Promise<StoredScenario> {
  const record: StoredScenario = { id: newId(), name: scenario.name, createdAt: now, updatedAt: now, revision: 1, payload: scenario };
  try {
    await db.scenarios.add(record);
  } catch (error) {
    throw describeStorageError(error);
  }
  return record;
}

/**
 * Saves `scenario` over the stored one if the stored revision is still `baseRevision`;
 * returns the new revision. A newer stored revision raises a 'conflict' StorageProblem.
 */
export async function saveScenario(
  db: WaypointDatabase, id: string, scenario: ScenarioPayload, baseRevision: number, now = Date.now(),
): Promise<number> {
  try {
    return await db.transaction('rw', db.scenarios, async () => {
      const stored = await db.scenarios.get(id);
      if (!stored) throw new StorageProblem('That scenario was deleted in another tab.', 'missing');
      if (stored.revision !== baseRevision) {
        throw new StorageProblem('This scenario was changed in another tab; its newer version was kept.', 'conflict');
      }
      const revision = stored.revision + 1;
      await db.scenarios.put({ ...stored, name: scenario.name, updatedAt: now, revision, payload: scenario });
      return revision;
    });
  } catch (error) {
    throw describeStorageError(error);
  }
}

export async function renameScenario(db: WaypointDatabase, id: string, name: string, now = Date.now()): Promise<void> {
  try {
    await db.transaction('rw', db.scenarios, async () => {
      const stored = await db.scenarios.get(id);
      if (!stored) throw new StorageProblem('That scenario is no longer here.', 'missing');
      const payload = { ...(stored.payload as ScenarioPayload), name };
      await db.scenarios.put({ ...stored, name, payload, updatedAt: now, revision: stored.revision + 1 });
    });
  } catch (error) {
    throw describeStorageError(error);
  }
}

export async function duplicateScenario(db: WaypointDatabase, id: string, now = Date.now()): Promise<StoredScenario> {
  const { scenario } = await loadScenario(db, id);
  return createScenario(db, { ...scenario, name: `${scenario.name} (copy)` }, now);
}

/** Deletes a scenario and returns its record, so the deletion can be undone with `putBack`. */
export async function deleteScenario(db: WaypointDatabase, id: string): Promise<StoredScenario | undefined> {
  try {
    return await db.transaction('rw', db.scenarios, async () => {
      const stored = await db.scenarios.get(id);
      if (stored) await db.scenarios.delete(id);
      return stored;
    });
  } catch (error) {
    throw describeStorageError(error);
  }
}

/** Undoes a deletion. */
export async function putBack(db: WaypointDatabase, record: StoredScenario): Promise<void> {
  try {
    await db.scenarios.put(record);
  } catch (error) {
    throw describeStorageError(error);
  }
}

export async function getMeta<T>(db: WaypointDatabase, key: string): Promise<T | undefined> {
  try {
    return (await db.meta.get(key))?.value as T | undefined;
  } catch (error) {
    throw describeStorageError(error);
  }
}

export async function setMeta(db: WaypointDatabase, key: string, value: unknown): Promise<void> {
  try {
    await db.meta.put({ key, value });
  } catch (error) {
    throw describeStorageError(error);
  }
}
