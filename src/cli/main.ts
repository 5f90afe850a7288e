/**
 * The engine from a shell: `npm run cli -- simulate FILE.csv [--iterations N] [--seed S]
 * [--target T] [--distribution beta-pert|triangular|uniform|normal] [--improve FACTOR]
 * [--correlations "A;B=0.6|C,D,E=0.5"]` and `npm run cli -- repurchase
 * FILE.csv [--calibration-end YYYY-MM-DD] [--unit days|weeks] [--horizon MONTHS] [--discount RATE]`
 * and `npm run cli -- anomalies FILE.csv [--mapping role=Column,…] [--date-format …]`.
 * Every command reads its file in the encoding it finds (a byte-order mark, else UTF-8, else
 * Windows-1252, with a line on stderr saying so) or the one `--encoding` names; the customer
 * commands read numbers with the decimal mark their amount columns show, or `--decimal`.
 * Prints one JSON object on stdout. Bad input exits with status 2 and the problems, each with
 * line and column, on stderr.
 */
import { readFileSync } from 'node:fs';
import { analyzePert } from '../engine/pert/index.ts';
import { coerceJourney } from '../engine/journey/index.ts';
import { headerName, isJourneyHeader, parseJourneyCsv } from '../engine/journey/index.ts';
import { checkCorrelations, coerceCorrelations } from '../engine/montecarlo/index.ts';
import { runProblem, simulateCompletion } from '../engine/montecarlo/index.ts';
import { DISTRIBUTION_KINDS, SETTING_LIMITS, settingProblem } from '../engine/journey/index.ts';
import type { NumberSetting } from '../engine/journey/index.ts';
import type { CustomerSummary } from '../engine/repurchase/index.ts';
import { decodeBytes, detectColumnsDecimalMark, detectEncoding, detectKind, MAX_LINE_CHARS, numberColumns, parseCustomerFile, readTransactions, TEXT_ENCODINGS } from '../engine/csv/index.ts';
import type { ColumnMapping, ColumnRole, DecimalMark, ParsedFile, TextEncoding, TrimmedIds } from '../engine/csv/index.ts';
import { findAnomalies } from '../engine/customers/index.ts';
import { computeKpis } from '../engine/customers/index.ts';
import { cleanTransactions, cleaningSentence, customerPurchases } from '../engine/customers/index.ts';
import type { CleaningSummary } from '../engine/customers/index.ts';
import { dataCoverage } from '../engine/customers/index.ts';
import type { DateFormat } from '../engine/csv/index.ts';

const COLUMN_ROLES: ColumnRole[] = [
  'customer', 'date', 'amount', 'quantity', 'unitPrice', 'order', 'product', 'description', 'category', 'group', 'case', 'activity', 'timestamp',
  'frequency', 'recency', 'age', 'monetary',
];
import { readCustomerSummary } from '../engine/csv/index.ts';
import type { TimeUnit } from '../engine/repurchase/index.ts';
import { parseDate } from '../engine/csv/index.ts';
import { repurchaseReport } from '../engine/repurchase/index.ts';
import type { RepurchaseInput } from '../engine/repurchase/index.ts';
import type { DistributionKind } from '../engine/journey/index.ts';

class UsageError extends Error {}

const USAGE = `Usage:
  npm run cli -- simulate FILE.csv [--iterations N] [--seed S] [--target T] [--distribution ${DISTRIBUTION_KINDS.join('|')}]
      [--improve FACTOR (default 0.9)] [--correlations "A;B=0.6|C,D,E=0.5"] [--encoding …]
  npm run cli -- anomalies FILE.csv [--mapping customer=CustomerID,date=InvoiceDate,...] [--date-format iso|yyyymmdd|mdy|dmy]
      [--decimal point|comma] [--encoding …]
  npm run cli -- repurchase FILE.csv [--calibration-end YYYY-MM-DD] [--unit days|weeks] [--horizon MONTHS] [--discount RATE]
      [--decimal point|comma] [--encoding …]
  --encoding: auto (the default: a byte-order mark, else UTF-8, else Windows-1252), ${TEXT_ENCODINGS.join(', ')}`;

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

