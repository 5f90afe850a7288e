/**
 * Values of this tab that another tab's later edit of the same place replaced (see
 * scenarioMerge.ts): the sentence that tells the person which, and putting them back into the
 * workbook as ordinary edits of this tab.
 */
import type { Settings } from '../engine/journey/index.ts';
import { SETTING_LABELS } from '../engine/journey/index.ts';
import { COLUMNS } from './gridModel.ts';
import type { Replaced } from './scenarioMerge.ts';
import type { Workbook } from './workbook.svelte.ts';

/** Where a replaced value was, for a sentence: 'Pessimistic of "Reads reviews"', 'the Target'. */
export function placeOf(item: Replaced): string {
  if (item.where === 'row') {
    const column = COLUMNS.find((c) => c.key === item.field)?.label ?? item.field;
    return `${column} of "${item.rowName || item.rowId || `touchpoint ${(item.index ?? 0) + 1}`}"`;
  }
  if (item.where === 'setting') return `the ${(SETTING_LABELS as Record<string, string>)[item.field] ?? item.field}`;
  if (item.where === 'name') return 'the scenario\'s name';
  return `correlation ${(item.index ?? 0) + 1}`;
}

/** A value of this tab's, after "your": '"9"', or 'empty cell'. */
const yours = (value: string | number) => (value === '' ? 'empty cell' : `"${value}"`);
/** The other tab's value, as the subject: 'its "12"', or 'an empty cell'. */
const theirs = (value: string | number) => (value === '' ? 'an empty cell' : `its "${value}"`);

/** What a deleted row or correlation that another tab changed is called: '"Reads reviews"', 'correlation 2'. */
function itemOf(item: Replaced): string {
  return item.where === 'row' ? `"${item.rowName || item.rowId || `touchpoint ${(item.index ?? 0) + 1}`}"` : `correlation ${(item.index ?? 0) + 1}`;
}

/**
 * "Another tab changed … : its "5" replaced your "4", and 2 more of your values.", or for a
 * deletion that lost to an edit, "Another tab changed "Reads reviews" while this one deleted
 * it, so it is kept." (`items` not empty).
 */
export function replacedSentence(items: readonly Replaced[]): string {
  const [first] = items;
  const more = items.length > 1 ? `, and ${items.length - 1} more of your values` : '';
  if (first.field === 'deleted') return `Another tab changed ${itemOf(first)} while this one deleted it, so it is kept${more}.`;
  return `Another tab changed ${placeOf(first)} at the same time as this one: ${theirs(first.by)} replaced your ${yours(first.replaced)}${more}.`;
}

/**
 * Puts each replaced value back where it was (a row found by its id when rows moved), as edits
 * of the workbook; a replaced scenario name is handed to `setName`. Returns what to say.
 */
export function putBackValues(workbook: Workbook, items: readonly Replaced[], setName: (name: string) => void): string {
  for (const item of items) {
    const value = item.replaced;
    if (item.field === 'deleted') {
      // Deleted again, as this tab had it.
      if (item.where === 'row') {
        const index = workbook.rows.findIndex((row) => row.id === item.rowId);
        if (index >= 0) workbook.deleteRows(index, index);
      } else if (item.index !== undefined && workbook.correlations[item.index]) {
        workbook.setCorrelations(workbook.correlations.filter((_, k) => k !== item.index));
      }
    } else if (item.where === 'row') {
      const rows = workbook.rows;
      const index = rows[item.index ?? -1]?.id === item.rowId ? item.index! : rows.findIndex((row) => row.id === item.rowId);
      const col = COLUMNS.findIndex((column) => column.key === item.field);
      if (index >= 0 && col >= 0) workbook.setCell({ row: index, col }, String(value));
    } else if (item.where === 'setting') {
      // A value setting that was blank goes back to unset, not to the text ''.
      workbook.setSetting(item.field as keyof Settings, (value === '' && item.field !== 'timeUnit' ? undefined : value) as never);
    } else if (item.where === 'name') {
      setName(String(value));
    } else if (item.index !== undefined && workbook.correlations[item.index]) {
      workbook.setCorrelations(workbook.correlations.map((c, k) => (k === item.index ? { ...c, [item.field]: String(value) } : c)));
    }
  }
  if (items.length > 1) return `Put back your ${items.length} values.`;
  return items[0].field === 'deleted' ? `Deleted ${itemOf(items[0])} again.` : `Put back your ${yours(items[0].replaced)} in ${placeOf(items[0])}.`;
}
