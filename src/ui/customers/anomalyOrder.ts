/**
 * The order of the Anomalies table when a column header is clicked. Scores are comparable only
 * within a kind (each kind has its own scale), so sorting by Score keeps the kinds apart, in
 * their usual order, and sorts by score inside each; ties keep the engine's order.
 */
import { ANOMALY_KINDS } from '../../engine/customers/index.ts';
import type { Anomaly } from '../../engine/customers/index.ts';

export type AnomalySortKey = 'customer' | 'date' | 'kind' | 'score';

const kindRank = new Map<string, number>(ANOMALY_KINDS.map((kind, index) => [kind, index]));

export function sortAnomalies(list: readonly Anomaly[], key: AnomalySortKey | '', descending: boolean): Anomaly[] {
  if (key === '') return [...list];
  const sign = descending ? -1 : 1;
  const byKind = (a: Anomaly, b: Anomaly) => (kindRank.get(a.kind) ?? 99) - (kindRank.get(b.kind) ?? 99);
  const compare: Record<AnomalySortKey, (a: Anomaly, b: Anomaly) => number> = {
    customer: (a, b) => sign * a.customer.localeCompare(b.customer, 'en', { numeric: true }),
    date: (a, b) => sign * a.date.localeCompare(b.date),
    kind: (a, b) => sign * byKind(a, b),
    score: (a, b) => byKind(a, b) || sign * (a.score - b.score),
  };
  // Array.prototype.sort is stable (ES2019), so equal rows keep the engine's order.
  return [...list].sort(compare[key]);
}
