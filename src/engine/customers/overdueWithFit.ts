/**
 * An overdue customer's P(alive) from the re-purchase fit the person is looking at. The anomaly
 * engine sees the silence since the last order; the chosen model of repeat buying (BG/NBD:
 * Fader, Hardie & Lee 2005, eq. 11 for P(alive); or Pareto/NBD, MBG/NBD) weighs it against the
 * customer's frequency and recency. When the person
 * refits with another calibration end or unit, the overdue rows take the new fit's figure, and
 * the sentence says which fit it is.
 */
import type { Anomaly } from './anomalies/findAnomalies.ts';
import { percent } from './format.ts';
import { MODEL_NAMES } from '../repurchase/index.ts';
import type { RepurchaseReport } from '../repurchase/index.ts';

/** The P(alive) clause a sentence may already carry (from this function, or an older stored report). */
const CLAUSE = /\s*(P\(alive\) [^()]*\((?:BG\/NBD|MBG\/NBD|Pareto\/NBD)[^)]*\)\.|Not in the re-purchase fit[^.]*\.)$/;

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
  return anomalies.map((a) => {
    if (a.kind !== 'overdue') return a;
    const base = a.why.replace(CLAUSE, '');
    const { pAlive: _old, ...rest } = a;
    if (!usable) return { ...rest, why: base };
    const p = pAlive.get(a.customer);
    if (p === undefined || !Number.isFinite(p)) {
      return { ...rest, why: `${base} Not in the re-purchase fit (first order after its calibration end, ${usable.calibrationEnd}).` };
    }
    return { ...rest, pAlive: p, why: `${base} P(alive) ${percent(p, 0)} (${fitLabel(usable)}).` };
  });
}
