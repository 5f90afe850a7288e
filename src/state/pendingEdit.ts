/**
 * The pending stash: when the page goes away with unsaved work, IndexedDB writes are
 * asynchronous and may be cut off by the unload, so the open scenario is also put in
 * localStorage, synchronously, and taken back on the next start. The stash names the
 * scenario and the revision it was edited from, and (since version 2) that revision's
 * scenario, so the store can apply it as it is when nothing newer was saved since, or merge it
 * with what another tab saved meanwhile. It carries its own `v`; the scenarios inside carry the
 * scenario's `v` and come back through restoreScenario (migrate → validate) like every other load.
 */
import { restoreScenario } from '../share/scenarioFormat.ts';
import type { ScenarioPayload } from '../share/scenarioFormat.ts';

const PENDING_KEY = 'waypoint-pending-edit';
/** 2 added `base`; a version 1 stash (or one without `v`) is read the same way, without it. */
const PENDING_VERSION = 2;

export interface PendingEdit {
  /** The scenario the edit belongs to, and the revision it was made on. */
  id: string;
  revision: number;
  scenario: ScenarioPayload;
  /** The scenario as stored at `revision`, which the edit was made from (the merge's common ancestor). */
  base?: ScenarioPayload;
  /** The touchpoint selected at the time (kept locally, never shared). */
  selectedId: string | null;
}

/**
 * Puts `edit` in localStorage; when that is too full for it with its base, without the base;
 * when even that does not fit, or storage is unavailable, does nothing (the IndexedDB save is
 * all there is).
 */
export function stashPendingEdit(edit: PendingEdit): void {
  const stash = { v: PENDING_VERSION, id: edit.id, revision: edit.revision, payload: edit.scenario, selectedId: edit.selectedId };
  for (const record of edit.base ? [{ ...stash, base: edit.base }, stash] : [stash]) {
    try {
      localStorage.setItem(PENDING_KEY, JSON.stringify(record));
      return;
    } catch {
      // Storage full or unavailable.
    }
  }
}

/**
 * Takes the stashed edit out of localStorage (it is removed either way): undefined when there
 * is none, or it is unreadable, of an unknown version, or its scenario does not restore. A
 * stash without `v` was written before the stash had one, in the same shape.
 */
export function takePendingEdit(): PendingEdit | undefined {
  let stashed: { v?: unknown; id?: unknown; revision?: unknown; payload?: unknown; base?: unknown; selectedId?: unknown } | undefined;
  try {
    const text = localStorage.getItem(PENDING_KEY);
    localStorage.removeItem(PENDING_KEY);
    stashed = text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
  if (!stashed || typeof stashed !== 'object') return undefined;
  if (stashed.v !== undefined && stashed.v !== 1 && stashed.v !== PENDING_VERSION) return undefined;
  if (typeof stashed.id !== 'string' || typeof stashed.revision !== 'number') return undefined;
  const restored = restoreScenario(stashed.payload);
  if (!restored.ok) return undefined;
  const base = stashed.base === undefined ? undefined : restoreScenario(stashed.base);
  return {
    id: stashed.id, revision: stashed.revision, scenario: restored.scenario,
    ...(base?.ok ? { base: base.scenario } : {}),
    selectedId: typeof stashed.selectedId === 'string' ? stashed.selectedId : null,
  };
}
