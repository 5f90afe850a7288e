import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TouchpointInput } from '../../src/engine/journey/index.ts';
import { SCENARIO_VERSION } from '../../src/share/scenarioFormat.ts';
import type { ScenarioPayload } from '../../src/share/scenarioFormat.ts';
import { ROW_FIELDS, changedPlaces, mergeRows, mergeScenario, sameScenario, shareUnchanged } from '../../src/state/scenarioMerge.ts';

function row(id: string, pessimistic = '5', name = `Step ${id}`): TouchpointInput {
  return { id, name, stage: '', optimistic: '1', mostLikely: '2', pessimistic, distribution: '', dependsOn: '', probability: '', group: '' };
}

const base: ScenarioPayload = {
  v: SCENARIO_VERSION, name: 'Journey', settings: { target: 20, iterations: 2000, seed: 1, timeUnit: 'days' },
  rows: ['A', 'B', 'C', 'D', 'E'].map((id) => row(id)),
  correlations: [{ ids: 'A B', rho: '0.3' }],
};

const withRows = (rows: TouchpointInput[]): ScenarioPayload => ({ ...base, rows });
const edit = (rows: readonly TouchpointInput[], index: number, change: Partial<TouchpointInput>) => rows.map((r, k) => (k === index ? { ...r, ...change } : r));

