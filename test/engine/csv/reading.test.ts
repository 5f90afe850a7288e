import { describe, expect, it } from 'vitest';
import { readingNotes } from '../../../src/engine/csv/reading.ts';
import { noRowRead } from '../../../src/engine/csv/noRowRead.ts';

describe('readingNotes', () => {
  it('says nothing for a UTF-8 file with decimal points and clean ids, or none recorded', () => {
    expect(readingNotes({ encoding: 'utf-8', decimal: 'point', trimmedIds: { ids: 0, rows: 0 } })).toEqual([]);
    expect(readingNotes(undefined)).toEqual([]);
  });

  it('names the encoding, the decimal comma and how many ids were trimmed', () => {
    expect(readingNotes({ encoding: 'windows-1252', decimal: 'comma', trimmedIds: { ids: 3, rows: 12 } })).toEqual([
      'Text read as Windows-1252 / Latin-1 (Western European).',
      'Numbers read with a decimal comma (1.234,56 is 1234.56).',
      '3 customer ids had spaces, tabs or line breaks around them (on 12 rows), trimmed, so " C1" and "C1" are one id.',
    ]);
    expect(readingNotes({ encoding: 'utf-16le', decimal: 'point', trimmedIds: { ids: 1, rows: 1 } }, 'case ids')).toEqual([
      'Text read as UTF-16 little-endian.',
      '1 case id had spaces, tabs or line breaks around it (on 1 row), trimmed, so " C1" and "C1" are one id.',
    ]);
  });

  it('reads a stored reading field by field', () => {
    expect(readingNotes({ encoding: 'ebcdic', decimal: 'point' } as never)).toEqual([]);
  });
});

describe('noRowRead', () => {
  it('says how many rows there were and why the first could not be read', () => {
    expect(noRowRead([], 0)).toBe('The file has no rows under its header: there is nothing to import.');
    expect(noRowRead([{ line: 2, reason: 'the date is empty' }], 1)).toBe('Its one row could not be read (line 2: the date is empty).');
    expect(noRowRead([{ line: 3, reason: 'date "x" is not a date' }, { line: 4, reason: 'the date is empty' }], 2))
      .toBe('None of its 2 rows could be read (line 3: date "x" is not a date; the other 1 could not be read either).');
  });
});
