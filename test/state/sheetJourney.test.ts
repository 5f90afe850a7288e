import { describe, expect, it } from 'vitest';
import { exampleJourney } from '../../src/engine/journey/exampleJourney.ts';
import { hasNoTimes, sheetJourney, withoutTimesNote } from '../../src/state/sheetJourney.ts';
import { newRow } from '../../src/state/gridModel.ts';
import { completeRow } from '../../src/state/workbook.svelte.ts';

const timed = (id: string, dependsOn = '') => completeRow({ id, name: id, optimistic: '1', mostLikely: '2', pessimistic: '4', distribution: 'beta-pert', dependsOn });

describe('sheetJourney', () => {
  it('leaves a new blank row out of the journey instead of reporting its empty times', () => {
    const rows = [...exampleJourney, newRow(exampleJourney)];
    const journey = sheetJourney(rows);
    expect(journey.problems).toEqual([]);
    expect(journey.touchpoints.map((t) => t.id)).toEqual(exampleJourney.map((r) => r.id));
    expect(journey.rowsWithoutTimes).toEqual([exampleJourney.length]);
    expect(journey.touchpointRows).toEqual(exampleJourney.map((_, index) => index));
  });

  it('still reports a row with some of its times, naming the sheet row', () => {
    const partial = { ...newRow([]), id: 'X', optimistic: '2' };
    const journey = sheetJourney([timed('A'), newRow([timed('A')]), partial]);
    expect(journey.rowsWithoutTimes).toEqual([1]);
    expect(journey.problems.map((p) => `${p.row}:${p.field}`)).toEqual(['2:mostLikely', '2:pessimistic']);
  });

  it('names sheet rows in messages when a blank row sits above a problem', () => {
    const journey = sheetJourney([timed('A'), newRow([]), timed('B'), timed('B')]);
    // Sheet rows 3 and 4 (1-based) share B; the blank row 2 does not shift the numbers.
    expect(journey.problems.map((p) => `${p.row}:${p.message}`)).toEqual([
      '2:ID "B" is used twice (rows 3 and 4): IDs must be unique.',
      '3:ID "B" is used twice (rows 3 and 4): IDs must be unique.',
    ]);
  });

  it('flags an ID shared with a row without times on both rows', () => {
    const blank = { ...newRow([]), id: 'A' };
    const journey = sheetJourney([timed('A'), timed('B', 'A'), blank]);
    expect(journey.problems.map((p) => `${p.row}:${p.field}:${p.message}`)).toEqual([
      '0:id:ID "A" is used twice (rows 1 and 3): IDs must be unique.',
      '2:id:ID "A" is used twice (rows 1 and 3): IDs must be unique.',
    ]);
  });

  it('says a dependency waits for a row without times yet, rather than for an unknown ID', () => {
    const blank = { ...newRow([]), id: 'N' };
    const journey = sheetJourney([timed('A'), blank, timed('B', 'A N'), timed('C', 'Z')]);
    expect(journey.problems.map((p) => `${p.row}:${p.field}:${p.message}`)).toEqual([
      '2:dependsOn:B depends on "N", which has no times yet: enter its times, or remove the dependency.',
      '3:dependsOn:C depends on "Z", which is not an ID in the journey.',
    ]);
  });

  it('says plainly when no row has times yet', () => {
    const journey = sheetJourney([newRow([])]);
    expect(journey.touchpoints).toEqual([]);
    expect(journey.problems.map((p) => p.message)).toEqual(['No row has times yet: enter its Optimistic, Most likely and Pessimistic times.']);
  });

  it('counts rows without times in a quiet note', () => {
    expect(withoutTimesNote(0)).toBe('');
    expect(withoutTimesNote(1)).toBe('1 row without times is not simulated yet.');
    expect(withoutTimesNote(3)).toBe('3 rows without times are not simulated yet.');
    expect(hasNoTimes({ ...newRow([]), optimistic: ' ' })).toBe(true);
    expect(hasNoTimes({ ...newRow([]), pessimistic: '0' })).toBe(false);
  });
});
