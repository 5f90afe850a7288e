/**
 * The customer files people actually have: European Excel "CSV" (Windows-1252, semicolons,
 * decimal commas), UTF-16 with a byte-order mark, lines far too long for a CSV, a header of
 * 100,000 columns, ids with stray spaces. Each fixture's bytes are built here.
 */
import { describe, expect, it } from 'vitest';
import { inspectCustomerFile } from '../../../src/engine/csv/inspectCustomerFile.ts';
import { streamRows } from '../../../src/engine/csv/streamRows.ts';
import { readCustomerFile } from '../../../src/engine/csv/readCustomerFile.ts';
import type { ImportPlan } from '../../../src/engine/csv/readCustomerFile.ts';
import { readFileDataset, readFileReport } from '../../../src/engine/customers/datasetReport.ts';

const latin1 = (text: string) => new Blob([Uint8Array.from(text, (c) => c.charCodeAt(0))]);
function utf16(text: string, order: 'le' | 'be'): Blob {
  const bytes = new Uint8Array(2 + 2 * text.length);
  bytes.set(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes[2 + 2 * i + (order === 'le' ? 0 : 1)] = code & 0xff;
    bytes[2 + 2 * i + (order === 'le' ? 1 : 0)] = code >> 8;
  }
  return new Blob([bytes]);
}

/** The plan the mapping dialog makes from an inspection, as the person confirms it unchanged. */
async function planOf(input: Blob | string): Promise<ImportPlan> {
  const inspection = await inspectCustomerFile(input);
  if (inspection.kind === 'unknown') throw new Error(`not a customer file: ${inspection.header.join(',')}`);
  return {
    kind: inspection.kind, mapping: inspection.mapping, dateFormat: inspection.dateFormat, delimiter: inspection.delimiter,
    hasHeader: inspection.hasHeader, encoding: inspection.encoding, decimal: inspection.decimal,
  };
}

describe('a Windows-1252 file with semicolons and decimal commas (European Excel)', () => {
  const text = 'Kunde;Datum;Betrag\r\nMüller;2024-01-02;12,50\r\nMüller;2024-02-02;1.234,56\r\nJürgen;2024-01-09;7,25\r\nJürgen;2024-03-09;0,99\r\n';

  it('is inspected as Windows-1252 with a decimal comma, the accents intact, and a line saying the encoding was guessed', async () => {
    const inspection = await inspectCustomerFile(latin1(text));
    expect(inspection).toMatchObject({ kind: 'transactions', delimiter: ';', encoding: 'windows-1252', decimal: 'comma', problem: '' });
    expect(inspection.encodingNote).toMatch(/^This file is not UTF-8, so it is read as Windows-1252/);
    expect(inspection.preview[0]).toEqual(['Müller', '2024-01-02', '12,50']);
  });

  it('reads every row, in any chunk size, with the amounts a spreadsheet shows', async () => {
    const plan = await planOf(latin1(text));
    const read = await readCustomerFile(latin1(text), plan);
    if (read.kind !== 'transactions') throw new Error(read.kind);
    expect(read.badRows).toEqual([]);
    expect(read.table.customer).toEqual(['Müller', 'Müller', 'Jürgen', 'Jürgen']);
    expect(Array.from(read.table.amount)).toEqual([12.5, 1234.56, 7.25, 0.99]);
    expect(read.reading).toEqual({ encoding: 'windows-1252', decimal: 'comma', trimmedIds: { ids: 0, rows: 0 } });
    for (const chunkBytes of [1, 5, 64]) {
      const rows: string[][] = [];
      await streamRows(latin1(text), { delimiter: ';', hasHeader: true, chunkBytes, encoding: 'windows-1252', onRows: (r) => rows.push(...r) });
      expect(rows.map((r) => r[0])).toEqual(['Müller', 'Müller', 'Jürgen', 'Jürgen']);
    }
  });

  it('keeps how it was read with its columns, and says "Müller;12,50" cannot be read with a decimal point, and why', async () => {
    const plan = await planOf(latin1(text));
    expect(readFileDataset(await readCustomerFile(latin1(text), plan)).reading).toMatchObject({ encoding: 'windows-1252', decimal: 'comma' });
    const small = latin1('customer;amount;date\nMüller;1.234,50;2024-01-01\n');
    const wrong = await readCustomerFile(small, { ...plan, mapping: { customer: 0, amount: 1, date: 2 }, decimal: 'point' });
    expect(wrong.badRows).toEqual([{ line: 2, reason: 'amount "1.234,50" is not a number with a decimal point (with a decimal comma it is 1234.5: choose that number format)' }]);
    expect(readFileReport(wrong)).toEqual({ ok: false, message: 'Its one row could not be read (line 2: amount "1.234,50" is not a number with a decimal point (with a decimal comma it is 1234.5: choose that number format)).' });
  });

  it('reads a UTF-8 decimal-comma file with commas between columns and the amounts quoted', async () => {
    const quoted = 'customer,date,amount\nC1,2024-01-02,"1.234,56"\nC2,2024-01-03,"12,50"\nC1,2024-01-09,"-3,00"\n';
    const plan = await planOf(quoted);
    expect(plan).toMatchObject({ delimiter: ',', decimal: 'comma', encoding: 'utf-8' });
    const read = await readCustomerFile(quoted, plan);
    expect(Array.from(read.kind === 'transactions' ? read.table.amount : [])).toEqual([1234.56, 12.5, -3]);
  });

  it('reads a customer summary with decimal commas', async () => {
    const summary = 'Kunde;frequency;recency;T;monetary_value\na;2;30,5;38;12,50\nb;0;0;38;0\nc;1;3;38;1.250,00\n';
    const plan = await planOf(latin1(summary));
    expect(plan).toMatchObject({ kind: 'customer-summary', decimal: 'comma' });
    const read = await readCustomerFile(latin1(summary), plan);
    if (read.kind !== 'customer-summary') throw new Error(read.kind);
    expect(Array.from(read.table.recency)).toEqual([30.5, 0, 3]);
    expect(Array.from(read.table.monetary)).toEqual([12.5, 0, 1250]);
  });
});

