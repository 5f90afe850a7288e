/** Reading a command’s file: its encoding (with a line on stderr when guessed), over-long lines, the decimal mark of its amount columns, a customer summary, and the cleaning step as JSON. */
import { openAsBlob, readFileSync } from 'node:fs';
import type { CustomerSummary } from '../engine/repurchase/index.ts';
import { decodeBytes, detectColumnsDecimalMark, detectEncoding, inspectCustomerFile, MAX_LINE_CHARS, numberColumns, TEXT_ENCODINGS } from '../engine/csv/index.ts';
import type { ColumnMapping, DecimalMark, Inspection, ParsedFile, TextEncoding, TrimmedIds } from '../engine/csv/index.ts';
import { cleaningSentence } from '../engine/customers/index.ts';
import type { CleaningSummary } from '../engine/customers/index.ts';
import { readCustomerSummary } from '../engine/csv/index.ts';
import { UsageError, InputError } from './errors.ts';
import { round } from './flags.ts';

/** The encoding `--encoding` names, or undefined for auto (the file's bytes decide). */
function encodingFlag(flags: Map<string, string>): TextEncoding | undefined {
  const asked = flags.get('encoding') ?? 'auto';
  if (asked !== 'auto' && !TEXT_ENCODINGS.includes(asked as TextEncoding)) {
    throw new UsageError(`--encoding must be auto, ${TEXT_ENCODINGS.join(', ')} (got "${asked}").`);
  }
  return asked === 'auto' ? undefined : asked as TextEncoding;
}

/**
 * A customer file opened the way the app opens one, without reading it whole: a Blob over the
 * file on disk (read in slices as it is streamed), and the inspection of its head (kind,
 * mapping, encoding, date format) by inspectCustomerFile. A CSV in any encoding or a Parquet
 * file. A guessed encoding is said on stderr; a file whose head cannot be read is refused.
 */
export async function openCustomerFile(file: string, flags: Map<string, string>): Promise<{ blob: Blob; inspection: Inspection }> {
  const encoding = encodingFlag(flags);
  let blob: Blob;
  try {
    blob = await openAsBlob(file);
  } catch (error) {
    throw new InputError([`${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'}).`]);
  }
  const inspection = await inspectCustomerFile(blob, { encoding });
  if (inspection.problem) throw new InputError([`${file}:1: ${inspection.problem}`]);
  if (!encoding && inspection.encodingNote) {
    process.stderr.write(`${file}: ${inspection.encodingNote.replace('in the preview, choose another encoding', 'in the output, name the encoding with --encoding')}\n`);
  }
  return { blob, inspection };
}

/**
 * The file as text, in the encoding `--encoding` names or the one its bytes show (said on
 * stderr when it is not UTF-8 by a guess); a line too long for any CSV is refused by its number.
 */
export function readText(file: string, flags: Map<string, string>): { text: string; encoding: TextEncoding } {
  const asked = encodingFlag(flags) ?? 'auto';
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new InputError([`${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'}).`]);
  }
  let encoding = asked as TextEncoding;
  if (asked === 'auto') {
    const detection = detectEncoding([bytes]);
    encoding = detection.encoding;
    if (detection.note) process.stderr.write(`${file}: ${detection.note.replace('in the preview, choose another encoding', 'in the output, name the encoding with --encoding')}\n`);
  }
  const text = decodeBytes(bytes, encoding);
  const long = longLine(text);
  if (long) {
    throw new InputError([`${file}:${long}: line ${long} is longer than 1 MB, far longer than a CSV line (is a quote left open on it, or is this not a CSV?). Nothing was read.`]);
  }
  return { text, encoding };
}

/** The number of the first line longer than MAX_LINE_CHARS (the header may be 4 times as long), or 0. */
export function longLine(text: string): number {
  let line = 1;
  let from = 0;
  for (;;) {
    const at = text.slice(from, from + 4 * MAX_LINE_CHARS + 2).search(/\r\n|\r|\n/);
    const length = at < 0 ? text.length - from : at;
    if (length > (line === 1 ? 4 : 1) * MAX_LINE_CHARS) return line;
    if (at < 0) return 0;
    from += at + (text.startsWith('\r\n', from + at) ? 2 : 1);
    line++;
  }
}

/** The decimal mark the number columns of a file show (see detectDecimalMark). */
export function fileDecimal(parsed: ParsedFile, mapping: ColumnMapping): DecimalMark {
  const kind = parsed.kind === 'customer-summary' ? 'customer-summary' : 'transactions';
  return detectColumnsDecimalMark(parsed.rows, numberColumns(kind, mapping), parsed.delimiter).decimal;
}

export function customerSummaryOf(file: string, parsed: ParsedFile, decimal: DecimalMark): { summary: CustomerSummary; trimmedIds: TrimmedIds } {
  const { summary, badRows, trimmedIds } = readCustomerSummary(parsed, decimal);
  if (badRows.length > 0) throw new InputError(badRows.slice(0, 100).map((bad) => `${file}:${bad.line}: ${bad.reason}`));
  return { summary, trimmedIds };
}

/** The cleaning step's summary as the CLI prints it: lines and money per rule, money to the cent. */
export function cleaningJson(summary: CleaningSummary, partial: string) {
  return {
    rules: Object.fromEntries(Object.entries(summary.rules).map(([rule, total]) => [rule, { lines: total.lines, money: round(total.money, 2) }])),
    cancellationsNetted: summary.cancellationsNetted,
    ordersReversed: summary.ordersReversed,
    ordersPartlyReversed: summary.ordersPartlyReversed,
    notProducts: summary.notProductsByCode.slice(0, 20).map((entry) => ({ ...entry, money: round(entry.money, 2) })),
    cancellationsMarkedWithC: summary.cancellationsMarkedWithC,
    sentence: cleaningSentence(summary),
    ...(partial ? { partial } : {}),
  };
}
