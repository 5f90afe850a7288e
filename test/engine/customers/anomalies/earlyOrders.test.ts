import { describe, expect, it } from 'vitest';
import { MONEY_RANKED, rank } from '../../../../src/engine/customers/anomalies/findAnomalies.ts';
import type { Anomaly } from '../../../../src/engine/customers/anomalies/findAnomalies.ts';
import { findAnomalies } from '../../../../src/engine/customers/anomalies/findAnomalies.ts';
import { cleanTransactions } from '../../../../src/engine/customers/cleaning/cleanTransactions.ts';
import { parseCustomerFile, readTransactions } from '../../../../src/engine/csv/index.ts';
import { csv } from '../../../fixtures/customerCsv.ts';

function analyse(text: string) {
  const cleaned = cleanTransactions(readTransactions(parseCustomerFile(text)).table);
  return { cleaned, anomalies: findAnomalies(cleaned) };
}

function isoDate(start: string, plusDays: number): string {
  return new Date(Date.parse(`${start}T00:00:00Z`) + plusDays * 86_400_000).toISOString().slice(0, 10);
}

describe('early purchases and large baskets, each its own row', () => {
  // 30 background customers with 6 orders each, values spread from 20 to 800 (log-uniformly),
  // so the store's own spread is wide and a 300 order is no store-wide outlier.
  const rows: (string | number)[][] = [];
  for (let c = 0; c < 30; c++) {
    for (let k = 0; k < 6; k++) rows.push([`B${c}`, `B${c}-${k}`, `${isoDate('2024-01-01', 30 * k + c)} 11:00`, (20 * 40 ** (((c * 7 + k * 11) % 30) / 29)).toFixed(2)]);
  }
  // E orders 100 every 30 days, and 300 two days after its day-60 order: early and large at once.
  for (const day of [0, 30, 60, 90, 120, 150, 180]) rows.push(['E', `E${day}`, `${isoDate('2024-01-01', day)} 10:00`, 100]);
  rows.push(['E', 'E62', `${isoDate('2024-01-01', 62)} 10:00`, 300]);
  // R the same rhythm, and 100 one day after its day-60 order, reversed 10 minutes later.
  for (const day of [0, 30, 60, 90, 120, 150, 180]) rows.push(['R', `R${day}`, `${isoDate('2024-01-01', day)} 10:00`, 100]);
  rows.push(['R', 'R61', `${isoDate('2024-01-01', 61)} 10:00`, 100], ['R', 'CR61', `${isoDate('2024-01-01', 61)} 10:10`, -100]);
  // Q the same rhythm, with its day-90 order placed for 400 and 300 of it cancelled an hour later.
  for (const day of [0, 30, 60, 120, 150, 180]) rows.push(['Q', `Q${day}`, `${isoDate('2024-01-01', day)} 10:00`, 100]);
  rows.push(['Q', 'Q90', `${isoDate('2024-01-01', 90)} 10:00`, 400], ['Q', 'CQ90', `${isoDate('2024-01-01', 90)} 11:00`, -300]);
  const { anomalies } = analyse(csv(['customer', 'order', 'date', 'amount'], rows));
  const on = (order: string) => anomalies.filter((a) => a.order === order).map((a) => a.kind);

  it('lists an order that is both sooner than the rhythm and far larger than usual twice, once for each reason', () => {
    expect(on('E62').sort()).toEqual(['big-basket', 'early']);
    const early = anomalies.find((a) => a.kind === 'early' && a.order === 'E62')!;
    const big = anomalies.find((a) => a.kind === 'big-basket' && a.order === 'E62')!;
    // Early: the other gaps between orders are 30, 30, 28, 30, 30, 30 days; their log SD (0.028)
    // is below the 0.25 floor. z = (mean ln gap − ln 2) / 0.25; at stake, the order's 300.
    const otherGaps = [30, 30, 28, 30, 30, 30].map(Math.log);
    const mu = otherGaps.reduce((s, v) => s + v, 0) / otherGaps.length;
    expect(early.score).toBeCloseTo((mu - Math.log(2)) / 0.25, 9);
    expect(early.atStake).toBe(300);
    expect(early.related).toBe('E60');
    expect(early.why).toBe(`300.00 ordered 2 days after the previous order (E60); this customer usually waits ${Math.exp(mu).toFixed(0)} days (P < 0.1%).`);
    // Large: the other orders are all 100, so the usual basket is 100 (spread at its floor, 0.25):
    // z = ln 3 / 0.25; at stake, the 200 above it.
    expect(big.score).toBeCloseTo(Math.log(3) / 0.25, 9);
    expect(big.atStake).toBeCloseTo(200, 9);
    expect(big.why).toBe('Basket of 300.00, 3.0× this customer\'s usual 100.00 (P < 0.1%); 200.00 above it.');
  });

  it('never takes a reversed order for an early purchase', () => {
    expect(on('R61')).toEqual(['reversal']);
    expect(anomalies.filter((a) => a.customer === 'R' && a.kind === 'early')).toEqual([]);
  });

  it('judges a partly reversed order at what was kept', () => {
    // Placed for 400 (4× the usual 100), 100 kept: no large basket; the reversal is listed.
    expect(on('Q90')).toEqual(['reversal']);
    expect(anomalies.find((a) => a.order === 'Q90')!.why).toContain('partly reversed (300.00 of 400.00)');
  });

  it('orders each kind by its rank: money at stake where money is the point, evidence otherwise', () => {
    const kinds = [...new Set(anomalies.map((a) => a.kind))];
    for (const kind of kinds) {
      const ranks = anomalies.filter((a) => a.kind === kind).map(rank);
      expect(ranks).toEqual([...ranks].sort((x, y) => y - x));
    }
    expect([...MONEY_RANKED].sort()).toEqual(['big-basket', 'low-order', 'odd-day', 'odd-order', 'overdue', 'reversal']);
    expect(rank({ kind: 'early', score: 2, atStake: 300 } as Anomaly)).toBe(2);
  });
});
