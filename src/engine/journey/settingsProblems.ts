/**
 * The one rule for the three number settings — Target, Iterations, Seed — read by the Settings
 * panel, the scenario format (stored scenarios, share links, imported JSON) and the command
 * line, so each says the same thing about the same number. The limits are the README's:
 * Iterations from 100 to 1,000,000 (fewer gives percentiles too rough to read; more is past what
 * a page computes while a person types), a Seed from 0 to 2,147,483,648, and a Target from 0 to
 * 1e9 time units.
 */
import type { Settings } from './types.ts';

/** Every setting's name as a person reads it, in the order the Settings panel shows them. */
export const SETTING_LABELS: Readonly<Record<keyof Settings, string>> = {
  target: 'Target', iterations: 'Iterations', seed: 'Seed', timeUnit: 'Time unit',
  journeyValue: 'Value per completed journey', journeysPerYear: 'Journeys a year',
};

/** Every setting, in that order. */
export const SETTING_KEYS = Object.keys(SETTING_LABELS) as (keyof Settings)[];

/** The settings that are numbers. */
export type NumberSetting = 'target' | 'iterations' | 'seed';

export interface SettingLimit {
  label: string;
  min: number;
  max: number;
  integer: boolean;
  /** What the value must be, as it reads after "must be" ("a whole number from 100 to 1,000,000"). */
  rule: string;
}

export const SETTING_LIMITS: Readonly<Record<NumberSetting, SettingLimit>> = {
  target: { label: 'Target', min: 0, max: 1e9, integer: false, rule: 'a number from 0 to 1,000,000,000' },
  iterations: { label: 'Iterations', min: 100, max: 1_000_000, integer: true, rule: 'a whole number from 100 to 1,000,000' },
  seed: { label: 'Seed', min: 0, max: 2 ** 31, integer: true, rule: 'a whole number from 0 to 2,147,483,648' },
};

/**
 * The two settings that say what a journey is worth, both optional (blank: unset): Value per
 * completed journey, from 0 to 1e12 in the person's currency, and Journeys a year, from 0 to 1e10.
 */
export type ValueSetting = 'journeyValue' | 'journeysPerYear';

export const VALUE_SETTING_LIMITS: Readonly<Record<ValueSetting, SettingLimit>> = {
  journeyValue: { label: SETTING_LABELS.journeyValue, min: 0, max: 1e12, integer: false, rule: 'blank or a number from 0 to 1,000,000,000,000' },
  journeysPerYear: { label: SETTING_LABELS.journeysPerYear, min: 0, max: 1e10, integer: false, rule: 'blank or a number from 0 to 10,000,000,000' },
};

/** The message for `value` as the optional setting `key` (undefined: unset, always fine), or undefined when it is within the limits. */
export function valueSettingProblem(key: ValueSetting, value: number | undefined): string | undefined {
  if (value === undefined) return undefined;
  const limit = VALUE_SETTING_LIMITS[key];
  return Number.isFinite(value) && value >= limit.min && value <= limit.max ? undefined : `${limit.label} must be ${limit.rule}.`;
}

/** The plain sentence for a value of `key` outside its limits ("Iterations must be a whole number from 100 to 1,000,000."). */
export function settingMessage(key: NumberSetting): string {
  return `${SETTING_LIMITS[key].label} must be ${SETTING_LIMITS[key].rule}.`;
}

/** The message for `value` as the setting `key`, or undefined when it is within the limits (NaN and ±Infinity never are). */
export function settingProblem(key: NumberSetting, value: number): string | undefined {
  const limit = SETTING_LIMITS[key];
  const ok = Number.isFinite(value) && value >= limit.min && value <= limit.max && (!limit.integer || Number.isInteger(value));
  return ok ? undefined : settingMessage(key);
}

/** Every number setting outside its limits, in the order Target, Iterations, Seed; empty when all are fine. */
export function settingsProblems(settings: Pick<Settings, NumberSetting>): { field: NumberSetting; message: string }[] {
  return (['target', 'iterations', 'seed'] as const).flatMap((field) => {
    const message = settingProblem(field, settings[field]);
    return message === undefined ? [] : [{ field, message }];
  });
}

/**
 * A finite number brought to the nearest limit of `key` (so 50 iterations become 100). For
 * scenarios saved while the limits were wider (1 iteration, seeds up to 2⁵³): they still open,
 * with the nearest setting the rule allows. Whole-number settings are rounded too.
 */
export function withinSettingLimits(key: NumberSetting, value: number): number {
  const limit = SETTING_LIMITS[key];
  const clamped = Math.min(limit.max, Math.max(limit.min, value));
  return limit.integer ? Math.round(clamped) : clamped;
}
