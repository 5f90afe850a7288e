/**
 * The plain rules behind "Save to file…" and "Open file…": what the file is called, what it
 * holds (the open scenario as Export JSON writes it, or every scenario as Export all does: the
 * same versioned format and the same restore path as share links), when a person is reminded
 * that their edits are not in a file yet, and how an opened file is read. No DOM here.
 */
import { readScenarioExport } from './scenarioExport.ts';
import type { ScenarioPayload } from '../share/scenarioFormat.ts';

/** A file's name ends so; the installed app opens such files (the manifest's file_handlers). */
export const FILE_EXTENSION = '.waypoint.json';
/** Edits not in a file for longer than this bring the reminder (downloads only; a linked file is written as edits come). */
export const REMINDER_MS = 24 * 60 * 60 * 1000;
/** Waits this long after the last edit before writing a linked file again. */
export const FILE_WRITE_MS = 1000;
/** An opened file bigger than this is refused without being read. */
export const MAX_OPEN_BYTES = 50_000_000;

/** "Subscription journey" → "Subscription-journey.waypoint.json" (or "journey.waypoint.json" for a name with no letters). */
export function fileNameFor(name: string): string {
  const stem = name.replace(/[^\w.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 80);
  return `${stem || 'journey'}${FILE_EXTENSION}`;
}

/** The file's text for one scenario (what Export JSON writes). */
export function scenarioFileText(scenario: ScenarioPayload): string {
  return JSON.stringify(scenario, null, 1);
}

/** What the page remembers about a scenario's file between visits. */
export interface FileRecord {
  /** The file last saved, and when; absent when it never was. */
  fileName?: string;
  savedAt?: number;
  /** Since when the scenario has edits the file does not have (undefined: none). */
  dirtySince?: number;
}

/** Whether to remind: edits older than REMINDER_MS and not in a file. */
export function reminderDue(record: FileRecord | undefined, now: number): boolean {
  return record?.dirtySince !== undefined && now - record.dirtySince >= REMINDER_MS;
}

/**
 * The record after an edit at `now`: the first edit since the last save starts the count. (An
 * edit undone still counts: telling "back to what the file holds" would mean comparing the whole
 * scenario on every edit, too slow for a journey of thousands of rows.)
 */
export function recordEdited(record: FileRecord | undefined, now: number): FileRecord {
  return { ...record, dirtySince: record?.dirtySince ?? now };
}

/** The record after saving to `fileName` at `now`. */
export function recordSaved(fileName: string, now: number): FileRecord {
  return { fileName, savedAt: now, dirtySince: undefined };
}

export type OpenedFile =
  | { ok: true; scenarios: ScenarioPayload[]; problems: string[] }
  | { ok: false; message: string };

/**
 * The scenarios in an opened .waypoint.json (one scenario or several), each through the one
 * restore path; a file that is not one, or holds no readable scenario, is refused with a
 * sentence and nothing is to change.
 */
export function readWaypointFile(fileName: string, text: string): OpenedFile {
  const reading = readScenarioExport(text);
  if (!reading.ok) return { ok: false, message: `${fileName}: ${reading.message.replace(/\s*Nothing was imported\.$/, '')} Nothing was opened; your notebook is unchanged.` };
  if (!reading.scenarios.length) {
    const why = reading.problems[0] ?? 'it holds no scenario.';
    return { ok: false, message: `${fileName} could not be opened: ${why} Nothing was opened; your notebook is unchanged.` };
  }
  return reading;
}
