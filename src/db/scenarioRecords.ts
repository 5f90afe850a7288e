/**
 * Reading and writing stored scenarios (the schema and the record shapes are database.ts's):
 * the list, loading through the restore path (one scenario or every one), creating, the saves that merge with another
 * tab's inside their transaction, share-link copies found again by their content, rename,
 * duplicate, delete and put back.
 */
import { restoreScenario } from '../share/scenarioFormat.ts';
import type { ScenarioPayload } from '../share/scenarioFormat.ts';
import { EDIT_TIMES_KEPT, EDIT_TIMES_KEPT_MS, StorageProblem, WaypointDatabase, describeStorageError } from './database.ts';
import type { ScenarioSummary, StoredScenario } from './database.ts';

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

/** Every stored scenario's payload, newest first, through the restore path; a damaged one is left out. */
export async function loadEveryScenario(db: WaypointDatabase): Promise<ScenarioPayload[]> {
  const scenarios: ScenarioPayload[] = [];
  for (const summary of await listScenarios(db)) {
    try { scenarios.push((await loadScenario(db, summary.id)).scenario); } catch { /* a damaged record is left out */ }
  }
  return scenarios;
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
