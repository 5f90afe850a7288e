/**
 * Merging two tabs' work on one scenario, cell by cell: a three-way merge of what this tab has
 * (`mine`) and what another tab saved (`theirs`), both made from the scenario as this tab last
 * had it (`base`). Each side's rows are lined up with the base's (common ends first, then a
 * longest common subsequence of whole rows for what is left, rows left over in a gap paired in
 * order), so an edited cell, an inserted row and a deleted row each count as what they are.
 * A cell changed on one side takes that side's value; a cell changed on both sides to different
 * values is a conflict that `prefer` decides (one side always, or by place: the side that
 * changed it later), and every value that lost is listed (`replaced`, with the side it was
 * from), so the tab whose value it was can be told and can put it back. A row deleted on one side and
 * edited on the other is kept, with the edit, and the side that deleted it is told (a Replaced of
 * field 'deleted'), so it can delete it again: work is never dropped, nor kept, silently. Rows inserted on
 * both sides at one place are both kept (theirs first), once if they are the same.
 *
 * Pure functions of plain data; inputs are never modified, and a result equal to `mine` is
 * `mine` itself (the same arrays), so the caller can tell that nothing came from the other side.
 */
import type { CorrelationInput, Settings, TouchpointInput } from '../engine/journey/index.ts';
import { SETTING_KEYS } from '../engine/journey/index.ts';
import type { ScenarioPayload } from '../share/scenarioFormat.ts';

export const ROW_FIELDS = ['id', 'name', 'stage', 'optimistic', 'mostLikely', 'pessimistic', 'distribution', 'dependsOn', 'probability', 'group'] as const;
const CORRELATION_FIELDS = ['ids', 'rho'] as const;
const SETTING_FIELDS = SETTING_KEYS;

/** Which side wins a cell both sides changed: always one, or decided for each place (by its Replaced.key). */
export type Prefer = 'mine' | 'theirs' | ((key: string) => 'mine' | 'theirs');

/** A value that lost a conflict: where it was and what replaced it. */
export interface Replaced {
  /**
   * Names the place from the base's point of view (`row:<base id>:<field>`, `setting:<key>`,
   * `name`, `correlation:<base ids>:<field>`): the same on both tabs, whatever either did since.
   */
  key: string;
  where: 'row' | 'correlation' | 'setting' | 'name';
  field: string;
  /** For rows and correlations: its index in the merged list. */
  index?: number;
  /** For a row: its ID and name in the merged scenario. */
  rowId?: string;
  rowName?: string;
  replaced: string | number;
  by: string | number;
  /** Whose value was replaced. */
  loser: 'mine' | 'theirs';
}

/** What one side did to the base list: each base item's counterpart (null: deleted) and whether it differs, and the items inserted before each base index (and at the end). */
interface Alignment<T> {
  counterpart: (T | null)[];
  changed: boolean[];
  inserted: T[][];
}

/** Past this many cells the subsequence table is not built, and the rows in between are paired in order. */
const LCS_LIMIT = 4_000_000;

function fieldsEqual<T>(fields: readonly (keyof T)[]): (a: T, b: T) => boolean {
  return (a, b) => a === b || fields.every((field) => a[field] === b[field]);
}

