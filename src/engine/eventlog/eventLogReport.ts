/**
 * Journey times from an event log (case, activity, timestamp): for each pair of consecutive
 * events in a case, the time from one touchpoint to the next; per touchpoint, the time from the
 * event before it, which is what its three-point estimate describes.
 */
import { detectDateFormat } from '../csv/index.ts';
import type { DateFormat } from '../csv/index.ts';
import { eventReader } from '../csv/index.ts';
import type { BadRow, EventTable, ParsedFile } from '../csv/index.ts';
import { quantileSorted } from '../math/index.ts';

export interface TimeSummary { count: number; p10: number; median: number; mode: number; p90: number }

export interface EventLogReport {
  cases: number;
  events: number;
  badRows: BadRow[];
  /** "A → B" transitions, most frequent first, times in days. */
  transitions: ({ from: string; to: string } & TimeSummary)[];
  /** Time into each activity from the event before it in the same case, in days. */
  activities: ({ activity: string } & TimeSummary)[];
}

/**
 * The half-sample mode (Bickel & Frühwirth 2006): repeatedly keep the shortest interval
 * holding half of the sorted values, until two or fewer remain; their mean is the mode. Robust
 * and needs no bandwidth. `sorted` ascending; NaN when empty.
 */
export function halfSampleMode(sorted: ArrayLike<number>): number {
  let low = 0;
  let high = sorted.length - 1;
  if (high < 0) return NaN;
  while (high - low + 1 > 2) {
    const half = Math.ceil((high - low + 1) / 2);
    let best = low;
    let width = Infinity;
    for (let i = low; i + half - 1 <= high; i++) {
      const w = sorted[i + half - 1] - sorted[i];
      if (w < width) { width = w; best = i; }
    }
    low = best;
    high = best + half - 1;
  }
  return (sorted[low] + sorted[high]) / 2;
}

function summarize(values: number[]): TimeSummary {
  const sorted = Float64Array.from(values).sort();
  return {
    count: sorted.length, p10: quantileSorted(sorted, 0.1), median: quantileSorted(sorted, 0.5),
    mode: halfSampleMode(sorted), p90: quantileSorted(sorted, 0.9),
  };
}

/** Reads an event log already split into rows (see parseCustomerFile) into journey times. */
export function eventLogReport(file: ParsedFile, options: { dateFormat?: DateFormat } = {}): EventLogReport {
  const stamps = file.rows.slice(0, 2000).map((row) => (row[file.mapping.timestamp ?? -1] ?? '').trim()).filter((s) => s !== '');
  const reader = eventReader(file.mapping, options.dateFormat ?? detectDateFormat(stamps).format ?? 'iso');
  file.rows.forEach((row, index) => reader.add(row, file.lines[index]));
  const { table, badRows } = reader.finish();
  return eventLogFromTable(table, badRows);
}

/** Each case's events in time order (indices into the table). Cost: O(n log n). */
export function eventsByCase(table: EventTable): Map<string, number[]> {
  const byCase = new Map<string, number[]>();
  for (let i = 0; i < table.caseId.length; i++) {
    let list = byCase.get(table.caseId[i]);
    if (!list) { list = []; byCase.set(table.caseId[i], list); }
    list.push(i);
  }
  for (const list of byCase.values()) list.sort((x, y) => table.minute[x] - table.minute[y] || x - y);
  return byCase;
}

/** Journey times from an event table: transitions and the time into each activity, in days. */
export function eventLogFromTable(table: EventTable, badRows: BadRow[]): EventLogReport {
  const transitions = new Map<string, number[]>();
  const into = new Map<string, number[]>();
  const byCase = eventsByCase(table);
  for (const list of byCase.values()) {
    for (let k = 1; k < list.length; k++) {
      const from = table.activity[list[k - 1]];
      const to = table.activity[list[k]];
      const days = (table.minute[list[k]] - table.minute[list[k - 1]]) / 1440;
      const key = `${from}\u0000${to}`;
      (transitions.get(key) ?? transitions.set(key, []).get(key)!).push(days);
      (into.get(to) ?? into.set(to, []).get(to)!).push(days);
    }
  }
  return {
    cases: byCase.size, events: table.caseId.length, badRows,
    transitions: [...transitions].map(([key, values]) => {
      const [from, to] = key.split('\u0000');
      return { from, to, ...summarize(values) };
    }).sort((x, y) => y.count - x.count),
    activities: [...into].map(([activity, values]) => ({ activity, ...summarize(values) })).sort((x, y) => y.count - x.count),
  };
}
