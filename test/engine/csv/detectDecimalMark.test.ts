import { describe, expect, it } from 'vitest';
import { detectColumnsDecimalMark, detectDecimalMark, numberColumns } from '../../../src/engine/csv/detectDecimalMark.ts';

describe('detectDecimalMark', () => {
  it('decides by the values only one mark reads', () => {
    expect(detectDecimalMark(['12,50', '1.234,56', '7'], ',')).toEqual({ decimal: 'comma', guessed: false });
    expect(detectDecimalMark(['12.50', '1,234.56', '7'], ';')).toEqual({ decimal: 'point', guessed: false });
    // The majority wins over a stray value.
    expect(detectDecimalMark(['1.234,56', '2.345,67', '1,234.50'], ',').decimal).toBe('comma');
  });

  it('leaves values that read the same either way undecided, and takes the delimiter for values that read differently', () => {
    expect(detectDecimalMark(['12,50', '3,5', '8'], ',')).toEqual({ decimal: 'point', guessed: false });
    // "1,234" is 1234 or 1.234: a semicolon-separated file is European, so a decimal comma.
    expect(detectDecimalMark(['1,234', '2,500'], ';')).toEqual({ decimal: 'comma', guessed: true });
    expect(detectDecimalMark(['1,234', '2,500'], ',')).toEqual({ decimal: 'point', guessed: true });
    expect(detectDecimalMark([], ',')).toEqual({ decimal: 'point', guessed: false });
  });

  it('looks at the number columns of the mapping for its kind', () => {
    expect(numberColumns('transactions', { customer: 0, date: 1, amount: 2, quantity: 3, unitPrice: 4 })).toEqual([2, 3, 4]);
    expect(numberColumns('customer-summary', { customer: 0, frequency: 1, recency: 2, age: 3, monetary: 4 })).toEqual([1, 2, 3, 4]);
    expect(numberColumns('event-log', { case: 0, activity: 1, timestamp: 2 })).toEqual([]);
    const rows = [['Müller', '2024-01-01', '1.234,56'], ['Jürgen', '1.234,56', '3']];
    expect(detectColumnsDecimalMark(rows, [2], ',').decimal).toBe('comma');
    expect(detectColumnsDecimalMark(rows, [], ',').decimal).toBe('point');
  });
});
