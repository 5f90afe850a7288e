import { describe, expect, it } from 'vitest';
import { finishComparison, scenarioDifferences, targetComparison } from '../../../src/engine/journey/scenarioDifferences.ts';
import type { Settings, TouchpointInput } from '../../../src/engine/journey/types.ts';

const row = (id: string, name: string, o: string, m: string, p: string, dependsOn = ''): TouchpointInput => ({
  id, name, stage: '', optimistic: o, mostLikely: m, pessimistic: p, distribution: '', dependsOn, probability: '', group: '',
});
const settings: Settings = { target: 30, iterations: 10_000, seed: 1, timeUnit: 'days' };

describe('scenarioDifferences', () => {
  it('lists nothing for two identical scenarios, whatever spaces surround the cells', () => {
    const rows = [row('A', 'Ad', '1', '2', '3'), row('B', 'Buy', '1', '2', '4', 'A')];
    const spaced = [row(' A', 'Ad ', '1', '2', '3'), row('B', 'Buy', ' 1', '2', '4', 'A')];
    expect(scenarioDifferences({ rows, settings }, { rows: spaced, settings: { ...settings } })).toEqual([]);
  });

  it('names touchpoints added, removed and changed field by field, then the settings, from the open one\'s side', () => {
    const open = [row('A', 'Ad', '1', '2', '3'), row('B', 'Buy', '1', '3', '6', 'A'), row('N', 'Newsletter', '1', '1', '2', 'B')];
    const other = [row('A', 'Ad', '1', '2', '3'), row('B', 'Buy', '1', '2', '4', 'A'), row('R', 'Review', '2', '3', '5', 'B')];
    const differences = scenarioDifferences({ rows: open, settings: { ...settings, target: 25 } }, { rows: other, settings });
    expect(differences).toEqual([
      { kind: 'changed', id: 'B', name: 'Buy', fields: [{ field: 'mostLikely', open: '3', other: '2' }, { field: 'pessimistic', open: '6', other: '4' }] },
      { kind: 'added', id: 'N', name: 'Newsletter' },
      { kind: 'removed', id: 'R', name: 'Review' },
      { kind: 'setting', setting: 'target', open: '25', other: '30' },
    ]);
  });

  it('names a value per journey set on one side only as not set on the other', () => {
    expect(scenarioDifferences({ rows: [], settings: { ...settings, journeyValue: 120 } }, { rows: [], settings })).toEqual([
      { kind: 'setting', setting: 'journeyValue', open: '120', other: '(not set)' },
    ]);
  });

  it('leaves rows without an ID unmatched and counts only the first row of a repeated ID', () => {
    const open = [row('', 'Blank', '', '', ''), row('A', 'Ad', '1', '2', '3'), row('A', 'Again', '9', '9', '9')];
    const other = [row('A', 'Ad', '1', '2', '3')];
    expect(scenarioDifferences({ rows: open, settings }, { rows: other, settings })).toEqual([]);
  });
});

describe('finishComparison', () => {
  it('says the open scenario finishes sooner when its mean is smaller, with the gap rounded', () => {
    // 40.04 − 38.0 = 2.04 → "2.0".
    expect(finishComparison(38.0, 40.04, 'Base', 'days')).toBe('This one finishes 2.0 days sooner than “Base”, on average.');
  });

  it('says later when the open mean is larger, and the same time when the gap rounds to zero', () => {
    expect(finishComparison(41.5, 40, 'Base', 'days')).toBe('This one finishes 1.5 days later than “Base”, on average.');
    expect(finishComparison(40.02, 40, 'Base', 'days')).toBe('This one finishes at the same time as “Base”, on average.');
    expect(finishComparison(Number.NaN, 40, 'Base', 'days')).toBe('');
  });
});

describe('targetComparison', () => {
  it('gives the open one\'s lead in percentage points, or says the targets differ', () => {
    // 0.80 − 0.758 = 0.042 → 4.2 points.
    expect(targetComparison(0.8, 0.758, 30, 30, 'days')).toBe('This one is 4.2 points more likely to finish by 30 days.');
    expect(targetComparison(0.7, 0.75, 30, 30, 'days')).toBe('This one is 5.0 points less likely to finish by 30 days.');
    expect(targetComparison(0.7, 0.75, 30, 25, 'days')).toMatch(/different targets \(30 and 25 days\)/);
  });
});
