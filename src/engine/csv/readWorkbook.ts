/**
 * Excel workbooks (.xlsx) read into rows of text, so a sheet goes through the same mapping,
 * reading and cleaning as a CSV. The reading is read-excel-file's "universal" build: it unzips
 * with fflate and parses the sheet XML with a streaming parser of its own, so it needs neither
 * Node nor DOMParser and runs the same in Node, on the page and in a worker.
 */
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/universal';

/** One sheet: its name (as on its tab) and its rows, every cell as text. */
export interface WorkbookSheet { name: string; rows: string[][] }

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/**
 * A cell as the text a CSV of the sheet would hold: numbers in full (String), true/false, and a
 * date as its wall-clock ISO text ("2024-03-02", or "2024-03-02 14:05" when it has a time of
 * day). Excel dates carry no time zone; read-excel-file gives them as the UTC instant of that wall
 * clock, so the UTC fields are the wall clock. Empty cells are ''.
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const day = `${pad(value.getUTCFullYear(), 4)}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    const minutes = value.getUTCHours() * 60 + value.getUTCMinutes() + (value.getUTCSeconds() >= 30 ? 1 : 0);
    return minutes === 0 ? day : `${day} ${pad(Math.floor(minutes / 60) % 24)}:${pad(minutes % 60)}`;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return String(value);
}

/**
 * Every sheet of an .xlsx workbook, in tab order, its cells as text (cellText). Rejects with a
 * sentence-bearing Error when the bytes are not a workbook Waypoint can read. Cost: the whole
 * workbook unzipped and parsed in memory.
 */
export async function readWorkbook(input: Blob | ArrayBuffer): Promise<WorkbookSheet[]> {
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    sheets = await readXlsxFile(input) as unknown as { sheet: string; data: unknown[][] }[];
  } catch {
    throw new Error('This is not an Excel workbook (.xlsx) Waypoint can read. Save it from the spreadsheet as .xlsx or CSV and import that.');
  }
  return sheets.map(({ sheet, data }) => ({ name: sheet, rows: data.map((row) => row.map(cellText)) }));
}

/**
 * A sheet's rows as CSV text (comma separated, quoted where needed, "\n" line ends), for the CSV
 * reader. Cells are written as they are: nothing is neutralised, since the text only goes on to
 * Waypoint's own reader, never to a spreadsheet.
 */
export function sheetToCsv(rows: readonly (readonly string[])[]): string {
  return rows.length ? `${Papa.unparse(rows.map((row) => [...row]), { newline: '\n', quotes: false })}\n` : '';
}
