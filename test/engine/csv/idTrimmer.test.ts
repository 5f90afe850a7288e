import { describe, expect, it } from 'vitest';
import { idTrimmer } from '../../../src/engine/csv/idTrimmer.ts';

describe('idTrimmer', () => {
  it('trims spaces, tabs, CR and no-break spaces the one way, and counts the distinct ids and rows it trimmed', () => {
    const trimmer = idTrimmer();
    expect([' C1', 'C1', '\tC1', 'C1\r', ' C1', 'C2', '\u00a0C3\u00a0', '   '].map(trimmer.trim)).toEqual(['C1', 'C1', 'C1', 'C1', 'C1', 'C2', 'C3', '']);
    // " C1" twice is one id on two rows; an id of spaces only is empty, not trimmed.
    expect(trimmer.counts()).toEqual({ ids: 4, rows: 5 });
    expect(idTrimmer().counts()).toEqual({ ids: 0, rows: 0 });
  });
});
