import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inspectCustomerFile } from '../../../src/engine/csv/inspectCustomerFile.ts';
import { cellText, isParquetHead, openParquet, streamParquetRows } from '../../../src/engine/csv/parquetRows.ts';
import { readCustomerFile } from '../../../src/engine/csv/readCustomerFile.ts';
import { cdnowParquet, csvToParquet } from '../../fixtures/parquet.ts';

const cdnowCsv = readFileSync(new URL('../../fixtures/cdnow_sample.csv', import.meta.url), 'utf8');

describe('cellText', () => {
  it('writes dates, timestamps, 64-bit integers, numbers and nulls as a CSV of the table would hold them', () => {
    expect(cellText(new Date(Date.UTC(1997, 0, 1)))).toBe('1997-01-01');
    expect(cellText(new Date(Date.UTC(2011, 11, 9, 12, 50, 7)))).toBe('2011-12-09 12:50:07');
    expect(cellText(12345678901234567890n)).toBe('12345678901234567890');
    expect(cellText(29.33)).toBe('29.33');
    expect(cellText(Number.NaN)).toBe('');
    expect(cellText(null)).toBe('');
    expect(cellText(undefined)).toBe('');
    expect(cellText(true)).toBe('true');
    expect(cellText('00004')).toBe('00004');
    expect(cellText({ a: 1n })).toBe('{"a":"1"}');
  });
});

describe('a Parquet file', () => {
  it('is known by its magic number', async () => {
    const { bytes } = await cdnowParquet();
    expect(isParquetHead(bytes.subarray(0, 4))).toBe(true);
    expect(isParquetHead(new TextEncoder().encode('customer_id,date'))).toBe(false);
  });

  it('is read row group by row group, every row once, numbered as the lines of its CSV twin', async () => {
    const { bytes } = await cdnowParquet(1000);
    const table = await openParquet(new Blob([bytes]));
    expect(table.header).toEqual(['customer_id', 'date', 'cds', 'amount']);
    const csvLines = cdnowCsv.trim().split(/\r?\n/);
    expect(table.rows).toBe(csvLines.length - 1);
    // DuckDB rounds row groups up to whole vectors of 2,048 rows: several groups all the same.
    expect(table.metadata.row_groups.length).toBeGreaterThan(1);
    const seen: string[][] = [];
    const lines: number[] = [];
    const fractions: number[] = [];
    await streamParquetRows(table, { onRows: (rows, at) => { seen.push(...rows); lines.push(...at); }, onProgress: (f) => fractions.push(f) });
    expect(seen).toHaveLength(table.rows);
    expect(lines[0]).toBe(2);
    expect(lines.at(-1)).toBe(table.rows + 1);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.length).toBe(table.metadata.row_groups.length);
    // Row 1: 00004,19970101,2,29.33 in the CSV.
    expect(seen[0]).toEqual(['00004', '1997-01-01', '2', '29.33']);
    const [id, day, cds, amount] = csvLines.at(-1)!.split(',');
    expect(seen.at(-1)).toEqual([id, `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}`, cds, amount]);
  });

  it('is inspected like its CSV twin: the same kind and mapping, the date format from the dates', async () => {
    const { bytes } = await cdnowParquet();
    const parquet = await inspectCustomerFile(new Blob([bytes]));
    const csv = await inspectCustomerFile(cdnowCsv);
    expect(parquet.format).toBe('parquet');
    expect(parquet.problem).toBe('');
    expect(parquet.kind).toBe('transactions');
    expect(parquet.kind).toBe(csv.kind);
    expect(parquet.mapping).toEqual(csv.mapping);
    expect(parquet.header).toEqual(csv.header);
    expect(parquet.dateFormat).toBe('iso');
    expect(parquet.preview).toHaveLength(8);
    expect(parquet.sample.length).toBeGreaterThan(500);
  });

  it('gives the same table as its CSV twin', async () => {
    const { bytes } = await cdnowParquet(1500);
    const parquetFile = new Blob([bytes]);
    const pi = await inspectCustomerFile(parquetFile);
    const ci = await inspectCustomerFile(cdnowCsv);
    const plan = (i: typeof pi) => ({ kind: 'transactions' as const, mapping: i.mapping, dateFormat: i.dateFormat!, delimiter: i.delimiter, hasHeader: true });
    const fromParquet = await readCustomerFile(parquetFile, plan(pi));
    const fromCsv = await readCustomerFile(cdnowCsv, plan(ci));
    expect(fromParquet.rows).toBe(fromCsv.rows);
    expect(fromParquet.badRows).toEqual(fromCsv.badRows);
    expect(JSON.stringify(fromParquet.table)).toBe(JSON.stringify(fromCsv.table));
  });

  it('that is cut short says so in a sentence instead of rows', async () => {
    const { bytes, path } = await cdnowParquet();
    writeFileSync(path, bytes.subarray(0, bytes.length - 100));
    const inspection = await inspectCustomerFile(new Blob([readFileSync(path)]));
    expect(inspection.problem).toMatch(/^This is not a Parquet file Waypoint can read/);
    expect(inspection.preview).toEqual([]);
  });

  it('with timestamps, 64-bit integers and empty cells reads them as text', async () => {
    const csv = 'case,activity,at,n\nc1,Ad,2024-03-02 14:05:09,9007199254740993\nc1,Buy,2024-03-03 09:00:00,\n';
    const path = `${process.env.TMPDIR ?? '/tmp'}/waypoint-events-${process.pid}.csv`;
    writeFileSync(path, csv);
    const { bytes } = await csvToParquet(path, ['case', 'activity', 'at', 'n'], "\"case\", activity, \"at\"::TIMESTAMP AS \"timestamp\", n::BIGINT AS n");
    const table = await openParquet(new Blob([bytes]));
    const rows: string[][] = [];
    await streamParquetRows(table, { onRows: (chunk) => rows.push(...chunk) });
    expect(table.header).toEqual(['case', 'activity', 'timestamp', 'n']);
    expect(rows).toEqual([['c1', 'Ad', '2024-03-02 14:05:09', '9007199254740993'], ['c1', 'Buy', '2024-03-03 09:00:00', '']]);
    expect((await inspectCustomerFile(new Blob([bytes]))).kind).toBe('event-log');
  });
});
