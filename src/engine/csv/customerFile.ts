/**
 * Reading a person's customer export: which kind of file it is (from its header), which
 * column holds what, and the rows as columns of typed values, with every unreadable row
 * reported by line number and reason. Kinds: transactions (one row per order or order line),
 * event log (case, activity, timestamp), customer summary (frequency, recency, T, monetary),
 * or a journey. Files without a header in the CDNOW shape (customer, YYYYMMDD date, count,
 * amount) are recognised too.
 */
import Papa from 'papaparse';
import { detectDateFormat, parseDate } from './dates.ts';
import type { DateFormat } from './dates.ts';
import { journeyFieldForHeader } from '../journey/index.ts';

export type FileKind = 'transactions' | 'event-log' | 'customer-summary' | 'journey' | 'unknown';

export type ColumnRole =
  | 'customer' | 'date' | 'amount' | 'quantity' | 'unitPrice' | 'order' | 'product' | 'description' | 'category' | 'group'
  | 'case' | 'activity' | 'timestamp'
  | 'frequency' | 'recency' | 'age' | 'monetary';

/** Column index per role (absent roles are not in the file). */
export type ColumnMapping = Partial<Record<ColumnRole, number>>;

const ROLE_HEADERS: Record<ColumnRole, string[]> = {
  customer: ['customerid', 'customer', 'customerno', 'customernumber', 'clientid', 'client', 'userid', 'user', 'custid', 'buyer', 'memberid', 'email'],
  date: ['invoicedate', 'orderdate', 'date', 'purchasedate', 'transactiondate', 'datetime', 'createdat', 'created', 'time'],
  amount: ['amount', 'revenue', 'total', 'totalamount', 'ordervalue', 'value', 'sales', 'spend', 'dollars', 'dollarvalue', 'linetotal', 'price_total'],
  quantity: ['quantity', 'qty', 'units', 'count', 'cds', 'items'],
  unitPrice: ['unitprice', 'price', 'itemprice'],
  order: ['invoiceno', 'invoice', 'invoicenumber', 'orderid', 'order', 'orderno', 'ordernumber', 'transactionid', 'receipt'],
  product: ['stockcode', 'product', 'productid', 'sku', 'item', 'itemid', 'productcode'],
  description: ['description', 'productname', 'productdescription', 'itemdescription', 'itemname'],
  category: ['category', 'productcategory', 'department', 'segment'],
  group: ['group', 'variant', 'arm', 'cohort', 'treatment', 'campaign'],
  case: ['caseconceptname', 'caseid', 'case', 'journeyid', 'sessionid'],
  activity: ['conceptname', 'activity', 'event', 'eventname', 'touchpoint', 'step'],
  timestamp: ['timetimestamp', 'timestamp', 'eventtime'],
  frequency: ['frequency', 'x'],
  recency: ['recency', 'tx', 't_x'],
  age: ['t', 'age'],
  monetary: ['monetaryvalue', 'monetary', 'averagevalue', 'avgvalue', 'm'],
};

