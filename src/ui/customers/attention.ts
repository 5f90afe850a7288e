/**
 * The Attention list: the anomalies of every kind in one ranking, by the money at stake
 * (`atStake` compares across kinds; `score` only within one). One row per thing to look at:
 * - a reversal is listed on its order's side only (the engine lists both sides of the pair, the
 *   order and the cancellation, each pointing at the other);
 * - an order that several detectors flagged (an odd order that was also reversed) is one row,
 *   under the kind with the most at stake, naming the others;
 * - anomalies with nothing at stake (a stalled journey) are counted, not listed: they stay in
 *   the per-kind table.
 */
import type { Anomaly, AnomalyKind } from '../../engine/customers/index.ts';

export interface AttentionRow {
  anomaly: Anomaly;
  /** Other kinds flagged on the same order (the Attention row stands for them too). */
  also: AnomalyKind[];
}

/** Kinds about one order of one customer: flags on the same order merge into one row. */
const ORDER_KINDS = new Set<AnomalyKind>(['odd-order', 'low-order', 'reversal', 'early', 'big-basket']);

/** The rows, most at stake first (ties keep the engine's order), and how many anomalies had nothing at stake. */
export function attentionRows(anomalies: readonly Anomaly[]): { rows: AttentionRow[]; withoutMoney: number } {
  // 1. One side of each reversal pair: the earlier (the order; a cancellation comes after it).
  const pairSide = new Map<string, Anomaly>();
  for (const anomaly of anomalies) {
    if (anomaly.kind !== 'reversal') continue;
    const key = `${anomaly.customer}\u0000${[anomaly.order, anomaly.related].sort().join('\u0000')}`;
    const other = pairSide.get(key);
    if (!other || anomaly.date < other.date) pairSide.set(key, anomaly);
  }
  const kept = new Set(pairSide.values());
  // 2. Money at stake only; 3. one row per flagged order.
  let withoutMoney = 0;
  const rows: AttentionRow[] = [];
  const byOrder = new Map<string, AttentionRow>();
  for (const anomaly of anomalies) {
    if (anomaly.kind === 'reversal' && !kept.has(anomaly)) continue;
    if (!(anomaly.atStake > 0) || !Number.isFinite(anomaly.atStake)) { withoutMoney++; continue; }
    if (!ORDER_KINDS.has(anomaly.kind) || !anomaly.customer || !anomaly.order) { rows.push({ anomaly, also: [] }); continue; }
    const key = `${anomaly.customer}\u0000${anomaly.order}`;
    const row = byOrder.get(key);
    if (!row) {
      const fresh = { anomaly, also: [] };
      byOrder.set(key, fresh);
      rows.push(fresh);
    } else if (anomaly.atStake > row.anomaly.atStake) {
      row.also = [...row.also.filter((kind) => kind !== anomaly.kind), row.anomaly.kind].filter((kind) => kind !== anomaly.kind);
      row.anomaly = anomaly;
    } else if (anomaly.kind !== row.anomaly.kind && !row.also.includes(anomaly.kind)) {
      row.also = [...row.also, anomaly.kind];
    }
  }
  // Array.prototype.sort is stable: equal stakes keep the engine's order.
  rows.sort((x, y) => y.anomaly.atStake - x.anomaly.atStake);
  return { rows, withoutMoney };
}
