/**
 * The last check of a re-purchase fit before any of its figures is shown or written: every
 * P(alive) in [0, 1], every expected count and value finite and ≥ 0, and a finite
 * log-likelihood no higher than any parameters could give the data. A fit that fails it is
 * reported in a plain sentence ("This fit failed: …") and shows no figure at all, so an
 * impossible number never reaches the Customers table, a CSV or the CLI.
 */
import type { BgNbdFit, CustomerSummary } from './bgnbd.ts';
import type { FrequencyRecencyMatrix } from './holdout.ts';

/** Rounding below zero that a figure may carry and still be read as 0 (the guard's only slack). */
export const ROUNDING = 1e-9;

/**
 * The highest BG/NBD log-likelihood any parameters could give these data: Σ over x > 0 of
 * x·(ln(x/t_x) − 1). Each customer's likelihood (FHL 2005, eq. 3) is an average over λ and p of
 * (1−p)^x λ^x e^(−λT) + p(1−p)^(x−1) λ^x e^(−λt_x) ≤ (1−p)^(x−1) · λ^x e^(−λt_x) (as t_x ≤ T),
 * and λ^x e^(−λt_x) is at most (x/(e·t_x))^x (its maximum, at λ = x/t_x); a customer with
 * x = 0 has E[e^(−λT)] ≤ 1. Whole-day data measured in days have t_x ≥ x, so the ceiling is at
 * most 0: there the log-likelihood must be negative. Infinity when some x > 0 has t_x = 0
 * (possible only in a customer-summary file).
 */
export function logLikelihoodCeiling(data: Pick<CustomerSummary, 'frequency' | 'recency'>): number {
  let ceiling = 0;
  for (let i = 0; i < data.frequency.length; i++) {
    const x = data.frequency[i];
    if (x > 0) ceiling += data.recency[i] > 0 ? x * (Math.log(x / data.recency[i]) - 1) : Infinity;
  }
  return ceiling;
}

export interface ForecastFigures {
  bgnbd: BgNbdFit;
  /** The model the figures come from, when it is not the BG/NBD fit itself. */
  model?: { fit: { logLikelihood: number } };
  pAlive: ArrayLike<number>;
  expectedOrders: ArrayLike<number>;
  expectedValue: ArrayLike<number>;
  clv: ArrayLike<number>;
}

/** What the model checks would draw: the frequency/recency matrix and the holdout predictions. */
export interface CheckFigures {
  matrix?: Pick<FrequencyRecencyMatrix, 'expected' | 'pAlive'>;
  predicted?: readonly number[];
}

const fine = (value: number) => Number.isFinite(value) && value >= -ROUNDING;
const probability = (value: number) => value >= 0 && value <= 1;

function amount(value: number): string {
  return Number.isFinite(value) ? value.toPrecision(3).replace(/\.?0+(e|$)/, '$1') : String(value);
}

/**
 * A plain sentence saying why the fit failed, or undefined when every figure can be shown.
 * It names the first impossible figure and whose it is. Cost: one pass over the customers.
 */
export function fitFailure(forecast: ForecastFigures, summary: CustomerSummary, checks: CheckFigures = {}): string | undefined {
  const failed = (what: string) => `This fit failed: ${what}, which cannot be, so none of its figures are shown. Try another calibration end or time unit, or more data.`;
  const { logLikelihood } = forecast.model?.fit ?? forecast.bgnbd;
  if (!Number.isFinite(logLikelihood)) return failed(`its log-likelihood came out as ${logLikelihood}`);
  const ceiling = logLikelihoodCeiling(summary);
  if (logLikelihood > ceiling + ROUNDING * (1 + Math.abs(ceiling))) {
    return failed(`its log-likelihood (${amount(logLikelihood)}) is above the highest any parameters could give these data (${amount(ceiling)})`);
  }
  for (let i = 0; i < summary.ids.length; i++) {
    const who = `customer ${summary.ids[i]}`;
    if (!probability(forecast.pAlive[i])) return failed(`${who} would have a P(alive) of ${amount(forecast.pAlive[i])}`);
    if (!fine(forecast.expectedOrders[i])) return failed(`${who} would be expected to place ${amount(forecast.expectedOrders[i])} orders`);
    if (!fine(forecast.expectedValue[i])) return failed(`an order by ${who} would be expected to be worth ${amount(forecast.expectedValue[i])}`);
    if (!fine(forecast.clv[i])) return failed(`${who} would have a lifetime value of ${amount(forecast.clv[i])}`);
  }
  const { matrix, predicted } = checks;
  if (matrix && !(matrix.expected.every((row) => row.every(fine)) && matrix.pAlive.every((row) => row.every(probability)))) {
    return failed('the frequency/recency check would show an impossible P(alive) or expected orders');
  }
  if (predicted && !predicted.every(fine)) return failed('the calibration-versus-holdout check would show impossible expected orders');
  return undefined;
}
