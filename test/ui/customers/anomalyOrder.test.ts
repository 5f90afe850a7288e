import { describe, expect, it } from 'vitest';
import type { Anomaly } from '../../../src/engine/customers/index.ts';
import { sortAnomalies } from '../../../src/ui/customers/anomalyOrder.ts';

const row = (kind: Anomaly['kind'], customer: string, date: string, score: number): Anomaly =>
  ({ kind, customer, date, order: '', related: '', score, atStake: 0, why: '' });

// As the engine gives them: grouped by kind, highest score first within each.
const rows = [
  row('odd-order', 'C10', '2024-03-02', 9.5), row('odd-order', 'C2', '2024-01-05', 4.1),
  row('reversal', 'C7', '2024-02-10', 120), row('overdue', 'C2', '2023-12-01', 2737.5), row('overdue', 'C3', '2024-02-01', 15),
];

describe('sortAnomalies', () => {
  it('keeps the engine order when no column is chosen', () => {
    expect(sortAnomalies(rows, '', false)).toEqual(rows);
  });

  it('sorts customers as people read ids (C2 before C10) and dates in time order', () => {
    expect(sortAnomalies(rows, 'customer', false).map((a) => a.customer)).toEqual(['C2', 'C2', 'C3', 'C7', 'C10']);
    expect(sortAnomalies(rows, 'date', true).map((a) => a.date)).toEqual(['2024-03-02', '2024-02-10', '2024-02-01', '2024-01-05', '2023-12-01']);
  });

  it('sorts by score only within a kind, since each kind has its own scale', () => {
    expect(sortAnomalies(rows, 'score', false).map((a) => `${a.kind}:${a.score}`))
      .toEqual(['odd-order:4.1', 'odd-order:9.5', 'reversal:120', 'overdue:15', 'overdue:2737.5']);
    expect(sortAnomalies(rows, 'score', true).map((a) => `${a.kind}:${a.score}`))
      .toEqual(['odd-order:9.5', 'odd-order:4.1', 'reversal:120', 'overdue:2737.5', 'overdue:15']);
  });

  it('does not change the list it is given', () => {
    const copy = [...rows];
    sortAnomalies(rows, 'customer', true);
    expect(rows).toEqual(copy);
  });
});
