import { describe, expect, it } from 'vitest';
import { parseCustomerFile, readTransactions } from '../../../src/engine/csv/index.ts';
import { inspectCustomerFile } from '../../../src/engine/csv/inspectCustomerFile.ts';
import { streamRows } from '../../../src/engine/csv/streamRows.ts';
import { readCustomerFile } from '../../../src/engine/csv/readCustomerFile.ts';
import { decodeBadRows, decodeSummary, encodeSummary, datasetBuffers, datasetProblem } from '../../../src/engine/csv/dataset.ts';
import { datasetReport, readFileDataset, readFileReport } from '../../../src/engine/customers/datasetReport.ts';
import { customerReport } from '../../../src/engine/customers/customerReport.ts';
import { planProblem } from '../../../src/engine/csv/readCustomerFile.ts';
import { cleanTransactions } from '../../../src/engine/customers/cleaning/cleanTransactions.ts';
import { computeKpis } from '../../../src/engine/customers/computeKpis.ts';
import { readFileSync } from 'node:fs';

const UCI_HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';

/** A UCI-shaped file: `days` days from 1 December 2010, three lines a day, one with a quoted, multi-line description. */
function uciText(days: number): string {
  const lines = [UCI_HEADER];
  for (let d = 0; d < days; d++) {
    const date = new Date(Date.UTC(2010, 11, 1 + d, 9, 30));
    const stamp = `${date.getUTCMonth() + 1}/${date.getUTCDate()}/${date.getUTCFullYear()} 9:30`;
    lines.push(`${536000 + d},85123A,"WHITE HANGING, HEART",6,${stamp},2.55,${17000 + (d % 7)},United Kingdom`);
    lines.push(`${536000 + d},71053,"LANTERN\nTWO LINES",2,${stamp},3.00,${17000 + (d % 7)},United Kingdom`);
    lines.push(`${536000 + d},22961,JAM,1,${stamp},0.85,,United Kingdom`);
  }
  return lines.join('\n');
}

