import { describe, expect, it } from 'vitest';
import { formatLink, parseDependsOn, parseLinks, parseProbability, parseTime } from '../../../src/engine/journey/cellText.ts';

describe('cell parsing', () => {
  it('reads dependencies separated by semicolons, commas or spaces', () => {
    expect(parseDependsOn(' A;B, C  D ')).toEqual(['A', 'B', 'C', 'D']);
    expect(parseDependsOn('')).toEqual([]);
  });

  it('reads times with a decimal point or a decimal comma and rejects the rest', () => {
    expect(parseTime('3.5')).toBe(3.5);
    expect(parseTime(' 3,5 ')).toBe(3.5);
    expect(parseTime('1e2')).toBe(100);
    expect(parseTime('3 days')).toBeNaN();
    expect(parseTime('')).toBeNaN();
  });
});


describe('links with types and lags', () => {
  const strip = (text: string, known?: string[]) =>
    parseLinks(text, known && new Set(known)).map(({ id, type, lag, error }) => (error ? { id, error } : { id, type, lag }));

  it('reads finish-to-start lags, negative lags and start-to-start links', () => {
    expect(strip('B+7')).toEqual([{ id: 'B', type: 'FS', lag: 7 }]);
    expect(strip('B-2')).toEqual([{ id: 'B', type: 'FS', lag: -2 }]);
    expect(strip('B FS+7')).toEqual([{ id: 'B', type: 'FS', lag: 7 }]);
    expect(strip('B SS')).toEqual([{ id: 'B', type: 'SS', lag: 0 }]);
    expect(strip('B SS+2; C ss-1.5, D + 3')).toEqual([
      { id: 'B', type: 'SS', lag: 2 }, { id: 'C', type: 'SS', lag: -1.5 }, { id: 'D', type: 'FS', lag: 3 },
    ]);
  });

  it('keeps the old separators: "A;B", "A,B", "A B"', () => {
    for (const text of ['A;B', 'A,B', 'A B', ' A ;  B ']) expect(parseDependsOn(text)).toEqual(['A', 'B']);
    expect(strip('A B SS')).toEqual([{ id: 'A', type: 'FS', lag: 0 }, { id: 'B', type: 'SS', lag: 0 }]);
  });

  it('takes a known id with a dash whole', () => {
    expect(strip('T-1', ['T-1'])).toEqual([{ id: 'T-1', type: 'FS', lag: 0 }]);
    expect(strip('T-1+4', ['T-1'])).toEqual([{ id: 'T-1', type: 'FS', lag: 4 }]);
  });

  it('writes links back in a form it reads', () => {
    for (const link of [{ id: 'B', type: 'FS', lag: 0 }, { id: 'B', type: 'FS', lag: -2 }, { id: 'B', type: 'SS', lag: 2.5 }] as const) {
      expect(strip(formatLink(link))).toEqual([link]);
    }
  });
});

describe('probabilities', () => {
  it('reads probabilities as typed', () => {
    expect(parseProbability('')).toEqual({ value: 1 });
    expect(parseProbability('25%').value).toBe(0.25);
    expect(parseProbability(' 25 % ').value).toBe(0.25);
    expect(parseProbability('0.25').value).toBe(0.25);
    expect(parseProbability('0,25').value).toBe(0.25);
    expect(parseProbability('100%').value).toBe(1);
  });
});