/** Lines `side` up with `base`. Cost: linear when only a few rows around one place differ; at most LCS_LIMIT for the rest. */
function align<T>(base: readonly T[], side: readonly T[], same: (a: T, b: T) => boolean, key: (item: T) => string): Alignment<T> {
  const n = base.length;
  const m = side.length;
  const counterpart: (T | null)[] = new Array(n).fill(null);
  const changed: boolean[] = new Array(n).fill(false);
  const inserted: T[][] = Array.from({ length: n + 1 }, () => []);
  let start = 0;
  while (start < n && start < m && same(base[start], side[start])) { counterpart[start] = side[start]; start++; }
  let end = 0;
  while (end < n - start && end < m - start && same(base[n - 1 - end], side[m - 1 - end])) {
    counterpart[n - 1 - end] = side[m - 1 - end];
    end++;
  }
  const pairGap = (b0: number, b1: number, s0: number, s1: number) => {
    const paired = Math.min(b1 - b0, s1 - s0);
    for (let k = 0; k < paired; k++) {
      counterpart[b0 + k] = side[s0 + k];
      changed[b0 + k] = !same(base[b0 + k], side[s0 + k]);
    }
    for (let b = b0 + paired; b < b1; b++) { counterpart[b] = null; changed[b] = true; }
    for (let s = s0 + paired; s < s1; s++) inserted[b0 + paired].push(side[s]);
  };
  const b0 = start, b1 = n - end, s0 = start, s1 = m - end;
  const baseMiddle = b1 - b0, sideMiddle = s1 - s0;
  // Same length with at most one row differing in order: an edit in place, no subsequence needed.
  let inPlace = baseMiddle === sideMiddle;
  if (inPlace) {
    let differing = 0;
    for (let k = 0; k < baseMiddle && inPlace; k++) if (!same(base[b0 + k], side[s0 + k]) && ++differing > 1) inPlace = false;
  }
  if (inPlace || baseMiddle === 0 || sideMiddle === 0 || baseMiddle * sideMiddle > LCS_LIMIT) {
    pairGap(b0, b1, s0, s1);
    return { counterpart, changed, inserted };
  }
  // Longest common subsequence of whole rows (by their cells) in the middle.
  const baseKeys = base.slice(b0, b1).map(key);
  const sideKeys = side.slice(s0, s1).map(key);
  const width = sideMiddle + 1;
  const table = new Uint16Array((baseMiddle + 1) * width);
  for (let i = baseMiddle - 1; i >= 0; i--) {
    for (let j = sideMiddle - 1; j >= 0; j--) {
      table[i * width + j] = baseKeys[i] === sideKeys[j]
        ? table[(i + 1) * width + j + 1] + 1
        : Math.max(table[(i + 1) * width + j], table[i * width + j + 1]);
    }
  }
  let i = 0, j = 0, gapBase = 0, gapSide = 0;
  while (i < baseMiddle && j < sideMiddle) {
    if (baseKeys[i] === sideKeys[j]) {
      pairGap(b0 + gapBase, b0 + i, s0 + gapSide, s0 + j);
      counterpart[b0 + i] = side[s0 + j];
      i++; j++;
      gapBase = i; gapSide = j;
    } else if (table[(i + 1) * width + j] >= table[i * width + j + 1]) i++;
    else j++;
  }
  pairGap(b0 + gapBase, b1, s0 + gapSide, s1);
  return { counterpart, changed, inserted };
}

/** Three-way merge of one value at place `key`; `onConflict` hears a value that lost, and whose it was. */
function mergeValue<V>(key: string, base: V, mine: V, theirs: V, prefer: Prefer, onConflict: (lost: V, won: V, loser: 'mine' | 'theirs') => void): V {
  if (mine === theirs || theirs === base) return mine;
  if (mine === base) return theirs;
  const side = typeof prefer === 'function' ? prefer(key) : prefer;
  if (side === 'mine') { onConflict(theirs, mine, 'theirs'); return mine; }
  onConflict(mine, theirs, 'mine');
  return theirs;
}

/**
 * Three-way merge of a list of records of text cells (rows or correlations), cell by cell.
 * `placeKey(baseItem, field)` names a conflict's place for `Replaced.key`.
 */
