/**
 * Journey times from an event log (case, activity, timestamp): for each pair of consecutive
 * events in a case, the time from one touchpoint to the next; per touchpoint, the time from the
 * event before it, which is what its three-point estimate describes.
 */
import { detectDateFormat, parseDate } from './dates.ts';
import type { DateFormat } from './dates.ts';
import type { BadRow, ParsedFile } from './customerData.ts';
import { quantileSorted } from './statistics.ts';

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
  const { mapping } = file;
  const badRows: BadRow[] = [];
  const column = (row: string[], index: number | undefined) => (index === undefined ? '' : (row[index] ?? '').trim());
  const stamps = file.rows.slice(0, 2000).map((row) => column(row, mapping.timestamp)).filter((s) => s !== '');
  const format = options.dateFormat ?? detectDateFormat(stamps).format ?? 'iso';
  const byCase = new Map<string, { activity: string; minute: number }[]>();
  file.rows.forEach((row, index) => {
    const id = column(row, mapping.case);
    const activity = column(row, mapping.activity);
    const minute = parseDate(column(row, mapping.timestamp), format);
    if (!id || !activity || !Number.isFinite(minute)) {
      badRows.push({ line: file.lines[index], reason: !id ? 'no case id' : !activity ? 'no activity' : `timestamp "${column(row, mapping.timestamp)}" is not a date` });
      return;
    }
    let events = byCase.get(id);
    if (!events) { events = []; byCase.set(id, events); }
    events.push({ activity, minute });
  });
  const transitions = new Map<string, number[]>();
  const into = new Map<string, number[]>();
  let events = 0;
  for (const list of byCase.values()) {
    list.sort((x, y) => x.minute - y.minute);
    events += list.length;
    for (let k = 1; k < list.length; k++) {
      const days = (list[k].minute - list[k - 1].minute) / 1440;
      const key = `${list[k - 1].activity}\u0000${list[k].activity}`;
      (transitions.get(key) ?? transitions.set(key, []).get(key)!).push(days);
      (into.get(list[k].activity) ?? into.set(list[k].activity, []).get(list[k].activity)!).push(days);
    }
  }
  return {
    cases: byCase.size, events, badRows,
    transitions: [...transitions].map(([key, values]) => {
      const [from, to] = key.split('\u0000');
      return { from, to, ...summarize(values) };
    }).sort((x, y) => y.count - x.count),
    activities: [...into].map(([activity, values]) => ({ activity, ...summarize(values) })).sort((x, y) => y.count - x.count),
  };
}
