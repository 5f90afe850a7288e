/** Event-log rows (case, activity, timestamp) read into typed columns, rows missing any of them reported. */
import { parseDate } from './dates.ts';
import type { DateFormat } from './dates.ts';
import { idTrimmer } from './idTrimmer.ts';
import type { ColumnMapping } from './mapColumns.ts';
import type { BadRow, RowReader } from './rowReader.ts';

/** Event-log rows as columns: one event per row, times as wall-clock minutes. */
export interface EventTable {
  caseId: string[];
  activity: string[];
  minute: Float64Array;
  line: Int32Array;
}

/** A reader of event-log rows (case, activity, timestamp); rows missing any of them are reported, case ids trimmed and counted. */
export function eventReader(mapping: ColumnMapping, dateFormat: DateFormat): RowReader<EventTable> {
  const trimmer = idTrimmer();
  const badRows: BadRow[] = [];
  const caseId: string[] = [];
  const activity: string[] = [];
  const minute: number[] = [];
  const line: number[] = [];
  const column = (row: readonly string[], index: number | undefined) => (index === undefined ? '' : (row[index] ?? '').trim());
  return {
    add(row, at) {
      const id = mapping.case === undefined ? '' : trimmer.trim(row[mapping.case] ?? '');
      const name = column(row, mapping.activity);
      const time = parseDate(column(row, mapping.timestamp), dateFormat);
      if (!id || !name || !Number.isFinite(time)) {
        badRows.push({ line: at, reason: !id ? 'no case id' : !name ? 'no activity' : `timestamp "${column(row, mapping.timestamp)}" is not a date` });
        return;
      }
      caseId.push(id);
      activity.push(name);
      minute.push(time);
      line.push(at);
    },
    finish() {
      return { table: { caseId, activity, minute: Float64Array.from(minute), line: Int32Array.from(line) }, badRows, trimmedIds: trimmer.counts() };
    },
  };
}
