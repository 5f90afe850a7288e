/**
 * One path for a file a person drops anywhere on the page or picks with "Import CSV": its kind
 * is decided here, once, from its head — a scenario export (JSON), a journey (its header is a
 * journey's, as the journey wing says), or customer data (transactions, an event log or a
 * customer summary, as the CSV wing says) — and the file is handed to the one place that takes
 * that kind. A customer export goes on whole, as a File, with the inspection of its head, so the
 * page never holds or parses a 40 MB text (the head is inspected in a worker, through
 * `inspect`); a file that is too big, not text, or with a first line far too long for a CSV is
 * refused with a sentence, and nothing changes. An Excel workbook (.xlsx) is read on the page into
 * rows, its first sheet with data (or the one the person then chooses) turned into CSV text, and
 * goes on from there as a CSV would. A Parquet file (known by its first bytes) is customer data:
 * its footer and first rows are inspected in the worker and it is read there row group by row group.
 */
import { decodeBytes, detectEncoding, inspectCustomerFile, isParquetHead, looksLikeText } from '../engine/csv/index.ts';
import type { WorkbookSheet } from '../engine/csv/readWorkbook.ts';

/** Workbooks are named so; their reader is loaded only when one is opened. */
const isWorkbookName = (name: string) => /\.xlsx$/i.test(name);
const MAX_WORKBOOK_BYTES = 50_000_000;
/** A sheet as a CSV File of the workbook's name. */
const sheetFile = (name: string, sheet: WorkbookSheet) => new File([sheetCsv(sheet.rows)], name, { type: 'text/csv' });
let sheetCsv: (rows: readonly (readonly string[])[]) => string;
import type { Inspection } from '../engine/csv/index.ts';
import { isJourneyHeader, parseJourneyCsv } from '../engine/journey/index.ts';

/** Bytes read to decide. */
export const HEAD_BYTES = 65_536;
/** The most the page reads at all; bigger exports are to be aggregated first (the README shows how). */
export const MAX_FILE_BYTES = 200_000_000;
/** A journey file is far smaller than this. */
export const MAX_JOURNEY_BYTES = 5_000_000;
/** A file this big whose header says nothing known is taken for customer data, whose mapping the person then sets. */
export const UNKNOWN_CUSTOMER_BYTES = 200_000;

/** Where each kind of file goes. */
export interface DropTargets {
  /** A scenario export (one scenario or several), as text. */
  scenarios(text: string): Promise<void> | void;
  /** A journey CSV, as text, for the preview of its column mapping. */
  journey(name: string, text: string): void;
  /** Customer data, with the mapping proposed from its head (and, from a workbook, its sheets to choose from). */
  customers(file: File, inspection: Inspection, workbook?: OpenWorkbook): void;
  /** Nothing is imported: the sentence says why. */
  refuse(message: string): void;
  /**
   * Reads the head of a CSV for its kind and mapping (the page does it in a worker): the
   * inspection, a sentence saying why the file could not be read, or undefined when a newer file
   * took over. The engine's inspectCustomerFile, here, when absent.
   */
  inspect?(file: File): Promise<Inspection | string | undefined>;
}

/** A workbook whose sheet is being imported: the sheets to choose from and the one shown. */
export interface OpenWorkbook {
  name: string;
  sheetNames: string[];
  sheet: string;
  /** The named sheet as a CSV File (undefined for a name not in the workbook). */
  fileFor(sheet: string): File | undefined;
}

/** The workbook behind a list of sheets, showing `sheet`. */
export function openWorkbook(name: string, sheets: readonly WorkbookSheet[], sheet: string): OpenWorkbook {
  return {
    name, sheetNames: sheets.map((s) => s.name), sheet,
    fileFor: (chosen) => { const found = sheets.find((s) => s.name === chosen); return found ? sheetFile(name, found) : undefined; },
  };
}

export type DroppedKind = 'scenarios' | 'journey' | 'customers' | 'refused' | 'superseded';

