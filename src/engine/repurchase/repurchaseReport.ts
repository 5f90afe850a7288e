/**
 * Everything the Customers section shows about re-purchase, for one choice of calibration end,
 * time unit, CLV horizon and discount rate: the fitted BG/NBD and Gamma–Gamma models, every
 * customer's figures, the model checks, RFM segments and regulars. It works from a compact
 * table of orders (customer, day, amount) or from a customer summary, so the worker can refit
 * when a setting changes without reading the file again.
 */
import type { BgNbdFit, CustomerSummary } from './bgnbd.ts';
import { DAYS_PER_UNIT, summarizeCustomers } from './summarizeCustomers.ts';
import type { TimeUnit, Transactions } from './summarizeCustomers.ts';
import { dayToIso, parseDate } from '../csv/index.ts';
import type { GammaGammaFit } from './gammaGamma.ts';
import { cumulativeRepeatPurchases, frequencyRecencyMatrix, holdoutByFrequency } from './holdout.ts';
import type { CumulativeRepeats, FrequencyBucket, FrequencyRecencyMatrix } from './holdout.ts';
import { findRegulars } from './regulars.ts';
import { defaultCalibrationEnd } from './defaultCalibrationEnd.ts';
import type { Regular } from './regulars.ts';
import { fitFailure } from './fitGuard.ts';
import { forecastCustomers } from './forecastCustomers.ts';
import { chooseModel, compareModels, fitRepeatModels, holdoutError, REPEAT_MODEL_KINDS, repeatModel } from './repeatModels.ts';
import type { FittedModel, ModelComparison, RepeatModel, RepeatModelKind } from './repeatModels.ts';
import { rfmScores, summarizeSegments } from './rfm.ts';
import type { RfmSegment, SegmentSummary } from './rfm.ts';

export interface RepurchaseSettings {
  /**
   * "YYYY-MM-DD"; empty for the default (defaultCalibrationEnd.ts: the last 20% of the data held
   * out when the data allow, else the last date). Ignored for a customer summary.
   */
  calibrationEnd: string;
  unit: TimeUnit;
  horizonMonths: number;
  annualDiscount: number;
  /**
   * The model of repeat buying the figures come from: 'best' (the default) — all three fitted,
   * compared, and one chosen by its holdout error, else by BIC (repeatModels.ts) — or one named
   * model, fitted with BG/NBD (whose fit the figures that name it keep reading).
   */
  model?: RepeatModelKind | 'best';
}

export const DEFAULT_REPURCHASE_SETTINGS: RepurchaseSettings = { calibrationEnd: '', unit: 'weeks', horizonMonths: 12, annualDiscount: 0.1, model: 'best' };

export type RepurchaseInput =
  | { kind: 'transactions'; transactions: Transactions }
  | { kind: 'summary'; summary: CustomerSummary };

export interface CustomerFigures {
  customer: string;
  /** Orders up to the calibration end (for a summary: purchase days, x + 1). */
  orders: number;
  /** "YYYY-MM-DD", or '' for a customer summary (it has no dates). */
  lastOrder: string;
  pAlive: number;
  expectedOrders: number;
  clv: number;
  frequency: number;
  recency: number;
  T: number;
  /** Average repeat purchase value (the Gamma–Gamma input). */
  monetary: number;
  /** Money spent up to the calibration end (for a summary: monetary × frequency). */
  revenue: number;
  expectedValue: number;
  rfm: string;
  segment: RfmSegment;
}

export interface RegularCustomer extends Regular { lastOrder: string; nextOrder: string; pAlive: number }

export interface RepurchaseReport {
  ok: true;
  input: RepurchaseInput['kind'];
  settings: RepurchaseSettings;
  /** The calibration end used, "YYYY-MM-DD" ('' for a summary). */
  calibrationEnd: string;
  /** The default calibration end for these data and why (defaultCalibrationEnd.ts); undefined for a summary. */
  calibrationDefault?: { date: string; heldOut: boolean; reason: string };
  firstDate: string;
  lastDate: string;
  /** Highest CLV first (then by id; without a fit, by id), the order the Customers table opens in. */
  customers: CustomerFigures[];
  /** Customers whose first order is after the calibration end (not modelled). */
  laterCustomers: number;
  /** A plain sentence when the models could not be fitted or the fit failed the last check (fitGuard.ts); the figures are then NaN. */
  problem: string | undefined;
  /** The BG/NBD fit, whichever model is chosen (kept for what reads it by that name). */
  bgnbd: BgNbdFit | undefined;
  /** Every model fitted, compared (repeatModels.ts); the figures come from `model`. */
  models: ModelComparison[];
  model: FittedModel | undefined;
  /** Why `model` is the one used, in a sentence. */
  modelReason: string;
  gammaGamma: GammaGammaFit | undefined;
  matrix: FrequencyRecencyMatrix | undefined;
  holdout: { days: number; length: number; buckets: FrequencyBucket[]; cumulative: CumulativeRepeats; calibrationEndDay: number } | undefined;
  segments: SegmentSummary[];
  /** Undefined for a customer summary (regulars need the dates of every order). */
  regulars: RegularCustomer[] | undefined;
  seconds: number;
}

