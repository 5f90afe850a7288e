import { describe, expect, it } from 'vitest';
import { parseCustomerFile, readTransactions } from '../../../src/engine/csv/index.ts';
import {
  datasetBuffers, datasetBytes, datasetProblem, decodeBadRows, decodeEvents, decodeStrings, decodeSummary, decodeTransactions,
  encodeEvents, encodeStrings, encodeSummary, encodeTransactions,
} from '../../../src/engine/csv/dataset.ts';

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

describe('dataset columns', () => {
  const summary = {
    ids: ['a', 'b', 'a2'], frequency: Float64Array.of(0, 2, 1), recency: Float64Array.of(0, 10, 4), age: Float64Array.of(38, 38, 20),
    monetary: Float64Array.of(0, 12.5, 7), line: Int32Array.of(2, 3, 5),
  };

  it('round-trips a customer summary and its bad rows', () => {
    const dataset = encodeSummary(summary, [{ line: 4, reason: 'the customer id is empty' }], 4);
    expect(dataset).toMatchObject({ v: 1, kind: 'customer-summary', rows: 4 });
    expect(decodeSummary(dataset)).toEqual(summary);
    expect(decodeBadRows(dataset)).toEqual([{ line: 4, reason: 'the customer id is empty' }]);
    expect(datasetProblem(structuredClone(dataset))).toBeUndefined();
  });

  it('codes text in 32 bits once there are more than 65,536 distinct values', () => {
    const many = Array.from({ length: 70_000 }, (_, k) => `c${k}`);
    const encoded = encodeStrings(many);
    expect(encoded.codes).toBeInstanceOf(Uint32Array);
    expect(decodeStrings(encoded)).toEqual(many);
    expect(encodeStrings(many.slice(0, 65_536)).codes).toBeInstanceOf(Uint16Array);
  });

  it('keeps minutes past 32-bit integers as 64-bit floats', () => {
    const events = { caseId: ['1'], activity: ['Ad'], minute: Float64Array.of(2 ** 31), line: Int32Array.of(2) };
    expect(encodeEvents(events, [], 1).minute).toBeInstanceOf(Float64Array);
  });

  it('counts the bytes of its columns: typed arrays, and 2 bytes a character of each distinct text', () => {
    const dataset = encodeSummary(summary, [], 3);
    // Line (3 × 4) and the four figures (4 × 3 × 8), customer codes (3 × 2) and the ids' 1 + 1 + 2 characters (× 2),
    // bad rows: no lines and no reasons (0 codes).
    expect(datasetBytes(dataset)).toBe(3 * 4 + 4 * 3 * 8 + 3 * 2 + 2 * 4);
  });

  it('lists each column buffer once, to transfer between threads', () => {
    const dataset = encodeSummary(summary, [], 3);
    const buffers = datasetBuffers(dataset);
    expect(new Set(buffers).size).toBe(buffers.length);
    for (const column of [dataset.frequency, dataset.recency, dataset.age, dataset.monetary, dataset.line, dataset.customer.codes]) expect(buffers).toContain(column.buffer);
  });
});

describe('datasetProblem', () => {
  const events = encodeEvents({ caseId: ['1', '2'], activity: ['Ad', 'Buy'], minute: Float64Array.of(10, 20), line: Int32Array.of(2, 3) }, [], 2);

  it('says what is wrong with a stored value in a sentence, and nothing for a good one', () => {
    expect(datasetProblem(events)).toBeUndefined();
    expect(datasetProblem(null)).toBe('it was saved by a newer or unknown version of Waypoint');
    expect(datasetProblem({ v: 2 })).toBe('it was saved by a newer or unknown version of Waypoint');
    expect(datasetProblem({ v: 1 })).toBe('its columns are missing');
    expect(datasetProblem({ ...events, minute: undefined })).toBe('its columns are missing');
    expect(datasetProblem({ ...events, activity: encodeStrings(['Ad']) })).toBe('its columns have different lengths');
    expect(datasetProblem({ ...events, kind: 'journey' })).toBe('it is neither transactions, an event log nor a customer summary');
  });
});