describe('UTF-16 with a byte-order mark', () => {
  const text = 'customer,date,amount\nZoë,2024-01-01,12.50\nZoë,2024-02-01,8\nÅsa,2024-01-05,3.25\n';

  for (const order of ['le', 'be'] as const) {
    it(`previews and reads every row of a UTF-16 ${order === 'le' ? 'little' : 'big'}-endian file, whatever the chunk size`, async () => {
      const inspection = await inspectCustomerFile(utf16(text, order));
      expect(inspection).toMatchObject({ encoding: `utf-16${order}`, encodingNote: '', kind: 'transactions', dateFormat: 'iso', header: ['customer', 'date', 'amount'] });
      expect(inspection.preview[0]).toEqual(['Zoë', '2024-01-01', '12.50']);
      const plan = await planOf(utf16(text, order));
      const read = await readCustomerFile(utf16(text, order), plan);
      if (read.kind !== 'transactions') throw new Error(read.kind);
      expect(read.badRows).toEqual([]);
      expect(read.table.customer).toEqual(['Zoë', 'Zoë', 'Åsa']);
      expect(Array.from(read.table.amount)).toEqual([12.5, 8, 3.25]);
      // Chunks of an odd number of bytes cut characters in half: the decoder carries the half over.
      for (const chunkBytes of [1, 3, 7, 33]) {
        const rows: string[][] = [];
        await streamRows(utf16(text, order), { delimiter: ',', hasHeader: true, chunkBytes, encoding: `utf-16${order}`, onRows: (r) => rows.push(...r) });
        expect(rows).toEqual([['Zoë', '2024-01-01', '12.50'], ['Zoë', '2024-02-01', '8'], ['Åsa', '2024-01-05', '3.25']]);
      }
    });
  }

  it('reads slices from the middle of a long UTF-16 file on character boundaries, for the date format', async () => {
    const rows = ['customer,date,amount'];
    for (let d = 0; d < 9000; d++) rows.push(`C${d % 50},${1 + (d % 12)}/${1 + (d % 28)}/2024,${d % 40}`);
    const inspection = await inspectCustomerFile(utf16(rows.join('\n'), 'le'));
    expect(inspection.sample.length).toBeGreaterThan(1000);
    expect(inspection.sample.every((row) => row.length === 3 && !row.join('').includes('\u0000'))).toBe(true);
  });
});

