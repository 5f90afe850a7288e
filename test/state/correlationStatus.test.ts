import { describe, expect, it } from 'vitest';
import { correlationStatus, formatRho, nearestAsRows, rowsNamed } from '../../src/state/correlationStatus.ts';

const ids = ['A', 'B', 'C', 'D'];

describe('correlationStatus', () => {
  it('uses a valid list whole: pairs and a group sharing one ρ', () => {
    const status = correlationStatus([{ ids: 'A B', rho: '0.5' }, { ids: 'B;C;D', rho: '0.3' }], ids);
    expect(status.problems).toEqual([]);
    expect(status.valid).toBe(true);
    expect(status.usable).toHaveLength(2);
    expect(status.usable[0]).toEqual({ ids: ['A', 'B'], rho: 0.5 });
  });

  it('uses none of a list with a bad row, says what is wrong with it and which row it is', () => {
    const status = correlationStatus([{ ids: 'A B', rho: '0.5' }, { ids: 'A Q', rho: '0.2' }, { ids: 'C D', rho: 'lots' }], ids);
    expect(status.problems).toHaveLength(2);
    expect(status.problems[0]).toMatch(/"Q"/);
    expect(status.usable).toEqual([]);
    expect([...status.badRows]).toEqual([1, 2]);
  });

  it('says plainly when correlations cannot hold at once and offers the nearest set that can', () => {
    // ρ(A,B) = ρ(B,C) = 0.9 and ρ(A,C) = −0.9: the matrix has determinant
    // 1 − 3(0.81) + 2(0.9)(0.9)(−0.9) = 1 − 2.43 − 1.458 < 0, so it is not positive semi-definite.
    const status = correlationStatus([{ ids: 'A B', rho: '0.9' }, { ids: 'B C', rho: '0.9' }, { ids: 'A C', rho: '-0.9' }], ids);
    expect(status.valid).toBe(false);
    expect(status.message).toMatch(/cannot all hold at once/);
    expect(status.usable).toEqual([]);
    expect(status.nearest.length).toBeGreaterThan(0);
    // The nearest set is itself valid.
    const fixed = correlationStatus(status.nearest, ids);
    expect(fixed.valid).toBe(true);
    expect(fixed.problems).toEqual([]);
    expect(fixed.usable.length).toBe(status.nearest.length);
  });

  it('treats an empty list as independence', () => {
    expect(correlationStatus([], ids)).toMatchObject({ valid: true, problems: [], usable: [], nearest: [] });
  });
});

describe('nearestAsRows', () => {
  it('writes each pair as a row with ρ to two decimals, leaving out pairs at zero', () => {
    expect(nearestAsRows([{ ids: ['A', 'B'], rho: 0.5 }, { ids: ['A', 'C'], rho: 0 }, { ids: ['B', 'C'], rho: -0.333 }]))
      .toEqual([{ ids: 'A B', rho: '0.5' }, { ids: 'B C', rho: '-0.33' }]);
    expect(formatRho(0.899999)).toBe('0.9');
  });
});

describe('rowsNamed', () => {
  it('reads the row numbers the problem sentences start with', () => {
    expect([...rowsNamed(['Correlation 3 (A Q): "Q" is not an ID in the journey.', 'Correlation 12: the correlation is empty.', 'Something else'])]).toEqual([2, 11]);
  });
});
