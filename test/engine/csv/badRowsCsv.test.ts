import { describe, expect, it } from 'vitest';
import { badRowsCsv } from '../../../src/engine/csv/badRowsCsv.ts';

describe('badRowsCsv', () => {
  it('lists line and reason, quoted where needed, with formulas neutralised', () => {
    expect(badRowsCsv([{ line: 3, reason: 'date "1,2" is not a date' }, { line: 7, reason: '=HYPERLINK("x")' }]))
      .toBe('line,reason\r\n3,"date ""1,2"" is not a date"\r\n7,"\'=HYPERLINK(""x"")"\r\n');
  });
});

describe('badRowsCsv of no rows', () => {
  it('is the header alone', () => {
    expect(badRowsCsv([])).toBe('line,reason\r\n');
  });
});