/** What is wrong with the settings, as a sentence, or undefined. */
export function settingsProblem(settings: RepurchaseSettings): string | undefined {
  if (settings.unit !== 'days' && settings.unit !== 'weeks') return 'The time unit must be days or weeks.';
  if (!(settings.horizonMonths > 0 && settings.horizonMonths <= 600)) return 'The CLV horizon must be a number of months above 0 (at most 600).';
  if (!(settings.annualDiscount >= 0 && settings.annualDiscount < 10)) return 'The discount rate must be a yearly percentage from 0 up to 1000%.';
  if (settings.calibrationEnd.trim() !== '' && !Number.isFinite(parseDate(settings.calibrationEnd.trim(), 'iso'))) {
    return `The calibration end "${settings.calibrationEnd}" is not a date like 1997-09-30.`;
  }
  return undefined;
}

interface History { days: number[]; amounts: number[]; orders: number[] }

/** Per customer, distinct purchase days (sorted) with their totals and order counts. */
function histories(transactions: Transactions): Map<string, History> {
  const byCustomer = new Map<string, Map<number, { amount: number; orders: number }>>();
  for (let i = 0; i < transactions.customer.length; i++) {
    let days = byCustomer.get(transactions.customer[i]);
    if (!days) { days = new Map(); byCustomer.set(transactions.customer[i], days); }
    const entry = days.get(transactions.day[i]) ?? { amount: 0, orders: 0 };
    entry.amount += transactions.amount[i];
    entry.orders++;
    days.set(transactions.day[i], entry);
  }
  const result = new Map<string, History>();
  for (const [customer, days] of byCustomer) {
    const sorted = [...days.entries()].sort((x, y) => x[0] - y[0]);
    result.set(customer, { days: sorted.map((d) => d[0]), amounts: sorted.map((d) => d[1].amount), orders: sorted.map((d) => d[1].orders) });
  }
  return result;
}

/**
 * Fits and forecasts for `settings`. Returns { ok: false, message } for settings that cannot
 * be used (a bad date, a calibration end before the first order); a data set the models cannot
 * fit (nobody bought twice), or a fit that fails the last check before anything is shown
 * (fitGuard.ts: a P(alive) outside [0, 1], a negative or infinite expected figure, a
 * log-likelihood no parameters could reach), still gives a report, with `problem` set and NaN
 * figures, and no model checks.
 * Cost: the fits (see bgnbd.ts, gammaGamma.ts), then 14 expectations per distinct customer
 * history (x, t_x, T) for P(alive), expected orders and CLV, and a sort of the customers.
 */
