/**
 * The Attention list and the Anomalies table as CSV: every row (not only those shown), plain
 * numbers (no currency, no thousands separators), and every cell formula-safe (rowsToCsv).
 */
import { ANOMALY_KIND_LABELS } from '../../engine/customers/index.ts';
import type { Anomaly } from '../../engine/customers/index.ts';
import { rowsToCsv } from '../../engine/csv/index.ts';
import type { AttentionRow } from './attention.ts';

const kindLabel = (kind: Anomaly['kind']) => ANOMALY_KIND_LABELS[kind] ?? kind;

/** The Attention list, most at stake first, as in the table. */
export function attentionCsv(rows: readonly AttentionRow[]): string {
  return rowsToCsv(rows, [
    { header: 'customer', value: (r) => r.anomaly.customer },
    { header: 'date', value: (r) => r.anomaly.date },
    { header: 'kind', value: (r) => kindLabel(r.anomaly.kind) },
    { header: 'also', value: (r) => r.also.map(kindLabel).join('; ') },
    { header: 'order', value: (r) => r.anomaly.order },
    { header: 'at_stake', value: (r) => r.anomaly.atStake },
    { header: 'why', value: (r) => r.anomaly.why },
  ], 2);
}

/** The anomalies in the order given (the table's filter and sort). */
export function anomaliesCsv(anomalies: readonly Anomaly[]): string {
  return rowsToCsv(anomalies, [
    { header: 'customer', value: (a) => a.customer },
    { header: 'date', value: (a) => a.date },
    { header: 'kind', value: (a) => kindLabel(a.kind) },
    { header: 'order', value: (a) => a.order },
    { header: 'score', value: (a) => a.score },
    { header: 'at_stake', value: (a) => a.atStake },
    { header: 'p_alive', value: (a) => a.pAlive ?? Number.NaN },
    { header: 'why', value: (a) => a.why },
  ]);
}
