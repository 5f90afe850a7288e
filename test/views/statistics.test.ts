import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatPercent, formatTime, isBranched, mergeBiasSentence, partialNote, probabilityGap } from '../../src/views/statistics.ts';

describe('statistics wording', () => {
  beforeEach(() => vi.stubGlobal('navigator', { language: 'en-US' }));
  afterEach(() => vi.unstubAllGlobals());

  it('writes times with one decimal and the unit, starting with the number', () => {
    expect(formatTime(44.345, 'days')).toBe('44.3 days');
    // Grouped as the browser's locale writes numbers (en-US in this runtime; de-DE in localeNumbers.test.ts).
    expect(formatTime(1234.56, 'hours')).toBe('1,234.6 hours');
  });

  it('writes probabilities as percentages with one decimal', () => {
    expect(formatPercent(0.8163)).toBe('81.6%');
    expect(formatPercent(1)).toBe('100.0%');
  });

  it('describes a run stopped early as partial, with both counts', () => {
    expect(partialNote({ complete: false, iterations: 3000, requestedIterations: 10000 })).toBe('(partial: 3,000 of 10,000 iterations)');
    expect(partialNote({ complete: true, iterations: 10000, requestedIterations: 10000 })).toBe('');
  });

  it('measures the gap between the classic and simulated answers in percentage points', () => {
    expect(probabilityGap({ pTarget: 0.754 }, { pTarget: 0.874 })).toBeCloseTo(12, 9);
  });

  it('explains merge bias in one sentence when PERT is more than 5 points more hopeful', () => {
    const sentence = mergeBiasSentence({ pTarget: 0.754 }, { pTarget: 0.874 });
    expect(sentence).toMatch(/parallel branches merge/);
    expect(sentence).toMatch(/merge bias/);
    expect(sentence).toMatch(/12 points/);
    // One sentence: a single full stop, at the end.
    expect(sentence.match(/\.(\s|$)/g)).toHaveLength(1);
  });

  it('says nothing when the two answers are within 5 points', () => {
    expect(mergeBiasSentence({ pTarget: 0.80 }, { pTarget: 0.849 })).toBe('');
    expect(mergeBiasSentence({ pTarget: 0.80 }, { pTarget: 0.75 })).toBe('');
  });

  it('explains a classic answer more than 5 points less hopeful in one sentence too', () => {
    const sentence = mergeBiasSentence({ pTarget: 0.9 }, { pTarget: 0.8 });
    expect(sentence).toMatch(/less hopeful/);
    expect(sentence.match(/\.(\s|$)/g)).toHaveLength(1);
  });

  it('calls a journey branched when a touchpoint happens only sometimes or is one choice of a group', () => {
    expect(isBranched([{ probability: 1, group: '' }, { probability: 1, group: '' }])).toBe(false);
    expect(isBranched([{ probability: 1, group: '' }, { probability: 0.25, group: '' }])).toBe(true);
    expect(isBranched([{ probability: 1, group: 'Signup' }])).toBe(true);
    expect(isBranched([{}])).toBe(false);
  });
});
