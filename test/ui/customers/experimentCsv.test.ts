import { describe, expect, it } from 'vitest';
import { compareGroups } from '../../../src/engine/customers/index.ts';
import { experimentCsv } from '../../../src/ui/customers/experimentCsv.ts';

// Two groups of five customers: B orders a little more and spends more.
const group = (name: string, orders: number[], gross: number[]) => ({ name, orders, gross, revenue: gross });
const result = compareGroups(
  group('=control', [1, 2, 1, 0, 3], [40, 90, 35, 0, 120]),
  group('B, treated', [2, 2, 1, 3, 4], [80, 95, 50, 150, 200]),
  { seed: 1, money: (v) => v.toFixed(2) },
);

describe('experimentCsv', () => {
  it('writes one row per measure with plain numbers, the interval as two columns and the verdict', () => {
    const lines = experimentCsv(result).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('measure,\'=control,"B, treated",difference,interval_low,interval_high,smallest_visible,verdict,method');
    expect(lines).toHaveLength(1 + result.metrics.length);
    const repeat = result.metrics.find((m) => m.key === 'repeatRate')!;
    // Two of five bought again in the first group, four of five in the second: shares, not "40.0%".
    expect([repeat.first, repeat.second]).toEqual([0.4, 0.8]);
    const row = lines[1 + result.metrics.indexOf(repeat)];
    expect(row.startsWith(`${repeat.label},0.4,0.8,0.4,`)).toBe(true);
    expect(row).not.toMatch(/%,|pts/);
  });

  it('writes nothing for a comparison that could not be made', () => {
    const tooSmall = compareGroups(group('A', [1], [10]), group('B', [1], [10]), { seed: 1, money: String });
    expect(tooSmall.problem).toBeTruthy();
    expect(experimentCsv(tooSmall)).toBe('');
  });
});