describe('streaming a customer file', () => {
  it('reads the same rows, line numbers and totals in small chunks as the whole-file reader', async () => {
    const text = uciText(40);
    const whole = readTransactions(parseCustomerFile(text));
    const plan = { kind: 'transactions' as const, mapping: parseCustomerFile(text).mapping, dateFormat: 'mdy' as const, delimiter: ',', hasHeader: true };
    const fractions: number[] = [];
    const streamed = await readCustomerFile(text, plan, (f) => fractions.push(f));
    expect(streamed.kind).toBe('transactions');
    if (streamed.kind !== 'transactions') throw new Error(streamed.kind);
    expect(streamed.rows).toBe(120);
    expect(streamed.table.line).toEqual(whole.table.line);
    expect(streamed.table.amount).toEqual(whole.table.amount);
    expect(streamed.table.customer).toEqual(whole.table.customer);
    // Each day's second line spans two file lines, so day d starts on line 2 + 4d.
    expect(Array.from(streamed.table.line.slice(0, 4))).toEqual([2, 3, 5, 6]);
    expect(fractions.at(-1)).toBe(1);
  });

  it('cuts chunks at line ends outside quotes whatever the chunk size', async () => {
    const text = uciText(12);
    for (const chunkBytes of [7, 64, 333, 4096]) {
      const rows: string[][] = [];
      const lines: number[] = [];
      await streamRows(text, { delimiter: ',', hasHeader: true, chunkBytes, onRows: (r, l) => { rows.push(...r); lines.push(...l); } });
      expect(rows).toHaveLength(36);
      expect(rows[1][2]).toBe('LANTERN\nTWO LINES');
      expect(lines.slice(0, 6)).toEqual([2, 3, 5, 6, 7, 9]);
    }
  });

  it('decodes UTF-8 split across chunk boundaries from a Blob', async () => {
    const text = 'customer,date,amount\n' + Array.from({ length: 50 }, (_, i) => `Zoë ${i},2024-01-0${1 + (i % 9)},£${i + 1}.50`).join('\n');
    const rows: string[][] = [];
    await streamRows(new Blob([text]), { delimiter: ',', hasHeader: true, chunkBytes: 5, onRows: (r) => rows.push(...r) });
    expect(rows).toHaveLength(50);
    expect(rows[7]).toEqual(['Zoë 7', '2024-01-08', '£8.50']);
  });

  it('settles month-first from dates later in the file when the head is all ambiguous', async () => {
    // 12/1 … 12/12 read both ways; from 12/13 on only month-first reads. The head alone would be ambiguous.
    const text = uciText(400);
    const head = parseCustomerFile(text.slice(0, 2000));
    expect(readTransactions(head).ambiguousDates).toBe(true);
    const inspection = await inspectCustomerFile(text);
    expect(inspection).toMatchObject({ kind: 'transactions', dateFormat: 'mdy', ambiguousDates: false, hasHeader: true, delimiter: ',' });
    expect(inspection.preview[0][0]).toBe('536000');
  });

  it('reads the headerless, whitespace-separated CDNOW text', async () => {
    const text = '00001 19970101 1 11.77\n00002 19970112 1 12.00\n\n00002 19970112 5 77.00\n';
    const inspection = await inspectCustomerFile(text);
    expect(inspection).toMatchObject({ kind: 'transactions', hasHeader: false, delimiter: ' ', dateFormat: 'yyyymmdd' });
    const read = await readCustomerFile(text, { kind: 'transactions', mapping: inspection.mapping, dateFormat: 'yyyymmdd', delimiter: ' ', hasHeader: false });
    expect(read.rows).toBe(3);
    expect(Array.from(read.table.line)).toEqual([1, 2, 4]);
  });

  it('reads the CDNOW sample from a Blob in 64 KB chunks exactly as the whole-file reader does', async () => {
    const text = readFileSync(new URL('../../fixtures/cdnow_sample.csv', import.meta.url), 'utf8');
    const inspection = await inspectCustomerFile(new Blob([text]));
    expect(inspection).toMatchObject({ kind: 'transactions', dateFormat: 'yyyymmdd', hasHeader: true, mapping: { customer: 0, date: 1, quantity: 2, amount: 3 } });
    const plan = { kind: 'transactions' as const, mapping: inspection.mapping, dateFormat: inspection.dateFormat!, delimiter: inspection.delimiter, hasHeader: true };
    const streamed = await readCustomerFile(new Blob([text]), plan);
    const whole = readTransactions(parseCustomerFile(text));
    expect(streamed.rows).toBe(parseCustomerFile(text).rows.length);
    expect(streamed.table).toEqual(whole.table);
    // The header ends in LF and the data rows in CRLF: one line each all the same.
    expect(Array.from(streamed.table.line.slice(0, 3))).toEqual([2, 3, 4]);
    expect(streamed.table.line[streamed.table.line.length - 1]).toBe(text.split('\n').filter((l) => l.trim()).length);
  });

  it('reports bad rows by line and keeps rows without a customer in store totals only', async () => {
    const text = 'customer,order,date,amount\na,1,2024-01-02,10\n,2,2024-01-03,5\nb,3,yesterday,7\nNA,4,2024-01-04,abc\nb,5,2024-01-05,8\n';
    const read = await readCustomerFile(text, { kind: 'transactions', mapping: { customer: 0, order: 1, date: 2, amount: 3 }, dateFormat: 'iso', delimiter: ',', hasHeader: true });
    expect(read.badRows).toEqual([{ line: 4, reason: 'date "yesterday" is not a date' }, { line: 5, reason: 'amount "abc" is not a number' }]);
    if (read.kind !== 'transactions') throw new Error(read.kind);
    const kpis = computeKpis(cleanTransactions(read.table));
    // Store totals: 10 + 5 + 8; per customer: a and b only (the blank customer's 5 is not theirs).
    expect(kpis).toMatchObject({ customers: 2, orders: 3, revenue: 23, ordersWithoutCustomer: 1, historicClv: 9 });
  });

  it('reads an event log with the mapping given', async () => {
    const text = 'case,activity,when\n1,Ad,2024-01-01\n1,Buy,2024-01-03\n2,Ad,bad\n';
    const read = await readCustomerFile(text, { kind: 'event-log', mapping: { case: 0, activity: 1, timestamp: 2 }, dateFormat: 'iso', delimiter: ',', hasHeader: true });
    expect(read.kind).toBe('event-log');
    if (read.kind !== 'event-log') throw new Error(read.kind);
    expect(read.table.activity).toEqual(['Ad', 'Buy']);
    expect(read.badRows).toEqual([{ line: 4, reason: 'timestamp "bad" is not a date' }]);
  });
});

