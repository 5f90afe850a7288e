import { describe, expect, it } from 'vitest';
import { neutraliseFormula } from '../../../src/engine/csv/neutraliseFormula.ts';

describe('neutraliseFormula', () => {
  it('prefixes text a spreadsheet would run as a formula with an apostrophe (OWASP, "CSV Injection")', () => {
    for (const text of ['=1+1', '+cmd', '-2+3', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x")']) expect(neutraliseFormula(text)).toBe(`'${text}`);
  });

  it('leaves plain numbers, signed ones included, and ordinary text alone', () => {
    for (const text of ['-3', '+4.5', '-1e3', '-.5', '12', 'Smith', 'a=b', '']) expect(neutraliseFormula(text)).toBe(text);
  });
});
