/** `simulate FILE.csv`: PERT and the Monte Carlo simulation of a journey CSV, with where to improve. */
import { analyzePert } from '../engine/pert/index.ts';
import { coerceJourney } from '../engine/journey/index.ts';
import { headerName, parseJourneyCsv } from '../engine/journey/index.ts';
import { checkCorrelations, coerceCorrelations } from '../engine/montecarlo/index.ts';
import { runProblem, simulateCompletion } from '../engine/montecarlo/index.ts';
import { DISTRIBUTION_KINDS } from '../engine/journey/index.ts';
import type { DistributionKind } from '../engine/journey/index.ts';
import { UsageError, InputError } from './errors.ts';
import { parseFlags, numberFlag, settingFlag, round } from './flags.ts';
import { readText } from './readInput.ts';

export function simulate(args: string[]): object {
  const { positional, flags } = parseFlags(args);
  const known = new Set(['iterations', 'seed', 'target', 'distribution', 'improve', 'correlations', 'encoding']);
  for (const name of flags.keys()) if (!known.has(name)) throw new UsageError(`Unknown option --${name}.`);
  const file = positional[0];
  if (!file) throw new UsageError('Name a journey CSV file.');
  const iterations = settingFlag(flags, 'iterations', 10_000);
  const seed = settingFlag(flags, 'seed', 1);
  const factor = numberFlag(flags, 'improve', 0.9, (v) => v > 0 && v < 1, 'a factor between 0 and 1, such as 0.9');
  const distributionFlag = flags.get('distribution');
  if (distributionFlag !== undefined && !DISTRIBUTION_KINDS.includes(distributionFlag as DistributionKind)) {
    throw new UsageError(`--distribution must be one of ${DISTRIBUTION_KINDS.join(', ')} (got "${distributionFlag}").`);
  }
  const { text } = readText(file, flags);
  const csv = parseJourneyCsv(text);
  const problems = csv.problems.map((p) => `${file}:${p.line}${p.column ? `: column ${p.column}` : ''}: ${p.message}`);
  const { touchpoints, problems: journeyProblems } = coerceJourney(csv.inputs);
  for (const p of journeyProblems) {
    const where = p.row >= 0 ? `${file}:${csv.lines[p.row]}: column ${p.field === 'journey' ? '' : headerName(p.field)}` : file;
    problems.push(`${where}: ${p.message}`);
  }
  if (problems.length > 0) throw new InputError(problems);
  const sizeProblem = runProblem(touchpoints.length, iterations);
  if (sizeProblem) throw new UsageError(sizeProblem);
  const correlationText = flags.get('correlations');
  const inputs = (correlationText ?? '').split('|').filter((part) => part.trim() !== '').map((part) => {
    const at = part.lastIndexOf('=');
    return at < 0 ? { ids: part, rho: '' } : { ids: part.slice(0, at), rho: part.slice(at + 1) };
  });
  const { correlations, problems: correlationProblems } = coerceCorrelations(inputs, touchpoints.map((t) => t.id));
  if (correlationProblems.length > 0) throw new UsageError(correlationProblems.map((p) => `--correlations: ${p}`).join('\n'));
  const check = checkCorrelations(correlations, touchpoints.map((t) => t.id));
  if (!check.ok) throw new UsageError(`--correlations: ${check.message}`);

  const pertOnly = analyzePert(touchpoints, 0);
  const target = settingFlag(flags, 'target', Number(pertOnly.mean.toFixed(6)));
  const distribution = distributionFlag as DistributionKind | undefined;
  const start = performance.now();
  const pert = analyzePert(touchpoints, target);
  const result = simulateCompletion(touchpoints, { iterations, seed, target, distribution, correlations, improvement: { factor } });
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
    improvement: Object.fromEntries((result.improvement ?? []).map((x) => [x.id, { pTargetGain: round(x.pTargetGain, 4), p80Gain: round(x.p80Gain, 4) }])),
    seconds: round(seconds, 4),
  };
}
