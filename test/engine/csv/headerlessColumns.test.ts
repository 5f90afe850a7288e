import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { looksLikeDataRow, mapColumnsByContent, positionalHeader, readFirstRow } from '../../../src/engine/csv/headerlessColumns.ts';
import { inspectCustomerFile } from '../../../src/engine/csv/inspectCustomerFile.ts';
import { readCustomerFile } from '../../../src/engine/csv/readCustomerFile.ts';

/** The fixture (a CSV copy of CDNOW_sample.txt) written back in the raw shape: master id, sample id, date, CDs, dollars, space-padded, no header. */
function rawCdnowSample(): { text: string; customers: number; rows: number; dollars: number } {
  const lines = readFileSync(new URL('../../fixtures/cdnow_sample.csv', import.meta.url), 'utf8').trim().split('\n').slice(1);
  const sampleIds = new Map<string, number>();
  let dollars = 0;
  const text = lines.map((line) => {
    const [id, date, cds, amount] = line.split(',');
    if (!sampleIds.has(id)) sampleIds.set(id, sampleIds.size + 1);
    dollars += Number(amount);
    return `${id.padStart(6)} ${String(sampleIds.get(id)).padStart(5)} ${date} ${cds.padStart(3)} ${amount.padStart(8)}`;
  }).join('\n') + '\n';
  return { text, customers: sampleIds.size, rows: lines.length, dollars };
}

describe('looksLikeDataRow', () => {
  it('takes a row with a date, or of numbers only, as data and a row of names as a header', () => {
    expect(looksLikeDataRow(['00004', '00001', '19970101', '2', '29.33'])).toBe(true);
    expect(looksLikeDataRow(['a17', '2024-03-02', 'x'])).toBe(true);
    expect(looksLikeDataRow(['1', '2.5', ''])).toBe(true);
    expect(looksLikeDataRow(['customer_id', 'date', 'cds', 'amount'])).toBe(false);
    expect(looksLikeDataRow(['', ' '])).toBe(false);
  });
});

describe('positionalHeader', () => {
  it('names columns from 1', () => {
    expect(positionalHeader(3)).toEqual(['Column 1', 'Column 2', 'Column 3']);
    expect(positionalHeader(0)).toEqual([]);
  });
});

describe('mapColumnsByContent', () => {
  it('maps CDNOW\'s five raw columns: first id as customer, the YYYYMMDD date, CDs as quantity, dollars as amount', () => {
    const rows = [['00004', '1', '19970101', '2', '29.33'], ['00004', '1', '19970118', '2', '29.73'], ['00018', '2', '19970102', '1', '13.97']];
    expect(mapColumnsByContent(rows)).toEqual({ customer: 0, date: 2, quantity: 3, amount: 4 });
  });

  it('puts the customer after a leading date and leaves roles it cannot see out', () => {
    expect(mapColumnsByContent([['2024-01-05', 'a', '10'], ['2024-01-06', 'b', '12']])).toEqual({ date: 0, customer: 1, amount: 2 });
    expect(mapColumnsByContent([['a', 'b'], ['c', 'd']])).toEqual({});
    expect(mapColumnsByContent([])).toEqual({});
  });
});

describe('readFirstRow', () => {
  const withHeader = { hasHeader: true, firstRow: ['customer', 'date', 'amount'], preview: [['a', '2024-01-01', '10']], sample: [['a', '2024-01-01', '10']] };

  it('turns a header row into the first data row, the columns named by position', () => {
    const reading = readFirstRow(withHeader, true);
    expect(reading).toEqual({
      hasHeader: false, header: ['Column 1', 'Column 2', 'Column 3'], mapping: { customer: 0, date: 1, amount: 2 },
      preview: [['customer', 'date', 'amount'], ['a', '2024-01-01', '10']], sample: [['customer', 'date', 'amount'], ['a', '2024-01-01', '10']],
    });
  });

  it('reads a header-less file\'s first row back as its header, mapped by name', () => {
    const inspected = { hasHeader: false, firstRow: ['customer', 'date', 'amount'], preview: [['customer', 'date', 'amount'], ['a', '2024-01-01', '10']], sample: [['customer', 'date', 'amount'], ['a', '2024-01-01', '10']] };
    expect(readFirstRow(inspected, false)).toEqual({
      hasHeader: true, header: ['customer', 'date', 'amount'], mapping: { customer: 0, date: 1, amount: 2 }, preview: [['a', '2024-01-01', '10']], sample: [['a', '2024-01-01', '10']],
    });
  });
});

describe('the raw CDNOW sample', () => {
  it('is inspected as header-less transactions and reads every order, customer and dollar of the CSV copy', async () => {
    const raw = rawCdnowSample();
    // Counted from the CSV copy above, independently of the reader: 2,357 customers in the sample.
    expect(raw.customers).toBe(2357);
    const inspection = await inspectCustomerFile(new Blob([raw.text]));
    expect(inspection).toMatchObject({ kind: 'transactions', hasHeader: false, delimiter: ' ', dateFormat: 'yyyymmdd', mapping: { customer: 0, date: 2, quantity: 3, amount: 4 } });
    expect(inspection.header).toEqual(['Column 1', 'Column 2', 'Column 3', 'Column 4', 'Column 5']);
    const read = await readCustomerFile(new Blob([raw.text]), { kind: 'transactions', mapping: inspection.mapping, dateFormat: 'yyyymmdd', delimiter: ' ', hasHeader: false });
    if (read.kind !== 'transactions') throw new Error('not transactions');
    expect(read.badRows).toEqual([]);
    expect(read.table.customer.length).toBe(raw.rows);
    expect(new Set(read.table.customer).size).toBe(raw.customers);
    expect(Array.from(read.table.amount).reduce((sum, value) => sum + value, 0)).toBeCloseTo(raw.dollars, 6);
  });
});
