import { describe, expect, it } from 'vitest';
import { cellText, readWorkbook, sheetToCsv } from '../../../src/engine/csv/readWorkbook.ts';
import { parseCustomerFile } from '../../../src/engine/csv/parseCustomerFile.ts';
import { buildXlsx } from '../../fixtures/xlsx.ts';

describe('readWorkbook', () => {
  it('reads every sheet in tab order, numbers in full and dates as wall-clock ISO text', async () => {
    const bytes = buildXlsx([
      // 45292 is 2024-01-01 (45292 − 25569 = 19723 days after 1970-01-01); .5 is noon.
      { name: 'Notes', rows: [['made by hand']] },
      { name: 'Orders', rows: [['customer', 'date', 'amount'], ['a', { date: 45292 }, 12.5], ['b, c', { date: 45292.5 }, 1234567.25]] },
    ]);
    const sheets = await readWorkbook(new Blob([bytes]));
    expect(sheets.map((sheet) => sheet.name)).toEqual(['Notes', 'Orders']);
    expect(sheets[1].rows).toEqual([['customer', 'date', 'amount'], ['a', '2024-01-01', '12.5'], ['b, c', '2024-01-01 12:00', '1234567.25']]);
  });

  it('rejects bytes that are not a workbook with a sentence', async () => {
    await expect(readWorkbook(new Blob(['customer,date\n']))).rejects.toThrow(/not an Excel workbook \(\.xlsx\) Waypoint can read/);
  });
});

describe('sheetToCsv', () => {
  it('writes rows the CSV reader reads back cell for cell, quoting commas and quotes', () => {
    const rows = [['customer', 'date', 'amount'], ['b, c', '2024-01-01', '-40'], ['say "hi"', '2024-01-02', '=1+1']];
    const parsed = parseCustomerFile(sheetToCsv(rows));
    expect([parsed.header, ...parsed.rows]).toEqual(rows);
    expect(sheetToCsv([])).toBe('');
  });
});

describe('cellText', () => {
  it('gives empty text for empty cells and rounds a time to the minute', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(true)).toBe('true');
    expect(cellText(new Date(Date.UTC(2024, 2, 2, 14, 4, 59)))).toBe('2024-03-02 14:05');
  });
});