describe('line ends', () => {
  it('reads CRLF, LF and mixed files alike, quoted line breaks included, whatever the chunk size', async () => {
    const lf = 'customer,date,amount,note\na,2024-01-02,10,"two\nlines"\nb,2024-01-03,5,plain\n';
    for (const text of [lf, lf.replace(/\n/g, '\r\n'), lf.replace('amount,note\n', 'amount,note\r\n')]) {
      for (const chunkBytes of [3, 11, 1000]) {
        const rows: string[][] = [];
        const lines: number[] = [];
        await streamRows(text, { delimiter: ',', hasHeader: true, chunkBytes, onRows: (r, l) => { rows.push(...r); lines.push(...l); } });
        expect(rows.map((r) => [r[0], r[3].replace('\r\n', '\n')])).toEqual([['a', 'two\nlines'], ['b', 'plain']]);
        expect(lines).toEqual([2, 4]);
      }
    }
  });

  it('cuts a file with CR alone for line ends into chunks, with exact line numbers for bad rows', async () => {
    // Lines: 1 header, 2 good, 3-4 one row with a quoted CR break, 5 bad amount, 6 good, 7 bad date.
    const text = 'customer,date,amount,note\ra,2024-01-02,10,x\rb,2024-01-03,5,"two\rlines"\rc,2024-01-04,lots,y\rd,2024-01-05,7,z\re,someday,3,w\r';
    const plan = { kind: 'transactions' as const, mapping: { customer: 0, date: 1, amount: 2 }, dateFormat: 'iso' as const, delimiter: ',', hasHeader: true };
    for (const chunkBytes of [4, 9, 17, 1000]) {
      const chunks: number[] = [];
      const rows: string[][] = [];
      const lines: number[] = [];
      await streamRows(text, { delimiter: ',', hasHeader: true, chunkBytes, onRows: (r, l) => { chunks.push(r.length); rows.push(...r); lines.push(...l); } });
      expect(lines).toEqual([2, 3, 5, 6, 7]);
      expect(rows[1][3]).toBe('two\rlines');
      if (chunkBytes < 1000) expect(chunks.length).toBeGreaterThan(1); // split into chunks, not read as one line
    }
    const read = await readCustomerFile(text, plan);
    if (read.kind !== 'transactions') throw new Error(read.kind);
    expect(read.rows).toBe(5);
    expect(Array.from(read.table.line)).toEqual([2, 3, 6]);
    expect(read.badRows.map((b) => b.line)).toEqual([5, 7]);
  });

  it('keeps a quoted CRLF inside a cell of a CRLF file as CRLF', async () => {
    const text = 'customer,date,amount,note\r\na,2024-01-02,10,"two\r\nlines"\r\nb,2024-01-03,oops,plain\r\n';
    for (const chunkBytes of [3, 5, 12, 1000]) {
      const rows: string[][] = [];
      const lines: number[] = [];
      await streamRows(text, { delimiter: ',', hasHeader: true, chunkBytes, onRows: (r, l) => { rows.push(...r); lines.push(...l); } });
      expect(rows.map((r) => r[3])).toEqual(['two\r\nlines', 'plain']);
      expect(lines).toEqual([2, 4]);
    }
  });

  it('finds the header of a CR-only file when inspecting it', async () => {
    const inspection = await inspectCustomerFile('customer,date,amount\ra,2024-01-02,10\rb,2024-01-03,5\r');
    expect(inspection.header).toEqual(['customer', 'date', 'amount']);
    expect(inspection.preview).toHaveLength(2);
  });
});