export function repurchaseReport(input: RepurchaseInput, settings: RepurchaseSettings): RepurchaseReport | { ok: false; message: string } {
  const started = performance.now();
  const wrong = settingsProblem(settings);
  if (wrong) return { ok: false, message: wrong };
  const daysPerUnit = DAYS_PER_UNIT[settings.unit];
  let summary: CustomerSummary;
  let history: Map<string, History> | undefined;
  let calibrationEnd = NaN;
  let firstDay = NaN;
  let lastDay = NaN;
  let laterCustomers = 0;
  let calibrationDefault: RepurchaseReport['calibrationDefault'];
  if (input.kind === 'transactions') {
    const { day } = input.transactions;
    if (day.length === 0) return { ok: false, message: 'There are no orders with a customer to model.' };
    firstDay = day.reduce((m, d) => Math.min(m, d), Infinity);
    lastDay = day.reduce((m, d) => Math.max(m, d), -Infinity);
    const fallback = defaultCalibrationEnd(input.transactions)!;
    calibrationDefault = { date: dayToIso(fallback.day), heldOut: fallback.heldOut, reason: fallback.reason };
    calibrationEnd = settings.calibrationEnd.trim() === '' ? fallback.day : Math.floor(parseDate(settings.calibrationEnd.trim(), 'iso') / 1440);
    if (calibrationEnd < firstDay) {
      return { ok: false, message: `The calibration end ${dayToIso(calibrationEnd)} is before the first order (${dayToIso(firstDay)}); choose a date from ${dayToIso(firstDay)} to ${dayToIso(lastDay)}.` };
    }
    calibrationEnd = Math.min(calibrationEnd, lastDay);
    summary = summarizeCustomers(input.transactions, calibrationEnd, settings.unit);
    history = histories(input.transactions);
    laterCustomers = history.size - summary.ids.length;
  } else {
    summary = input.summary;
  }
  const horizon = (settings.horizonMonths * 365.25) / 12 / daysPerUnit;
  // All three models are fitted (or BG/NBD and the one asked for); with a holdout period each is
  // scored on it, and one is chosen (repeatModels.ts).
  const asked = settings.model ?? 'best';
  const fits = fitRepeatModels(summary, asked === 'best' ? REPEAT_MODEL_KINDS : asked === 'bgnbd' ? ['bgnbd'] : ['bgnbd', asked]);
  const holdoutPurchases = history && lastDay > calibrationEnd ? holdoutCounts(summary, history, calibrationEnd) : undefined;
  const holdoutLength = (lastDay - calibrationEnd) / daysPerUnit;
  const errors = holdoutPurchases && new Map(fits.map((fit) => [fit.kind, holdoutError(repeatModel(fit), summary, holdoutPurchases, holdoutLength)] as const));
  const models = compareModels(fits, summary.ids.length, errors);
  const choice = chooseModel(models, asked);
  const chosen = choice && fits.find((fit) => fit.kind === choice.kind);
  const bgnbdFit = fits.find((fit) => fit.kind === 'bgnbd')?.fit as BgNbdFit | undefined;
  const forecast = forecastCustomers(summary, { unit: settings.unit, horizonMonths: settings.horizonMonths, annualDiscount: settings.annualDiscount }, chosen, bgnbdFit);
  let fitted = 'problem' in forecast ? undefined : forecast;
  let problem = 'problem' in forecast ? forecast.problem : undefined;
  let matrix: FrequencyRecencyMatrix | undefined;
  let holdout: RepurchaseReport['holdout'];
  if (fitted && summary.ids.length > 0) {
    const maxAge = summary.age.reduce((m, v) => Math.max(m, v), 0);
    const maxFrequency = Math.min(25, summary.frequency.reduce((m, v) => Math.max(m, v), 0));
    const repeats = repeatModel(fitted.model);
    if (maxAge > 0) matrix = frequencyRecencyMatrix(repeats, maxAge, maxFrequency, horizon);
    if (history && holdoutPurchases) holdout = holdoutCheck(repeats, summary, history, holdoutPurchases, calibrationEnd, lastDay, daysPerUnit);
  }
  // The last check before anything is shown or written (fitGuard.ts): an impossible figure fails the whole fit.
  const failure = fitted && fitFailure(fitted, summary, {
    matrix, predicted: holdout && [...holdout.buckets.map((bucket) => bucket.predicted), ...holdout.cumulative.predicted],
  });
  if (failure) { fitted = undefined; problem = failure; matrix = undefined; holdout = undefined; }
  // Rounding a hair below zero (within the guard's slack) reads as 0.
  const shown = (values: Float64Array | undefined, i: number) => (values ? Math.max(0, values[i]) : NaN);
  const count = summary.ids.length;
  const orders = new Float64Array(count);
  const revenue = new Float64Array(count);
  const sinceLast = new Float64Array(count);
  const lastOrder: string[] = new Array(count).fill('');
  for (let i = 0; i < count; i++) {
    sinceLast[i] = summary.age[i] - summary.recency[i];
    const h = history?.get(summary.ids[i]);
    if (h) {
      let last = -Infinity;
      for (let k = 0; k < h.days.length && h.days[k] <= calibrationEnd; k++) { orders[i] += h.orders[k]; revenue[i] += h.amounts[k]; last = h.days[k]; }
      lastOrder[i] = dayToIso(last);
    } else {
      orders[i] = summary.frequency[i] + 1;
      revenue[i] = summary.monetary[i] * summary.frequency[i];
    }
  }
  const rfm = rfmScores(sinceLast, orders, revenue);
  const clv = Float64Array.from({ length: count }, (_, i) => shown(fitted?.clv, i));
  const customers: CustomerFigures[] = summary.ids.map((customer, i) => ({
    customer, orders: orders[i], lastOrder: lastOrder[i],
    pAlive: fitted ? fitted.pAlive[i] : NaN, expectedOrders: shown(fitted?.expectedOrders, i), clv: clv[i],
    frequency: summary.frequency[i], recency: summary.recency[i], T: summary.age[i], monetary: summary.monetary[i], revenue: revenue[i],
    expectedValue: shown(fitted?.expectedValue, i),
    rfm: `${rfm.recency[i]}${rfm.frequency[i]}${rfm.monetary[i]}`, segment: rfm.segment[i],
  }));
  let regulars: RegularCustomer[] | undefined;
  if (history) {
    const list = summary.ids.map((customer) => ({ customer, days: history!.get(customer)!.days }));
    const index = new Map(summary.ids.map((id, i) => [id, i]));
    regulars = findRegulars(list, calibrationEnd).map((r) => ({
      ...r, lastOrder: dayToIso(r.lastDay), nextOrder: dayToIso(r.nextDay), pAlive: customers[index.get(r.customer)!].pAlive,
    }));
  }
  // Sorted once here, so the table's first sort (CLV, highest first) finds it in order.
  customers.sort((x, y) => (Number.isNaN(x.clv) ? 1 : 0) - (Number.isNaN(y.clv) ? 1 : 0) || y.clv - x.clv || (x.customer < y.customer ? -1 : x.customer > y.customer ? 1 : 0));
  return {
    ok: true, input: input.kind, settings: { ...settings },
    calibrationEnd: Number.isFinite(calibrationEnd) ? dayToIso(calibrationEnd) : '',
    ...(calibrationDefault ? { calibrationDefault } : {}),
    firstDate: Number.isFinite(firstDay) ? dayToIso(firstDay) : '', lastDate: Number.isFinite(lastDay) ? dayToIso(lastDay) : '',
    customers, laterCustomers,
    problem,
    bgnbd: fitted?.bgnbd, models, model: fitted?.model, modelReason: fitted ? choice?.reason ?? '' : '', gammaGamma: fitted?.gammaGamma,
    matrix, holdout,
    segments: summarizeSegments(rfm.segment, revenue, clv),
    regulars,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Each customer's repeat purchase days after the calibration end. */
function holdoutCounts(summary: CustomerSummary, history: Map<string, History>, calibrationEnd: number): Float64Array {
  const counts = new Float64Array(summary.ids.length);
  summary.ids.forEach((customer, i) => {
    const { days } = history.get(customer)!;
    for (let k = 1; k < days.length; k++) if (days[k] > calibrationEnd) counts[i]++;
  });
  return counts;
}

/** Calibration versus holdout for the customers first seen by the calibration end. */
function holdoutCheck(
  params: RepeatModel, summary: CustomerSummary, history: Map<string, History>, holdoutPurchases: Float64Array,
  calibrationEnd: number, lastDay: number, daysPerUnit: number,
): NonNullable<RepurchaseReport['holdout']> {
  const firstDay = new Float64Array(summary.ids.length);
  const repeatDays: number[] = [];
  summary.ids.forEach((customer, i) => {
    const { days } = history.get(customer)!;
    firstDay[i] = days[0];
    for (let k = 1; k < days.length; k++) repeatDays.push(days[k]);
  });
  const length = (lastDay - calibrationEnd) / daysPerUnit;
  const start = firstDay.reduce((m, d) => Math.min(m, d), Infinity);
  const span = lastDay - start;
  const step = daysPerUnit * Math.max(1, Math.ceil(span / daysPerUnit / 200));
  const points: number[] = [];
  for (let day = start + step; day < lastDay; day += step) points.push(day);
  points.push(lastDay);
  return {
    days: lastDay - calibrationEnd, length, calibrationEndDay: calibrationEnd,
    buckets: holdoutByFrequency(params, summary, holdoutPurchases, length),
    cumulative: cumulativeRepeatPurchases(params, firstDay, repeatDays, points, daysPerUnit),
  };
}
