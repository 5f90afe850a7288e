import { describe, expect, it } from 'vitest';
import { exampleJourney } from '../../src/engine/journey/exampleJourney.ts';
import {
  COLUMNS, COLUMN_HELP, carryRowKeys, clearRange, freshRowKeys, pastedHeader, deleteRows, fillDown, insertRow, moveCell, newRow, parseTsv, pasteBlock, rangeOf, rangeToTsv, record, redo, setCell, undo,
} from '../../src/state/gridModel.ts';

const rows = exampleJourney.slice(0, 4);
const col = (label: string) => COLUMNS.findIndex((c) => c.label === label);

describe('gridModel', () => {
  it('has the design\'s column headers in order', () => {
    expect(COLUMNS.map((c) => c.label)).toEqual([
      'ID', 'Touchpoint', 'Stage', 'Optimistic', 'Most likely', 'Pessimistic', 'Distribution', 'Depends on', 'Probability', 'Group',
      'Expected', 'SD', 'Earliest start', 'Latest start', 'Slack', 'Critical', 'Criticality', 'Sensitivity',
    ]);
  });

  it('explains what Depends on, Probability and Group take, with an example of each', () => {
    expect(COLUMN_HELP.dependsOn).toMatch(/B\+7 .* B SS\+2/);
    expect(COLUMN_HELP.probability).toMatch(/25% or 0\.25/);
    expect(COLUMN_HELP.group).toMatch(/exactly one/);
    expect(Object.keys(COLUMN_HELP).every((key) => COLUMNS.some((c) => c.key === key && c.editable))).toBe(true);
  });

  it('moves with arrows inside the sheet and wraps Tab to the next row', () => {
    expect(moveCell({ row: 0, col: 0 }, 'ArrowUp', 4)).toEqual({ row: 0, col: 0 });
    expect(moveCell({ row: 0, col: 0 }, 'ArrowDown', 4)).toEqual({ row: 1, col: 0 });
    expect(moveCell({ row: 0, col: COLUMNS.length - 1 }, 'Tab', 4)).toEqual({ row: 1, col: 0 });
    expect(moveCell({ row: 1, col: 0 }, 'Tab', 4, true)).toEqual({ row: 0, col: COLUMNS.length - 1 });
    expect(moveCell({ row: 3, col: 2 }, 'Enter', 4)).toEqual({ row: 3, col: 2 });
  });

  it('copies a range as TSV that quotes cells with tabs, newlines or quotes', () => {
    const text = rangeToTsv(rangeOf({ anchor: { row: 0, col: 0 }, focus: { row: 1, col: 1 } }), (r, c) => [['A', 'say "hi"'], ['B', 'two\nlines']][r][c]);
    expect(text).toBe('A\t"say ""hi"""\nB\t"two\nlines"');
    expect(parseTsv(text)).toEqual([['A', 'say "hi"'], ['B', 'two\nlines']]);
  });

  it('reads a block copied from a spreadsheet, with CRLF and a trailing newline', () => {
    expect(parseTsv('1\t2\t3\r\n4\t5\t6\r\n')).toEqual([['1', '2', '3'], ['4', '5', '6']]);
    expect(parseTsv('x')).toEqual([['x']]);
  });

  it('pastes a 3×3 block into the time columns and adds rows past the end', () => {
    const pasted = pasteBlock(rows, { row: 2, col: col('Optimistic') }, [['1', '2', '3'], ['4', '5', '6'], ['7', '8', '9']]);
    expect(pasted).toHaveLength(5);
    expect([pasted[2].optimistic, pasted[2].mostLikely, pasted[2].pessimistic]).toEqual(['1', '2', '3']);
    expect([pasted[4].optimistic, pasted[4].mostLikely, pasted[4].pessimistic]).toEqual(['7', '8', '9']);
    expect(pasted[4].id).toBe('T5');
    expect(rows).toHaveLength(4);
  });

  it('ignores pasted text that lands in computed columns', () => {
    const pasted = pasteBlock(rows, { row: 0, col: col('Depends on') }, [['AD', '99']]);
    expect(pasted[0].dependsOn).toBe('AD');
    expect(pasted[0]).not.toHaveProperty('expected');
  });

  it('fills down, clears and edits without touching the input', () => {
    const range = { top: 0, bottom: 2, left: col('Stage'), right: col('Stage') };
    expect(fillDown(rows, range).slice(0, 3).map((r) => r.stage)).toEqual(['awareness', 'awareness', 'awareness']);
    expect(clearRange(rows, { ...range, left: 0 }).slice(0, 3).map((r) => r.id)).toEqual(['AD', 'SE', 'RV']);
    expect(setCell(rows, { row: 0, col: col('Touchpoint') }, 'New')[0].name).toBe('New');
    expect(setCell(rows, { row: 0, col: col('Expected') }, '9')).toEqual(rows);
    expect(rows[1].stage).toBe('awareness');
  });

  it('adds rows with fresh ids and deletes ranges', () => {
    expect(newRow([{ ...rows[0], id: 'T2' }]).id).toBe('T3');
    expect(insertRow(rows, 1)[1].id).toBe('T5');
    expect(deleteRows(rows, 1, 2).map((r) => r.id)).toEqual(['AD', 'CM']);
  });

  it('undoes and redoes whole steps', () => {
    let history = record<string>({ past: [], future: [] }, 'a');
    const back = undo(history, 'b')!;
    expect(back.value).toBe('a');
    history = back.history;
    expect(redo(history, 'a')!.value).toBe('b');
    expect(undo({ past: [], future: [] }, 'x')).toBeUndefined();
  });
});

