/**
 * The journey the sheet describes. A row with no times at all (a row just added, not filled in
 * yet) is left out of the results rather than making the whole journey invalid; every other
 * row is checked as the engine checks it, and problems name sheet rows.
 */
import { coerceJourney } from '../engine/journey/index.ts';
import type { Problem, Touchpoint, TouchpointInput } from '../engine/journey/index.ts';
import { countNumber } from '../views/localeNumbers.ts';

export interface SheetJourney {
  touchpoints: Touchpoint[];
  problems: Problem[];
  /** The sheet row (0-based) of each touchpoint. */
  touchpointRows: number[];
  /** The sheet rows left out because they have no times yet. */
  rowsWithoutTimes: number[];
}

/** Whether a row has none of its three times: it is not simulated until it has. */
export function hasNoTimes(row: TouchpointInput): boolean {
  return row.optimistic.trim() === '' && row.mostLikely.trim() === '' && row.pessimistic.trim() === '';
}

/** The quiet note for rows left out ("1 row without times is not simulated yet."), or '' when there are none. */
export function withoutTimesNote(count: number): string {
  if (count === 0) return '';
  return count === 1 ? '1 row without times is not simulated yet.' : `${countNumber(count)} rows without times are not simulated yet.`;
}

/**
 * Checks the sheet's rows: rows without times are left out (listed in `rowsWithoutTimes`), the
 * rest go through coerceJourney. An ID shared with a left-out row is still a duplicate, flagged
 * on both rows. Linear in rows.
 */
export function sheetJourney(rows: readonly TouchpointInput[]): SheetJourney {
  const rowsWithoutTimes: number[] = [];
  const touchpointRows: number[] = [];
  rows.forEach((row, index) => (hasNoTimes(row) ? rowsWithoutTimes : touchpointRows).push(index));
  if (rowsWithoutTimes.length === 0) return { ...coerceJourney(rows), touchpointRows, rowsWithoutTimes };

  const kept = touchpointRows.map((index) => rows[index]);
  const leftOutIds = new Set(rowsWithoutTimes.map((index) => rows[index].id.trim()).filter((id) => id !== ''));
  const { touchpoints, problems } = coerceJourney(kept, touchpointRows, leftOutIds);
  const found = problems.map((p) => (p.row === -1 && kept.length === 0 && rows.length > 0
    ? { ...p, message: 'No row has times yet: enter its Optimistic, Most likely and Pessimistic times.' } : p));

  const flagged = new Set(found.filter((p) => p.field === 'id').map((p) => p.row));
  const rowsById = new Map<string, number[]>();
  rows.forEach((row, index) => {
    const id = row.id.trim();
    if (id !== '') (rowsById.get(id) ?? rowsById.set(id, []).get(id)!).push(index);
  });
  const blank = new Set(rowsWithoutTimes);
  for (const [id, members] of rowsById) {
    if (members.length < 2 || !members.some((index) => blank.has(index))) continue;
    members.forEach((index, k) => {
      if (flagged.has(index)) return;
      const other = k === 0 ? members[1] : members[0];
      found.push({ row: index, id, field: 'id', message: `ID "${id}" is used twice (rows ${Math.min(index, other) + 1} and ${Math.max(index, other) + 1}): IDs must be unique.` });
    });
  }
  return { touchpoints, problems: found, touchpointRows, rowsWithoutTimes };
}
