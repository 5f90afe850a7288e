import { describe, expect, it } from 'vitest';
import { parseCustomerFile, readTransactions } from '../../src/engine/customerData.ts';
import { completeRowsEnd, inspectCustomerFile, readCustomerFile, streamRows } from '../../src/engine/customerStream.ts';
import { decodeBadRows, decodeEvents, decodeTransactions, encodeEvents, encodeStrings, encodeTransactions, datasetProblem, decodeStrings } from '../../src/engine/dataset.ts';
import { aggregateOrders, computeKpis } from '../../src/engine/orders.ts';
import { badRowsCsv } from '../../src/engine/badRowsCsv.ts';
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

describe('completeRowsEnd', () => {
  it('cuts after the last line end outside quotes', () => {
    // Line ends at index 3, inside the quotes at 6, and outside again at 11: the cut is just past 11.
    expect(completeRowsEnd('a,b\n"x\ny",c\nd', false)).toEqual({ end: 12, inQuotesAtEnd: false });
    expect(completeRowsEnd('"open\nstill open', false).end).toBe(0);
    expect(completeRowsEnd('a,"b ""q"" c"\n', false).end).toBe(14);
  });
});

describe('streaming a customer file', () => {
  it('reads the same rows, line numbers and totals in small chunks as the whole-file reader', async () => {
    const text = uciText(40);
    const whole = readTransactions(parseCustomerFile(text));
    const plan = { kind: 'transactions' as const, mapping: parseCustomerFile(text).mapping, dateFormat: 'mdy' as const, delimiter: ',', hasHeader: true };
    const fractions: number[] = [];
    const streamed = await readCustomerFile(text, plan, (f) => fractions.push(f));
    expect(streamed.kind).toBe('transactions');
    if (streamed.kind !== 'transactions') return;
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
    const text = readFileSync(new URL('../fixtures/cdnow_sample.csv', import.meta.url), 'utf8');
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
    if (read.kind !== 'transactions') return;
    const kpis = computeKpis(aggregateOrders(read.table));
    // Store totals: 10 + 5 + 8; per customer: a and b only (the blank customer's 5 is not theirs).
    expect(kpis).toMatchObject({ customers: 2, orders: 3, revenue: 23, ordersWithoutCustomer: 1, historicClv: 9 });
  });

  it('reads an event log with the mapping given', async () => {
    const text = 'case,activity,when\n1,Ad,2024-01-01\n1,Buy,2024-01-03\n2,Ad,bad\n';
    const read = await readCustomerFile(text, { kind: 'event-log', mapping: { case: 0, activity: 1, timestamp: 2 }, dateFormat: 'iso', delimiter: ',', hasHeader: true });
    expect(read.kind).toBe('event-log');
    if (read.kind !== 'event-log') return;
    expect(read.table.activity).toEqual(['Ad', 'Buy']);
    expect(read.badRows).toEqual([{ line: 4, reason: 'timestamp "bad" is not a date' }]);
  });
});

describe('datasets', () => {
  it('stores each distinct string once and gives back the same column', () => {
    const encoded = encodeStrings(['b', 'a', 'b', '', 'a']);
    expect(encoded.values).toEqual(['b', 'a', '']);
    expect(Array.from(encoded.codes)).toEqual([0, 1, 0, 2, 1]);
    expect(encoded.codes).toBeInstanceOf(Uint16Array);
    expect(decodeStrings(encoded)).toEqual(['b', 'a', 'b', '', 'a']);
  });

  it('round-trips transactions, event logs and bad rows, and refuses damaged ones', async () => {
    const text = uciText(20);
    const read = readTransactions(parseCustomerFile(text));
    const dataset = encodeTransactions(read.table, [{ line: 9, reason: 'x' }], 60);
    expect(dataset.minute).toBeInstanceOf(Int32Array);
    expect(decodeTransactions(dataset)).toEqual({ ...read.table, product: read.table.product, category: undefined, group: undefined });
    expect(decodeBadRows(dataset)).toEqual([{ line: 9, reason: 'x' }]);
    expect(datasetProblem(dataset)).toBeUndefined();
    expect(datasetProblem({ ...dataset, amount: new Float64Array(2) })).toMatch(/different lengths/);
    expect(datasetProblem({ ...dataset, v: 9 })).toMatch(/newer or unknown version/);
    const events = { caseId: ['1', '1'], activity: ['Ad', 'Buy'], minute: Float64Array.of(10, 20.5), line: Int32Array.of(2, 3) };
    const encoded = encodeEvents(events, [], 2);
    expect(encoded.minute).toBeInstanceOf(Float64Array); // a fractional minute keeps 64-bit floats
    expect(decodeEvents(encoded)).toEqual(events);
  });
});

describe('badRowsCsv', () => {
  it('lists line and reason, quoted where needed, with formulas neutralised', () => {
    expect(badRowsCsv([{ line: 3, reason: 'date "1,2" is not a date' }, { line: 7, reason: '=HYPERLINK("x")' }]))
      .toBe('line,reason\r\n3,"date ""1,2"" is not a date"\r\n7,"\'=HYPERLINK(""x"")"\r\n');
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
});
