/**
 * An imported customer file as a compact, versioned set of columns, the form it is stored in
 * (IndexedDB) and handed between the worker and the page: numbers in typed arrays, text columns
 * dictionary-encoded (each distinct value once, rows hold a 16- or 32-bit code). The UCI export's
 * 541,909 lines take about 20 MB this way instead of hundreds of megabytes of row objects.
 * A customer summary (customer, frequency, recency, T, monetary value) is kept the same way.
 */
import type { EventTable } from './eventReader.ts';
import type { Reading } from './reading.ts';
import type { BadRow } from './rowReader.ts';
import type { TransactionTable } from './transactionReader.ts';
import type { SummaryTable } from './readCustomerSummary.ts';

export interface EncodedStrings {
  values: string[];
  codes: Uint16Array | Uint32Array;
}

interface DatasetBase {
  v: 1;
  /** Data rows read from the file (good and bad). */
  rows: number;
  badRows: { line: Int32Array; reason: EncodedStrings };
  /** How the file was read (encoding, decimal mark, ids trimmed); absent in datasets stored before it was kept. */
  reading?: Reading;
}

export interface TransactionDataset extends DatasetBase {
  kind: 'transactions';
  customer: EncodedStrings;
  order: EncodedStrings;
  product?: EncodedStrings;
  description?: EncodedStrings;
  /** Amounts are quantity × unit price (see TransactionTable). */
  amountFromPrice?: boolean;
  category?: EncodedStrings;
  group?: EncodedStrings;
  minute: Int32Array | Float64Array;
  amount: Float64Array;
  cancellation: Uint8Array;
  line: Int32Array;
}

export interface EventDataset extends DatasetBase {
  kind: 'event-log';
  caseId: EncodedStrings;
  activity: EncodedStrings;
  minute: Int32Array | Float64Array;
  line: Int32Array;
}

export interface SummaryDataset extends DatasetBase {
  kind: 'customer-summary';
  customer: EncodedStrings;
  frequency: Float64Array;
  recency: Float64Array;
  age: Float64Array;
  monetary: Float64Array;
  line: Int32Array;
}

export type Dataset = TransactionDataset | EventDataset | SummaryDataset;

/** Each distinct string once, in order of first appearance, and a code per value. */
export function encodeStrings(values: readonly string[]): EncodedStrings {
  const index = new Map<string, number>();
  const distinct: string[] = [];
  const codes = new Uint32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let code = index.get(values[i]);
    if (code === undefined) { code = distinct.length; index.set(values[i], code); distinct.push(values[i]); }
    codes[i] = code;
  }
  return { values: distinct, codes: distinct.length <= 65_536 ? Uint16Array.from(codes) : codes };
}

export function decodeStrings(encoded: EncodedStrings): string[] {
  const out = new Array<string>(encoded.codes.length);
  for (let i = 0; i < out.length; i++) out[i] = encoded.values[encoded.codes[i]];
  return out;
}

/** Minutes fit 32-bit integers (until the year 6053); a fractional one keeps 64-bit floats. */
function compactMinutes(minute: Float64Array): Int32Array | Float64Array {
  for (let i = 0; i < minute.length; i++) if (!Number.isInteger(minute[i]) || Math.abs(minute[i]) > 2 ** 31 - 1) return minute;
  return Int32Array.from(minute);
}

function encodeBadRows(badRows: readonly BadRow[]) {
  return { line: Int32Array.from(badRows, (b) => b.line), reason: encodeStrings(badRows.map((b) => b.reason)) };
}

export function decodeBadRows(dataset: Dataset): BadRow[] {
  const reasons = decodeStrings(dataset.badRows.reason);
  return Array.from(dataset.badRows.line, (line, k) => ({ line, reason: reasons[k] }));
}

export function encodeTransactions(table: TransactionTable, badRows: readonly BadRow[], rows: number, reading?: Reading): TransactionDataset {
  return {
    v: 1, kind: 'transactions', rows, badRows: encodeBadRows(badRows), ...(reading ? { reading } : {}),
    customer: encodeStrings(table.customer), order: encodeStrings(table.order),
    product: table.product && encodeStrings(table.product), category: table.category && encodeStrings(table.category),
    description: table.description && encodeStrings(table.description), amountFromPrice: table.amountFromPrice,
    group: table.group && encodeStrings(table.group),
    minute: compactMinutes(table.minute), amount: table.amount, cancellation: table.cancellation, line: table.line,
  };
}

export function decodeTransactions(dataset: TransactionDataset): TransactionTable {
  return {
    customer: decodeStrings(dataset.customer), order: decodeStrings(dataset.order),
    product: dataset.product && decodeStrings(dataset.product), category: dataset.category && decodeStrings(dataset.category),
    description: dataset.description && decodeStrings(dataset.description), amountFromPrice: dataset.amountFromPrice,
    group: dataset.group && decodeStrings(dataset.group),
    minute: Float64Array.from(dataset.minute), amount: dataset.amount, cancellation: dataset.cancellation, line: dataset.line,
  };
}

