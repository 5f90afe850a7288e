import { describe, expect, it } from 'vitest';
import { eventReader } from '../../../src/engine/csv/eventReader.ts';

describe('eventReader', () => {
  it('reads case, activity and timestamp into columns, times as wall-clock minutes', () => {
    const reader = eventReader({ case: 0, activity: 1, timestamp: 2 }, 'iso');
    reader.add(['1', 'Ad', '2024-01-01T08:30'], 2);
    reader.add([' 1 ', ' Buy ', '2024-01-03'], 3);
    const { table, badRows } = reader.finish();
    expect(badRows).toEqual([]);
    expect(table.caseId).toEqual(['1', '1']);
    expect(table.activity).toEqual(['Ad', 'Buy']);
    expect(Array.from(table.minute)).toEqual([Date.UTC(2024, 0, 1, 8, 30) / 60_000, Date.UTC(2024, 0, 3) / 60_000]);
    expect(Array.from(table.line)).toEqual([2, 3]);
  });

  it('reports a row without a case, an activity or a readable timestamp by line', () => {
    const reader = eventReader({ case: 0, activity: 1, timestamp: 2 }, 'iso');
    reader.add(['', 'Ad', '2024-01-01'], 2);
    reader.add(['1', '', '2024-01-01'], 3);
    reader.add(['1', 'Ad', 'soon'], 4);
    const { table, badRows } = reader.finish();
    expect(table.caseId).toEqual([]);
    expect(badRows).toEqual([
      { line: 2, reason: 'no case id' },
      { line: 3, reason: 'no activity' },
      { line: 4, reason: 'timestamp "soon" is not a date' },
    ]);
  });
});