describe('customer-summary files through the import path', () => {
  // 60 customers: frequency i mod 6, recency 0 for no repeats else 5 + (i mod 30), T 38 weeks; line 63 a bad row, line 64 a quoted id.
  const rows = ['customer,frequency,recency,T,monetary_value'];
  for (let i = 0; i < 60; i++) rows.push(`S${i},${i % 6},${i % 6 === 0 ? 0 : 5 + (i % 30)},38,${15 + (i % 9)}`);
  rows.push('X1,2,40,38,10'); // recency past T
  rows.push('"S,60",1,3,38,"1,250.00"');
  const text = rows.join('\r\n');

  it('is detected, mapped, streamed in chunks and read with exact line numbers', async () => {
    const inspection = await inspectCustomerFile(text);
    expect(inspection.kind).toBe('customer-summary');
    expect(inspection.mapping).toEqual({ customer: 0, frequency: 1, recency: 2, age: 3, monetary: 4 });
    const plan = { kind: 'customer-summary' as const, mapping: inspection.mapping, delimiter: inspection.delimiter, hasHeader: true };
    expect(planProblem(plan)).toBeUndefined();
    expect(planProblem({ ...plan, mapping: { customer: 0, frequency: 1, recency: 2 } })).toMatch(/frequency, recency and T/);
    const read = await readCustomerFile(text, plan);
    if (read.kind !== 'customer-summary') throw new Error(read.kind);
    expect(read.rows).toBe(62);
    expect(read.table.ids).toHaveLength(61);
    expect(read.badRows).toEqual([{ line: 62, reason: expect.stringMatching(/recency ≤ T/) }]);
    expect(read.table.ids[60]).toBe('S,60');
    expect(read.table.monetary[60]).toBe(1250);
    expect(read.table.line[60]).toBe(63);
    // The same customers, numbers and bad rows as the whole-file reader.
    const whole = customerReport(text);
    const streamed = readFileReport(read);
    if (!whole.ok || whole.kind !== 'customer-summary' || !streamed.ok || streamed.kind !== 'customer-summary') throw new Error('must read');
    expect(streamed.summary).toEqual(whole.summary);
    expect(streamed.badRows).toEqual(whole.badRows);
    expect(streamed.repurchase.bgnbd?.r).toBe(whole.repurchase.bgnbd?.r);
  });

  it('is stored as compact columns and reported again from them without re-parsing', async () => {
    const inspection = await inspectCustomerFile(text);
    const read = await readCustomerFile(text, { kind: 'customer-summary', mapping: inspection.mapping, delimiter: ',', hasHeader: true });
    const dataset = readFileDataset(read);
    expect(dataset.kind).toBe('customer-summary');
    expect(datasetProblem(dataset)).toBeUndefined();
    expect(datasetProblem(structuredClone(dataset))).toBeUndefined();
    expect(datasetProblem({ ...dataset, age: new Float64Array(3) })).toMatch(/different lengths/);
    const { monetary: _m, ...missing } = dataset as unknown as Record<string, unknown>;
    expect(datasetProblem(missing)).toMatch(/missing/);
    expect(decodeBadRows(dataset)).toEqual(read.badRows);
    if (read.kind !== 'customer-summary' || dataset.kind !== 'customer-summary') throw new Error('kind');
    expect(decodeSummary(encodeSummary(read.table, read.badRows, read.rows))).toEqual(read.table);
    expect(datasetBuffers(dataset).length).toBeGreaterThanOrEqual(6);
    const again = datasetReport(structuredClone(dataset));
    const first = readFileReport(read);
    if (!again.ok || again.kind !== 'customer-summary' || !first.ok || first.kind !== 'customer-summary') throw new Error('must read');
    expect(again.summary.ids).toEqual(first.summary.ids);
    expect(again.repurchase.customers.map((c) => c.pAlive)).toEqual(first.repurchase.customers.map((c) => c.pAlive));
    expect(again.rows).toBe(62);
  });
});
