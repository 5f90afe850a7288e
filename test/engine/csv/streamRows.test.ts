import { describe, expect, it } from 'vitest';
import { completeRowsEnd, describeLength, streamRows, unifyLineEnds } from '../../../src/engine/csv/streamRows.ts';

describe('completeRowsEnd', () => {
  it('cuts after the last line end outside quotes', () => {
    // Line ends at index 3, inside the quotes at 6, and outside again at 11: the cut is just past 11.
    expect(completeRowsEnd('a,b\n"x\ny",c\nd', false)).toEqual({ end: 12, inQuotesAtEnd: false });
    expect(completeRowsEnd('"open\nstill open', false).end).toBe(0);
    expect(completeRowsEnd('a,"b ""q"" c"\n', false).end).toBe(14);
  });
});

describe('unifyLineEnds', () => {
  it('makes every line end outside quotes one LF and keeps quoted line breaks as they are', () => {
    expect(unifyLineEnds('a\r\nb\rc\nd')).toBe('a\nb\nc\nd');
    expect(unifyLineEnds('"x\r\ny"\r\nz')).toBe('"x\r\ny"\nz');
    const plain = 'no carriage return\n';
    expect(unifyLineEnds(plain)).toBe(plain);
  });
});

describe('streamRows', () => {
  it('numbers rows by their line in the file, quoted line breaks counted, and reports a line too long to be a CSV line', async () => {
    const text = ['id,note', '1,"two\nlines"', `2,${'x'.repeat(50)}`, '3,short'].join('\n');
    const rows: string[][] = [];
    const lines: number[] = [];
    const bad: [number, string][] = [];
    await streamRows(text, {
      delimiter: ',', hasHeader: true, chunkBytes: 8, maxLineChars: 20,
      onRows: (chunk, numbers) => { rows.push(...chunk); lines.push(...numbers); },
      onBadRow: (line, reason) => bad.push([line, reason]),
    });
    // Line 1 is the header; row 1 spans lines 2–3; the 52-character line 4 is passed over; row 3 is line 5.
    expect(rows).toEqual([['1', 'two\nlines'], ['3', 'short']]);
    expect(lines).toEqual([2, 5]);
    expect(bad.map(([line]) => line)).toEqual([4]);
  });

  it('says a length as a person would', () => {
    expect(describeLength(3 * 1024 * 1024)).toBe('3 MB');
    expect(describeLength(1500)).toBe('1,500 characters');
  });
});