export function mergeList<T extends object>(
  base: readonly T[], mine: readonly T[], theirs: readonly T[], fields: readonly (keyof T & string)[], prefer: Prefer,
  describe: (item: T, field: string, baseItem: T, index: number) => Omit<Replaced, 'replaced' | 'by' | 'loser'>,
): { items: readonly T[]; replaced: Replaced[] } {
  if (mine === theirs || theirs === base) return { items: mine, replaced: [] };
  if (mine === base) return { items: theirs, replaced: [] };
  const same = fieldsEqual<T>(fields);
  const key = (item: T) => fields.map((field) => item[field]).join('\u0000');
  const ours = align(base, mine, same, key);
  const other = align(base, theirs, same, key);
  const items: T[] = [];
  const replaced: Replaced[] = [];
  const insert = (a: T[], b: T[]) => {
    if (a.length && b.length && a.length === b.length && a.every((item, k) => same(item, b[k]))) items.push(...a);
    else items.push(...b, ...a);
  };
  for (let index = 0; index <= base.length; index++) {
    insert(ours.inserted[index], other.inserted[index]);
    if (index === base.length) break;
    const mineItem = ours.counterpart[index];
    const theirItem = other.counterpart[index];
    if (!other.changed[index]) { if (mineItem) items.push(mineItem); continue; }
    if (!ours.changed[index]) { if (theirItem) items.push(theirItem); continue; }
    // Changed on both sides. A deletion never beats an edit; two deletions delete.
    // The side whose deletion lost is told (field 'deleted'), and can delete the row again.
    if (!mineItem || !theirItem) {
      const kept = mineItem ?? theirItem;
      if (kept) {
        replaced.push({ ...describe(kept, 'deleted', base[index], items.length), replaced: 'deleted', by: 'changed', loser: mineItem ? 'theirs' : 'mine' });
        items.push(kept);
      }
      continue;
    }
    const merged = { ...mineItem };
    const lost: { field: string; replaced: string | number; by: string | number; loser: 'mine' | 'theirs' }[] = [];
    for (const field of fields) {
      const key = describe(mineItem, field, base[index], items.length).key;
      const value = mergeValue(key, base[index][field], mineItem[field], theirItem[field], prefer, (loserValue, winnerValue, loser) => {
        lost.push({ field, replaced: loserValue as string, by: winnerValue as string, loser });
      });
      (merged as Record<string, unknown>)[field] = value;
    }
    const result = same(merged, mineItem) ? mineItem : merged;
    for (const entry of lost) replaced.push({ ...describe(result, entry.field, base[index], items.length), replaced: entry.replaced, by: entry.by, loser: entry.loser });
    items.push(result);
  }
  const unchanged = items.length === mine.length && items.every((item, k) => item === mine[k]);
  return { items: unchanged ? mine : items, replaced };
}

/** The rows of a three-way merge (for rebasing undo steps, where only rows and correlations are kept). */
export function mergeRows(base: readonly TouchpointInput[], mine: readonly TouchpointInput[], theirs: readonly TouchpointInput[], prefer: Prefer) {
  return mergeList(base, mine, theirs, ROW_FIELDS, prefer, describeRow);
}

export function mergeCorrelations(base: readonly CorrelationInput[], mine: readonly CorrelationInput[], theirs: readonly CorrelationInput[], prefer: Prefer) {
  return mergeList(base, mine, theirs, CORRELATION_FIELDS, prefer, describeCorrelation);
}

function describeRow(row: TouchpointInput, field: string, baseRow: TouchpointInput, index: number): Omit<Replaced, 'replaced' | 'by' | 'loser'> {
  return { key: `row:${baseRow.id}:${field}`, where: 'row', field, index, rowId: row.id, rowName: row.name };
}

function describeCorrelation(_item: CorrelationInput, field: string, baseItem: CorrelationInput, index: number): Omit<Replaced, 'replaced' | 'by' | 'loser'> {
  return { key: `correlation:${baseItem.ids}:${field}`, where: 'correlation', field, index };
}

/**
 * The three-way merge of two scenarios made from `base`: name, each setting, rows and
 * correlations, each merged on its own. `scenario` is `mine` itself when nothing of `theirs`
 * had to be taken in.
 */
export function mergeScenario(base: ScenarioPayload, mine: ScenarioPayload, theirs: ScenarioPayload, prefer: Prefer = 'mine'): { scenario: ScenarioPayload; replaced: Replaced[] } {
  const replaced: Replaced[] = [];
  const name = mergeValue('name', base.name, mine.name, theirs.name, prefer, (lost, won, loser) => {
    replaced.push({ key: 'name', where: 'name', field: 'name', replaced: lost, by: won, loser });
  });
  let settings: Settings = mine.settings;
  for (const field of SETTING_FIELDS) {
    const value = mergeValue<string | number | undefined>(`setting:${field}`, base.settings[field], mine.settings[field], theirs.settings[field], prefer, (lost, won, loser) => {
      replaced.push({ key: `setting:${field}`, where: 'setting', field, replaced: lost ?? '', by: won ?? '', loser });
    });
    if (value !== settings[field]) settings = { ...settings, [field]: value };
  }
  const rows = mergeRows(base.rows, mine.rows, theirs.rows, prefer);
  const correlations = mergeCorrelations(base.correlations, mine.correlations, theirs.correlations, prefer);
  replaced.push(...rows.replaced, ...correlations.replaced);
  if (name === mine.name && settings === mine.settings && rows.items === mine.rows && correlations.items === mine.correlations) {
    return { scenario: mine, replaced };
  }
  return {
    scenario: { v: mine.v, name, settings, rows: rows.items as TouchpointInput[], correlations: correlations.items as CorrelationInput[] },
    replaced,
  };
}

