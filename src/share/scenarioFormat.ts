/**
 * The one restore path for a scenario, whatever brought it (IndexedDB, a share link, an
 * imported JSON file): migrate the payload to the current version, then validate every field
 * into a fresh object. Anything unknown or malformed is refused with a plain sentence; nothing
 * from the input is passed through by reference, so prototype keys such as `__proto__` in a
 * payload can do no harm.
 */
import { SETTING_LIMITS, VALUE_SETTING_LIMITS, settingMessage, valueSettingProblem, withinSettingLimits } from '../engine/journey/index.ts';
import type { CorrelationInput, Settings, TouchpointInput } from '../engine/journey/index.ts';

export const SCENARIO_VERSION = 2;

/** Limits for untrusted payloads: generous for real journeys, small enough to refuse abuse. */
export const SCENARIO_LIMITS = {
  touchpoints: 5_000,
  textLength: 500,
  nameLength: 200,
  iterations: SETTING_LIMITS.iterations.max,
  number: SETTING_LIMITS.target.max,
  /** The largest seed a payload may carry: scenarios saved before the seed had its limit may hold any safe integer. */
  seed: 2 ** 53,
  correlations: 1_000,
} as const;

/**
 * A scenario as stored and shared. Version 2 added each row's `probability` and `group` cells
 * and the scenario's `correlations` (as typed); version 1 had neither.
 */
export interface ScenarioPayload {
  v: typeof SCENARIO_VERSION;
  name: string;
  settings: Settings;
  rows: TouchpointInput[];
  correlations: CorrelationInput[];
}

export type RestoreResult = { ok: true; scenario: ScenarioPayload } | { ok: false; message: string };

