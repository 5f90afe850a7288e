import { describe, expect, it } from 'vitest';
import { BASE_WIDTHS, CELL_FRAME, NAME_MIN_WIDTH, columnWidths, longestComputed, longestFigure, longestText, longestTyped, numberTextWidth } from '../../src/ui/gridColumns.ts';
import { exampleJourney } from '../../src/engine/journey/index.ts';
import { handPert, handSimulation } from '../views/fixtures.ts';

const keys = Object.keys(BASE_WIDTHS);
const baseTotal = keys.reduce((sum, key) => sum + BASE_WIDTHS[key], 0);

describe('the sheet\'s column widths', () => {
  it('keeps the base widths for numbers that fit and gives the Touchpoint column the room left over', () => {
    const widths = columnWidths(keys, { slack: '0.25', expected: '14.50' }, baseTotal + 100, 8);
    expect(widths.slack).toBe(BASE_WIDTHS.slack);
    expect(widths.expected).toBe(BASE_WIDTHS.expected);
    expect(widths.name).toBe(BASE_WIDTHS.name + 100);
  });

  it('widens a number column to its longest number and takes the room from the Touchpoint column', () => {
    // "113.25": five digits and a point at 8 px a digit is 44 px of text, plus the cell's frame and a pixel.
    const needed = Math.ceil(5.5 * 8) + CELL_FRAME + 1;
    expect(numberTextWidth('113.25', 8)).toBe(needed);
    const widths = columnWidths(keys, { slack: '113.25' }, baseTotal, 8);
    expect(widths.slack).toBe(needed);
    expect(widths.name).toBe(BASE_WIDTHS.name - (needed - BASE_WIDTHS.slack));
  });

  it('never narrows the Touchpoint column below its minimum: the sheet scrolls sideways instead', () => {
    const widths = columnWidths(keys, { earliestStart: '123456.78', latestStart: '123456.78' }, 600, 8);
    expect(widths.name).toBe(NAME_MIN_WIDTH);
    expect(widths.earliestStart).toBe(numberTextWidth('123456.78', 8));
  });

  it('counts a percent sign wider than a digit', () => {
    expect(numberTextWidth('100%', 8)).toBe(Math.ceil(4.5 * 8) + CELL_FRAME + 1);
    expect(longestText(['9', '100%', '10%'])).toBe('100%');
    expect(longestText([])).toBe('');
  });

  it('finds the longest figure from the largest and smallest values alone, as formatting them all would', () => {
    const values = [3.14159, -12.5, 999.999, Number.NaN, 0.001, -0.004];
    const fixed = (index: number) => values[index].toFixed(2);
    const all = longestText(values.filter(Number.isFinite).map((v) => v.toFixed(2)));
    expect(all).toBe('1000.00');
    expect(longestFigure(values.length, (index) => values[index], fixed)).toBe(all);
    expect(longestFigure(2, (index) => [-123.4, 5][index], (index) => [-123.4, 5][index].toFixed(2))).toBe('-123.40');
    expect(longestFigure(0, () => 0, () => 'x')).toBe('');
  });
});

describe('the longest text of each number column', () => {
  it('reads typed numbers from the rows, for the typed number columns only', () => {
    const rows = [{ ...exampleJourney[0], optimistic: '1', mostLikely: '2.5', pessimistic: '10', probability: '' },
      { ...exampleJourney[1], optimistic: '12.25', mostLikely: '3', pessimistic: '4', probability: '25%' }];
    expect(longestTyped(rows)).toEqual({ optimistic: '12.25', mostLikely: '2.5', pessimistic: '10', probability: '25%' });
  });

  it('reads computed figures from the results, as the cells write them, over the results there are', () => {
    const longest = longestComputed(3, handPert({ slack: Float64Array.from([0, 0, 104]) }), handSimulation());
    expect(longest).toMatchObject({ expected: '8.00', sd: '1.00', slack: '104.00', criticality: '100%', sensitivity: '-0.30' });
    expect(longest.critical).toBeUndefined();
    expect(longestComputed(1, handPert(), null)).toEqual({ expected: '5.00', sd: '1.00', earliestStart: '0.00', latestStart: '0.00', slack: '0.00' });
  });
});
