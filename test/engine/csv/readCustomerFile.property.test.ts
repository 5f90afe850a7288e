/**
 * Property-based tests of the customer-file reader (fast-check). Whatever bytes or text a
 * person drops, inspecting and reading never throw, end within a bounded time, and every row is
 * either read or reported with its line number; the chunk size never changes what is read; and a
 * table written as people's spreadsheets write it — quoted cells, commas or semicolons, decimal
 * points or decimal commas with thousands separators, UTF-8, UTF-16 or Windows-1252 — reads back
 * with the same values through the same detection the import dialog uses.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMissingCustomer } from '../../../src/engine/csv/isMissingCustomer.ts';
import { inspectCustomerFile } from '../../../src/engine/csv/inspectCustomerFile.ts';
import { streamRows } from '../../../src/engine/csv/streamRows.ts';
import { readCustomerFile } from '../../../src/engine/csv/readCustomerFile.ts';
import type { ImportPlan, ReadFile } from '../../../src/engine/csv/readCustomerFile.ts';
import { TEXT_ENCODINGS } from '../../../src/engine/csv/detectEncoding.ts';

/** Generous for a loaded test machine; a file of a few kilobytes takes a few milliseconds. */
const BOUND_MS = 2_000;

const PLAN: ImportPlan = { kind: 'transactions', mapping: { customer: 0, date: 1, amount: 2 }, dateFormat: 'iso', delimiter: ',', hasHeader: true };

/** Physical lines of a text (CRLF, LF or CR each ending one). */
const physicalLines = (text: string) => text.split(/\r\n|\r|\n/).length;

/** Every row counted once: read (with its line) or reported (with its line); lines in the file, none twice. */
function expectEveryRowAccounted(read: ReadFile, maxLine: number): void {
  const good = Array.from(read.table.line);
  const bad = read.badRows.map((b) => b.line);
  expect(good.length + bad.length).toBe(read.rows);
  for (const line of [...good, ...bad]) {
    expect(Number.isInteger(line)).toBe(true);
    expect(line).toBeGreaterThanOrEqual(1);
    expect(line).toBeLessThanOrEqual(maxLine);
  }
  expect(new Set([...good, ...bad]).size).toBe(good.length + bad.length);
  for (const b of read.badRows) expect(b.reason).toMatch(/\S/);
}

async function timed<T>(work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  expect(performance.now() - started).toBeLessThan(BOUND_MS);
  return result;
}

/** Text made of what CSV files are made of, and of what breaks them. */
const csvText = fc.string({
  unit: fc.constantFrom(',', ';', '\t', ' ', '"', '\n', '\r', 'a', 'Z', '0', '1', '9', '.', '-', '2024-01-0', 'ü', '€', '\u0000', '\ufeff', '\ud83d\ude00'),
  maxLength: 400,
});

describe('the customer-file reader on any input', () => {
  it('inspects and reads any bytes without throwing, in bounded time, every row read or reported by line', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.option(fc.constantFrom(...TEXT_ENCODINGS), { nil: undefined }), async (bytes, encoding) => {
      const blob = new Blob([bytes]);
      const inspection = await timed(() => inspectCustomerFile(blob, { encoding }));
      expect(typeof inspection.problem).toBe('string');
      const plan = { ...PLAN, delimiter: inspection.delimiter, hasHeader: inspection.hasHeader, encoding: inspection.encoding, decimal: inspection.decimal };
      const read = await timed(() => readCustomerFile(blob, plan));
      // A byte can end at most one line; text decoded from n bytes has at most n lines ends.
      expectEveryRowAccounted(read, bytes.length + 1);
    }), { numRuns: 300 });
  });

  it('reads any text without throwing, in bounded time, every row read or reported by a line of the file', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(csvText, fc.string({ unit: 'binary', maxLength: 400 })), fc.constantFrom(',', ';', '\t', ' '), async (text, delimiter) => {
      await timed(() => inspectCustomerFile(text));
      for (const kind of ['transactions', 'event-log', 'customer-summary'] as const) {
        const mapping = kind === 'event-log' ? { case: 0, activity: 1, timestamp: 2 } : kind === 'customer-summary' ? { customer: 0, frequency: 1, recency: 2, age: 3 } : PLAN.mapping;
        const read = await timed(() => readCustomerFile(text, { ...PLAN, kind, mapping, delimiter }));
        expectEveryRowAccounted(read, physicalLines(text));
      }
    }), { numRuns: 300 });
  });

  it('reads the same rows with the same line numbers whatever the chunk size', async () => {
    await fc.assert(fc.asyncProperty(csvText, fc.integer({ min: 1, max: 60 }), fc.constantFrom(',', ';'), async (text, chunkBytes, delimiter) => {
      const collect = async (size: number) => {
        const rows: string[][] = [];
        const lines: number[] = [];
        const bad: number[] = [];
        await streamRows(text, { delimiter, hasHeader: true, chunkBytes: size, onRows: (r, l) => { rows.push(...r); lines.push(...l); }, onBadRow: (line) => bad.push(line) });
        return { rows, lines, bad };
      };
      expect(await collect(chunkBytes)).toEqual(await collect(1 << 20));
    }), { numRuns: 300 });
  });

  it('passes over lines longer than the limit and accounts for every other row, whatever the chunk size', async () => {
    await fc.assert(fc.asyncProperty(csvText, fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 40 }), async (text, chunkBytes, maxLineChars) => {
      const lines: number[] = [];
      const bad: number[] = [];
      await timed(() => streamRows(text, {
        delimiter: ',', hasHeader: false, chunkBytes, maxLineChars, onRows: (_, l) => lines.push(...l), onBadRow: (line) => bad.push(line),
      }));
      const all = [...lines, ...bad];
      expect(new Set(all).size).toBe(all.length);
      for (const line of all) expect(line).toBeLessThanOrEqual(physicalLines(text));
      expect(lines).toEqual([...lines].sort((a, b) => a - b));
    }), { numRuns: 300 });
  });
});

