/**
 * The engine from a shell: `npm run cli -- simulate FILE.csv [--iterations N] [--seed S]
 * [--target T] [--distribution beta-pert|triangular|uniform|normal]`.
 * Prints one JSON object on stdout. Bad input exits with status 2 and the problems, each with
 * line and column, on stderr.
 */
import { readFileSync } from 'node:fs';
import { analyzePert } from '../engine/analyzePert.ts';
import { coerceJourney } from '../engine/coerceJourney.ts';
import { headerName, parseJourneyCsv } from '../engine/journeyCsv.ts';
import { simulateCompletion, simulationProblem } from '../engine/simulateCompletion.ts';
import { DISTRIBUTION_KINDS } from '../engine/types.ts';
import type { DistributionKind } from '../engine/types.ts';

class UsageError extends Error {}

const USAGE = `Usage:
  npm run cli -- simulate FILE.csv [--iterations N] [--seed S] [--target T] [--distribution ${DISTRIBUTION_KINDS.join('|')}]`;

function parseFlags(args: string[]): { positional: string[]; flags: Map<string, string> } {
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

function numberFlag(flags: Map<string, string>, name: string, fallback: number, check: (value: number) => boolean, rule: string): number {
  const text = flags.get(name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || !check(value)) throw new UsageError(`--${name} must be ${rule} (got "${text}").`);
  return value;
}

function round(value: number, digits = 6): number {
  return Number.isFinite(value) ? Number(value.toFixed(digits)) : value;
}

function simulate(args: string[]): object {
  const { positional, flags } = parseFlags(args);
  const known = new Set(['iterations', 'seed', 'target', 'distribution']);
  for (const name of flags.keys()) if (!known.has(name)) throw new UsageError(`Unknown option --${name}.`);
  const file = positional[0];
  if (!file) throw new UsageError('Name a journey CSV file.');
  const iterations = numberFlag(flags, 'iterations', 10_000, (v) => Number.isInteger(v) && v >= 1, 'a whole number ≥ 1');
  const seed = numberFlag(flags, 'seed', 1, (v) => Number.isInteger(v) && v >= 0, 'a whole number ≥ 0');
  const distributionFlag = flags.get('distribution');
  if (distributionFlag !== undefined && !DISTRIBUTION_KINDS.includes(distributionFlag as DistributionKind)) {
    throw new UsageError(`--distribution must be one of ${DISTRIBUTION_KINDS.join(', ')} (got "${distributionFlag}").`);
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError([`${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'}).`]);
  }
  const csv = parseJourneyCsv(text);
  const problems = csv.problems.map((p) => `${file}:${p.line}${p.column ? `: column ${p.column}` : ''}: ${p.message}`);
  const { touchpoints, problems: journeyProblems } = coerceJourney(csv.inputs);
  for (const p of journeyProblems) {
    const where = p.row >= 0 ? `${file}:${csv.lines[p.row]}: column ${p.field === 'journey' ? '' : headerName(p.field)}` : file;
    problems.push(`${where}: ${p.message}`);
  }
  if (problems.length > 0) throw new InputError(problems);
  const sizeProblem = simulationProblem(touchpoints.length, iterations);
  if (sizeProblem) throw new UsageError(sizeProblem);

  const pertOnly = analyzePert(touchpoints, 0);
  const target = numberFlag(flags, 'target', Number(pertOnly.mean.toFixed(6)), (v) => v >= 0, 'a number ≥ 0');
  const distribution = distributionFlag as DistributionKind | undefined;
  const start = performance.now();
  const pert = analyzePert(touchpoints, target);
  const result = simulateCompletion(touchpoints, { iterations, seed, target, distribution });
  const seconds = (performance.now() - start) / 1000;
  const perTouchpoint = (values: Float64Array) => Object.fromEntries(result.ids.map((id, i) => [id, round(values[i], 4)]));
  const kinds = new Set(touchpoints.map((t) => distribution ?? t.distribution));
  return {
    touchpoints: touchpoints.length,
    iterations: result.iterations,
    seed,
    target,
    distribution: kinds.size === 1 ? [...kinds][0] : 'mixed',
    pert: { mean: round(pert.mean), variance: round(pert.variance), pTarget: round(pert.pTarget, 4), criticalPath: pert.criticalPath },
    mean: round(result.mean, 4),
    sd: round(result.sd, 4),
    percentiles: Object.fromEntries(Object.entries(result.percentiles).map(([key, value]) => [key, round(value, 4)])),
    pTarget: round(result.pTarget, 4),
    pTargetStandardError: round(result.pTargetStandardError, 4),
    criticality: perTouchpoint(result.criticality),
    sensitivity: perTouchpoint(result.sensitivity),
    meanFinish: perTouchpoint(result.meanFinish),
    seconds: round(seconds, 4),
  };
}

class InputError extends Error {
  constructor(readonly problems: string[]) { super(problems.join('\n')); }
}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  try {
    if (command === 'simulate') {
      process.stdout.write(`${JSON.stringify(simulate(rest))}\n`);
      return 0;
    }
    throw new UsageError(command ? `Unknown command "${command}".` : 'Name a command.');
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`${error.problems.join('\n')}\n`);
      return 2;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
