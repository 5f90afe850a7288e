import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findAnomalies, gTestOfHomogeneity, MONEY_RANKED, rank } from '../../../src/engine/customers/anomalies.ts';
import type { Anomaly } from '../../../src/engine/customers/anomalies.ts';
import { cleanTransactions } from '../../../src/engine/customers/cleanTransactions.ts';
import { parseCustomerFile, readTransactions } from '../../../src/engine/csv/customerFile.ts';
import { dataCoverage } from '../../../src/engine/customers/dataCoverage.ts';
import { randomSfc32, uniform01 } from '../../../src/engine/math/random.ts';
import {
  chiSquareSurvival, erfc, logRegularizedUpperGamma, regularizedLowerGamma, regularizedUpperGamma,
} from '../../../src/engine/math/specialFunctions.ts';

/** A CSV from rows of cells. */
function csv(header: string[], rows: (string | number)[][]): string {
  return [header.join(','), ...rows.map((row) => row.join(','))].join('\n');
}

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

describe('preference shifts weighed by the evidence on each side', () => {
  // Weekly orders from 1 January 2024; each customer's earlier half buys Kitchen only.
  // Full switch: the recent half buys Garden only. Partial: each recent order has the lines
  // Garden, Garden, Kitchen (values 20, 21, 19, so no line is a duplicate of another).
  const rows: (string | number)[][] = [];
  const customer = (name: string, perSide: number, recent: 'full' | 'partial') => {
    for (let k = 0; k < 2 * perSide; k++) {
      const order = `${name}-${k}`;
      const date = `${isoDate('2024-01-01', 7 * k)} 10:00`;
      if (k < perSide) rows.push([name, order, date, 50, 'Kitchen']);
      else if (recent === 'full') rows.push([name, order, date, 50, 'Garden']);
      else rows.push([name, order, date, 20, 'Garden'], [name, order, date, 21, 'Garden'], [name, order, date, 19, 'Kitchen']);
    }
  };
  customer('Many', 10, 'full');
  customer('Few', 3, 'full');
  customer('Mixed', 10, 'partial');
  customer('MixedFew', 3, 'partial');
  const shifts = analyse(csv(['customer', 'order', 'date', 'amount', 'category'], rows)).anomalies.filter((a) => a.kind === 'preference-shift');
  const of = (name: string) => shifts.find((a) => a.customer === name);
  // χ²₁ is the square of a standard normal Z: P(χ²₁ > G) = P(|Z| > √G) = erfc(√(G/2)).
  const evidence = (g: number) => -Math.log10(erfc(Math.sqrt(g / 2)));

  it('ranks a shift seen over 20 orders above the same shift seen over 6', () => {
    // Many: [[10, 0], [0, 10]], every expected count 5: G = 2 (10 ln 2 + 10 ln 2) = 40 ln 2.
    // Few: [[3, 0], [0, 3]]: G = 12 ln 2. Their Jensen–Shannon divergences are both 1 bit.
    expect(shifts.filter((a) => a.customer === 'Many' || a.customer === 'Few').map((a) => a.customer)).toEqual(['Many', 'Few']);
    expect(of('Many')!.score).toBeCloseTo(evidence(40 * Math.LN2), 9);
    expect(of('Few')!.score).toBeCloseTo(evidence(12 * Math.LN2), 9);
    expect(of('Many')!.why).toContain('Recent 10 orders: 100% Garden; earlier 10: 100% Kitchen (divergence 1.00 of 1; G = 27.7 on 1 degree of freedom, P < 0.1%).');
    expect(of('Few')!.why).toContain('Recent 3 orders: 100% Garden; earlier 3: 100% Kitchen (divergence 1.00 of 1; G = 8.3 on 1 degree of freedom, P 0.4%).');
  });

  it('puts the customer\'s yearly spend at stake, counting a history shorter than a year as a year', () => {
    // Many: 20 orders of 50 over 19 weeks; Few: 6 orders of 50.
    expect(of('Many')!.atStake).toBeCloseTo(1000, 9);
    expect(of('Few')!.atStake).toBeCloseTo(300, 9);
    expect(of('Many')!.why).toContain('About 1,000.00 a year of spending is moving.');
  });

  it('counts each order by its label shares, and does not take a partial shift over 3 orders a side for evidence', () => {
    // Each recent order adds 2/3 Garden and 1/3 Kitchen. With n orders a side the table
    // (Kitchen, Garden) is [[n, 0], [n/3, 2n/3]], expected counts [[2n/3, n/3], [2n/3, n/3]], so
    // G = 2 (n ln(3/2) + (n/3) ln(1/2) + (2n/3) ln 2) = 2n (ln 1.5 + ln 2 / 3):
    // 12.73 for n = 10 (P ≈ 0.04%), 3.82 for n = 3 (P ≈ 5%, above the 1% threshold).
    const g = (n: number) => 2 * n * (Math.log(1.5) + Math.LN2 / 3);
    expect(of('Mixed')!.score).toBeCloseTo(evidence(g(10)), 9);
    expect(of('Mixed')!.why).toContain('Recent 10 orders: 67% Garden, 33% Kitchen; earlier 10: 100% Kitchen');
    expect(of('Mixed')!.why).toContain(`G = ${g(10).toFixed(1)} on 1 degree of freedom`);
    expect(erfc(Math.sqrt(g(3) / 2))).toBeGreaterThan(0.01);
    expect(of('MixedFew')).toBeUndefined();
  });
});