describe('row keys', () => {
  it('gives fresh keys that are never repeated', () => {
    const keys = [...freshRowKeys(3), ...freshRowKeys(2)];
    expect(new Set(keys).size).toBe(5);
  });

  it('carries keys to the same row objects, then to rows with the same ID, then by place', () => {
    const previous = exampleJourney.slice(0, 3);
    const keys = ['k0', 'k1', 'k2'];
    // Row 0 edited (new object, same ID), a row inserted before row 2 (new ID), row 1 kept as it is.
    const next = [{ ...previous[0], name: 'Edited' }, previous[1], { ...previous[2], id: 'NEW' }, previous[2]];
    const carried = carryRowKeys(previous, keys, next);
    expect(carried.slice(0, 2)).toEqual(['k0', 'k1']);
    expect(carried[3]).toBe('k2');
    expect(keys).not.toContain(carried[2]);
  });

  it('keeps two rows sharing an ID apart', () => {
    const twin = { ...exampleJourney[1], id: exampleJourney[0].id };
    const previous = [exampleJourney[0], twin];
    const carried = carryRowKeys(previous, ['a', 'b'], [{ ...twin, name: 'x' }, { ...exampleJourney[0], name: 'y' }]);
    expect(new Set(carried).size).toBe(2);
  });
});

describe('pasting a block with a header row', () => {
  const rows = exampleJourney.slice(0, 4);
  const at = { row: 3, col: 0 };

  it('drops a header that names the columns and pastes each column where its header says', () => {
    // Copied from another sheet in a different column order; the paste starts on the last row.
    const block = parseTsv('Pessimistic\tTouchpoint\tOptimistic\tMost likely\n9\tFirst\t1\t4\n8\tSecond\t2\t5\n');
    expect(pastedHeader(block)).toEqual([5, 1, 3, 4]);
    const pasted = pasteBlock(rows, at, block);
    expect(pasted).toHaveLength(5);
    expect(pasted[3]).toEqual({ ...rows[3], name: 'First', optimistic: '1', mostLikely: '4', pessimistic: '9' });
    // The row added past the end gets what the block carries and nothing else: a fresh ID and the default distribution.
    expect(pasted[4]).toEqual({ ...newRow(pasted.slice(0, 4)), name: 'Second', optimistic: '2', mostLikely: '5', pessimistic: '8' });
  });

  it('reads the journey CSV\'s column names too, and skips blank and computed header cells', () => {
    const block = [['id', 'most_likely', '', 'Expected'], ['N1', '3', 'ignored', '99']];
    expect(pastedHeader(block)).toEqual([0, 4, undefined, 10]);
    const pasted = pasteBlock(rows, { row: 0, col: 7 }, block);
    expect(pasted[0]).toEqual({ ...rows[0], id: 'N1', mostLikely: '3' });
    expect(pasted.slice(1)).toEqual(rows.slice(1));
  });

  it('pastes a first row that is data as data', () => {
    expect(pastedHeader([['Sees an ad', '1', '2', '3'], ['Search', '2', '3', '4']])).toBeUndefined();
    // One row alone is never a header: pasting the word "Stage" into a cell pastes it.
    expect(pastedHeader([['Stage']])).toBeUndefined();
    expect(pasteBlock(rows, { row: 0, col: col('Stage') }, [['Stage']])[0].stage).toBe('Stage');
  });

  it('adds as many rows as the block has past the end, whatever the sheet\'s length', () => {
    const block = [['Touchpoint'], ...Array.from({ length: 6 }, (_, k) => [`Step ${k + 1}`])];
    const pasted = pasteBlock(rows, { row: 2, col: 0 }, block);
    expect(pasted).toHaveLength(2 + 6);
    expect(pasted.slice(2).map((r) => r.name)).toEqual(['Step 1', 'Step 2', 'Step 3', 'Step 4', 'Step 5', 'Step 6']);
    expect(new Set(pasted.map((r) => r.id)).size).toBe(8);
  });
});
