import { describe, expect, it } from 'vitest';
import { exampleSettings } from '../../src/engine/journey/exampleJourney.ts';
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
    const workbook = new Workbook(rows, exampleSettings, [{ ids: 'A B', rho: '0.5' }]);
    expect(workbook.correlationStatus.usable).toEqual([{ ids: ['A', 'B'], rho: 0.5 }]);
    workbook.setCell({ row: 0, col: col('Pessimistic') }, '4');
    expect(workbook.correlationStatus.usable).toEqual([{ ids: ['A', 'B'], rho: 0.5 }]);
    workbook.setCell({ row: 1, col: col('ID') }, 'C');
    expect(workbook.correlationStatus.problems[0]).toMatch(/"B"/);
    expect(workbook.correlationStatus.usable).toEqual([]);
  });
});