function normalise(header: string): string {
  return header.trim().toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The role of each header cell by name; the first column claiming a role wins. */
export function mapColumns(header: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const lookup = new Map<string, ColumnRole>();
  for (const [role, names] of Object.entries(ROLE_HEADERS) as [ColumnRole, string[]][]) {
    for (const name of names) if (!lookup.has(normalise(name))) lookup.set(normalise(name), role);
  }
  header.forEach((cell, index) => {
    const role = lookup.get(normalise(cell));
    if (role && mapping[role] === undefined) mapping[role] = index;
  });
  // Event logs often call their timestamp "date" or "time": if there is a case and an activity, it is the timestamp.
  if (mapping.case !== undefined && mapping.activity !== undefined && mapping.timestamp === undefined && mapping.date !== undefined) {
    mapping.timestamp = mapping.date;
    delete mapping.date;
  }
  return mapping;
}

/** The kind of file a header describes. */
export function detectKind(header: readonly string[], mapping: ColumnMapping): FileKind {
  const journeyFields = new Set(header.map(journeyFieldForHeader).filter(Boolean));
  if (['id', 'optimistic', 'mostLikely', 'pessimistic'].every((field) => journeyFields.has(field as never))) return 'journey';
  if (mapping.case !== undefined && mapping.activity !== undefined && mapping.timestamp !== undefined) return 'event-log';
  if (mapping.customer !== undefined && mapping.frequency !== undefined && mapping.recency !== undefined && mapping.age !== undefined) {
    return 'customer-summary';
  }
  if (mapping.customer !== undefined && mapping.date !== undefined
    && (mapping.amount !== undefined || (mapping.quantity !== undefined && mapping.unitPrice !== undefined))) return 'transactions';
  return 'unknown';
}

export interface BadRow { line: number; reason: string }

/** Transactions as columns. Missing customers are '' (kept for store totals, left out per customer). */
export interface TransactionTable {
  customer: string[];
  /** Wall-clock minutes since 1970-01-01. */
  minute: Float64Array;
  amount: Float64Array;
  order: string[];
  product: string[] | undefined;
  /** Product descriptions, when the file has them (the cleaning step reads fees and postage from them). */
  description?: string[] | undefined;
  category: string[] | undefined;
  group: string[] | undefined;
  /** Whether each amount is quantity × unit price (so a zero is a zero price), not an amount column. */
  amountFromPrice?: boolean;
  /** 1 for a cancellation: a negative amount or quantity, or an order id starting with "C". */
  cancellation: Uint8Array;
  /** File line of each row. */
  line: Int32Array;
}

export interface ParsedFile {
  kind: FileKind;
  header: string[];
  hasHeader: boolean;
  mapping: ColumnMapping;
  rows: string[][];
  /** File line of each row in `rows`. */
  lines: number[];
  delimiter: string;
}

const MISSING_CUSTOMER = new Set(['', '(blank)', 'na', 'n/a', 'null', 'none', 'nan', 'undefined']);

/** True for the customer ids exports use for "no customer". */
export function isMissingCustomer(id: string): boolean {
  return MISSING_CUSTOMER.has(id.trim().toLowerCase());
}

/**
 * Splits a file into rows (comma, semicolon, tab or whitespace separated; quotes, BOM and CRLF
 * handled), finds the header and detects the kind and column mapping. A file whose first row
 * looks like data in the CDNOW shape (id, YYYYMMDD, count, amount) is read without a header.
 */
export function parseCustomerFile(text: string): ParsedFile {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = body.slice(0, body.search(/\r\n|\r|\n|$/));
  const whitespaceOnly = !/[,;\t|]/.test(firstLine) && /\S\s+\S/.test(firstLine);
  const parsed = whitespaceOnly
    ? { data: body.split(/\r\n|\r|\n/).map((line) => line.trim().split(/\s+/)), meta: { delimiter: ' ' } }
    : Papa.parse<string[]>(body, { skipEmptyLines: false, delimitersToGuess: [',', ';', '\t', '|'] });
  const all = parsed.data as string[][];
  const lineOf: number[] = [];
  let line = 1;
  for (const row of all) {
    lineOf.push(line);
    line += 1 + countLineBreaks(row);
  }
  const nonEmpty = all.map((row, index) => ({ row, line: lineOf[index] })).filter(({ row }) => row.some((cell) => cell.trim() !== ''));
  const first = nonEmpty[0]?.row ?? [];
  const looksLikeCdnow = first.length === 4 && /^\d{8}$/.test(first[1]?.trim() ?? '') && first.slice(2).every((c) => Number.isFinite(Number(c)));
  const header = looksLikeCdnow ? ['customer_id', 'date', 'count', 'amount'] : first.map((cell) => cell.trim());
  const dataRows = looksLikeCdnow ? nonEmpty : nonEmpty.slice(1);
  const mapping = mapColumns(header);
  return {
    kind: detectKind(header, mapping), header, hasHeader: !looksLikeCdnow, mapping,
    rows: dataRows.map(({ row }) => row), lines: dataRows.map(({ line: l }) => l), delimiter: parsed.meta.delimiter,
  };
}

/**
 * Line breaks inside a row's quoted cells (each "\n", so a CRLF counts once). A lone "\r" is
 * not counted: in a file with mixed line ends it is the end of the row, left on its last cell.
 */
export function countLineBreaks(row: readonly string[]): number {
  let extra = 0;
  for (const cell of row) {
    for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) extra++;
  }
  return extra;
}

/** A number as exports write it: "1,234.50", "£12.40", "(12.00)" for negatives; NaN otherwise. */
export function parseAmount(text: string): number {
  let value = text.trim().replace(/^[£$€¥]|[£$€¥]$/g, '').replace(/\s/g, '');
  let negative = false;
  if (/^\(.*\)$/.test(value)) { negative = true; value = value.slice(1, -1); }
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(value)) value = value.replace(/,/g, '');
  else if (/^-?\d+,\d+$/.test(value)) value = value.replace(',', '.');
  if (value === '' || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value)) return NaN;
  return negative ? -Number(value) : Number(value);
}

/** Reads rows one at a time into a table; `finish` returns the table and every row that could not be read. */
export interface RowReader<Table> {
  add(row: readonly string[], line: number): void;
  finish(): { table: Table; badRows: BadRow[] };
}

/**
 * A reader of transaction rows into columns (used whole by readTransactions and chunk by chunk
 * by the streaming import). Amount is the amount column, or quantity × unit price. Rows with an
 * unreadable date or amount are reported, not kept. Cost: linear in the rows.
 */
