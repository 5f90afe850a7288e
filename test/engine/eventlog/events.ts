/** Event tables written out by hand, for the event-log wing's tests. */
import type { EventTable } from '../../../src/engine/csv/index.ts';

export const DAY = 1440;
/** 2024-03-01 00:00, in minutes since 1970. */
export const t0 = Date.UTC(2024, 2, 1) / 60_000;

/** Events of [case, activity, days after t0]; file lines from 2. */
export function events(list: [string, string, number][]): EventTable {
  return {
    caseId: list.map((e) => e[0]), activity: list.map((e) => e[1]), minute: Float64Array.from(list, (e) => t0 + e[2] * DAY),
    line: Int32Array.from(list, (_, i) => i + 2),
  };
}