/**
 * `side` with every row and correlation that is unchanged from `base` replaced by the base's
 * own object (and the base's arrays when nothing changed): a scenario read back from storage
 * then shares what it can with the one on screen, so later comparisons are by identity.
 */
export function shareUnchanged(base: ScenarioPayload, side: ScenarioPayload): ScenarioPayload {
  const share = <T>(from: readonly T[], to: readonly T[], fields: readonly (keyof T & string)[]): readonly T[] => {
    if (from === to) return to;
    const same = fieldsEqual<T>(fields);
    if (from.length === to.length && from.every((item, k) => same(item, to[k]))) return from;
    const { counterpart, changed } = align(from, to, same, (item) => fields.map((field) => item[field]).join('\u0000'));
    const shared = new Map<T, T>();
    counterpart.forEach((item, index) => { if (item && !changed[index]) shared.set(item, from[index]); });
    return to.map((item) => shared.get(item) ?? item);
  };
  return {
    ...side,
    rows: share(base.rows, side.rows, ROW_FIELDS) as TouchpointInput[],
    correlations: share(base.correlations, side.correlations, CORRELATION_FIELDS) as CorrelationInput[],
  };
}

/** Whether two scenarios hold the same name, settings, rows and correlations (cell by cell; shared arrays are not walked). */
export function sameScenario(a: ScenarioPayload, b: ScenarioPayload): boolean {
  if (a === b) return true;
  if (a.name !== b.name || SETTING_FIELDS.some((field) => a.settings[field] !== b.settings[field])) return false;
  const sameList = <T>(x: readonly T[], y: readonly T[], fields: readonly (keyof T)[]) => {
    if (x === y) return true;
    const same = fieldsEqual<T>(fields);
    return x.length === y.length && x.every((item, k) => same(item, y[k]));
  };
  return sameList(a.rows, b.rows, ROW_FIELDS) && sameList(a.correlations, b.correlations, CORRELATION_FIELDS);
}

/**
 * The places `mine` changed relative to `base`, keyed as Replaced.key names them, with the
 * value `mine` has there: what this tab wrote, so it can tell later that a value replaced by
 * another tab was its own. Inserted rows are left out (they cannot be in conflict).
 */
export function changedPlaces(base: ScenarioPayload, mine: ScenarioPayload): Map<string, string | number> {
  const places = new Map<string, string | number>();
  if (base.name !== mine.name) places.set('name', mine.name);
  for (const field of SETTING_FIELDS) if (base.settings[field] !== mine.settings[field]) places.set(`setting:${field}`, mine.settings[field] ?? '');
  const list = <T>(from: readonly T[], to: readonly T[], fields: readonly (keyof T & string)[], place: (item: T, field: string) => string) => {
    if (from === to) return;
    const same = fieldsEqual<T>(fields);
    const { counterpart, changed } = align(from, to, same, (item) => fields.map((field) => item[field]).join('\u0000'));
    counterpart.forEach((item, index) => {
      if (!item) { places.set(place(from[index], 'deleted'), 'deleted'); return; }
      if (!changed[index]) return;
      for (const field of fields) if (item[field] !== from[index][field]) places.set(place(from[index], field), item[field] as string);
    });
  };
  list(base.rows, mine.rows, ROW_FIELDS, (row, field) => `row:${row.id}:${field}`);
  list(base.correlations, mine.correlations, CORRELATION_FIELDS, (item, field) => `correlation:${item.ids}:${field}`);
  return places;
}
