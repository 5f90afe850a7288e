/**
 * Scenario storage in IndexedDB (Dexie). Owns the schema and its upgrades, and every read and
 * write of scenarios. Every scenario read goes through restoreScenario (migrate → validate),
 * the same path a share link or an imported file takes.
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
 * a share link. Their functions are in datasets.ts.
 *
 * Failures (quota, private modes, a blocked upgrade) come back as a StorageProblem with a
 * sentence for the person; the caller keeps its in-memory work.
 */
import { Dexie, type Table } from 'dexie';
import { restoreScenario } from '../share/scenarioFormat.ts';
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
const EDIT_TIMES_KEPT = 5_000;

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

export class WaypointDatabase extends Dexie {
  scenarios!: Table<ScenarioRecord, string>;
  scenarioBodies!: Table<ScenarioBody, string>;
  scenarioEdits!: Table<ScenarioEdits, string>;
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

/** Scenarios, newest first: index records only, never a payload. */
export async function listScenarios(db: WaypointDatabase): Promise<ScenarioSummary[]> {
  try {
    const all = await db.scenarios.orderBy('updatedAt').reverse().toArray();
    return all.map(({ id, name, updatedAt }) => ({ id, name, updatedAt }));
  } catch (error) {
    throw describeStorageError(error);
  }
}

/** A stored payload through the restore path, or a 'damaged' problem. */
function restoreStored(payload: unknown): ScenarioPayload {
  const restored = restoreScenario(payload);
  if (!restored.ok) throw new StorageProblem(`This saved scenario cannot be read: ${restored.message}`, 'damaged');
  return restored.scenario;
}

/** Loads one scenario (its record and payload, read together) through the restore path. */
export async function loadScenario(db: WaypointDatabase, id: string): Promise<{ record: StoredScenario; scenario: ScenarioPayload }> {
  let record: StoredScenario | undefined;
  try {
    record = await db.transaction('r', db.scenarios, db.scenarioBodies, async () => {
      const index = await db.scenarios.get(id);
      const body = index && await db.scenarioBodies.get(id);
      return index && { ...index, payload: body?.payload };
    });
  } catch (error) {
    throw describeStorageError(error);
  }
  if (!record) throw new StorageProblem('That scenario is no longer here (it may have been deleted in another tab).', 'missing');
  return { record, scenario: restoreStored(record.payload) };
}

function newRecord(scenario: ScenarioPayload, now: number, linkKey?: string): StoredScenario {
  return { id: newId(), name: scenario.name, createdAt: now, updatedAt: now, revision: 1, ...(linkKey ? { linkKey } : {}), payload: scenario };
}

/** Writes a whole scenario's two parts (inside a transaction over both tables). */
async function putWhole(db: WaypointDatabase, { payload, ...record }: StoredScenario): Promise<void> {
  await db.scenarioBodies.put({ id: record.id, payload });
  await db.scenarios.put(record);
}

/** Stores a new scenario; returns its record. */
export async function createScenario(db: WaypointDatabase, scenario: ScenarioPayload, now = Date.now()): Promise<StoredScenario> {
  const record = newRecord(scenario, now);
  try {
    await db.transaction('rw', db.scenarios, db.scenarioBodies, () => putWhole(db, record));
  } catch (error) {
    throw describeStorageError(error);
  }
  return record;
}

/**
 * The journey, settings and correlations of a scenario as one string (its name left out): two
 * scenarios with the same key hold the same journey. Share-link copies are indexed by a hash of it.
 */
export function contentKey(scenario: ScenarioPayload): string {
  const { target, iterations, seed, timeUnit } = scenario.settings;
  return JSON.stringify([
    [target, iterations, seed, timeUnit],
    scenario.rows.map((row) => [row.id, row.name, row.stage, row.optimistic, row.mostLikely, row.pessimistic, row.distribution, row.dependsOn, row.probability, row.group]),
    scenario.correlations.map((c) => [c.ids, c.rho]),
  ]);
}

/** A short hash of contentKey (53-bit, cyrb53): equal hashes are checked against the payloads. */
export function contentHash(scenario: ScenarioPayload): string {
  const text = contentKey(scenario);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * The local copy of a share link's scenario: a stored scenario made from the same link, or the
 * one the link was made of (markShared), whose journey, settings and correlations are still
 * the link's (`created: false`), or else a new one. Looking and creating are one transaction, so two tabs opening the same link at once
 * make one copy between them.
 */
export async function openSharedScenario(
  db: WaypointDatabase, scenario: ScenarioPayload, now = Date.now(),
): Promise<{ record: StoredScenario; scenario: ScenarioPayload; created: boolean }> {
  const linkKey = contentHash(scenario);
  const key = contentKey(scenario);
  try {
    return await db.transaction('rw', db.scenarios, db.scenarioBodies, async () => {
      const candidates = await db.scenarios.where('linkKey').equals(linkKey).toArray();
      for (const candidate of candidates.sort((a, b) => b.updatedAt - a.updatedAt)) {
        const restored = restoreScenario((await db.scenarioBodies.get(candidate.id))?.payload);
        if (restored.ok && contentKey(restored.scenario) === key) {
          return { record: { ...candidate, payload: restored.scenario }, scenario: restored.scenario, created: false };
        }
      }
      const record = newRecord(scenario, now, linkKey);
      await putWhole(db, record);
      return { record, scenario, created: true };
    });
  } catch (error) {
    throw describeStorageError(error);
  }
}

/**
 * Notes that a share link was made of stored scenario `id` holding `scenario`, so opening that
 * link in this browser opens it (while it still holds the same journey) instead of making a copy.
 */
export async function markShared(db: WaypointDatabase, id: string, scenario: ScenarioPayload): Promise<void> {
  const linkKey = contentHash(scenario);
  try {
    await db.transaction('rw', db.scenarios, async () => {
      const stored = await db.scenarios.get(id);
      if (stored && stored.linkKey !== linkKey) await db.scenarios.put({ ...stored, linkKey });
    });
  } catch (error) {
    throw describeStorageError(error);
  }
}

/** `times` without entries older than EDIT_TIMES_KEPT_MS before `now`, and at most EDIT_TIMES_KEPT of the newest. */
function recentTimes(times: Record<string, number>, now: number): Record<string, number> {
  const kept = Object.entries(times).filter(([, time]) => typeof time === 'number' && time > now - EDIT_TIMES_KEPT_MS);
  if (kept.length > EDIT_TIMES_KEPT) kept.sort((a, b) => b[1] - a[1]).length = EDIT_TIMES_KEPT;
  return Object.fromEntries(kept);
}

/**
 * Saves `scenario` over the stored one if the stored revision is still `baseRevision`, and
 * returns the new revision and what was written. When another tab saved a newer revision
 * meanwhile, `merge` (called with the stored scenario and its places' recent edit times, inside
 * the transaction, so no other save comes between) decides what is written; without `merge`
 * that is a 'conflict' StorageProblem and nothing is written. The stored payload is read only
 * in that case. `editedAt` (when this save's changes were made) joins the stored edit times.
 */
export async function saveScenario(
  db: WaypointDatabase, id: string, scenario: ScenarioPayload, baseRevision: number, now = Date.now(),
  merge?: (stored: ScenarioPayload, editedAt: Record<string, number>) => ScenarioPayload, editedAt: Record<string, number> = {},
): Promise<{ revision: number; written: ScenarioPayload }> {
  try {
    return await db.transaction('rw', db.scenarios, db.scenarioBodies, db.scenarioEdits, async () => {
      const stored = await db.scenarios.get(id);
      if (!stored) throw new StorageProblem('That scenario was deleted in another tab.', 'missing');
      const storedTimes = (await db.scenarioEdits.get(id))?.editedAt ?? {};
      let written = scenario;
      if (stored.revision !== baseRevision) {
        if (!merge) throw new StorageProblem('This scenario was changed in another tab; its newer version was kept.', 'conflict');
        const theirs = restoreScenario((await db.scenarioBodies.get(id))?.payload);
        // A stored payload that no longer reads is replaced by this tab's whole scenario.
        if (theirs.ok) written = merge(theirs.scenario, storedTimes);
      }
      const revision = stored.revision + 1;
      await db.scenarioBodies.put({ id, payload: written });
      await db.scenarios.put({ ...stored, name: written.name, updatedAt: now, revision });
      // A later time of a place wins: the merge kept the later edit of it.
      const times = { ...storedTimes };
      for (const [place, time] of Object.entries(editedAt)) times[place] = Math.max(time, times[place] ?? 0);
      await db.scenarioEdits.put({ id, editedAt: recentTimes(times, now) });
      return { revision, written };
    });
  } catch (error) {
    throw describeStorageError(error);
  }
}

export async function renameScenario(db: WaypointDatabase, id: string, name: string, now = Date.now()): Promise<void> {
  try {
    await db.transaction('rw', db.scenarios, db.scenarioBodies, async () => {
      const stored = await db.scenarios.get(id);
      if (!stored) throw new StorageProblem('That scenario is no longer here.', 'missing');
      const payload = { ...((await db.scenarioBodies.get(id))?.payload as ScenarioPayload), name };
      await putWhole(db, { ...stored, name, payload, updatedAt: now, revision: stored.revision + 1 });
    });
  } catch (error) {
    throw describeStorageError(error);
  }
}

export async function duplicateScenario(db: WaypointDatabase, id: string, now = Date.now()): Promise<StoredScenario> {
  const { scenario } = await loadScenario(db, id);
  return createScenario(db, { ...scenario, name: `${scenario.name} (copy)` }, now);
}

/** Deletes a scenario and returns it whole, so the deletion can be undone with `putBack`. */
export async function deleteScenario(db: WaypointDatabase, id: string): Promise<StoredScenario | undefined> {
  try {
    return await db.transaction('rw', db.scenarios, db.scenarioBodies, db.scenarioEdits, async () => {
      const stored = await db.scenarios.get(id);
      if (!stored) return undefined;
      const body = await db.scenarioBodies.get(id);
      await db.scenarios.delete(id);
      await db.scenarioBodies.delete(id);
      await db.scenarioEdits.delete(id);
      return { ...stored, payload: body?.payload };
    });
  } catch (error) {
    throw describeStorageError(error);
  }
}

/** Undoes a deletion. */
export async function putBack(db: WaypointDatabase, record: StoredScenario): Promise<void> {
  try {
    await db.transaction('rw', db.scenarios, db.scenarioBodies, () => putWhole(db, record));
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
