import type { Settings, TouchpointField, TouchpointInput } from './types.ts';
import { SETTING_KEYS } from './settingsProblems.ts';

/** One touchpoint cell that differs: its field, as typed in the open scenario and in the other. */
export interface FieldChange { field: TouchpointField; open: string; other: string }

/** One line of what differs between two scenarios, read from the open one's side. */
export type ScenarioDifference =
  | { kind: 'added'; id: string; name: string }
  | { kind: 'removed'; id: string; name: string }
  | { kind: 'changed'; id: string; name: string; fields: FieldChange[] }
  | { kind: 'setting'; setting: keyof Settings; open: string; other: string };

/** The cells compared, in the sheet's column order. */
const COMPARED_FIELDS: TouchpointField[] = ['name', 'stage', 'optimistic', 'mostLikely', 'pessimistic', 'distribution', 'dependsOn', 'probability', 'group'];
const COMPARED_SETTINGS = SETTING_KEYS;

/** A cell as a person reads it: surrounding spaces do not make a difference. */
const cellText = (value: string | undefined) => (value ?? '').trim();

/**
 * What differs between the open scenario and another, as a list a person can read: touchpoints
 * the open one has and the other lacks ("added"), the reverse ("removed"), touchpoints in both
 * whose cells differ ("changed", field by field), then the settings that differ. Touchpoints are
 * matched by ID (trimmed); rows without an ID are not matched, and when an ID appears twice only
 * its first row counts. Added and changed follow the open sheet's order, removed the other's.
 * Identical scenarios give an empty list. Cost: O(rows × fields).
 */
export function scenarioDifferences(
  open: { rows: readonly TouchpointInput[]; settings: Settings },
  other: { rows: readonly TouchpointInput[]; settings: Settings },
): ScenarioDifference[] {
  const byId = (rows: readonly TouchpointInput[]) => {
    const map = new Map<string, TouchpointInput>();
    for (const row of rows) {
      const id = cellText(row.id);
      if (id && !map.has(id)) map.set(id, row);
    }
    return map;
  };
  const openRows = byId(open.rows);
  const otherRows = byId(other.rows);
  const differences: ScenarioDifference[] = [];
  for (const [id, row] of openRows) {
    const theirs = otherRows.get(id);
    if (!theirs) { differences.push({ kind: 'added', id, name: cellText(row.name) }); continue; }
    const fields: FieldChange[] = [];
    for (const field of COMPARED_FIELDS) {
      const mine = cellText(row[field]);
      const others = cellText(theirs[field]);
      if (mine !== others) fields.push({ field, open: mine, other: others });
    }
    if (fields.length) differences.push({ kind: 'changed', id, name: cellText(row.name), fields });
  }
  for (const [id, row] of otherRows) {
    if (!openRows.has(id)) differences.push({ kind: 'removed', id, name: cellText(row.name) });
  }
  for (const setting of COMPARED_SETTINGS) {
    const mine = String(open.settings[setting] ?? '(not set)');
    const others = String(other.settings[setting] ?? '(not set)');
    if (mine !== others) differences.push({ kind: 'setting', setting, open: mine, other: others });
  }
  return differences;
}

/**
 * A sentence comparing the open scenario's mean finish with the other's, from the open one's side
 * ("This one finishes 2.0 days sooner than “Base”, on average."); `digits` decimals. Differences
 * that round to zero read as "at the same time". NaN input gives an empty string.
 */
export function finishComparison(openMean: number, otherMean: number, otherName: string, timeUnit: string, digits = 1): string {
  if (!Number.isFinite(openMean) || !Number.isFinite(otherMean)) return '';
  const difference = otherMean - openMean;
  const shown = Math.abs(difference).toFixed(digits);
  if (Number(shown) === 0) return `This one finishes at the same time as “${otherName}”, on average.`;
  return `This one finishes ${shown} ${timeUnit} ${difference > 0 ? 'sooner' : 'later'} than “${otherName}”, on average.`;
}

/**
 * The same for P(finish by target), in percentage points ("This one is 4.2 points more likely to
 * finish by 60 days."); both scenarios must have the same target, otherwise the sentence says the
 * two cannot be compared this way.
 */
export function targetComparison(openP: number, otherP: number, openTarget: number, otherTarget: number, timeUnit: string): string {
  if (openTarget !== otherTarget) return `The two have different targets (${openTarget} and ${otherTarget} ${timeUnit}), so their chances of finishing by target are not compared.`;
  const points = 100 * (openP - otherP);
  const shown = Math.abs(points).toFixed(1);
  if (Number(shown) === 0) return `Both are as likely to finish by ${openTarget} ${timeUnit}.`;
  return `This one is ${shown} points ${points > 0 ? 'more' : 'less'} likely to finish by ${openTarget} ${timeUnit}.`;
}
