/**
 * The "Export all" file: every stored scenario in one JSON document, `{ v, scenarios }`, for
 * safekeeping and for moving to another browser. Reading one back is reading untrusted input:
 * the file's own `v` is checked first (an unknown or newer version imports nothing), then each
 * scenario goes through restoreScenario (migrate → validate) on its own, so one damaged
 * scenario is reported without losing the others. A single scenario's JSON (the "Export JSON"
 * file) is read too, as a list of one.
 */
import { restoreScenario } from '../share/scenarioFormat.ts';
import type { ScenarioPayload } from '../share/scenarioFormat.ts';
import { ROW_FIELDS } from './scenarioMerge.ts';

export const EXPORT_VERSION = 1;

/** At most this many scenarios are read from one file. */
export const EXPORT_LIMIT = 1000;

export type ExportReading =
  | { ok: true; scenarios: ScenarioPayload[]; problems: string[] }
  | { ok: false; message: string };

/** The export file's text for `scenarios`. */
export function scenarioExport(scenarios: readonly ScenarioPayload[]): string {
  return JSON.stringify({ v: EXPORT_VERSION, scenarios }, null, 1);
}

/**
 * The scenarios of an export file (or of one scenario's JSON), each restored, with a sentence
 * for each one that could not be; or, for a file that is not JSON or is an export of a version
 * this Waypoint does not know, a plain sentence and nothing to import.
 */
export function readScenarioExport(text: string): ExportReading {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, message: 'That file is not a Waypoint export (it is not JSON). Nothing was imported.' };
  }
  const isExport = data !== null && typeof data === 'object' && Array.isArray((data as { scenarios?: unknown }).scenarios);
  if (isExport) {
    const version = (data as { v?: unknown }).v;
    if (typeof version === 'number' && version > EXPORT_VERSION) {
      return { ok: false, message: `That file was exported by a newer Waypoint (export version ${version}); reload the app to update it, then import again. Nothing was imported.` };
    }
    if (typeof version !== 'number') {
      return { ok: false, message: 'That export has no version number, so Waypoint cannot tell how to read it. Nothing was imported.' };
    }
    if (version !== EXPORT_VERSION) {
      return { ok: false, message: `That file's export version (${version}) is not one Waypoint knows. Nothing was imported.` };
    }
  }
  const items = isExport ? (data as { scenarios: unknown[] }).scenarios : [data];
  const scenarios: ScenarioPayload[] = [];
  const problems: string[] = [];
  for (const item of items.slice(0, EXPORT_LIMIT)) {
    const restored = restoreScenario(item);
    if (restored.ok) scenarios.push(restored.scenario);
    else problems.push(restored.message);
  }
  return { ok: true, scenarios, problems };
}

/**
 * A scenario's content as one string: its name, settings, rows and correlations, cell by cell
 * (not its storage id or times). Two scenarios with the same fingerprint are the same scenario.
 */
export function scenarioFingerprint(scenario: ScenarioPayload): string {
  const { target, iterations, seed, timeUnit } = scenario.settings;
  return JSON.stringify([
    scenario.name.trim(), [target, iterations, seed, timeUnit],
    scenario.rows.map((row) => ROW_FIELDS.map((field) => (row[field] ?? '').trim())),
    (scenario.correlations ?? []).map((c) => [c.ids.trim(), c.rho.trim()]),
  ]);
}

/**
 * The scenarios of an import that are not here yet: one identical (see scenarioFingerprint) to
 * a scenario already stored, or to one earlier in the same file, is left out and counted.
 */
export function scenariosNotHere(incoming: readonly ScenarioPayload[], stored: readonly ScenarioPayload[]): { fresh: ScenarioPayload[]; alreadyHere: number } {
  const seen = new Set(stored.map(scenarioFingerprint));
  const fresh: ScenarioPayload[] = [];
  for (const scenario of incoming) {
    const print = scenarioFingerprint(scenario);
    if (seen.has(print)) continue;
    seen.add(print);
    fresh.push(scenario);
  }
  return { fresh, alreadyHere: incoming.length - fresh.length };
}
