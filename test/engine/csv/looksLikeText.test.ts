import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { looksLikeText } from '../../../src/engine/csv/looksLikeText.ts';

describe('looksLikeText', () => {
  it('reads CSV exports, with a BOM, CRLF, tabs and non-Latin names, as text', () => {
    expect(looksLikeText('\uFEFFid,name\r\nA,Café\tüber\r\nB,顧客\r\n')).toBe(true);
    expect(looksLikeText(readFileSync(new URL('../../fixtures/cdnow_sample.csv', import.meta.url), 'utf8').slice(0, 65_536))).toBe(true);
    expect(looksLikeText('')).toBe(true);
  });

  it('refuses a zip (an .xlsx workbook) and a file with NUL bytes', () => {
    // A zip's local file header: "PK\x03\x04", then version, flags and sizes, mostly zero bytes.
    const zip = new TextDecoder().decode(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00]));
    expect(looksLikeText(zip)).toBe(false);
    expect(looksLikeText('id,name\nA,B\u0000\n')).toBe(false);
  });

  it('refuses bytes that are not UTF-8 once more than 1 in 100 characters are unreadable', () => {
    // 200 characters with 3 replacement characters (1.5%) are not text; with 1 (0.5%) they are.
    const base = 'a'.repeat(197);
    expect(looksLikeText(`${base}\uFFFD\uFFFD\uFFFD`)).toBe(false);
    expect(looksLikeText(`${base}bb\uFFFD`)).toBe(true);
  });
});
