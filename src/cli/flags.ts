/** Reading the command line: flags, numbers within the settings’ limits, the decimal mark, the column roles of --mapping. */
import { SETTING_LIMITS, settingProblem } from '../engine/journey/index.ts';
import type { NumberSetting } from '../engine/journey/index.ts';
import type { ColumnRole, DecimalMark } from '../engine/csv/index.ts';
import { UsageError } from './errors.ts';

export function parseFlags(args: string[]): { positional: string[]; flags: Map<string, string> } {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2);
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value.`);
      flags.set(name, value);
    } else positional.push(arg);
  }
  return { positional, flags };
}

export function numberFlag(flags: Map<string, string>, name: string, fallback: number, check: (value: number) => boolean, rule: string): number {
  const text = flags.get(name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || !check(value)) throw new UsageError(`--${name} must be ${rule} (got "${text}").`);
  return value;
}

/** A Target, Iterations or Seed flag, held to the same rule as the Settings panel and the scenario format. */
export function settingFlag(flags: Map<string, string>, name: NumberSetting, fallback: number): number {
  return numberFlag(flags, name, fallback, (value) => settingProblem(name, value) === undefined, SETTING_LIMITS[name].rule);
}

export function round(value: number, digits = 6): number {
  return Number.isFinite(value) ? Number(value.toFixed(digits)) : value;
}

export function decimalFlag(flags: Map<string, string>): DecimalMark | undefined {
  const value = flags.get('decimal');
  if (value === undefined) return undefined;
  if (value !== 'point' && value !== 'comma') throw new UsageError(`--decimal must be point or comma (got "${value}").`);
  return value;
}

export const COLUMN_ROLES: ColumnRole[] = [
  'customer', 'date', 'amount', 'quantity', 'unitPrice', 'order', 'product', 'description', 'category', 'group', 'case', 'activity', 'timestamp',
  'frequency', 'recency', 'age', 'monetary',
];
