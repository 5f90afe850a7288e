/** The sheet's computed cells' text and its problems by cell. */
import { describe, expect, it } from 'vitest';
import { computedCellText, problemsByCell } from '../../src/ui/gridCells.ts';
import { handPert, handSimulation } from '../views/fixtures.ts';

describe('problemsByCell', () => {
  it('keeps the first problem of each cell and leaves out those of the whole journey', () => {
    const map = problemsByCell([
      { row: 0, id: 'A', field: 'mostLikely', message: 'first' },
      { row: 0, id: 'A', field: 'mostLikely', message: 'second' },
      { row: 1, id: 'B', field: 'dependsOn', message: 'unknown' },
      { row: -1, id: '', field: 'journey', message: 'a cycle' },
    ]);
    expect([...map]).toEqual([['0:mostLikely', 'first'], ['1:dependsOn', 'unknown']]);
  });
});

describe('computedCellText', () => {
  it('writes PERT figures to two decimals, SD from the variance, criticality as a percent, and nothing without results', () => {
    expect(computedCellText('expected', 1, handPert(), null)).toBe('8.00');
    expect(computedCellText('sd', 0, handPert({ touchpointVariance: Float64Array.from([2.25]) }), null)).toBe('1.50');
    expect(computedCellText('critical', 0, handPert(), null)).toBe('Yes');
    expect(computedCellText('critical', 2, handPert(), null)).toBe('');
    expect(computedCellText('criticality', 1, null, handSimulation())).toBe('70%');
    expect(computedCellText('sensitivity', 2, null, handSimulation())).toBe('-0.30');
    expect(computedCellText('expected', 0, null, null)).toBe('');
  });
});
