/**
 * Which text encoding a file is in, from its first bytes (and, for a long file, a few slices
 * spread through it). A byte-order mark says it outright (UTF-8, UTF-16 little- or big-endian);
 * otherwise the bytes are UTF-8 when their high bytes form UTF-8 sequences, and Windows-1252
 * (what Excel in Western Europe saves as "CSV", a superset of Latin-1) when they do not.
 * UTF-16 without a mark is recognised by its NUL bytes, every other byte in mostly-ASCII text.
 * The platform's TextDecoder reads every one of these.
 */

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export const TEXT_ENCODINGS: readonly TextEncoding[] = ['utf-8', 'windows-1252', 'utf-16le', 'utf-16be'];

export const ENCODING_LABELS: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252 / Latin-1 (Western European)',
  'utf-16le': 'UTF-16 little-endian',
  'utf-16be': 'UTF-16 big-endian',
};

export interface EncodingDetection {
  encoding: TextEncoding;
  /** Whether a byte-order mark at the start said so. */
  bom: boolean;
  /** A sentence for the person when the encoding is a guess worth checking; '' otherwise. */
  note: string;
}

/** The encoding a byte-order mark at the start of `head` names, if any. */
function bomEncoding(head: Uint8Array): TextEncoding | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** UTF-16 without a mark: NULs in one byte of each pair (ASCII letters) and hardly any in the other. */
function unmarkedUtf16(head: Uint8Array): TextEncoding | undefined {
  const pairs = Math.min(2048, head.length >> 1);
  if (pairs < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let k = 0; k < pairs; k++) {
    if (head[2 * k] === 0) evenNul++;
    if (head[2 * k + 1] === 0) oddNul++;
  }
  if (oddNul > 0.4 * pairs && evenNul < 0.05 * pairs) return 'utf-16le';
  if (evenNul > 0.4 * pairs && oddNul < 0.05 * pairs) return 'utf-16be';
  return undefined;
}

/**
 * Counts the high bytes of `bytes` that start a well-formed UTF-8 sequence and those that do
 * not. A slice cut from the middle of a file may start inside a sequence (its first
 * continuation bytes are skipped) and end inside one (not counted against it).
 */
function utf8Sequences(bytes: Uint8Array, fromMiddle: boolean): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  let i = 0;
  if (fromMiddle) while (i < 3 && i < bytes.length && (bytes[i] & 0xc0) === 0x80) i++;
  while (i < bytes.length) {
    const lead = bytes[i];
    if (lead < 0x80) { i++; continue; }
    const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0) { invalid++; i++; continue; }
    if (i + length > bytes.length) break; // cut off at the end of the slice
    let ok = true;
    for (let k = 1; k < length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) { ok = false; break; }
    if (ok) { valid++; i += length; } else { invalid++; i++; }
  }
  return { valid, invalid };
}

/**
 * The encoding of a file from `samples`: its head first, then any slices from further in.
 * UTF-8 wins while at least as many high bytes form UTF-8 sequences as do not (a UTF-8 file
 * with a stray bad byte stays UTF-8); otherwise Windows-1252, with a note saying so. Pure ASCII
 * is UTF-8. Cost: one pass over the samples.
 */
export function detectEncoding(samples: readonly Uint8Array[]): EncodingDetection {
  const head = samples[0] ?? new Uint8Array(0);
  const marked = bomEncoding(head);
  if (marked) return { encoding: marked, bom: true, note: '' };
  const utf16 = unmarkedUtf16(head);
  if (utf16) return { encoding: utf16, bom: false, note: `This file has no byte-order mark; it is read as ${ENCODING_LABELS[utf16]}, which its bytes look like. If the preview looks wrong, choose another encoding.` };
  let valid = 0;
  let invalid = 0;
  samples.forEach((sample, index) => {
    const counts = utf8Sequences(sample, index > 0);
    valid += counts.valid;
    invalid += counts.invalid;
  });
  if (invalid === 0 || valid >= invalid) return { encoding: 'utf-8', bom: false, note: '' };
  return {
    encoding: 'windows-1252', bom: false,
    note: 'This file is not UTF-8, so it is read as Windows-1252 (Western European, as Excel saves "CSV"). If letters look wrong in the preview, choose another encoding.',
  };
}

/** Windows-1252's characters for the bytes 0x80–0x9F (WHATWG Encoding); the five it leaves undefined stay as they are. */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

export interface Decoder {
  decode(bytes: Uint8Array | ArrayBuffer, options?: { stream?: boolean }): string;
}

/**
 * A decoder for `encoding`, streaming (`stream: true` keeps a character cut at the end of one
 * chunk for the next): the platform's TextDecoder, except that Windows-1252's bytes 0x80–0x9F
 * (€, curly quotes, dashes) are mapped here by the standard's table, as some platforms decode
 * them as Latin-1 control characters (Node 20 does).
 */
export function textDecoder(encoding: TextEncoding): Decoder {
  const decoder = new TextDecoder(encoding);
  if (encoding !== 'windows-1252') return decoder;
  return {
    decode: (bytes, options) => decoder.decode(bytes, options).replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]),
  };
}

/** Bytes as text in `encoding` (a byte-order mark of that encoding is dropped). */
export function decodeBytes(bytes: Uint8Array | ArrayBuffer, encoding: TextEncoding): string {
  return textDecoder(encoding).decode(bytes);
}
