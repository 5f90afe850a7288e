/**
 * Parquet files read as rows of text, so a `.parquet` export goes through the same mapping
 * dialog, readers, cleaning and results as its CSV twin. The reading is hyparquet's: the footer
 * (metadata) first, then one row group at a time, so a file never sits decoded in memory whole
 * and the reader can say how far it has got. Cells become the text a CSV of the same table would
 * hold (cellText); rows are numbered as the lines of that CSV would be (the header is line 1),
 * so a bad row is reported at the same place in both.
 */
import { parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
import type { AsyncBuffer, FileMetaData } from 'hyparquet';

/** The four bytes a Parquet file starts (and ends) with: "PAR1". */
const MAGIC = [0x50, 0x41, 0x52, 0x31];

/** Whether the first bytes of a file are Parquet's magic number. */
export function isParquetHead(head: Uint8Array): boolean {
  return head.length >= 4 && MAGIC.every((byte, k) => head[k] === byte);
}

/** Whether a file (Blob) is Parquet, from its first four bytes. */
export async function isParquetFile(file: Blob): Promise<boolean> {
  return file.size >= 12 && isParquetHead(new Uint8Array(await file.slice(0, 4).arrayBuffer()));
}

/** A Blob as the byte source hyparquet reads: only the ranges it asks for are read. */
export function blobBuffer(file: Blob): AsyncBuffer {
  return { byteLength: file.size, slice: (start, end) => file.slice(start, end).arrayBuffer() };
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/**
 * A cell as text: a DATE as "2024-03-02", a TIMESTAMP as "2024-03-02 14:05:09" (its UTC fields:
 * hyparquet gives a timestamp as the instant of its stored value, so a wall-clock timestamp reads
 * as its own wall clock), 64-bit integers in full, numbers with String (shortest round trip),
 * true/false, text as it is; null and missing as ''. Nested values (lists, structs) as JSON.
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const day = `${pad(value.getUTCFullYear(), 4)}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    const seconds = value.getUTCHours() * 3600 + value.getUTCMinutes() * 60 + value.getUTCSeconds();
    return seconds === 0 && value.getUTCMilliseconds() === 0 ? day
      : `${day} ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}`;
  }
  if (value instanceof Uint8Array) return '';
  try {
    return JSON.stringify(value, (_, inner) => (typeof inner === 'bigint' ? String(inner) : inner));
  } catch {
    return '';
  }
}

/** An open Parquet file: its footer, the names of its top-level columns and its row count. */
export interface ParquetTable { metadata: FileMetaData; header: string[]; rows: number; buffer: AsyncBuffer }

/** Reads the footer; rejects with a sentence-bearing Error when the bytes are not a Parquet file Waypoint can read. */
export async function openParquet(file: Blob): Promise<ParquetTable> {
  const buffer = blobBuffer(file);
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(buffer);
  } catch {
    throw new Error('This is not a Parquet file Waypoint can read (its footer could not be read: is the file complete?). Export it again, or as CSV, and import that.');
  }
  const header = parquetSchema(metadata).children.map((child) => child.element.name);
  return { metadata, header, rows: Number(metadata.num_rows), buffer };
}

/** Rows `rowStart` to `rowEnd` (exclusive) of the table, every cell as text, in the header's column order. */
export async function parquetRowsText(table: ParquetTable, rowStart: number, rowEnd: number): Promise<string[][]> {
  let rows: unknown[][] = [];
  await parquetRead({ file: table.buffer, metadata: table.metadata, rowStart, rowEnd, columns: table.header, onComplete: (data) => { rows = data; } });
  return rows.map((row) => row.map(cellText));
}

/**
 * Every row of the table, one row group at a time: `onRows` gets each group's rows as text with
 * their line numbers (row k of the file is line k + 2, as in its CSV twin); `onProgress` the
 * share of rows read so far.
 */
export async function streamParquetRows(
  table: ParquetTable,
  handlers: { onRows: (rows: string[][], lines: number[]) => void; onProgress?: (fraction: number) => void },
): Promise<void> {
  let start = 0;
  for (const group of table.metadata.row_groups) {
    const count = Number(group.num_rows);
    if (count === 0) continue;
    const rows = await parquetRowsText(table, start, start + count);
    handlers.onRows(rows, rows.map((_, k) => start + k + 2));
    start += count;
    handlers.onProgress?.(table.rows ? start / table.rows : 1);
  }
}
