/**
 * Whether a fitted model of repeat buying can be trusted as it stands, said in plain words next
 * to its figures. A maximum-likelihood fit can be degenerate or weakly identified even when the
 * optimiser stops cleanly (Fader, Hardie & Lee 2005 note the BG/NBD's dropout part is poorly
 * determined when few customers have had time to stop); the checks are the usual ones of
 * likelihood inference (Pawitan 2001, "In All Likelihood", §2.5 and §3.3, on the observed
 * information and its inverse as the standard errors):
 * - the runs from different starts did not settle on one maximum;
 * - a parameter ran to the edge of what the model allows;
 * - almost no customer is expected to stop within the longest history in the data (a dropout
 *   rate near zero: P(alive) then stays near 100% for everyone);
 * - the observed information −H (H the Hessian of ln L in the logs of the parameters, by
 *   differences of the analytic gradient) is not positive definite: the likelihood is flat or
 *   saddle-shaped there;
 * - a parameter's standard error on the log scale, √((−H)⁻¹)ⱼⱼ, is above 1: the data cannot
 *   tell it from one e ≈ 2.7 times larger or smaller, so it is not pinned down.
 */
import { hessianFromGradient, inverseIfPositiveDefinite } from '../math/index.ts';
import type { HistoryTable } from './historyTable.ts';
import type { LikelihoodMaximum, LikelihoodModel } from './maximizeLikelihood.ts';

export interface FitCheck {
  /** True when none of the checks found anything. */
  sound: boolean;
  /** What is wrong, in a few words each ('almost no customer stops', …); empty when sound. */
  issues: string[];
  /** A paragraph in plain words: what is wrong, what it means for the figures, and what to do. Undefined when sound. */
  advice?: string;
  /** Standard errors of the logs of the parameters, by name (≈ relative standard errors); NaN where the information is not positive definite. */
  logStandardErrors: Record<string, number>;
  positiveDefinite: boolean;
  /** The share of customers the fit expects to stop within the longest history in the data (see each model's dropoutShare). */
  dropoutShare: number;
}

/** Below this share of customers stopping within the data's longest history, the dropout rate counts as near zero. */
export const DROPOUT_NEAR_ZERO = 0.01;
/** Above this standard error of a log-parameter, the parameter counts as not pinned down. */
export const LOG_ERROR_LIMIT = 1;

const list = (names: string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);

/**
 * The check of `maximum`, a fit of `model` to `table` by maximizeLikelihood.ts, whose dropout
 * share is `dropoutShare`; `name` names the model in the advice ("BG/NBD"). Cost: the gradient
 * at n + 1 points (n the number of parameters).
 */
export function checkFit<P>(model: LikelihoodModel<P>, table: HistoryTable, maximum: LikelihoodMaximum<P>, dropoutShare: number, name: string): FitCheck {
  const logs = model.toLog(maximum.point);
  const names = model.parameterNames;
  const gradientAt = (at: number[]) => {
    const g = at.map(() => 0);
    const value = model.logLikelihood(model.fromLog(at), table, g);
    return Number.isFinite(value) ? g : at.map(() => NaN);
  };
  const hessian = hessianFromGradient(gradientAt, logs);
  const covariance = inverseIfPositiveDefinite(hessian.map((row) => row.map((v) => -v)));
  const logStandardErrors = Object.fromEntries(names.map((parameter, j) => [parameter, covariance ? Math.sqrt(covariance[j][j]) : NaN]));
  const issues: string[] = [];
  const reasons: string[] = [];
  if (!maximum.converged) {
    issues.push('did not settle on one answer');
    reasons.push('runs from different starting points did not settle on one answer');
  }
  const edge = maximum.atBound.flatMap((side, i) => (side !== 0 ? [model.coordinateNames[i]] : []));
  if (edge.length) {
    issues.push(`${list(edge)} at the edge of the model`);
    reasons.push(`${list(edge)} ran to the edge of what the model allows`);
  }
  const nearZero = dropoutShare < DROPOUT_NEAR_ZERO;
  if (nearZero) {
    issues.push('almost no customer stops');
    reasons.push(`it finds almost no customer stopping (${shareText(dropoutShare)} expected to stop within the longest history in the data)`);
  }
  if (!covariance) {
    issues.push('flat likelihood');
    reasons.push('the likelihood is flat around the fit, so other parameters fit the data as well');
  } else {
    const loose = names.filter((parameter) => logStandardErrors[parameter] > LOG_ERROR_LIMIT);
    if (loose.length) {
      issues.push(`${list(loose)} not pinned down`);
      reasons.push(`the data do not pin down ${list(loose)} (each could be several times larger or smaller and fit as well)`);
    }
  }
  const check: FitCheck = { sound: issues.length === 0, issues, logStandardErrors, positiveDefinite: covariance !== undefined, dropoutShare };
  if (issues.length) {
    const meaning = nearZero
      ? 'So P(alive) reads near 100% for almost everyone, even for customers silent far longer than their own habit.'
      : 'So P(alive) and the forecasts could be quite different with parameters that fit as well.';
    check.advice = `${name} cannot be trusted as it stands: ${reasons.join('; ')}. ${meaning} `
      + 'What to do: compare the models under Models compared and prefer one without this warning; check the forecasts on a holdout (an earlier calibration end); '
      + 'a longer history, in which more customers have had time to stop, pins the dropout down. Meanwhile judge who is overdue by their own rhythm rather than by P(alive).';
  }
  return check;
}

function shareText(share: number): string {
  if (!(share > 0)) return 'none';
  if (share < 1e-4) return 'fewer than 0.01%';
  return `${(100 * share).toPrecision(2)}%`;
}

/** The longest history (largest T) in a table: the span the dropout share is measured over. */
export function longestHistory(table: HistoryTable): number {
  let longest = 0;
  for (let i = 0; i < table.age.length; i++) if (table.age[i] > longest) longest = table.age[i];
  return longest;
}

/**
 * The warnings Pareto/NBD and MBG/NBD share: customers who buy more regularly than the model
 * assumes (r ran up towards its bound), and too few repeat customers to go on.
 */
export function repeatFitWarning(regular: boolean, repeaters: number): string | undefined {
  const warnings: string[] = [];
  if (regular) {
    warnings.push('These customers buy more regularly than the model assumes: it expects purchase rates to differ from one customer to the next, '
      + 'but here the fit runs towards one shared rate; read P(alive) and expected orders as rough.');
  }
  if (repeaters < 20) warnings.push(`Only ${repeaters} customers have bought more than once; the forecasts rest on very little data.`);
  return warnings.length ? warnings.join(' ') : undefined;
}
