/**
 * The three models of repeat buying side by side — BG/NBD (bgnbd.ts), Pareto/NBD (paretoNbd.ts)
 * and MBG/NBD (mbgnbd.ts) — behind one shape, RepeatModel, that the forecasts, the model checks
 * and lifetime value use whichever is chosen; their comparison by log-likelihood, AIC and BIC
 * (Akaike 1974; Schwarz 1978: AIC = 2k − 2 ln L, BIC = k ln n − 2 ln L, n customers) and by the
 * holdout error when the data run past the calibration end; and the choice of one, in a sentence.
 *
 * A fit crosses to the page as plain data (FittedModel); `repeatModel` turns it back into the
 * functions, so the page can evaluate the chosen model for one customer (an overdue one, say).
 */
import { bgNbdConditionalExpected, bgNbdExpectedPurchases, bgNbdProbabilityAlive, fitBgNbd, isPoissonLimit } from './bgnbd.ts';
import type { BgNbdFit, BgNbdParameters, CustomerSummary } from './bgnbd.ts';
import { fitMbgNbd, mbgNbdConditionalExpected, mbgNbdExpectedPurchases, mbgNbdProbabilityAlive } from './mbgnbd.ts';
import type { MbgNbdFit } from './mbgnbd.ts';
import { fitParetoNbd, paretoNbdConditionalExpected, paretoNbdExpectedPurchases, paretoNbdProbabilityAlive } from './paretoNbd.ts';
import type { ParetoNbdFit } from './paretoNbd.ts';
import { historyTable } from './historyTable.ts';

export type RepeatModelKind = 'bgnbd' | 'pareto-nbd' | 'mbgnbd';
export const REPEAT_MODEL_KINDS: readonly RepeatModelKind[] = ['bgnbd', 'pareto-nbd', 'mbgnbd'];
export const MODEL_NAMES: Record<RepeatModelKind, string> = { bgnbd: 'BG/NBD', 'pareto-nbd': 'Pareto/NBD', mbgnbd: 'MBG/NBD' };

/** A fitted model as plain data (it crosses from the worker). */
export type FittedModel =
  | { kind: 'bgnbd'; fit: BgNbdFit }
  | { kind: 'pareto-nbd'; fit: ParetoNbdFit }
  | { kind: 'mbgnbd'; fit: MbgNbdFit };

/** What the forecasts need of a model of repeat buying. Times are in the data's unit. */
export interface RepeatModel {
  kind: RepeatModelKind;
  /** P(alive | x, t_x, T). */
  probabilityAlive(x: number, recency: number, age: number): number;
  /** E[Y(t) | x, t_x, T]: expected purchases in the next `horizon`. */
  conditionalExpected(horizon: number, x: number, recency: number, age: number): number;
  /** E[X(t)]: expected purchases of a new customer in `t`. */
  expectedPurchases(t: number): number;
}

/** The functions of a fitted model. */
export function repeatModel(model: FittedModel): RepeatModel {
  switch (model.kind) {
    case 'bgnbd': {
      const p = model.fit;
      return {
        kind: 'bgnbd', probabilityAlive: (x, tx, T) => bgNbdProbabilityAlive(p, x, tx, T),
        conditionalExpected: (t, x, tx, T) => bgNbdConditionalExpected(p, t, x, tx, T), expectedPurchases: (t) => bgNbdExpectedPurchases(p, t),
      };
    }
    case 'pareto-nbd': {
      const p = model.fit;
      return {
        kind: 'pareto-nbd', probabilityAlive: (x, tx, T) => paretoNbdProbabilityAlive(p, x, tx, T),
        conditionalExpected: (t, x, tx, T) => paretoNbdConditionalExpected(p, t, x, tx, T), expectedPurchases: (t) => paretoNbdExpectedPurchases(p, t),
      };
    }
    case 'mbgnbd': {
      const p = model.fit;
      return {
        kind: 'mbgnbd', probabilityAlive: (x, tx, T) => mbgNbdProbabilityAlive(p, x, tx, T),
        conditionalExpected: (t, x, tx, T) => mbgNbdConditionalExpected(p, t, x, tx, T), expectedPurchases: (t) => mbgNbdExpectedPurchases(p, t),
      };
    }
  }
}

/** A model given as its functions, or as BG/NBD parameters (the model the checks were first written for). */
export function asRepeatModel(model: RepeatModel | BgNbdParameters): RepeatModel {
  return 'probabilityAlive' in model ? model : repeatModel({ kind: 'bgnbd', fit: { ...model, rate: model.rate ?? model.r / model.alpha, logLikelihood: NaN, converged: true } });
}

/** Free parameters of a fit: four, or three for BG/NBD in its Poisson limit (r, α → ∞ with r/α fixed). */
export function parameterCount(model: FittedModel): number {
  return model.kind === 'bgnbd' && isPoissonLimit(model.fit) ? 3 : 4;
}

/** One row of the comparison. */
export interface ModelComparison {
  kind: RepeatModelKind;
  name: string;
  logLikelihood: number;
  parameters: number;
  /** The fitted parameters by name: r, α, a, b (BG/NBD, MBG/NBD) or r, α, s, β (Pareto/NBD). */
  values: Record<string, number>;
  aic: number;
  bic: number;
  converged: boolean;
  warning?: string;
  /** The fit check (fitCheck.ts): sound, or what is wrong in a few words and what to do. */
  check?: { sound: boolean; issues: string[]; advice?: string };
  /** With a holdout: mean absolute error of predicted against actual repeat orders per customer, and the total's relative error. */
  holdout?: { meanAbsoluteError: number; aggregateError: number };
}