describe('gTestOfHomogeneity', () => {
  it('gives 2 Σ O ln(O/E) on K − 1 degrees of freedom, and nothing for the same mix', () => {
    const disjoint = gTestOfHomogeneity(new Map([['a', 10]]), new Map([['b', 10]]));
    expect(disjoint.statistic).toBeCloseTo(40 * Math.LN2, 12);
    expect(disjoint.degrees).toBe(1);
    expect(disjoint.logP).toBeCloseTo(Math.log(erfc(Math.sqrt(20 * Math.LN2))), 9);
    // Proportional rows: the same mix, G = 0 and P = 1.
    const same = gTestOfHomogeneity(new Map([['a', 2], ['b', 4]]), new Map([['a', 1], ['b', 2]]));
    expect(same.statistic).toBeCloseTo(0, 12);
    expect(same.logP).toBeCloseTo(0, 12);
  });
});

describe('regularized incomplete gamma (the G-test p-value)', () => {
  it('gives the chi-square tail at tabulated critical values', () => {
    // 95% points of chi-square (Abramowitz & Stegun Table 26.8): 1, 3 and 10 degrees of freedom.
    expect(chiSquareSurvival(3.841459, 1)).toBeCloseTo(0.05, 7);
    expect(chiSquareSurvival(7.814728, 3)).toBeCloseTo(0.05, 7);
    expect(chiSquareSurvival(18.307038, 10)).toBeCloseTo(0.05, 7);
  });

  it('matches the closed forms: Q(1, x) = e^-x, Q(1/2, x) = erfc √x, and the Poisson sum for whole a', () => {
    for (const x of [0.01, 0.7, 3, 25]) {
      expect(regularizedUpperGamma(1, x)).toBeCloseTo(Math.exp(-x), 14);
      expect(regularizedUpperGamma(0.5, x) / erfc(Math.sqrt(x))).toBeCloseTo(1, 12);
    }
    // Q(n, x) = e^-x Σ_{k<n} x^k / k! (A&S 6.5.13): one case on each side of x = a + 1.
    const poissonSum = (n: number, x: number) => { let term = 1; let sum = 1; for (let k = 1; k < n; k++) { term *= x / k; sum += term; } return Math.exp(-x) * sum; };
    expect(regularizedUpperGamma(5, 3.7) / poissonSum(5, 3.7)).toBeCloseTo(1, 12);
    expect(regularizedUpperGamma(3, 10) / poissonSum(3, 10)).toBeCloseTo(1, 12);
    expect(regularizedLowerGamma(5, 3.7) + regularizedUpperGamma(5, 3.7)).toBeCloseTo(1, 14);
    expect(regularizedUpperGamma(2, 0)).toBe(1);
    expect(regularizedUpperGamma(-1, 2)).toBeNaN();
  });

  it('keeps the log of a tail far below what a double can hold', () => {
    expect(logRegularizedUpperGamma(1, 2000)).toBeCloseTo(-2000, 9);
    // ln erfc z ≈ −z² − ln(z √π) + ln(1 − 1/(2z²) + 3/(4z⁴)) (A&S 7.1.23), z = √1000.
    const z = Math.sqrt(1000);
    expect(logRegularizedUpperGamma(0.5, 1000)).toBeCloseTo(-1000 - Math.log(z * Math.sqrt(Math.PI)) + Math.log(1 - 1 / (2 * z * z) + 3 / (4 * z ** 4)), 6);
  });
});

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

describe('anomalies on the shared Online Retail invoices (a copy in test/fixtures)', () => {
  const text = readFileSync(new URL('../../fixtures/online_retail_invoices.csv', import.meta.url), 'utf8');
  const cleaned = cleanTransactions(readTransactions(parseCustomerFile(text)).table);
  const anomalies = findAnomalies(cleaned);

  it('puts the two bulk orders reversed minutes later at the top of the odd orders, naming their reversals', () => {
    const odd = anomalies.filter((a) => a.kind === 'odd-order').slice(0, 2);
    expect(odd.map((a) => [a.order, a.related, a.customer])).toEqual([['581483', 'C581484', '16446'], ['541431', 'C541433', '12346']]);
    expect(odd[0].why).toContain('reversed 12 minutes later by C581484');
    expect(odd[1].why).toContain('reversed 16 minutes later by C541433');
  });

  it('judges no odd day on the partial last day or on a Saturday, and ranks the odd days by money', () => {
    const days = anomalies.filter((a) => a.kind === 'odd-day');
    expect(days.length).toBeGreaterThan(0);
    expect(days.map((a) => a.date)).not.toContain('2011-12-09'); // the export stops at lunchtime
    expect(days.filter((a) => new Date(a.date).getUTCDay() === 6)).toEqual([]);
    const stakes = days.map((a) => a.atStake);
    expect(stakes).toEqual([...stakes].sort((x, y) => y - x));
  });
});