describe('mergeScenario', () => {
  it('keeps both tabs\' edits of different cells, in one row and in different rows', () => {
    const mine = withRows(edit(edit(base.rows, 1, { pessimistic: '9' }), 3, { name: 'Mine' }));
    const theirs = withRows(edit(edit(base.rows, 1, { optimistic: '0.5' }), 4, { stage: 'purchase' }));
    const { scenario, replaced } = mergeScenario(base, mine, theirs);
    expect(replaced).toEqual([]);
    expect(scenario.rows[1]).toMatchObject({ optimistic: '0.5', pessimistic: '9' });
    expect(scenario.rows[3].name).toBe('Mine');
    expect(scenario.rows[4].stage).toBe('purchase');
  });

  it('lets the preferred side win a cell both changed, and lists the value that lost with where it was', () => {
    const mine = withRows(edit(base.rows, 2, { pessimistic: '45' }));
    const theirs = withRows(edit(base.rows, 2, { pessimistic: '40' }));
    const { scenario, replaced } = mergeScenario(base, mine, theirs);
    expect(scenario.rows[2].pessimistic).toBe('45');
    expect(replaced).toEqual([{ key: 'row:C:pessimistic', where: 'row', field: 'pessimistic', index: 2, rowId: 'C', rowName: 'Step C', replaced: '40', by: '45', loser: 'theirs' }]);
    const other = mergeScenario(base, mine, theirs, 'theirs');
    expect(other.scenario.rows[2].pessimistic).toBe('40');
    expect(other.replaced[0]).toMatchObject({ replaced: '45', by: '40', loser: 'mine' });
  });

  it('decides each place on its own when told how (the later edit of each cell winning)', () => {
    const mine = withRows(edit(base.rows, 2, { pessimistic: '45', name: 'Mine' }));
    const theirs = withRows(edit(base.rows, 2, { pessimistic: '40', name: 'Theirs' }));
    const later = (key: string) => (key === 'row:C:name' ? 'theirs' : 'mine');
    const { scenario, replaced } = mergeScenario(base, mine, theirs, later);
    expect(scenario.rows[2]).toMatchObject({ pessimistic: '45', name: 'Theirs' });
    expect(replaced.map((r) => [r.key, r.loser])).toEqual([['row:C:name', 'mine'], ['row:C:pessimistic', 'theirs']]);
  });

  it('is no conflict when both tabs typed the same value', () => {
    const mine = withRows(edit(base.rows, 2, { pessimistic: '45' }));
    const theirs = withRows(edit(base.rows, 2, { pessimistic: '45' }));
    const merged = mergeScenario(base, mine, theirs);
    expect(merged.replaced).toEqual([]);
    expect(merged.scenario).toBe(mine);
  });

  it('lines rows up across an inserted and a deleted row, so an edit lands on its own row', () => {
    // Mine inserts a row before B; theirs deletes A and edits D.
    const mine = withRows([base.rows[0], row('N', '3'), ...base.rows.slice(1)]);
    const theirs = withRows(edit(base.rows, 3, { pessimistic: '11' }).slice(1));
    const { scenario, replaced } = mergeScenario(base, mine, theirs);
    expect(replaced).toEqual([]);
    expect(scenario.rows.map((r) => r.id)).toEqual(['N', 'B', 'C', 'D', 'E']);
    expect(scenario.rows.find((r) => r.id === 'D')?.pessimistic).toBe('11');
  });

  it('finds an edited row among rows moved by an insertion and a deletion elsewhere in the same tab', () => {
    const rows = Array.from({ length: 40 }, (_, k) => row(`R${k}`));
    const start = withRows(rows);
    // Mine: a row inserted at 5, one deleted at 30. Theirs: row 20 edited.
    const mineRows = [...rows.slice(0, 5), row('NEW'), ...rows.slice(5, 30), ...rows.slice(31)];
    const theirs = withRows(edit(rows, 20, { pessimistic: '99' }));
    const { scenario, replaced } = mergeScenario(start, withRows(mineRows), theirs);
    expect(replaced).toEqual([]);
    expect(scenario.rows).toHaveLength(40);
    expect(scenario.rows.find((r) => r.id === 'R20')?.pessimistic).toBe('99');
    expect(scenario.rows.some((r) => r.id === 'R30')).toBe(false);
    expect(scenario.rows[5].id).toBe('NEW');
  });

  it('keeps a row one tab deleted while the other edited it, with the edit', () => {
    const mine = withRows(base.rows.filter((r) => r.id !== 'C'));
    const theirs = withRows(edit(base.rows, 2, { name: 'Still wanted' }));
    expect(mergeScenario(base, mine, theirs).scenario.rows.map((r) => r.name)).toContain('Still wanted');
    expect(mergeScenario(base, theirs, mine).scenario.rows.map((r) => r.name)).toContain('Still wanted');
  });

  it('tells the side whose deletion lost to an edit, naming the row kept', () => {
    const mine = withRows(base.rows.filter((r) => r.id !== 'C'));
    const theirs = withRows(edit(base.rows, 2, { name: 'Still wanted' }));
    expect(mergeScenario(base, mine, theirs).replaced).toEqual([{
      key: 'row:C:deleted', where: 'row', field: 'deleted', index: 2, rowId: 'C', rowName: 'Still wanted', replaced: 'deleted', by: 'changed', loser: 'mine',
    }]);
    expect(mergeScenario(base, theirs, mine).replaced.map((item) => [item.key, item.loser])).toEqual([['row:C:deleted', 'theirs']]);
    // A deletion on both sides deletes, with nothing to tell.
    expect(mergeScenario(base, mine, mine).replaced).toEqual([]);
  });

  it('keeps rows both tabs added at the end, theirs first, and one copy of a row both added alike', () => {
    const mine = withRows([...base.rows, row('M')]);
    const theirs = withRows([...base.rows, row('T')]);
    expect(mergeScenario(base, mine, theirs).scenario.rows.map((r) => r.id)).toEqual(['A', 'B', 'C', 'D', 'E', 'T', 'M']);
    expect(mergeScenario(base, mine, withRows([...base.rows, row('M')])).scenario.rows.map((r) => r.id)).toEqual(['A', 'B', 'C', 'D', 'E', 'M']);
  });

  it('merges the name, each setting and the correlations on their own', () => {
    const mine = { ...base, name: 'Renamed here', settings: { ...base.settings, target: 25 } };
    const theirs = { ...base, settings: { ...base.settings, seed: 9, target: 30 }, correlations: [{ ids: 'A B', rho: '0.5' }] };
    const { scenario, replaced } = mergeScenario(base, mine, theirs);
    expect(scenario.name).toBe('Renamed here');
    expect(scenario.settings).toEqual({ target: 25, iterations: 2000, seed: 9, timeUnit: 'days' });
    expect(scenario.correlations).toEqual([{ ids: 'A B', rho: '0.5' }]);
    expect(replaced).toEqual([{ key: 'setting:target', where: 'setting', field: 'target', replaced: 30, by: 25, loser: 'theirs' }]);
  });

  it('gives back mine itself when the other side changed nothing, or only what mine changed too', () => {
    const mine = withRows(edit(base.rows, 0, { name: 'x' }));
    expect(mergeScenario(base, mine, base).scenario).toBe(mine);
    expect(mergeScenario(base, mine, { ...mine, rows: mine.rows.map((r) => ({ ...r })) }).scenario).toBe(mine);
    expect(mergeScenario(base, base, mine).scenario.rows).toBe(mine.rows);
  });
});