const ROW_FIELDS = ['id', 'name', 'stage', 'optimistic', 'mostLikely', 'pessimistic', 'distribution', 'dependsOn', 'probability', 'group'] as const;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(record: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/**
 * Brings an older payload up to the current version, one step per version (each with a
 * fixture of the old version in the tests). 1 → 2: no correlations, and every touchpoint
 * certain and in no group (the empty `probability` and `group` cells validation fills in).
 */
export function migrateScenario(raw: unknown): unknown {
  if (!isPlainObject(raw)) return raw;
  let payload: Record<string, unknown> = raw;
  if (own(payload, 'v') === 1) payload = { ...payload, v: 2, correlations: [] };
  return payload;
}

/** Checks a (migrated) payload field by field and returns a fresh, trusted copy. */
export function validateScenario(raw: unknown): RestoreResult {
  const fail = (message: string): RestoreResult => ({ ok: false, message });
  if (!isPlainObject(raw)) return fail('This is not a Waypoint scenario.');
  const version = own(raw, 'v');
  if (typeof version !== 'number') return fail('This scenario has no version number, so it cannot be read.');
  if (version > SCENARIO_VERSION) return fail(`This scenario was made by a newer Waypoint (version ${version}); reload the app to update it.`);
  if (version !== SCENARIO_VERSION) return fail(`Scenario version ${version} is not one Waypoint knows.`);

  const name = own(raw, 'name');
  if (typeof name !== 'string' || name.length > SCENARIO_LIMITS.nameLength) return fail('The scenario name is missing or too long.');

  const settings = own(raw, 'settings');
  if (!isPlainObject(settings)) return fail('The scenario has no settings.');
  const number = (key: string, check: (value: number) => boolean) => {
    const value = own(settings, key);
    return typeof value === 'number' && Number.isFinite(value) && check(value) ? value : undefined;
  };
  // The settings rule (settingsProblems.ts) decides; a scenario saved when Iterations could be
  // 1 to 99, or the seed up to 2⁵³, still opens, with the nearest value the rule allows.
  const target = number('target', (v) => v >= SETTING_LIMITS.target.min && v <= SETTING_LIMITS.target.max);
  const iterations = number('iterations', (v) => Number.isInteger(v) && v >= 1 && v <= SCENARIO_LIMITS.iterations);
  const seed = number('seed', (v) => Number.isInteger(v) && v >= 0 && v <= SCENARIO_LIMITS.seed);
  const timeUnit = own(settings, 'timeUnit');
  if (target === undefined) return fail(settingMessage('target'));
  if (iterations === undefined) return fail(settingMessage('iterations'));
  if (seed === undefined) return fail(settingMessage('seed'));
  if (typeof timeUnit !== 'string' || timeUnit.length > 40) return fail('The time unit must be a short piece of text.');
  // What a journey is worth: optional, absent in scenarios saved before it existed.
  const worth: { journeyValue?: number; journeysPerYear?: number } = {};
  for (const key of Object.keys(VALUE_SETTING_LIMITS) as (keyof typeof VALUE_SETTING_LIMITS)[]) {
    const value = own(settings, key);
    if (value === undefined || value === null) continue;
    const problem = typeof value === 'number' ? valueSettingProblem(key, value) : `${VALUE_SETTING_LIMITS[key].label} must be a number.`;
    if (problem) return fail(problem);
    worth[key] = value as number;
  }

  const rows = own(raw, 'rows');
  if (!Array.isArray(rows)) return fail('The scenario has no touchpoints list.');
  if (rows.length > SCENARIO_LIMITS.touchpoints) {
    return fail(`The scenario has ${rows.length.toLocaleString('en')} touchpoints; Waypoint takes at most ${SCENARIO_LIMITS.touchpoints.toLocaleString('en')}.`);
  }
  const cleanRows: TouchpointInput[] = [];
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index];
    if (!isPlainObject(row)) return fail(`Touchpoint ${index + 1} is not a row of cells.`);
    const clean = {} as TouchpointInput;
    for (const field of ROW_FIELDS) {
      const value = own(row, field);
      if (value === undefined) { clean[field] = ''; continue; }
      if (typeof value !== 'string') return fail(`Touchpoint ${index + 1}: the ${field} cell is not text.`);
      if (value.length > SCENARIO_LIMITS.textLength) return fail(`Touchpoint ${index + 1}: the ${field} cell is too long.`);
      clean[field] = value;
    }
    cleanRows.push(clean);
  }

  const correlations = own(raw, 'correlations');
  if (!Array.isArray(correlations)) return fail('The scenario has no correlations list.');
  if (correlations.length > SCENARIO_LIMITS.correlations) {
    return fail(`The scenario has ${correlations.length.toLocaleString('en')} correlations; Waypoint takes at most ${SCENARIO_LIMITS.correlations.toLocaleString('en')}.`);
  }
  const cleanCorrelations: CorrelationInput[] = [];
  for (let index = 0; index < correlations.length; index++) {
    const item = correlations[index];
    if (!isPlainObject(item)) return fail(`Correlation ${index + 1} is not a row of cells.`);
    const ids = own(item, 'ids') ?? '';
    const rho = own(item, 'rho') ?? '';
    if (typeof ids !== 'string' || typeof rho !== 'string') return fail(`Correlation ${index + 1}: its cells are not text.`);
    if (ids.length > SCENARIO_LIMITS.textLength * 4 || rho.length > SCENARIO_LIMITS.textLength) return fail(`Correlation ${index + 1}: a cell is too long.`);
    cleanCorrelations.push({ ids, rho });
  }
  return {
    ok: true,
    scenario: { v: SCENARIO_VERSION, name, settings: { target, iterations: withinSettingLimits('iterations', iterations), seed: withinSettingLimits('seed', seed), timeUnit, ...worth }, rows: cleanRows, correlations: cleanCorrelations },
  };
}

/** migrate → validate: the only way a scenario from outside becomes one the app uses. */
export function restoreScenario(raw: unknown): RestoreResult {
  return validateScenario(migrateScenario(raw));
}