describe('lines far too long for a CSV', () => {
  const plan: ImportPlan = { kind: 'transactions', mapping: { customer: 0, date: 1, amount: 2 }, dateFormat: 'iso', delimiter: ',', hasHeader: true };

  it('skips a line longer than the limit, says which, and reads on from the next line', async () => {
    const text = `customer,date,amount\nC1,2024-01-01,1\n${'x'.repeat(300)}\nC2,2024-01-02,2\n`;
    for (const chunkBytes of [7, 50, 1000]) {
      const rows: string[][] = [];
      const lines: number[] = [];
      const bad: [number, string][] = [];
      await streamRows(text, {
        delimiter: ',', hasHeader: true, chunkBytes, maxLineChars: 100,
        onRows: (r, l) => { rows.push(...r); lines.push(...l); }, onBadRow: (line, reason) => bad.push([line, reason]),
      });
      expect(rows.map((r) => r[0])).toEqual(['C1', 'C2']);
      expect(lines).toEqual([2, 4]);
      expect(bad).toEqual([[3, 'the line is longer than 100 characters, far longer than a CSV line, so it was skipped (is a quote left open on it?)']]);
    }
  });

  it('reads on after a quote left open, from the line after it', async () => {
    // Line 3 opens a quote that never closes; within the limit, the file would end inside it.
    const text = 'customer,date,amount\nC1,2024-01-01,1\n"C2,2024-01-02,2\nC3,2024-01-03,3\nC4,2024-01-04,4\n';
    const read = await readCustomerFile(text, plan);
    if (read.kind !== 'transactions') throw new Error(read.kind);
    expect(read.table.customer).toEqual(['C1', 'C3', 'C4']);
    expect(read.badRows).toEqual([{ line: 3, reason: 'a quote opened on this line is never closed, so the line was skipped' }]);
    expect(read.rows).toBe(4);
    // Past the limit the same happens while streaming, long before the end of the file.
    const long = `customer,date,amount\n"C0,2024-01-01,1\n${Array.from({ length: 40 }, (_, k) => `C${k + 1},2024-01-02,2`).join('\n')}\n`;
    const bad: number[] = [];
    const kept: string[] = [];
    await streamRows(long, { delimiter: ',', hasHeader: true, chunkBytes: 64, maxLineChars: 200, onRows: (r) => kept.push(...r.map((row) => row[0])), onBadRow: (line) => bad.push(line) });
    expect(bad).toEqual([2]);
    expect(kept).toHaveLength(40);
    expect(kept[0]).toBe('C1');
  });

  it('reports a 1 MB line in a file, with every other row read', async () => {
    const text = `customer,date,amount\nC1,2024-01-01,1\n${'y,'.repeat(600_000)}\nC2,2024-01-02,2\n`;
    const read = await readCustomerFile(new Blob([text]), plan);
    if (read.kind !== 'transactions') throw new Error(read.kind);
    expect(read.table.customer).toEqual(['C1', 'C2']);
    expect(read.badRows).toEqual([{ line: 3, reason: 'the line is longer than 1 MB, far longer than a CSV line, so it was skipped (is a quote left open on it?)' }]);
  });

  it('refuses in the inspection a 30 MB file with no line break, naming the line, after reading only its head', async () => {
    let read = 0;
    const big = new Blob(['1,2,3,'.repeat(5_000_000)]);
    const counting = { size: big.size, slice: (start: number, end: number) => { read += Math.min(end, big.size) - start; return big.slice(start, end); } } as unknown as Blob;
    const started = performance.now();
    const inspection = await inspectCustomerFile(counting);
    expect(inspection.problem).toBe('Line 1 does not end within the first 5 MB of the file, so this is not a CSV Waypoint can read (a CSV has one record per line, far shorter). Check that it is the export you meant, saved as CSV.');
    expect(inspection.header).toEqual([]);
    expect(read).toBeLessThan(6 * 1024 * 1024);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe('a header of 100,000 columns', () => {
  it('is previewed with its rows, not taken for a header without rows', async () => {
    const columns = 100_000;
    const header = ['customer', 'date', 'amount', ...Array.from({ length: columns - 3 }, (_, k) => `extra_column_${k}`)];
    const row = (r: number) => [`C${r}`, `2024-01-0${r}`, `${r}.50`, ...Array.from({ length: columns - 3 }, (_, k) => String(k % 10))].join(',');
    const text = [header.join(','), row(1), row(2), row(3)].join('\n') + '\n';
    expect(text.length).toBeGreaterThan(65_536 * 20);
    const inspection = await inspectCustomerFile(new Blob([text]));
    expect(inspection.problem).toBe('');
    expect(inspection.header).toHaveLength(columns);
    expect(inspection.preview).toHaveLength(3);
    expect(inspection.sample).toHaveLength(3);
    expect(inspection).toMatchObject({ kind: 'transactions', dateFormat: 'iso', mapping: { customer: 0, date: 1, amount: 2 } });
    const read = await readCustomerFile(new Blob([text]), await planOf(new Blob([text])));
    expect(read.rows).toBe(3);
    expect(read.badRows).toEqual([]);
  });
});

describe('customer ids with space around them', () => {
  it('are trimmed one way in every reader, and counted', async () => {
    const text = 'customer,date,amount\n C1,2024-01-01,1\n"\tC1",2024-01-02,2\n"C1\r",2024-01-03,3\nC1,2024-01-04,4\n C1,2024-01-05,5\n';
    const read = await readCustomerFile(text, await planOf(text));
    if (read.kind !== 'transactions') throw new Error(read.kind);
    expect(read.table.customer).toEqual(['C1', 'C1', 'C1', 'C1', 'C1']);
    expect(read.reading?.trimmedIds).toEqual({ ids: 3, rows: 4 });
    const summary = 'customer,frequency,recency,T\n a,1,2,3\na,1,2,3\n';
    const summaryRead = await readCustomerFile(summary, await planOf(summary));
    expect(summaryRead.reading?.trimmedIds).toEqual({ ids: 1, rows: 1 });
    const events = 'case,activity,timestamp\n 1,Ad,2024-01-01\n1,Buy,2024-01-02\n';
    const eventRead = await readCustomerFile(events, await planOf(events));
    expect(eventRead.reading?.trimmedIds).toEqual({ ids: 1, rows: 1 });
  });
});
