/**
 * Streaming the rows of a customer file, so a 45 MB export never sits in memory as one string
 * and the reader can say how far it has got. Bytes become text with the file's encoding,
 * decoded chunk by chunk; the text is cut into chunks at line ends outside quotes (a quoted
 * cell may hold a line break), each chunk is split into rows by papaparse with the delimiter
 * found in the head, and every row keeps its line number in the file. A line longer than any
 * CSV line (MAX_LINE_CHARS: a file with no line breaks, a quote never closed) is reported by
 * its number and passed over, and reading goes on at the next line. Whitespace-separated files
 * (the original CDNOW text files) have no quotes and are split on runs of spaces.
 */
import Papa from 'papaparse';
import { textDecoder } from './detectEncoding.ts';
import type { TextEncoding } from './detectEncoding.ts';

/** Bytes (or characters of a string) read per chunk. */
export const CHUNK_BYTES = 2 * 1024 * 1024;
/** The longest data line read (characters); a longer one is reported by its number and skipped. */
export const MAX_LINE_CHARS = 1024 * 1024;
/** The longest header: the names of 100,000 columns may take more than a data line. */
export const MAX_HEADER_CHARS = 4 * 1024 * 1024;

/** A file, or its text. */
export type Input = Blob | string;

/** A length of text as a person says it: "1 MB", or characters below that. */
export function describeLength(chars: number): string {
  return chars >= 1024 * 1024 ? `${Math.round(chars / (1024 * 1024))} MB` : `${chars.toLocaleString('en')} characters`;
}

export const sizeOf = (input: Input) => (typeof input === 'string' ? input.length : input.size);

/**
 * Index just past the last line end in `text` that is outside quotes, given the quote state at
 * its start. A line end is LF, CRLF or a CR alone (old Mac exports); a CR as the very last
 * character may be the first half of a CRLF split across chunks, so it is not a cut.
 */
export function completeRowsEnd(text: string, inQuotesAtStart: boolean): { end: number; inQuotesAtEnd: boolean } {
  let inQuotes = inQuotesAtStart;
  let end = 0;
  let quotesAtEnd = inQuotesAtStart;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 34) inQuotes = !inQuotes; // a doubled "" inside quotes toggles twice: no change
    else if (!inQuotes && (code === 10 || (code === 13 && i + 1 < text.length && text.charCodeAt(i + 1) !== 10))) { end = i + 1; quotesAtEnd = false; }
  }
  return { end, inQuotesAtEnd: quotesAtEnd };
}

/**
 * Every line end outside quotes (CRLF, LF or CR) as one LF, for papaparse; line breaks inside a
 * quoted cell are part of the cell and kept exactly as they are in the file.
 */
export function unifyLineEnds(text: string): string {
  if (text.indexOf('\r') < 0) return text;
  const parts: string[] = [];
  let inQuotes = false;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 34) inQuotes = !inQuotes;
    else if (code === 13 && !inQuotes) {
      parts.push(text.slice(from, i), '\n');
      from = text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
      if (from === i + 2) i++;
    }
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/** Line breaks inside a row's quoted cells, each CRLF, LF or CR counted once. */
function quotedLineBreaks(row: readonly string[]): number {
  let extra = 0;
  for (const cell of row) {
    if (cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) continue;
    for (let i = 0; i < cell.length; i++) {
      const code = cell.charCodeAt(i);
      if (code === 10 || (code === 13 && cell.charCodeAt(i + 1) !== 10)) extra++;
    }
  }
  return extra;
}

/** The length of a row as a line of the file (its cells and the delimiters between them). */
function rowLength(row: readonly string[]): number {
  let length = row.length - 1;
  for (const cell of row) length += cell.length;
  return length;
}

/** Whether `text` ends inside quotes, given the quote state at its start. */
function quotesLeftOpen(text: string, inQuotesAtStart: boolean): boolean {
  let open = inQuotesAtStart;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) open = !open;
  return open;
}

/**
 * Streams the rows of a file: calls `onRows` with each chunk's rows and their line numbers
 * (empty lines and the header skipped), `onProgress` with the share of the file read, and
 * `onBadRow` with each line too long to be a CSV line (over `maxLineChars`, the header over
 * MAX_HEADER_CHARS), which is passed over: reading goes on after its next line end. Bytes are
 * decoded with `encoding` (UTF-8 by default), chunk by chunk. Resolves when the whole file is
 * read; memory stays within a chunk and the longest line allowed.
 */
