import { describe, expect, it } from 'vitest';
import { exampleJourney, exampleSettings } from '../../src/engine/journey/index.ts';
import { putBackValues, replacedSentence } from '../../src/state/replacedValues.ts';
import type { Replaced } from '../../src/state/scenarioMerge.ts';
import { Workbook } from '../../src/state/workbook.svelte.ts';

const cell = (over: Partial<Replaced>): Replaced => ({
  key: 'row:RV:pessimistic', where: 'row', field: 'pessimistic', index: 2, rowId: 'RV', rowName: 'Reads reviews', replaced: '9', by: '12', loser: 'mine', ...over,
});

describe('replaced values', () => {
  it('says which value of this tab another tab replaced, and how many more', () => {
    expect(replacedSentence([cell({})])).toBe('Another tab changed Pessimistic of "Reads reviews" at the same time as this one: its "12" replaced your "9".');
    expect(replacedSentence([cell({ replaced: '' }), cell({}), cell({})])).toBe(
      'Another tab changed Pessimistic of "Reads reviews" at the same time as this one: its "12" replaced your empty cell, and 2 more of your values.',
    );
    expect(replacedSentence([cell({ by: '' })])).toBe('Another tab changed Pessimistic of "Reads reviews" at the same time as this one: an empty cell replaced your "9".');
    expect(replacedSentence([cell({ key: 'setting:target', where: 'setting', field: 'target', replaced: 40, by: 45 })]))
      .toBe('Another tab changed the Target at the same time as this one: its "45" replaced your "40".');
  });

  it('says when a row this tab deleted is kept because another tab changed it, and deletes it again on request', () => {
    const deleted = cell({ key: 'row:RV:deleted', field: 'deleted', replaced: 'deleted', by: 'changed' });
    expect(replacedSentence([deleted])).toBe('Another tab changed "Reads reviews" while this one deleted it, so it is kept.');
    const workbook = new Workbook();
    workbook.replaceAll({ settings: { ...exampleSettings }, rows: exampleJourney.map((r) => ({ ...r })), correlations: [] });
    const before = workbook.rows.length;
    expect(putBackValues(workbook, [deleted], () => undefined)).toBe('Deleted "Reads reviews" again.');
    expect(workbook.rows).toHaveLength(before - 1);
    expect(workbook.rows.some((row) => row.id === 'RV')).toBe(false);
  });

  it('puts a replaced cell and a replaced name back', () => {
    const workbook = new Workbook();
    workbook.replaceAll({ settings: { ...exampleSettings }, rows: exampleJourney.map((r) => ({ ...r })), correlations: [] });
    let name = '';
    const message = putBackValues(workbook, [cell({ replaced: '15' }), cell({ key: 'name', where: 'name', field: 'name', replaced: 'Mine', by: 'Theirs' })], (n) => { name = n; });
    expect(message).toBe('Put back your 2 values.');
    expect(workbook.rows.find((row) => row.id === 'RV')?.pessimistic).toBe('15');
    expect(name).toBe('Mine');
  });
});