/** A Target, Iterations or Seed flag, held to the same rule as the Settings panel and the scenario format. */
function settingFlag(flags: Map<string, string>, name: NumberSetting, fallback: number): number {
  return numberFlag(flags, name, fallback, (value) => settingProblem(name, value) === undefined, SETTING_LIMITS[name].rule);
}

function round(value: number, digits = 6): number {
  return Number.isFinite(value) ? Number(value.toFixed(digits)) : value;
}

function simulate(args: string[]): object {
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

/**
 * Transactions or a customer summary → the repeat-buying forecast, through the very report the
 * Customers section builds (repurchaseReport.ts): the same cleaning, the same calibration end
 * (the last purchase day when none is given), the same fit and the same last check.
 */
function repurchase(args: string[]): object {
  const { positional, flags } = parseFlags(args);
  const known = new Set(['calibration-end', 'unit', 'horizon', 'discount', 'encoding', 'decimal']);
  for (const name of flags.keys()) if (!known.has(name)) throw new UsageError(`Unknown option --${name}.`);
  const file = positional[0];
  if (!file) throw new UsageError('Name a transactions or customer summary CSV file.');
  const unit = (flags.get('unit') ?? 'weeks') as TimeUnit;
  if (unit !== 'days' && unit !== 'weeks') throw new UsageError('--unit must be days or weeks.');
  const horizon = numberFlag(flags, 'horizon', 12, (v) => v > 0 && v <= 600, 'a number of months above 0');
  const discount = numberFlag(flags, 'discount', 0.1, (v) => v >= 0 && v < 10, 'a yearly rate such as 0.1');
  const endText = flags.get('calibration-end') ?? '';
  if (endText !== '' && !Number.isFinite(parseDate(endText, 'iso'))) throw new UsageError(`--calibration-end must be a date like 1997-09-30 (got "${endText}").`);
  const settings = { calibrationEnd: endText, unit, horizonMonths: horizon, annualDiscount: discount };
  const { text, encoding } = readText(file, flags);
  const parsed = parseCustomerFile(text);
  const decimal = decimalFlag(flags) ?? fileDecimal(parsed, parsed.mapping);
  const start = performance.now();
  let input: RepurchaseInput;
  let trimmedIds = { ids: 0, rows: 0 };
  if (parsed.kind === 'customer-summary') {
    const read = customerSummaryOf(file, parsed, decimal);
    input = { kind: 'summary', summary: read.summary };
    trimmedIds = read.trimmedIds;
  } else if (parsed.kind === 'transactions') {
    const { table, badRows, trimmedIds: trimmed } = readTransactions(parsed, { decimal });
    trimmedIds = trimmed;
    if (table.customer.length === 0) throw new InputError(badRows.slice(0, 100).map((bad) => `${file}:${bad.line}: ${bad.reason}`));
    input = { kind: 'transactions', transactions: customerPurchases(cleanTransactions(table)) };
  } else {
    throw new InputError([`${file}:1: the header does not look like transactions (customer, date, amount) or a customer summary (customer, frequency, recency, T, monetary_value).`]);
  }
  const report = repurchaseReport(input, settings);
  if (!report.ok) throw new InputError([`${file}: ${report.message}`]);
  if (report.problem || !report.bgnbd) throw new InputError([`${file}: ${report.problem}`]);
  const seconds = (performance.now() - start) / 1000;
  const { bgnbd, gammaGamma } = report;
  // JSON has no infinity: a parameter at the model's limit is printed as "Infinity".
  const parameter = (value: number) => (Number.isFinite(value) || Number.isNaN(value) ? round(value) : String(value));
  return {
    customers: report.customers.length,
    calibrationEnd: report.calibrationEnd === '' ? null : report.calibrationEnd,
    unit,
    bgnbd: {
      r: parameter(bgnbd.r), alpha: parameter(bgnbd.alpha), a: round(bgnbd.a), b: round(bgnbd.b), rate: round(bgnbd.rate),
      ...(bgnbd.limit ? { limit: bgnbd.limit } : {}),
      logLikelihood: round(bgnbd.logLikelihood, 3), converged: bgnbd.converged, ...(bgnbd.warning ? { warning: bgnbd.warning } : {}),
    },
    gammaGamma: gammaGamma
      ? {
        p: parameter(gammaGamma.p), q: parameter(gammaGamma.q), gamma: parameter(gammaGamma.gamma), populationMean: round(gammaGamma.populationMean),
        ...(gammaGamma.limit ? { limit: gammaGamma.limit } : {}),
        customers: gammaGamma.customers, excluded: gammaGamma.excluded, ...(gammaGamma.warning ? { warning: gammaGamma.warning } : {}),
      }
      : null,
    // The report lists customers by CLV, highest first (then by id).
    top: report.customers.slice(0, 100).map((c) => ({
      customer: c.customer, frequency: c.frequency, recency: round(c.recency, 4), T: round(c.T, 4),
      pAlive: round(c.pAlive, 4), expectedOrders: round(c.expectedOrders, 4), clv: round(c.clv, 2),
    })),
    reading: { encoding, decimal, trimmedIds },
    seconds: round(seconds, 4),
  };
}

/** Transactions → KPIs and every anomaly the data allow (see anomalies.ts). */
function anomalies(args: string[]): object {
  const { positional, flags } = parseFlags(args);
  const known = new Set(['mapping', 'date-format', 'encoding', 'decimal']);
  for (const name of flags.keys()) if (!known.has(name)) throw new UsageError(`Unknown option --${name}.`);
  const file = positional[0];
  if (!file) throw new UsageError('Name a transactions CSV file.');
  const { text, encoding } = readText(file, flags);
  const parsed = parseCustomerFile(text);
  const mapping: ColumnMapping = { ...parsed.mapping };
  const mappingFlag = flags.get('mapping');
  if (mappingFlag !== undefined) {
    for (const pair of mappingFlag.split(',')) {
      const [role, column] = pair.split('=').map((part) => part.trim());
      if (!COLUMN_ROLES.includes(role as ColumnRole)) throw new UsageError(`--mapping: "${role}" is not one of ${COLUMN_ROLES.join(', ')}.`);
      const index = parsed.header.findIndex((cell) => cell.trim().toLowerCase() === (column ?? '').toLowerCase());
      if (index < 0) throw new UsageError(`--mapping: the file has no column "${column}" (it has ${parsed.header.join(', ')}).`);
      mapping[role as ColumnRole] = index;
    }
  }
  const dateFormat = flags.get('date-format') as DateFormat | undefined;
  if (dateFormat !== undefined && !['iso', 'yyyymmdd', 'mdy', 'dmy'].includes(dateFormat)) throw new UsageError('--date-format must be iso, yyyymmdd, mdy or dmy.');
  const kind = mappingFlag === undefined ? parsed.kind : detectKind(mapping);
  if (kind !== 'transactions') {
    const looksLike = isJourneyHeader(parsed.header) ? 'journey' : kind;
    throw new InputError([`${file}:1: this looks like ${looksLike === 'unknown' ? 'no file Waypoint knows' : `a ${looksLike} file`}; anomalies need transactions `
      + '(customer, date, and an amount or quantity and unit price). Name the columns with --mapping customer=…,date=…,amount=….']);
  }
  const start = performance.now();
  const decimal = decimalFlag(flags) ?? fileDecimal(parsed, mapping);
  const read = readTransactions(parsed, { mapping, dateFormat, decimal });
  if (read.ambiguousDates) {
    throw new InputError([`${file}: every date reads both month-first and day-first; say which with --date-format mdy or --date-format dmy.`]);
  }
  if (read.table.customer.length === 0) {
    throw new InputError([`${file}: no row could be read.`, ...read.badRows.slice(0, 100).map((bad) => `${file}:${bad.line}: ${bad.reason}`)]);
  }
  const cleaned = cleanTransactions(read.table);
  const kpis = computeKpis(cleaned);
  const found = findAnomalies(cleaned);
  const seconds = (performance.now() - start) / 1000;
  return {
    kind, rows: parsed.rows.length,
    badRows: read.badRows,
    customers: kpis.customers, orders: kpis.orders,
    kpis: { ...kpis, retention: kpis.retention },
    cleaning: cleaningJson(cleaned.summary, dataCoverage(cleaned.purchases.minute).note),
    anomalies: found.map((anomaly) => ({ ...anomaly, score: round(anomaly.score, 3), atStake: round(anomaly.atStake, 2) })),
    reading: { encoding, decimal, trimmedIds: read.trimmedIds },
    seconds: round(seconds, 4),
  };
}

/** The cleaning step's summary as the CLI prints it: lines and money per rule, money to the cent. */
function cleaningJson(summary: CleaningSummary, partial: string) {
  return {
    rules: Object.fromEntries(Object.entries(summary.rules).map(([rule, total]) => [rule, { lines: total.lines, money: round(total.money, 2) }])),
    cancellationsNetted: summary.cancellationsNetted,
    ordersReversed: summary.ordersReversed,
    ordersPartlyReversed: summary.ordersPartlyReversed,
    notProducts: summary.notProductsByCode.slice(0, 20).map((entry) => ({ ...entry, money: round(entry.money, 2) })),
    cancellationsMarkedWithC: summary.cancellationsMarkedWithC,
    sentence: cleaningSentence(summary),
    ...(partial ? { partial } : {}),
  };
}

/**
 * The file as text, in the encoding `--encoding` names or the one its bytes show (said on
 * stderr when it is not UTF-8 by a guess); a line too long for any CSV is refused by its number.
 */
function readText(file: string, flags: Map<string, string>): { text: string; encoding: TextEncoding } {
  const asked = flags.get('encoding') ?? 'auto';
  if (asked !== 'auto' && !TEXT_ENCODINGS.includes(asked as TextEncoding)) {
    throw new UsageError(`--encoding must be auto, ${TEXT_ENCODINGS.join(', ')} (got "${asked}").`);
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new InputError([`${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'}).`]);
  }
  let encoding = asked as TextEncoding;
  if (asked === 'auto') {
    const detection = detectEncoding([bytes]);
    encoding = detection.encoding;
    if (detection.note) process.stderr.write(`${file}: ${detection.note.replace('in the preview, choose another encoding', 'in the output, name the encoding with --encoding')}\n`);
  }
  const text = decodeBytes(bytes, encoding);
  const long = longLine(text);
  if (long) {
    throw new InputError([`${file}:${long}: line ${long} is longer than 1 MB, far longer than a CSV line (is a quote left open on it, or is this not a CSV?). Nothing was read.`]);
  }
  return { text, encoding };
}

/** The number of the first line longer than MAX_LINE_CHARS (the header may be 4 times as long), or 0. */
function longLine(text: string): number {
  let line = 1;
  let from = 0;
  for (;;) {
    const at = text.slice(from, from + 4 * MAX_LINE_CHARS + 2).search(/\r\n|\r|\n/);
    const length = at < 0 ? text.length - from : at;
    if (length > (line === 1 ? 4 : 1) * MAX_LINE_CHARS) return line;
    if (at < 0) return 0;
    from += at + (text.startsWith('\r\n', from + at) ? 2 : 1);
    line++;
  }
}

function decimalFlag(flags: Map<string, string>): DecimalMark | undefined {
  const value = flags.get('decimal');
  if (value === undefined) return undefined;
  if (value !== 'point' && value !== 'comma') throw new UsageError(`--decimal must be point or comma (got "${value}").`);
  return value;
}

/** The decimal mark the number columns of a file show (see detectDecimalMark). */
function fileDecimal(parsed: ParsedFile, mapping: ColumnMapping): DecimalMark {
  const kind = parsed.kind === 'customer-summary' ? 'customer-summary' : 'transactions';
  return detectColumnsDecimalMark(parsed.rows, numberColumns(kind, mapping), parsed.delimiter).decimal;
}

function customerSummaryOf(file: string, parsed: ParsedFile, decimal: DecimalMark): { summary: CustomerSummary; trimmedIds: TrimmedIds } {
  const { summary, badRows, trimmedIds } = readCustomerSummary(parsed, decimal);
  if (badRows.length > 0) throw new InputError(badRows.slice(0, 100).map((bad) => `${file}:${bad.line}: ${bad.reason}`));
  return { summary, trimmedIds };
}

class InputError extends Error {
  constructor(readonly problems: string[]) { super(problems.join('\n')); }
}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  try {
    const commands: Record<string, (args: string[]) => object> = { simulate, repurchase, anomalies };
    if (Object.hasOwn(commands, command ?? '')) {
      const output = commands[command](rest);
      process.stdout.write(`${JSON.stringify(output)}\n`);
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
