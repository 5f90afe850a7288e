import { describe, expect, it } from 'vitest';
import { parseCustomerFile } from '../../../src/engine/csv/index.ts';
import { customerReport } from '../../../src/engine/customers/customerReport.ts';
import { eventLogFromTable, eventLogReport, eventsByCase, halfSampleMode } from '../../../src/engine/eventlog/eventLogReport.ts';
import { events } from './events.ts';

describe('event logs', () => {
  it('gives transition and per-touchpoint times in days, with the half-sample mode', async () => {
    // By hand: the shortest half of 8 values is [2, 2, 2.1, 2.2] (width 0.2); of those 4, [2, 2] (width 0); mode 2.
    expect(halfSampleMode([1, 2, 2, 2.1, 2.2, 5, 9, 20])).toBe(2);
    const rows = ['case:concept:name,concept:name,time:timestamp'];
    for (let c = 0; c < 10; c++) rows.push(`${c},Ad,2024-01-01T00:00`, `${c},Trial,2024-01-0${2 + (c % 3)}T00:00`, `${c},Buy,2024-01-09T00:00`);
    rows.push('x,Ad,not a date');
    const report = customerReport(rows.join('\n'));
    expect(report.ok && report.kind).toBe('event-log');
    if (!report.ok || report.kind !== 'event-log') throw new Error('expected an event-log report');
    expect(report.eventLog.cases).toBe(10);
    expect(report.eventLog.badRows).toEqual([{ line: 32, reason: 'timestamp "not a date" is not a date' }]);
    const trial = report.eventLog.activities.find((a) => a.activity === 'Trial')!;
    // Ad → Trial takes 1, 2 or 3 days (cases 0..9: 4 × 1, 3 × 2, 3 × 3).
    expect(trial.count).toBe(10);
    expect(trial.median).toBe(2);
    expect(report.eventLog.transitions[0].count).toBe(10);
  });
});

describe('halfSampleMode', () => {
  it('is NaN for no values, the value for one, and the mean of the last two', () => {
    expect(halfSampleMode([])).toBeNaN();
    expect(halfSampleMode([3])).toBe(3);
    expect(halfSampleMode([1, 4])).toBe(2.5);
    // [1, 1.1, 1.5, 8, 9]: the shortest 3 are [1, 1.1, 1.5], of those the shortest 2 [1, 1.1]: mode 1.05.
    expect(halfSampleMode([1, 1.1, 1.5, 8, 9])).toBeCloseTo(1.05, 12);
  });
});

describe('eventsByCase', () => {
  it('gives each case its events in time order, a tie in file order', () => {
    const table = events([['b', 'Buy', 3], ['a', 'Ad', 0], ['b', 'Ad', 1], ['b', 'Mail', 1]]);
    expect([...eventsByCase(table)]).toEqual([['b', [2, 3, 0]], ['a', [1]]]);
  });
});

describe('eventLogFromTable', () => {
  it('times each step from the case\'s event before it, in days, most frequent first', () => {
    // Two cases Ad → Buy in 1 and 3 days; one Ad → Mail → Buy (0.5 and 2 days).
    const table = events([['1', 'Ad', 0], ['1', 'Buy', 1], ['2', 'Ad', 0], ['2', 'Buy', 3], ['3', 'Ad', 0], ['3', 'Mail', 0.5], ['3', 'Buy', 2.5]]);
    const report = eventLogFromTable(table, [{ line: 9, reason: 'no activity' }]);
    expect(report).toMatchObject({ cases: 3, events: 7, badRows: [{ line: 9, reason: 'no activity' }] });
    expect(report.transitions.map((t) => [t.from, t.to, t.count])).toEqual([['Ad', 'Buy', 2], ['Ad', 'Mail', 1], ['Mail', 'Buy', 1]]);
    expect(report.transitions[0]).toMatchObject({ median: 2, mode: 2 });
    // Into Buy: 1, 3 and 2 days (median 2); into Mail: 0.5.
    expect(report.activities.map((a) => [a.activity, a.count, a.median])).toEqual([['Buy', 3, 2], ['Mail', 1, 0.5]]);
  });
});

describe('eventLogReport', () => {
  it('reads the timestamps in the format given, or the one the file\'s dates settle', () => {
    const text = 'case,activity,timestamp\n1,Ad,2/1/2024\n1,Buy,4/1/2024\n';
    // Day-first: 2 January to 4 January, 2 days; month-first (the default for dates both ways): 1 February to 1 April, 60 days.
    expect(eventLogReport(parseCustomerFile(text), { dateFormat: 'dmy' }).transitions[0].median).toBe(2);
    expect(eventLogReport(parseCustomerFile(text)).transitions[0].median).toBe(60);
  });
});