export async function streamRows(
  input: Input,
  options: {
    delimiter: string; hasHeader: boolean; chunkBytes?: number; encoding?: TextEncoding; maxLineChars?: number;
    onRows: (rows: string[][], lines: number[]) => void; onProgress?: (fraction: number) => void;
    onBadRow?: (line: number, reason: string) => void;
  },
): Promise<void> {
  const size = sizeOf(input);
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  const maxLine = options.maxLineChars ?? MAX_LINE_CHARS;
  const decoder = textDecoder(options.encoding ?? 'utf-8');
  let carry = '';
  let inQuotes = false;
  let line = 1;
  let headerPending = options.hasHeader;
  let first = true;
  /** Whether the rest of a line found too long is still being passed over. */
  let skipping = false;
  /** The passed-over line ended with a CR as the last character read: an LF next is part of that line end. */
  let pendingLf = false;
  const limit = () => (headerPending ? Math.max(maxLine, MAX_HEADER_CHARS) : maxLine);
  const passOver = (at: number, reason: string) => {
    options.onBadRow?.(at, reason);
    headerPending = false;
  };
  const tooLong = (at: number) => passOver(at, `${headerPending ? 'the header' : 'the line'} is longer than ${describeLength(limit())}, far longer than a CSV line, so it was skipped (is a quote left open on it?)`);
  const emit = (text: string) => {
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    first = false;
    if (text === '') return;
    // CRLF, LF, CR or a mix (a header saved apart from the data): one line end for papaparse.
    const unified = unifyLineEnds(text);
    const body = unified.endsWith('\n') ? unified.slice(0, -1) : unified;
    // One empty line is one row (papaparse gives none for an empty text, and the line count would
    // slip); papaparse drops a U+FEFF starting its text as a byte-order mark, but only the file's
    // first one is (dropped above): one starting a later chunk is text, kept as the whole file keeps it.
    const rows = body === '' ? [['']] : options.delimiter === ' '
      ? body.split('\n').map((l) => { const t = l.trim(); return t === '' ? [''] : t.split(/\s+/); })
      : Papa.parse<string[]>(body.charCodeAt(0) === 0xfeff ? `\ufeff${body}` : body, { delimiter: options.delimiter, newline: '\n', skipEmptyLines: false }).data;
    const mayBeLong = text.length > maxLine;
    const kept: string[][] = [];
    const lines: number[] = [];
    for (const row of rows) {
      const at = line;
      line += 1 + quotedLineBreaks(row);
      if (row.length === 1 && row[0].trim() === '') continue;
      if (mayBeLong && rowLength(row) > limit()) { tooLong(at); continue; }
      if (row.every((cell) => cell.trim() === '')) continue;
      if (headerPending) { headerPending = false; continue; }
      kept.push(row);
      lines.push(at);
    }
    if (kept.length) options.onRows(kept, lines);
  };
  /** Index just past the first line end in `text` (quotes or not), or -1. */
  const pastLineEnd = (text: string): number => {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 10) return i + 1;
      if (code === 13) {
        if (i + 1 === text.length) pendingLf = true;
        return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
      }
    }
    return -1;
  };
  /** Emits the complete rows of `text` (all of it when `last`) and keeps the rest as the carry. */
  const take = (text: string, last: boolean) => {
    for (;;) {
      if (skipping) {
        const next = pastLineEnd(text);
        if (next < 0) { carry = ''; return; }
        text = text.slice(next);
        line++;
        skipping = false;
        inQuotes = false;
      }
      const cut = completeRowsEnd(text, inQuotes);
      emit(text.slice(0, cut.end));
      text = text.slice(cut.end);
      inQuotes = cut.inQuotesAtEnd;
      if (last) {
        // The file ends inside quotes opened on a line that has a line end after it: that line
        // is passed over, and the lines after it are read as they are.
        const next = quotesLeftOpen(text, inQuotes) ? pastLineEnd(text) : -1;
        if (next < 0 || next === text.length) { emit(text); carry = ''; return; }
        passOver(line, 'a quote opened on this line is never closed, so the line was skipped');
        text = text.slice(next);
        line++;
        inQuotes = false;
        continue;
      }
      if (text.length <= limit()) { carry = text; return; }
      // The row under way is already longer than any CSV line: report it, and read again from its next line end.
      tooLong(line);
      skipping = true;
    }
  };
  for (let start = 0; start < size; start += chunkBytes) {
    const end = Math.min(size, start + chunkBytes);
    let piece = typeof input === 'string'
      ? input.slice(start, end)
      : decoder.decode(await input.slice(start, end).arrayBuffer(), { stream: end < size });
    if (pendingLf) {
      pendingLf = false;
      if (piece.charCodeAt(0) === 10) piece = piece.slice(1);
    }
    take(carry + piece, false);
    options.onProgress?.(end / size);
  }
  take(carry, true);
  options.onProgress?.(1);
}
