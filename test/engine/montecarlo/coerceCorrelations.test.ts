import { describe, expect, it } from 'vitest';
import { coerceCorrelations } from '../../../src/engine/montecarlo/coerceCorrelations.ts';

describe('coerceCorrelations', () => {
  const ids = ['A', 'B', 'C', 'D'];

  it('reads pairs and groups with any separator and ρ as a number or percentage', () => {
    expect(coerceCorrelations([{ ids: 'A;B', rho: '0.6' }, { ids: 'B, C D', rho: '-0,3' }, { ids: 'A C', rho: '50%' }, { ids: '', rho: '' }], ids))
      .toEqual({ correlations: [{ ids: ['A', 'B'], rho: 0.6 }, { ids: ['B', 'C', 'D'], rho: -0.3 }, { ids: ['A', 'C'], rho: 0.5 }], problems: [] });
  });

  it('reports unknown ids, too few ids, bad numbers and a pair given two values', () => {
    const { correlations, problems } = coerceCorrelations([
      { ids: 'A;Q', rho: '0.5' }, { ids: 'A', rho: '0.5' }, { ids: 'A;B', rho: 'high' }, { ids: 'A;B', rho: '1.5' },
      { ids: 'A;B', rho: '' }, { ids: 'C;D', rho: '0.2' }, { ids: 'B;C;D', rho: '0.4' },
    ], ids);
    expect(correlations).toEqual([{ ids: ['C', 'D'], rho: 0.2 }]);
    expect(problems).toEqual([
      'Correlation 1 (A;Q): "Q" is not an ID in the journey.',
      'Correlation 2 (A): name at least two touchpoints, such as "A; B".',
      'Correlation 3 (A;B): "high" is not a number; enter one between −1 and 1, such as 0.6.',
      'Correlation 4 (A;B): 1.5 is outside −1 to 1.',
      'Correlation 5 (A;B): the correlation is empty; enter a number between −1 and 1, such as 0.6.',
      'Correlation 7 (B;C;D): C and D are already correlated at 0.2 in correlation 6; keep one value.',
    ]);
  });
});