/** Characters of ids: letters with and without accents, digits, and the delimiters, quotes and line breaks that need quoting. */
const idUnit = fc.constantFrom('a', 'Z', '0', '7', 'ü', 'é', 'ß', 'ø', ' ', ',', ';', '"', '\n');
const id = fc.string({ unit: idUnit, minLength: 1, maxLength: 8 }).filter((value) => value.trim() === value && value !== '' && !isMissingCustomer(value));
const order = fc.record({
  customer: id,
  day: fc.integer({ min: 0, max: 3000 }),
  cents: fc.integer({ min: -50_000_000, max: 50_000_000 }),
});

/** An amount as a spreadsheet writes it: thousands grouped, two decimals, with `mark` between them. */
function writeAmount(cents: number, mark: 'point' | 'comma'): string {
  const [group, decimal] = mark === 'point' ? [',', '.'] : ['.', ','];
  const whole = Math.floor(Math.abs(cents) / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${cents < 0 ? '-' : ''}${whole}${decimal}${String(Math.abs(cents) % 100).padStart(2, '0')}`;
}

/** RFC 4180 quoting: a cell holding the delimiter, a quote or a line break is quoted, its quotes doubled. */
const quote = (cell: string, delimiter: string) => (cell.includes(delimiter) || /["\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

function encode(text: string, encoding: (typeof TEXT_ENCODINGS)[number]): Uint8Array<ArrayBuffer> {
  if (encoding === 'utf-8') return new TextEncoder().encode(text);
  if (encoding === 'windows-1252') return Uint8Array.from(text, (c) => c.charCodeAt(0)); // every character generated is below U+0100
  const bytes = new Uint8Array(2 + 2 * text.length);
  bytes.set(encoding === 'utf-16le' ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes[2 + 2 * i + (encoding === 'utf-16le' ? 0 : 1)] = code & 0xff;
    bytes[2 + 2 * i + (encoding === 'utf-16le' ? 1 : 0)] = code >> 8;
  }
  return bytes;
}

describe('round trips', () => {
  it('reads back a table written with quoting, either delimiter, either decimal mark and any of the encodings, through the detection the dialog uses', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(order, { minLength: 1, maxLength: 30 }), fc.constantFrom(',', ';'), fc.constantFrom('point', 'comma') as fc.Arbitrary<'point' | 'comma'>,
      fc.constantFrom(...TEXT_ENCODINGS), fc.constantFrom('\n', '\r\n'), fc.integer({ min: 1, max: 200 }),
      async (orders, delimiter, mark, encoding, lineEnd, chunkBytes) => {
        const date = (day: number) => new Date(Date.UTC(2020, 0, 1 + day)).toISOString().slice(0, 10);
        const lines = ['customer,date,amount'.replace(/,/g, delimiter),
          ...orders.map((o) => [quote(o.customer, delimiter), date(o.day), quote(writeAmount(o.cents, mark), delimiter)].join(delimiter))];
        const blob = new Blob([encode(lines.join(lineEnd) + lineEnd, encoding)]);
        const inspection = await inspectCustomerFile(blob);
        // Text of ASCII alone is the same bytes in UTF-8 and Windows-1252, and is read as UTF-8.
        const ascii = lines.every((line) => /^[\x00-\x7f]*$/.test(line));
        expect(inspection).toMatchObject({ kind: 'transactions', encoding: encoding === 'windows-1252' && ascii ? 'utf-8' : encoding, delimiter, dateFormat: 'iso', problem: '' });
        const plan: ImportPlan = {
          kind: 'transactions', mapping: inspection.mapping, dateFormat: inspection.dateFormat, delimiter: inspection.delimiter,
          hasHeader: inspection.hasHeader, encoding: inspection.encoding, decimal: inspection.decimal,
        };
        const rows: string[][] = [];
        await streamRows(blob, { delimiter, hasHeader: true, chunkBytes, encoding, onRows: (r) => rows.push(...r) });
        expect(rows.map((r) => r[0])).toEqual(orders.map((o) => o.customer));
        const read = await readCustomerFile(blob, plan);
        if (read.kind !== 'transactions') throw new Error(read.kind);
        expect(read.badRows).toEqual([]);
        expect(read.table.customer).toEqual(orders.map((o) => o.customer));
        expect(Array.from(read.table.amount)).toEqual(orders.map((o) => o.cents / 100));
        expect(Array.from(read.table.minute)).toEqual(orders.map((o) => (Date.UTC(2020, 0, 1 + o.day)) / 60_000));
      },
    ), { numRuns: 200 });
  });
});