export function transactionReader(mapping: ColumnMapping, dateFormat: DateFormat | undefined): RowReader<TransactionTable> {
  const badRows: BadRow[] = [];
  const customer: string[] = [];
  const order: string[] = [];
  const product: string[] = [];
  const description: string[] = [];
  const category: string[] = [];
  const group: string[] = [];
  const minute: number[] = [];
  const amount: number[] = [];
  const cancellation: number[] = [];
  const line: number[] = [];
  const cell = (row: readonly string[], role: ColumnRole) => (mapping[role] === undefined ? '' : (row[mapping[role]!] ?? '').trim());
  return {
    add(row, at) {
      if (mapping.date === undefined || dateFormat === undefined) { badRows.push({ line: at, reason: 'no readable date column' }); return; }
      const dateText = cell(row, 'date');
      const time = parseDate(dateText, dateFormat);
      if (!Number.isFinite(time)) { badRows.push({ line: at, reason: dateText ? `date "${dateText}" is not a date` : 'the date is empty' }); return; }
      let value: number;
      let quantity = NaN;
      if (mapping.amount !== undefined) {
        const text = cell(row, 'amount');
        value = parseAmount(text);
        if (!Number.isFinite(value)) { badRows.push({ line: at, reason: text ? `amount "${text}" is not a number` : 'the amount is empty' }); return; }
        if (mapping.quantity !== undefined) quantity = parseAmount(cell(row, 'quantity'));
      } else {
        quantity = parseAmount(cell(row, 'quantity'));
        const price = parseAmount(cell(row, 'unitPrice'));
        if (!Number.isFinite(quantity)) { badRows.push({ line: at, reason: `quantity "${cell(row, 'quantity')}" is not a number` }); return; }
        if (!Number.isFinite(price)) { badRows.push({ line: at, reason: `unit price "${cell(row, 'unitPrice')}" is not a number` }); return; }
        value = quantity * price;
      }
      const orderId = cell(row, 'order');
      const id = cell(row, 'customer');
      customer.push(isMissingCustomer(id) ? '' : id);
      order.push(orderId);
      if (mapping.product !== undefined) product.push(cell(row, 'product'));
      if (mapping.description !== undefined) description.push(cell(row, 'description'));
      if (mapping.category !== undefined) category.push(cell(row, 'category'));
      if (mapping.group !== undefined) group.push(cell(row, 'group'));
      minute.push(time);
      amount.push(value);
      cancellation.push(value < 0 || quantity < 0 || /^c/i.test(orderId) ? 1 : 0);
      line.push(at);
    },
    finish() {
      return {
        table: {
          customer, order, minute: Float64Array.from(minute), amount: Float64Array.from(amount),
          product: mapping.product !== undefined ? product : undefined,
          description: mapping.description !== undefined ? description : undefined,
          amountFromPrice: mapping.amount === undefined,
          category: mapping.category !== undefined ? category : undefined,
          group: mapping.group !== undefined ? group : undefined,
          cancellation: Uint8Array.from(cancellation), line: Int32Array.from(line),
        },
        badRows,
      };
    },
  };
}

/** Event-log rows as columns: one event per row, times as wall-clock minutes. */
export interface EventTable {
  caseId: string[];
  activity: string[];
  minute: Float64Array;
  line: Int32Array;
}

/** A reader of event-log rows (case, activity, timestamp); rows missing any of them are reported. */
export function eventReader(mapping: ColumnMapping, dateFormat: DateFormat): RowReader<EventTable> {
  const badRows: BadRow[] = [];
  const caseId: string[] = [];
  const activity: string[] = [];
  const minute: number[] = [];
  const line: number[] = [];
  const column = (row: readonly string[], index: number | undefined) => (index === undefined ? '' : (row[index] ?? '').trim());
  return {
    add(row, at) {
      const id = column(row, mapping.case);
      const name = column(row, mapping.activity);
      const time = parseDate(column(row, mapping.timestamp), dateFormat);
      if (!id || !name || !Number.isFinite(time)) {
        badRows.push({ line: at, reason: !id ? 'no case id' : !name ? 'no activity' : `timestamp "${column(row, mapping.timestamp)}" is not a date` });
        return;
      }
      caseId.push(id);
      activity.push(name);
      minute.push(time);
      line.push(at);
    },
    finish() {
      return { table: { caseId, activity, minute: Float64Array.from(minute), line: Int32Array.from(line) }, badRows };
    },
  };
}

/** The date format of a column from sampled rows (see detectDateFormat). */
export function detectColumnDateFormat(rows: readonly (readonly string[])[], column: number | undefined) {
  if (column === undefined) return { format: undefined, ambiguous: false };
  return detectDateFormat(rows.slice(0, 2000).map((row) => (row[column] ?? '').trim()).filter((s) => s !== ''));
}

/**
 * Reads the rows of a transactions file into columns (see transactionReader). Returns the date
 * format used and whether it was ambiguous (so the caller can ask).
 */
export function readTransactions(
  file: ParsedFile, options: { mapping?: ColumnMapping; dateFormat?: DateFormat } = {},
): { table: TransactionTable; badRows: BadRow[]; dateFormat: DateFormat | undefined; ambiguousDates: boolean } {
  const mapping = options.mapping ?? file.mapping;
  const detection = detectColumnDateFormat(file.rows, mapping.date);
  const dateFormat = options.dateFormat ?? detection.format;
  const reader = transactionReader(mapping, dateFormat);
  file.rows.forEach((row, index) => reader.add(row, file.lines[index]));
  return { ...reader.finish(), dateFormat, ambiguousDates: options.dateFormat === undefined && detection.ambiguous };
}