/** Reads the head of `file`, decides its kind and hands it to the target for that kind; resolves with the kind. */
export async function routeFile(file: File, to: DropTargets): Promise<DroppedKind> {
  const refuse = (message: string): DroppedKind => { to.refuse(message); return 'refused'; };
  if (file.size > MAX_FILE_BYTES) {
    return refuse(`${file.name} is ${(file.size / 1e6).toFixed(0)} MB, more than this page can read (200 MB). Aggregate it first: the README shows how. Nothing was imported.`);
  }
  if (isWorkbookName(file.name)) {
    if (file.size > MAX_WORKBOOK_BYTES) {
      return refuse(`${file.name} is ${(file.size / 1e6).toFixed(0)} MB, more than this page reads from a workbook (${MAX_WORKBOOK_BYTES / 1e6} MB). Save the sheet as CSV and import that. Nothing was imported.`);
    }
    let sheets: WorkbookSheet[];
    try {
      const reader = await import('../engine/csv/readWorkbook.ts');
      sheetCsv = reader.sheetToCsv;
      sheets = await reader.readWorkbook(file);
    } catch (error) {
      return refuse(`${file.name}: ${(error as Error).message} Nothing was imported; your notebook is unchanged.`);
    }
    const first = sheets.find((sheet) => sheet.rows.some((row) => row.some((cell) => cell.trim() !== ''))) ?? sheets[0];
    if (!first || !first.rows.length) return refuse(`${file.name} has no rows in any sheet. Nothing was imported.`);
    return routeText(sheetFile(file.name, first), to, openWorkbook(file.name, sheets, first.name));
  }
  // Text in any of the encodings people's files come in (a byte-order mark, UTF-8, or Windows-1252).
  const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  // A Parquet file is customer data read in the worker, row group by row group, like a CSV.
  if (isParquetHead(head)) return routeCustomerData(file, to);
  const headText = decodeBytes(head, detectEncoding([head]).encoding);
  if (!looksLikeText(headText)) {
    return refuse(`${file.name} is not a text file, so it cannot be a CSV (a spreadsheet workbook or a picture renamed .csv reads like this). Save it as CSV from the spreadsheet and import that. Nothing was imported; your notebook is unchanged.`);
  }
  if (/\.json$/i.test(file.name) || /^\s*[{[]/.test(headText)) {
    await to.scenarios(decodeBytes(await file.arrayBuffer(), detectEncoding([head]).encoding));
    return 'scenarios';
  }
  return routeText(file, to);
}

/** A Parquet file: customer data, or refused with the reason its footer could not be read. */
async function routeCustomerData(file: File, to: DropTargets): Promise<DroppedKind> {
  const inspection = to.inspect ? await to.inspect(file) : await inspectCustomerFile(file);
  if (inspection === undefined) return 'superseded';
  const problem = typeof inspection === 'string' ? inspection : inspection.problem;
  if (problem) { to.refuse(`${file.name}: ${problem} Nothing was imported; your notebook is unchanged.`); return 'refused'; }
  to.customers(file, inspection as Inspection);
  return 'customers';
}

/** A text file that is not JSON (or a workbook's sheet as CSV): customer data or a journey, by its head. */
async function routeText(file: File, to: DropTargets, workbook?: OpenWorkbook): Promise<DroppedKind> {
  const refuse = (message: string): DroppedKind => { to.refuse(message); return 'refused'; };
  const inspection = to.inspect ? await to.inspect(file) : await inspectCustomerFile(file);
  if (inspection === undefined) return 'superseded';
  if (typeof inspection === 'string') return refuse(`${inspection} Nothing was imported; your notebook is unchanged.`);
  if (inspection.problem) return refuse(`${file.name}: ${inspection.problem} Nothing was imported; your notebook is unchanged.`);
  const journey = isJourneyHeader(inspection.header);
  const { kind } = inspection;
  if (!journey && (kind === 'transactions' || kind === 'event-log' || kind === 'customer-summary' || (kind === 'unknown' && file.size > UNKNOWN_CUSTOMER_BYTES))) {
    to.customers(file, inspection, workbook);
    return 'customers';
  }
  if (file.size > MAX_JOURNEY_BYTES) {
    return refuse(`${file.name} is ${(file.size / 1e6).toFixed(1)} MB; a journey file should be far smaller. Nothing was imported.`);
  }
  const text = decodeBytes(await file.arrayBuffer(), inspection.encoding);
  const probe = parseJourneyCsv(text);
  if (probe.header.length === 0) {
    return refuse(`${file.name}: ${probe.problems[0]?.message ?? 'no touchpoints found.'} Nothing was imported; your notebook is unchanged.`);
  }
  to.journey(file.name, text);
  return 'journey';
}
