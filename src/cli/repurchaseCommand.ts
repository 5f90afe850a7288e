/** `repurchase FILE.csv`: the repeat-buying models fitted to a transactions file or a customer summary. */
import { parseCustomerFile, readTransactions } from '../engine/csv/index.ts';
import { cleanTransactions, customerPurchases } from '../engine/customers/index.ts';
import type { TimeUnit } from '../engine/repurchase/index.ts';
import { parseDate } from '../engine/csv/index.ts';
import { REPEAT_MODEL_KINDS, repurchaseReport } from '../engine/repurchase/index.ts';
import type { ModelComparison, RepeatModelKind, RepurchaseInput } from '../engine/repurchase/index.ts';
import { UsageError, InputError } from './errors.ts';
import { parseFlags, numberFlag, round, decimalFlag } from './flags.ts';
import { readText, fileDecimal, customerSummaryOf } from './readInput.ts';

/**
 * Transactions or a customer summary → the repeat-buying forecast, through the very report the
 * Customers section builds (repurchaseReport.ts): the same cleaning, the same calibration end
 * (when none is given, the default: the last 20% of the data held out when the data allow, else
 * the last purchase day), the same fit and the same last check.
 */
export function repurchase(args: string[]): object {
  const { positional, flags } = parseFlags(args);
  const known = new Set(['calibration-end', 'unit', 'horizon', 'discount', 'encoding', 'decimal', 'model']);
  for (const name of flags.keys()) if (!known.has(name)) throw new UsageError(`Unknown option --${name}.`);
  const file = positional[0];
  if (!file) throw new UsageError('Name a transactions or customer summary CSV file.');
  const unit = (flags.get('unit') ?? 'weeks') as TimeUnit;
  if (unit !== 'days' && unit !== 'weeks') throw new UsageError('--unit must be days or weeks.');
  const horizon = numberFlag(flags, 'horizon', 12, (v) => v > 0 && v <= 600, 'a number of months above 0');
  const discount = numberFlag(flags, 'discount', 0.1, (v) => v >= 0 && v < 10, 'a yearly rate such as 0.1');
  const endText = flags.get('calibration-end') ?? '';
  if (endText !== '' && !Number.isFinite(parseDate(endText, 'iso'))) throw new UsageError(`--calibration-end must be a date like 1997-09-30 (got "${endText}").`);
  const model = (flags.get('model') ?? 'best') as RepeatModelKind | 'best';
  if (model !== 'best' && !REPEAT_MODEL_KINDS.includes(model)) throw new UsageError(`--model must be best, ${REPEAT_MODEL_KINDS.join(', ')} (got "${model}").`);
  const settings = { calibrationEnd: endText, unit, horizonMonths: horizon, annualDiscount: discount, model };
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
    calibrationDefault: report.calibrationDefault ?? null,
    unit,
    bgnbd: {
      r: parameter(bgnbd.r), alpha: parameter(bgnbd.alpha), a: round(bgnbd.a), b: round(bgnbd.b), rate: round(bgnbd.rate),
      ...(bgnbd.limit ? { limit: bgnbd.limit } : {}),
      logLikelihood: round(bgnbd.logLikelihood, 3), converged: bgnbd.converged, ...(bgnbd.warning ? { warning: bgnbd.warning } : {}),
    },
    models: Object.fromEntries(report.models.map((row) => [keyOf(row.kind), modelJson(row)])),
    chosen: report.model ? { model: report.model.kind, reason: report.modelReason } : null,
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

/** The JSON key of a model: bgnbd, paretoNbd, mbgnbd. */
const keyOf = (kind: RepeatModelKind) => (kind === 'pareto-nbd' ? 'paretoNbd' : kind);

/** One fitted model's parameters and comparison figures, as printed under `models` (a parameter at the model's limit as "Infinity"). */
function modelJson(row: ModelComparison) {
  const parameter = (value: number) => (Number.isFinite(value) || Number.isNaN(value) ? round(value) : String(value));
  return {
    ...Object.fromEntries(Object.entries(row.values).map(([name, value]) => [name, parameter(value)])),
    logLikelihood: round(row.logLikelihood, 3), parameters: row.parameters, aic: round(row.aic, 3), bic: round(row.bic, 3),
    converged: row.converged, ...(row.warning ? { warning: row.warning } : {}), ...(row.check ? { check: row.check } : {}),
    ...(row.holdout ? { holdout: { meanAbsoluteError: round(row.holdout.meanAbsoluteError, 6), aggregateError: round(row.holdout.aggregateError, 6) } } : {}),
  };
}
