import { describe, expect, it } from 'vitest';
import { exampleJourney, exampleSettings } from '../../src/engine/journey/exampleJourney.ts';
import { COLUMNS } from '../../src/state/gridModel.ts';
import { Workbook, completeRow } from '../../src/state/workbook.svelte.ts';

const col = (label: string) => COLUMNS.findIndex((c) => c.label === label);
const rows = [completeRow({ id: 'A', name: 'Ad', optimistic: '1', mostLikely: '2', pessimistic: '3' }), completeRow({ id: 'B', dependsOn: 'A' })];

describe('Workbook', () => {
  it('edits Probability and Group like any text cell, each edit one undo step', () => {
    const workbook = new Workbook(rows, exampleSettings);
    workbook.setCell({ row: 1, col: col('Probability') }, '25%');
    workbook.setCell({ row: 1, col: col('Group') }, 'Signup');
    workbook.setCell({ row: 1, col: col('Depends on') }, 'A SS+2');
    expect(workbook.rows[1]).toMatchObject({ probability: '25%', group: 'Signup', dependsOn: 'A SS+2' });
    workbook.undo();
    workbook.undo();
    expect(workbook.rows[1]).toMatchObject({ probability: '25%', group: '', dependsOn: 'A' });
    workbook.redo();
    expect(workbook.rows[1].group).toBe('Signup');
  });

  it('takes in changes made elsewhere without an undo step, carrying its own undo steps over onto them', () => {
    const workbook = new Workbook(rows, exampleSettings);
    workbook.setCell({ row: 0, col: col('Pessimistic') }, '9');
    const elsewhere = workbook.rows.map((r, k) => (k === 1 ? { ...r, name: 'From another tab' } : r));
    workbook.takeIn({ rows: elsewhere, settings: { ...exampleSettings, seed: 5 }, correlations: [] },
      (step) => ({ ...step, rows: step.rows.map((r, k) => (k === 1 ? { ...r, name: 'From another tab' } : r)) }));
    expect(workbook.rows).toBe(elsewhere);
    expect(workbook.settings.seed).toBe(5);
    workbook.undo();
    expect(workbook.rows[0].pessimistic).toBe('3');
    expect(workbook.rows[1].name).toBe('From another tab');
    expect(workbook.canUndo).toBe(false);
  });

  it('keeps correlations in the same undo history as the rows', () => {
    const workbook = new Workbook(rows, exampleSettings);
    workbook.setCell({ row: 0, col: col('Probability') }, '50%');
    workbook.setCorrelations([{ ids: 'A B', rho: '0.6' }]);
    workbook.setCorrelations([{ ids: 'A B', rho: '0.6' }]); // unchanged: no extra step
    workbook.setCorrelations([{ ids: 'A B', rho: '0.4' }, { ids: 'A;B', rho: '' }]);
    expect(workbook.correlations).toHaveLength(2);
    workbook.undo();
    expect(workbook.correlations).toEqual([{ ids: 'A B', rho: '0.6' }]);
    workbook.undo();
    expect(workbook.correlations).toEqual([]);
    expect(workbook.rows[0].probability).toBe('50%');
    workbook.undo();
    expect(workbook.rows[0].probability).toBe('');
    expect(workbook.canUndo).toBe(false);
    workbook.redo();
    workbook.redo();
    expect(workbook.correlations).toEqual([{ ids: 'A B', rho: '0.6' }]);
  });

  it('loads a scenario with its correlations and an empty history; old rows get empty new cells', () => {
    const workbook = new Workbook(rows, exampleSettings);
    workbook.setCorrelations([{ ids: 'A B', rho: '0.6' }]);
    const old = [{ id: 'X', name: 'Old', stage: '', optimistic: '1', mostLikely: '1', pessimistic: '1', distribution: '', dependsOn: '' }];
    workbook.replaceAll({ rows: old as never, settings: exampleSettings, correlations: [{ ids: 'X Y', rho: '0.1' }] });
    expect(workbook.rows[0]).toMatchObject({ id: 'X', probability: '', group: '' });
    expect(workbook.correlations).toEqual([{ ids: 'X Y', rho: '0.1' }]);
    expect(workbook.canUndo).toBe(false);
  });

  it('checks the correlations again when the ids change', () => {
    const timed = [rows[0], { ...rows[1], optimistic: '1', mostLikely: '2', pessimistic: '4' }];
    const workbook = new Workbook(timed, exampleSettings, [{ ids: 'A B', rho: '0.5' }]);
    expect(workbook.correlationStatus.usable).toEqual([{ ids: ['A', 'B'], rho: 0.5 }]);
    workbook.setCell({ row: 0, col: col('Pessimistic') }, '4');
    expect(workbook.correlationStatus.usable).toEqual([{ ids: ['A', 'B'], rho: 0.5 }]);
    workbook.setCell({ row: 1, col: col('ID') }, 'C');
    expect(workbook.correlationStatus.problems[0]).toMatch(/"B"/);
    expect(workbook.correlationStatus.usable).toEqual([]);
  });

  describe('row keys', () => {
    const ID = col('ID');
    const NAME = col('Touchpoint');

    it('keeps row 14 addressed as row 14 after it takes row 1\'s ID: selection, edits and problems stay on it', () => {
      const workbook = new Workbook(exampleJourney, exampleSettings);
      const rowOneKey = workbook.keys[0];
      const rowFourteenKey = workbook.keys[13];
      workbook.selectedKey = rowFourteenKey;
      workbook.setCell({ row: 13, col: ID }, 'AD');
      // The person clicks row 14 again: the sheet selects it by its key.
      workbook.selectedKey = workbook.keys[13];
      expect(workbook.selectedKey).toBe(rowFourteenKey);
      expect(workbook.rowOfKey(workbook.selectedKey)).toBe(13);
      expect(workbook.selectedId).toBe('AD');
      // Setting the selection by an ID the selected row already has keeps that row.
      workbook.selectedId = 'AD';
      expect(workbook.rowOfKey(workbook.selectedKey)).toBe(13);
      workbook.setCell({ row: 13, col: NAME }, 'Typed on row 14');
      expect(workbook.rows[13]).toMatchObject({ id: 'AD', name: 'Typed on row 14' });
      expect(workbook.rows[0]).toEqual(exampleJourney[0]);
      expect(workbook.keys[0]).toBe(rowOneKey);
      const flagged = workbook.journey.problems.filter((p) => p.field === 'id').map((p) => p.row);
      expect(flagged).toEqual([0, 13]);
      // The journey's touchpoints carry their own rows' keys, so figures computed for one never reach the other.
      expect(workbook.journey.keys[0]).toBe(rowOneKey);
      expect(workbook.journey.keys[13]).toBe(rowFourteenKey);
    });

    it('gives every row its own key, through inserts, deletes, pastes and undo', () => {
      const workbook = new Workbook(rows, exampleSettings);
      const [a, b] = workbook.keys;
      expect(a).not.toBe(b);
      expect(workbook.insertRow(1)).toBe(1);
      const inserted = workbook.keys[1];
      expect(workbook.keys).toEqual([a, inserted, b]);
      expect(new Set([a, b]).has(inserted)).toBe(false);
      workbook.paste({ row: 2, col: col('Optimistic') }, '1\t2\t3\n4\t5\t6');
      expect(workbook.keys).toHaveLength(4);
      expect(workbook.keys.slice(0, 3)).toEqual([a, inserted, b]);
      workbook.deleteRows(0, 0);
      expect(workbook.keys.slice(0, 2)).toEqual([inserted, b]);
      workbook.undo();
      expect(workbook.keys.slice(0, 3)).toEqual([a, inserted, b]);
      workbook.undo();
      workbook.undo();
      expect(workbook.keys).toEqual([a, b]);
      workbook.redo();
      expect(workbook.keys).toEqual([a, inserted, b]);
    });

    it('selects the first row with an ID when the selection comes by ID from elsewhere', () => {
      const workbook = new Workbook(rows, exampleSettings);
      workbook.selectedId = 'B';
      expect(workbook.selectedKey).toBe(workbook.keys[1]);
      workbook.selectedId = 'nowhere';
      expect(workbook.selectedKey).toBeNull();
      expect(workbook.selectedId).toBeNull();
    });

    it('keeps the keys of rows that another tab\'s change leaves in place, and of rows it moves', () => {
      const workbook = new Workbook(rows, exampleSettings);
      const [a, b] = workbook.keys;
      workbook.selectedKey = b;
      // Another tab inserted a row at the top and edited B's name.
      const elsewhere = [completeRow({ id: 'N' }), workbook.rows[0], { ...workbook.rows[1], name: 'Renamed' }];
      workbook.takeIn({ rows: elsewhere, settings: exampleSettings, correlations: [] }, (step) => step);
      expect(workbook.keys[1]).toBe(a);
      expect(workbook.keys[2]).toBe(b);
      expect(new Set(workbook.keys).size).toBe(3);
      expect(workbook.rowOfKey(workbook.selectedKey)).toBe(2);
    });

    it('starts fresh keys and no selection when a scenario replaces everything', () => {
      const workbook = new Workbook(rows, exampleSettings);
      const before = workbook.keys;
      workbook.selectedKey = before[0];
      workbook.replaceAll({ rows, settings: exampleSettings, correlations: [] });
      expect(workbook.keys.some((key) => before.includes(key))).toBe(false);
      expect(workbook.selectedId).toBeNull();
    });
  });
});
