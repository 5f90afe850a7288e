import { describe, expect, it } from 'vitest';
import { decodeBytes, detectEncoding } from '../../../src/engine/csv/detectEncoding.ts';

/** Text as Latin-1 / Windows-1252 bytes (every character here is below U+0100). */
const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const utf8 = (text: string) => new TextEncoder().encode(text);
function utf16(text: string, order: 'le' | 'be', bom = true): Uint8Array {
  const bytes = new Uint8Array(2 * text.length + (bom ? 2 : 0));
  let at = 0;
  if (bom) { bytes.set(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]); at = 2; }
  for (let i = 0; i < text.length; i++, at += 2) {
    const code = text.charCodeAt(i);
    bytes[at + (order === 'le' ? 0 : 1)] = code & 0xff;
    bytes[at + (order === 'le' ? 1 : 0)] = code >> 8;
  }
  return bytes;
}

describe('detectEncoding', () => {
  it('takes a byte-order mark at its word: UTF-8, UTF-16 little- and big-endian', () => {
    expect(detectEncoding([Uint8Array.of(0xef, 0xbb, 0xbf, 0x61)])).toEqual({ encoding: 'utf-8', bom: true, note: '' });
    expect(detectEncoding([utf16('Müller;12,50', 'le')])).toEqual({ encoding: 'utf-16le', bom: true, note: '' });
    expect(detectEncoding([utf16('Müller;12,50', 'be')])).toEqual({ encoding: 'utf-16be', bom: true, note: '' });
  });

  it('reads bytes that form UTF-8 sequences (or plain ASCII) as UTF-8, without a note', () => {
    expect(detectEncoding([utf8('Kunde;Betrag\nMüller;12,50\nZoë;3\n')])).toEqual({ encoding: 'utf-8', bom: false, note: '' });
    expect(detectEncoding([utf8('customer,amount\nC1,12.50\n')]).encoding).toBe('utf-8');
    expect(detectEncoding([]).encoding).toBe('utf-8');
    // One stray byte in a UTF-8 file with accents does not turn it into Windows-1252.
    expect(detectEncoding([Uint8Array.from([...utf8('Müller;Zoë;Åsa;'), 0xff])]).encoding).toBe('utf-8');
  });

  it('falls back to Windows-1252 for a Latin-1 file, with a sentence saying so', () => {
    const detection = detectEncoding([latin1('Kunde;Betrag\nMüller;12,50\n')]);
    expect(detection.encoding).toBe('windows-1252');
    expect(detection.note).toBe('This file is not UTF-8, so it is read as Windows-1252 (Western European, as Excel saves "CSV"). If letters look wrong in the preview, choose another encoding.');
    expect(decodeBytes(latin1('Müller;12,50'), detection.encoding)).toBe('Müller;12,50');
    // Windows-1252's own characters in 0x80–0x9F: the euro sign and curly quotes.
    expect(decodeBytes(Uint8Array.of(0x80, 0x93, 0x94), 'windows-1252')).toBe('€“”');
  });

  it('finds Latin-1 letters in a slice further in when the head is plain ASCII', () => {
    const head = latin1('customer;amount\nSmith;1\n');
    const later = latin1('ller;2\nMüller;3\nJürgen;4\n');
    expect(detectEncoding([head]).encoding).toBe('utf-8');
    expect(detectEncoding([head, later]).encoding).toBe('windows-1252');
    // A slice that starts inside a UTF-8 sequence does not count against UTF-8.
    const cut = utf8('xü;Müller;Zoë').slice(2);
    expect(detectEncoding([head, cut]).encoding).toBe('utf-8');
  });

  it('recognises UTF-16 without a mark by its NUL bytes, and says it guessed', () => {
    const little = detectEncoding([utf16('customer,amount\nC1,12\n', 'le', false)]);
    expect(little.encoding).toBe('utf-16le');
    expect(little.note).toMatch(/^This file has no byte-order mark; it is read as UTF-16 little-endian/);
    expect(detectEncoding([utf16('customer,amount\nC1,12\n', 'be', false)]).encoding).toBe('utf-16be');
  });

  it('decodes with the byte-order mark dropped', () => {
    expect(decodeBytes(utf16('a,b', 'le'), 'utf-16le')).toBe('a,b');
    expect(decodeBytes(utf16('a,b', 'be'), 'utf-16be')).toBe('a,b');
    expect(decodeBytes(Uint8Array.of(0xef, 0xbb, 0xbf, 0x61), 'utf-8')).toBe('a');
  });
});
