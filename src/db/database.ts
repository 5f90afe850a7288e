/**
 * Storage in IndexedDB (Dexie): the schema and its upgrades, the records' shapes, the meta
 * table and the plain sentence for every storage failure. The reads and writes of scenarios are
 * in scenarioRecords.ts, those of datasets in datasets.ts. Every scenario read goes through
 * restoreScenario (migrate → validate), the same path a share link or an imported file takes.
 *
 * A scenario is stored in two parts: a light index record (name, dates, revision) in
 * `scenarios`, which is all the list reads, and its payload in `scenarioBodies`, read only when
 * the scenario is opened, compared or exported; so listing and saving cost the same however
 * many scenarios are stored.
 *
 * Concurrency: each stored scenario has a `revision` that every save increments. A save names
 * the revision it started from; if the stored one is newer (another tab saved meanwhile) the
 * save either merges with it (the caller's merge function, inside the same transaction, so two
 * tabs' saves never interleave) or, without one, is refused as a conflict instead of
 * overwriting newer work with older. When each place (a cell, a setting, the name) was last
 * changed is kept for a while in `scenarioEdits`, so a merge can let the later edit of a cell
 * win whichever tab saves first.
 *
 * Datasets (imported customer data) are stored here too, as compact columns; they never enter
 * a share link.
 *
 * The file "Save to file…" linked (a FileSystemFileHandle, which IndexedDB stores as it is) is
 * kept in `fileLinks`, so the link survives a reload; see fileLinks.ts.
 *
 * Failures (quota, private modes, a blocked upgrade) come back as a StorageProblem with a
 * sentence for the person; the caller keeps its in-memory work.
 */
import { Dexie, type Table } from 'dexie';
import type { ScenarioPayload } from '../share/scenarioFormat.ts';

/** A scenario's index record: what the list shows and what a save checks. */
export interface ScenarioRecord {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  revision: number;
  /** For a scenario opened from a share link: the link's contentKey, so opening it again finds this copy. */
  linkKey?: string;
}

/** A scenario's payload, stored apart from its index record. */
export interface ScenarioBody {
  id: string;
  /** The scenario payload, versioned by its own `v`. */
  payload: unknown;
}

/**
 * When the places of a scenario were last changed (ms since 1970, by place as
 * state/scenarioMerge.ts names them), for the last EDIT_TIMES_KEPT_MS.
 */
export interface ScenarioEdits {
  id: string;
  editedAt: Record<string, number>;
}

/** How long, and for how many places at most, edit times are kept. */
export const EDIT_TIMES_KEPT_MS = 10 * 60_000;
export const EDIT_TIMES_KEPT = 5_000;

/** A scenario whole: its index record and its payload (as loaded, deleted and put back). */
export interface StoredScenario extends ScenarioRecord {
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

/** The linked file, kept between visits: its handle (structured-cloned by IndexedDB) and what it holds. */
export interface StoredFileLink {
  /** Always FILE_LINK_ID: one linked file per browser profile, as one per page. */
  id: string;
  /** A FileSystemFileHandle in the browser; anything with a name and the handle's methods in tests. */
  handle: unknown;
  name: string;
  /** The scenario id the file holds, or 'all' for every scenario. */
  linkedTo: string;
  linkedAt: number;
}

export class WaypointDatabase extends Dexie {
  scenarios!: Table<ScenarioRecord, string>;
  scenarioBodies!: Table<ScenarioBody, string>;
  scenarioEdits!: Table<ScenarioEdits, string>;
  datasets!: Table<StoredDataset, string>;
  datasetColumns!: Table<DatasetColumns, string>;
  meta!: Table<MetaRecord, string>;
  fileLinks!: Table<StoredFileLink, string>;

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
    // Version 3: a scenario's payload moves to scenarioBodies, so the list and every save read
    // only the light index records; a scenario made from a share link can be found by its linkKey;
    // recent edit times in scenarioEdits.
    this.version(3).stores({
      scenarios: 'id, updatedAt, name, linkKey',
      scenarioBodies: 'id',
      scenarioEdits: 'id',
    }).upgrade(async (transaction) => {
      const scenarios = transaction.table('scenarios');
      const bodies = transaction.table('scenarioBodies');
      // One at a time: a store of hundreds of big scenarios is never all in memory at once.
      for (const id of await scenarios.toCollection().primaryKeys()) {
        const { payload, ...record } = await scenarios.get(id) as StoredScenario;
        await bodies.put({ id, payload });
        await scenarios.put(record);
      }
    });
    // Version 4: the linked file's handle, so "Save to file…" stays linked across a reload. A
    // new table only: nothing stored before is touched.
    this.version(4).stores({
      fileLinks: 'id',
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
