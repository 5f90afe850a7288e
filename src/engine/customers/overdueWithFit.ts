/**
 * An overdue customer's P(alive) from the re-purchase fit the person is looking at. The anomaly
 * engine sees the silence since the last order, up to the end of the data; the chosen model of
 * repeat buying (BG/NBD: Fader, Hardie & Lee 2005, eq. 11 for P(alive); or Pareto/NBD, MBG/NBD)
 * weighs the same silence against the customer's frequency and recency: its parameters, fitted on
 * the orders up to the calibration end, applied to the customer's orders up to the end of the
 * data, so both figures speak of the same day. When the person refits with another calibration
 * end or unit, the overdue rows take the new fit's figure, and the sentence says which fit it is.
 */
import type { Anomaly } from './anomalies/findAnomalies.ts';
import { percent } from './format.ts';
import { MODEL_NAMES, repeatModel } from '../repurchase/index.ts';
import { DAYS_PER_UNIT } from '../repurchase/summarizeCustomers.ts';
import type { RepurchaseReport } from '../repurchase/index.ts';

/**
 * Where the customer's own rhythm and the model disagree sharply — by their gaps a silence this
 * long has P below RHYTHM_GONE, yet the model gives P(alive) at least MODEL_ALIVE — the sentence
 * says why, in one sentence: the models of repeat buying pool all customers and see only how many
 * orders a customer placed and when the last one was (x, t_x, T: Fader, Hardie & Lee 2005, §2,
 * "recency and frequency are sufficient"), not how regular the gaps between them were, so a long
 * silence from a clockwork customer reads to them as an ordinary pause.
 */
export const RHYTHM_GONE = 0.001;
export const MODEL_ALIVE = 0.5;
export const WHY_THEY_DIFFER = 'The two differ because the model pools all customers and counts only how many orders this one placed and when the last was, not how regularly they came, so it reads the silence as an ordinary pause; by their own rhythm they have most likely stopped.';
/** Said inside that sentence when the fit itself finds almost no customer stopping (fitCheck.ts). */
const NO_DROPOUT = ' (and this fit finds almost no customer stopping at all: see its fit check)';

/** The P(alive) clause a sentence may already carry (from this function, or an older stored report), with the sentence on why the two differ. */
const CLAUSE = /\s*(P\(alive\) [^()]*\((?:BG\/NBD|MBG\/NBD|Pareto\/NBD)[^)]*\)\.(?: The two differ because [^;]*; by their own rhythm they have most likely stopped\.)?|Not in the re-purchase fit[^.]*\.)$/;

/** Which fit, in words: "BG/NBD fitted on orders to 2011-06-30, in weeks". */
export function fitLabel(fit: Pick<RepurchaseReport, 'calibrationEnd' | 'settings' | 'input'> & { model?: RepurchaseReport['model'] }): string {
  const name = MODEL_NAMES[fit.model?.kind ?? 'bgnbd'];
  return fit.input === 'summary' ? `${name} fitted on the customer summary, in ${fit.settings.unit}` : `${name} fitted on orders to ${fit.calibrationEnd}, in ${fit.settings.unit}`;
}

/**
 * The anomalies with each overdue customer's P(alive) and its clause taken from `fit` (other
 * kinds unchanged). Without a usable fit the clause and figure are dropped; a customer the fit
 * leaves out (first order after its calibration end) is said to be so.
 */
export function overdueWithFit(anomalies: readonly Anomaly[], fit: RepurchaseReport | null | undefined): Anomaly[] {
  const overdue = anomalies.filter((a) => a.kind === 'overdue');
  if (overdue.length === 0) return anomalies.slice();
  const usable = fit && fit.bgnbd && !fit.problem ? fit : undefined;
  const wanted = new Set(overdue.map((a) => a.customer));
  const pAlive = new Map<string, number>();
  if (usable) for (const c of usable.customers) if (wanted.has(c.customer)) pAlive.set(c.customer, c.pAlive);
  // At the end of the data: x = purchase days − 1, t_x and T from the first purchase, in the fit's unit.
  const model = usable?.model && repeatModel(usable.model);
  const noDropout = usable?.model?.fit.check?.issues.includes('almost no customer stops') ?? false;
  const perUnit = usable ? DAYS_PER_UNIT[usable.settings.unit] : 1;
  const atEnd = (a: Anomaly, calibrated: number) => {
    const rhythm = a.rhythm;
    if (!model || !rhythm) return calibrated;
    const value = model.probabilityAlive(rhythm.purchaseDays - 1, (rhythm.lastDay - rhythm.firstDay) / perUnit, (rhythm.endDay - rhythm.firstDay) / perUnit);
    return value >= 0 && value <= 1 ? value : calibrated;
  };
  return anomalies.map((a) => {
    if (a.kind !== 'overdue') return a;
    const base = a.why.replace(CLAUSE, '');
    const { pAlive: _old, ...rest } = a;
    if (!usable) return { ...rest, why: base };
    const calibrated = pAlive.get(a.customer);
    if (calibrated === undefined || !Number.isFinite(calibrated)) {
      return { ...rest, why: `${base} Not in the re-purchase fit (first order after its calibration end, ${usable.calibrationEnd}).` };
    }
    const p = atEnd(a, calibrated);
    const differ = a.rhythm !== undefined && a.rhythm.gapProbability < RHYTHM_GONE && p >= MODEL_ALIVE;
    const why = differ ? ` ${noDropout ? WHY_THEY_DIFFER.replace('ordinary pause;', `ordinary pause${NO_DROPOUT};`) : WHY_THEY_DIFFER}` : '';
    return { ...rest, pAlive: p, why: `${base} P(alive) ${percent(p, 0)} (${fitLabel(usable)}).${why}` };
  });
}