describe('mergeRows on 1,000 rows', () => {
  it('merges edits at both ends and a paste in the middle quickly', () => {
    const rows = Array.from({ length: 1000 }, (_, k) => row(`T${k}`));
    let mine = edit(rows, 3, { pessimistic: '8' });
    mine = [...mine.slice(0, 500), row('P1'), row('P2'), ...mine.slice(500)];
    const theirs = edit(edit(rows, 990, { name: 'Near the end' }), 501, { stage: 'x' });
    const start = performance.now();
    const { items, replaced } = mergeRows(rows, mine, theirs, 'mine');
    expect(performance.now() - start).toBeLessThan(500);
    expect(replaced).toEqual([]);
    expect(items).toHaveLength(1002);
    expect(items[3].pessimistic).toBe('8');
    expect(items.find((r) => r.id === 'T990')?.name).toBe('Near the end');
    expect(items.find((r) => r.id === 'T501')?.stage).toBe('x');
    expect(items.slice(500, 502).map((r) => r.id)).toEqual(['P1', 'P2']);
  });
});

describe('shareUnchanged', () => {
  it('gives a scenario read back from storage the base\'s own objects wherever nothing changed', () => {
    const copy = (rows: readonly TouchpointInput[]) => rows.map((r) => ({ ...r }));
    const same = shareUnchanged(base, { ...base, rows: copy(base.rows), correlations: [{ ids: 'A B', rho: '0.3' }] });
    expect(same.rows).toBe(base.rows);
    expect(same.correlations).toBe(base.correlations);
    const read = { ...base, rows: copy([base.rows[0], row('N'), ...edit(base.rows, 3, { name: 'Changed' }).slice(1)]) };
    const shared = shareUnchanged(base, read);
    expect(shared.rows.map((r) => r.id)).toEqual(['A', 'N', 'B', 'C', 'D', 'E']);
    expect(shared.rows.filter((r) => base.rows.includes(r)).map((r) => r.id)).toEqual(['A', 'B', 'C', 'E']);
    expect(shared.rows[4].name).toBe('Changed');
  });
});

describe('changedPlaces', () => {
  it('names every cell, setting and name this side changed, by the base row\'s ID', () => {
    const mine = { ...withRows(edit(base.rows, 1, { id: 'B2', pessimistic: '7' })), name: 'New', settings: { ...base.settings, seed: 4 } };
    expect(Object.fromEntries(changedPlaces(base, mine))).toEqual({
      name: 'New', 'setting:seed': 4, 'row:B:id': 'B2', 'row:B:pessimistic': '7',
    });
  });

  it('names a deleted row and a deleted correlation as such', () => {
    const mine = { ...withRows(base.rows.filter((r) => r.id !== 'D')), correlations: [] };
    expect(Object.fromEntries(changedPlaces(base, mine))).toEqual({ 'row:D:deleted': 'deleted', 'correlation:A B:deleted': 'deleted' });
  });
});

describe('mergeScenario, for any two sets of edits of different cells', () => {
  const cellEdits = fc.array(fc.record({ row: fc.nat(4), field: fc.constantFrom(...ROW_FIELDS.filter((f) => f !== 'id')), value: fc.string({ maxLength: 4 }) }), { maxLength: 8 });

  it('keeps every edit of both sides, and a conflict only where both changed one cell differently', () => {
    fc.assert(fc.property(cellEdits, cellEdits, (mineEdits, theirEdits) => {
      const apply = (edits: typeof mineEdits) => edits.reduce((rows, e) => edit(rows, e.row, { [e.field]: e.value }), base.rows);
      const mine = withRows(apply(mineEdits));
      const theirs = withRows(apply(theirEdits));
      const { scenario, replaced } = mergeScenario(base, mine, theirs);
      for (let r = 0; r < base.rows.length; r++) {
        for (const field of ROW_FIELDS) {
          const [b, m, t] = [base.rows[r][field], mine.rows[r][field], theirs.rows[r][field]];
          const expected = m !== b ? m : t;
          expect(scenario.rows[r][field]).toBe(expected);
          const conflict = m !== b && t !== b && m !== t;
          expect(replaced.some((x) => x.key === `row:${base.rows[r].id}:${field}`)).toBe(conflict);
        }
      }
      expect(sameScenario(mergeScenario(base, mine, base).scenario, mine)).toBe(true);
      expect(sameScenario(mergeScenario(base, base, theirs).scenario, theirs)).toBe(true);
    }), { numRuns: 300 });
  });
});