/**
 * Fits the models of `kinds` (all three by default) that can be fitted (none can when nobody
 * bought twice), each by the one fitting routine (maximizeLikelihood.ts) with its analytic
 * gradient, on one table of the distinct histories built for all of them.
 */
export function fitRepeatModels(data: CustomerSummary, kinds: readonly RepeatModelKind[] = REPEAT_MODEL_KINDS): FittedModel[] {
  const table = historyTable(data);
  const models: FittedModel[] = [];
  const bgnbd = kinds.includes('bgnbd') ? fitBgNbd(table) : undefined;
  if (bgnbd) models.push({ kind: 'bgnbd', fit: bgnbd });
  const pareto = kinds.includes('pareto-nbd') ? fitParetoNbd(table) : undefined;
  if (pareto) models.push({ kind: 'pareto-nbd', fit: pareto });
  const mbgnbd = kinds.includes('mbgnbd') ? fitMbgNbd(table) : undefined;
  if (mbgnbd) models.push({ kind: 'mbgnbd', fit: mbgnbd });
  return models;
}

/**
 * The holdout error of a model: per customer, E[Y(holdout) | x, t_x, T] against the repeat
 * orders seen in the holdout — their mean absolute difference, and (Σ predicted − Σ actual) / Σ actual.
 */
export function holdoutError(
  model: RepeatModel, calibration: CustomerSummary, holdoutPurchases: ArrayLike<number>, holdoutLength: number,
): { meanAbsoluteError: number; aggregateError: number } {
  let absolute = 0;
  let predicted = 0;
  let actual = 0;
  const cache = new Map<string, number>();
  for (let i = 0; i < calibration.frequency.length; i++) {
    const key = `${calibration.frequency[i]}|${calibration.recency[i]}|${calibration.age[i]}`;
    let expected = cache.get(key);
    if (expected === undefined) {
      expected = model.conditionalExpected(holdoutLength, calibration.frequency[i], calibration.recency[i], calibration.age[i]);
      cache.set(key, expected);
    }
    absolute += Math.abs(expected - holdoutPurchases[i]);
    predicted += expected;
    actual += holdoutPurchases[i];
  }
  const n = calibration.frequency.length;
  return { meanAbsoluteError: absolute / n, aggregateError: actual > 0 ? (predicted - actual) / actual : NaN };
}

/** The comparison rows of fitted models for `customers` customers (with holdout errors when given, by kind). */
export function compareModels(models: readonly FittedModel[], customers: number, holdout?: Map<RepeatModelKind, { meanAbsoluteError: number; aggregateError: number }>): ModelComparison[] {
  return models.map((model) => {
    const k = parameterCount(model);
    const { logLikelihood, converged, warning, check } = model.fit;
    const values: Record<string, number> = model.kind === 'pareto-nbd'
      ? { r: model.fit.r, alpha: model.fit.alpha, s: model.fit.s, beta: model.fit.beta }
      : { r: model.fit.r, alpha: model.fit.alpha, a: model.fit.a, b: model.fit.b };
    return {
      kind: model.kind, name: MODEL_NAMES[model.kind], logLikelihood, parameters: k, values,
      aic: 2 * k - 2 * logLikelihood, bic: k * Math.log(customers) - 2 * logLikelihood, converged,
      ...(warning ? { warning } : {}),
      ...(check ? { check: { sound: check.sound, issues: check.issues, ...(check.advice ? { advice: check.advice } : {}) } } : {}),
      ...(holdout?.get(model.kind) ? { holdout: holdout.get(model.kind) } : {}),
    };
  });
}

/**
 * The model to use: the one asked for, or ('best') the one with the lowest holdout error when
 * there is a holdout — how well it forecast orders it did not see — else the lowest BIC (which
 * weighs fit against parameters). Models whose fit did not converge, or that the fit check
 * (fitCheck.ts) cannot vouch for, are passed over while another is sound. Returns the kind and a
 * sentence saying why.
 */
export function chooseModel(rows: readonly ModelComparison[], asked: RepeatModelKind | 'best' = 'best'): { kind: RepeatModelKind; reason: string } | undefined {
  if (rows.length === 0) return undefined;
  if (asked !== 'best') {
    const row = rows.find((r) => r.kind === asked);
    if (row) return { kind: row.kind, reason: `${row.name}, as chosen.` };
  }
  const settled = rows.filter((r) => r.converged);
  const sound = settled.filter((r) => r.check?.sound !== false);
  const pool = sound.length ? sound : settled.length ? settled : rows;
  // Said when the choice passed over a model for its fit, or when none can be vouched for.
  const passed = rows.filter((r) => !pool.includes(r)).map((r) => r.name);
  const caveat = sound.length === 0 && rows.some((r) => r.check)
    ? ' None of the fits can be trusted as it stands: see the fit check.'
    : passed.length ? ` ${passed.join(' and ')} passed over: ${passed.length > 1 ? 'their fits' : 'its fit'} cannot be trusted as ${passed.length > 1 ? 'they stand' : 'it stands'}.` : '';
  const withHoldout = pool.filter((r) => r.holdout && Number.isFinite(r.holdout.meanAbsoluteError));
  if (withHoldout.length === pool.length && pool.length > 0) {
    const best = [...withHoldout].sort((p, q) => p.holdout!.meanAbsoluteError - q.holdout!.meanAbsoluteError)[0];
    return { kind: best.kind, reason: `${best.name}: it forecast the holdout period's repeat orders best (mean absolute error ${best.holdout!.meanAbsoluteError.toFixed(3)} orders per customer).${caveat}` };
  }
  const best = [...pool].sort((p, q) => p.bic - q.bic)[0];
  return { kind: best.kind, reason: `${best.name}: the lowest BIC (${best.bic.toFixed(1)}), the best fit for its number of parameters; there is no holdout period to test the forecasts on.${caveat}` };
}
