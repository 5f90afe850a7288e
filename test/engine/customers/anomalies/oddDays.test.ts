import { describe, expect, it } from 'vitest';
import { findAnomalies } from '../../../../src/engine/customers/anomalies/findAnomalies.ts';
import { cleanTransactions } from '../../../../src/engine/customers/cleaning/cleanTransactions.ts';
import { parseCustomerFile, readTransactions } from '../../../../src/engine/csv/index.ts';
import { csv } from '../../../fixtures/customerCsv.ts';
import { dataCoverage } from '../../../../src/engine/customers/dataCoverage.ts';
import { randomSfc32, uniform01 } from '../../../../src/engine/math/random.ts';

function analyse(text: string) {
  const cleaned = cleanTransactions(readTransactions(parseCustomerFile(text)).table);
  return { cleaned, anomalies: findAnomalies(cleaned) };
}

function isoDate(start: string, plusDays: number): string {
  return new Date(Date.parse(`${start}T00:00:00Z`) + plusDays * 86_400_000).toISOString().slice(0, 10);
}

/** Median by sorting, written out here so the expected values do not lean on the engine's helper. */
function sortedMedian(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * A shop open Monday to Friday through 2023 whose orders grow 3× along a logistic curve (about 20
 * a day through January and February, 60 from the summer on) with a December peak (up to 1.8×,
 * a Gaussian bump 3 weeks wide around 8 December). Orders per day are Poisson, values lognormal
 * around 40, times of day uniform from 9:00 to 17:00; all drawn from sfc32 with a fixed seed.
 * Planted: 6× the orders on Wednesday 14 June, a fifth of them on Wednesday 20 September; the
 * export stops at noon on the last day, Friday 29 December (3/8 of its orders); the shop opened
 * on two Saturdays (15 April and 22 July, 3 orders each).
 */
function growingShop() {
  const next = randomSfc32(1, 2024);
  const random = () => uniform01(next);
  const poisson = (mean: number) => {
    // Counting unit-rate exponential arrivals up to `mean` (Knuth, TAOCP vol. 2, §3.4.1).
    let k = 0;
    for (let t = -Math.log(1 - random()); t < mean; t -= Math.log(1 - random())) k++;
    return k;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()); // Box–Muller
  const rows: (string | number)[][] = [];
  const perDay = new Map<string, { orders: number; revenue: number }>();
  let orderNo = 1;
  for (let day = 0; day <= 361; day++) {
    const date = isoDate('2023-01-02', day); // a Monday
    const weekday = (day + 1) % 7; // 0 = Sunday
    if (weekday === 0) continue;
    let orders: number;
    let openMinutes = 480;
    if (weekday === 6) {
      if (date !== '2023-04-15' && date !== '2023-07-22') continue;
      orders = 3;
    } else {
      const level = 20 * (1 + 2 / (1 + Math.exp(-(day - 100) / 20))) * (1 + 0.8 * Math.exp(-0.5 * ((day - 340) / 21) ** 2));
      orders = poisson(level);
      if (date === '2023-06-14') orders *= 6;
      if (date === '2023-09-20') orders = Math.round(orders / 5);
      if (date === '2023-12-29') { orders = Math.round(orders * 3 / 8); openMinutes = 180; }
    }
    let revenue = 0;
    for (let k = 0; k < orders; k++) {
      const minute = 540 + Math.floor(random() * openMinutes);
      const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
      const amount = Number((40 * Math.exp(0.4 * normal())).toFixed(2));
      revenue += amount;
      rows.push([`K${Math.floor(random() * 400)}`, `N${orderNo++}`, `${date} ${time}`, amount]);
    }
    perDay.set(date, { orders, revenue });
  }
  return { text: csv(['customer', 'order', 'date', 'amount'], rows), perDay };
}

describe('odd days against a local baseline, on a growing, seasonal shop built to order', () => {
  const { text, perDay } = growingShop();
  const { cleaned, anomalies } = analyse(text);
  const days = anomalies.filter((a) => a.kind === 'odd-day');
  /** The same weekday 1–4 weeks either side of `date`, from the generated rows. */
  const around = (date: string) => [-4, -3, -2, -1, 1, 2, 3, 4].map((w) => perDay.get(isoDate(date, 7 * w))).filter((d) => d !== undefined);

  it('does not flag the quiet early weeks of a shop that grows 3×', () => {
    // The fixture's premise: January and February run at well under half the year's usual day,
    // so a baseline taken over the whole file would see each of them as a slump.
    const counts = [...perDay].filter(([date]) => new Date(date).getUTCDay() !== 6);
    const early = sortedMedian(counts.filter(([date]) => date < '2023-03-01').map(([, d]) => d.orders));
    const year = sortedMedian(counts.map(([, d]) => d.orders));
    expect(early / year).toBeLessThan(0.4);
    expect(days.filter((a) => a.date < '2023-03-01')).toEqual([]);
  });

  it('ranks the planted day of six times the orders first, and names its local baseline', () => {
    expect(days[0].date).toBe('2023-06-14');
    const day = perDay.get('2023-06-14')!;
    const neighbours = around('2023-06-14');
    expect(neighbours).toHaveLength(8);
    // The baseline is the median on the log scale: of 8 values, the geometric mean of the middle two.
    const baselineOrders = Math.exp(sortedMedian(neighbours.map((d) => Math.log(d.orders))));
    const baselineRevenue = Math.exp(sortedMedian(neighbours.map((d) => Math.log(d.revenue))));
    expect(days[0].why).toContain(`the local baseline (${baselineRevenue.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}, the median of the Wednesdays four weeks either side)`);
    expect(days[0].why).toContain(`; ${day.orders} orders against ${Math.round(baselineOrders)}.`);
    expect(days[0].atStake).toBeCloseTo(Math.abs(day.revenue - baselineRevenue), 6);
    expect(day.orders / baselineOrders).toBeGreaterThan(4);
  });

  it('finds the planted day of a fifth of the orders, a drop', () => {
    const drop = days.find((a) => a.date === '2023-09-20');
    expect(drop?.why).toMatch(/^Revenue [\d,.]+ on Wednesday 2023-09-20, 1\/[\d.]+ of the local baseline/);
  });

  it('ranks odd days by the revenue away from their baseline', () => {
    const stakes = days.map((a) => a.atStake);
    expect(stakes).toEqual([...stakes].sort((x, y) => y - x));
  });

  it('does not call a last day cut at noon a slump', () => {
    const coverage = dataCoverage(cleaned.purchases.minute);
    expect(coverage.lastDayPartial).toBe(true);
    expect(isoDate('1970-01-01', coverage.lastDay)).toBe('2023-12-29');
    // Judged as a whole day it would be one: under half the orders of the Fridays before it.
    const before = around('2023-12-29');
    expect(perDay.get('2023-12-29')!.orders / sortedMedian(before.map((d) => d.orders))).toBeLessThan(0.5);
    expect(days.map((a) => a.date)).not.toContain('2023-12-29');
  });

  it('does not judge a Saturday, which the shop traded on twice in the year', () => {
    const saturdays = Array.from(cleaned.purchases.minute, (m) => new Date(m * 60_000)).filter((d) => d.getUTCDay() === 6);
    expect(saturdays).toHaveLength(6);
    expect(days.filter((a) => new Date(a.date).getUTCDay() === 6)).toEqual([]);
  });
});