export function encodeEvents(table: EventTable, badRows: readonly BadRow[], rows: number, reading?: Reading): EventDataset {
  return {
    v: 1, kind: 'event-log', rows, badRows: encodeBadRows(badRows), ...(reading ? { reading } : {}),
    caseId: encodeStrings(table.caseId), activity: encodeStrings(table.activity), minute: compactMinutes(table.minute), line: table.line,
  };
}

export function decodeEvents(dataset: EventDataset): EventTable {
  return { caseId: decodeStrings(dataset.caseId), activity: decodeStrings(dataset.activity), minute: Float64Array.from(dataset.minute), line: dataset.line };
}

export function encodeSummary(table: SummaryTable, badRows: readonly BadRow[], rows: number, reading?: Reading): SummaryDataset {
  return {
    v: 1, kind: 'customer-summary', rows, badRows: encodeBadRows(badRows), ...(reading ? { reading } : {}), customer: encodeStrings(table.ids),
    frequency: table.frequency, recency: table.recency, age: table.age, monetary: table.monetary, line: table.line,
  };
}

export function decodeSummary(dataset: SummaryDataset): SummaryTable {
  return {
    ids: decodeStrings(dataset.customer), frequency: dataset.frequency, recency: dataset.recency, age: dataset.age,
    monetary: dataset.monetary, line: dataset.line,
  };
}

/** The typed arrays' buffers, to transfer between threads. */
export function datasetBuffers(dataset: Dataset): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [dataset.badRows.line, dataset.badRows.reason.codes, dataset.line];
  if (dataset.kind === 'customer-summary') arrays.push(dataset.customer.codes, dataset.frequency, dataset.recency, dataset.age, dataset.monetary);
  else arrays.push(dataset.minute);
  if (dataset.kind === 'transactions') {
    arrays.push(dataset.customer.codes, dataset.order.codes, dataset.amount, dataset.cancellation);
    for (const column of [dataset.product, dataset.description, dataset.category, dataset.group]) if (column) arrays.push(column.codes);
  } else if (dataset.kind === 'event-log') arrays.push(dataset.caseId.codes, dataset.activity.codes);
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

/** Bytes the dataset's columns take (typed arrays and dictionary text, 2 bytes a character). */
export function datasetBytes(dataset: Dataset): number {
  let bytes = 0;
  const strings = (e: EncodedStrings | undefined) => {
    if (!e) return;
    bytes += e.codes.byteLength;
    for (const value of e.values) bytes += 2 * value.length;
  };
  bytes += dataset.badRows.line.byteLength + dataset.line.byteLength;
  strings(dataset.badRows.reason);
  if (dataset.kind === 'customer-summary') {
    bytes += dataset.frequency.byteLength + dataset.recency.byteLength + dataset.age.byteLength + dataset.monetary.byteLength;
    strings(dataset.customer);
  } else if (dataset.kind === 'transactions') {
    bytes += dataset.minute.byteLength;
    bytes += dataset.amount.byteLength + dataset.cancellation.byteLength;
    [dataset.customer, dataset.order, dataset.product, dataset.description, dataset.category, dataset.group].forEach(strings);
  } else {
    bytes += dataset.minute.byteLength;
    [dataset.caseId, dataset.activity].forEach(strings);
  }
  return bytes;
}

/**
 * Checks that a stored value is a dataset this version reads (every column present and of one
 * length); returns a sentence saying what is wrong, or undefined.
 */
export function datasetProblem(value: unknown): string | undefined {
  const d = value as Partial<Dataset> | null;
  if (!d || typeof d !== 'object' || d.v !== 1) return 'it was saved by a newer or unknown version of Waypoint';
  const n = d.line?.length;
  if (n === undefined) return 'its columns are missing';
  const sameLength = (e: EncodedStrings | undefined) => !e || e.codes?.length === n;
  if (d.kind === 'customer-summary') {
    const s = d as SummaryDataset;
    if (!s.customer || !s.frequency || !s.recency || !s.age || !s.monetary) return 'its columns are missing';
    if (!sameLength(s.customer) || ![s.frequency, s.recency, s.age, s.monetary].every((c) => c.length === n)) return 'its columns have different lengths';
    return undefined;
  }
  if ((d as Partial<TransactionDataset | EventDataset>).minute?.length !== n) return 'its columns are missing';
  if (d.kind === 'transactions') {
    const t = d as TransactionDataset;
    if (t.amount?.length !== n || t.cancellation?.length !== n || !sameLength(t.customer) || !sameLength(t.order) || !t.customer || !t.order) return 'its columns have different lengths';
    if (![t.product, t.description, t.category, t.group].every(sameLength)) return 'its columns have different lengths';
  } else if (d.kind === 'event-log') {
    const e = d as EventDataset;
    if (!e.caseId || !e.activity || !sameLength(e.caseId) || !sameLength(e.activity)) return 'its columns have different lengths';
  } else return 'it is neither transactions, an event log nor a customer summary';
  return undefined;
}
