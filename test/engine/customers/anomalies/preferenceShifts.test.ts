import { describe, expect, it } from 'vitest';
import { findAnomalies } from '../../../../src/engine/customers/anomalies/findAnomalies.ts';
import { cleanTransactions } from '../../../../src/engine/customers/cleaning/cleanTransactions.ts';
import { parseCustomerFile, readTransactions } from '../../../../src/engine/csv/index.ts';
import { csv } from '../../../fixtures/customerCsv.ts';
import { erfc } from '../../../../src/engine/math/specialFunctions.ts';

function analyse(text: string) {
  const cleaned = cleanTransactions(readTransactions(parseCustomerFile(text)).table);
  return { cleaned, anomalies: findAnomalies(cleaned) };
}

function isoDate(start: string, plusDays: number): string {
  return new Date(Date.parse(`${start}T00:00:00Z`) + plusDays * 86_400_000).toISOString().slice(0, 10);
}

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

  it('lists a shift seen over 20 orders and not the same shift seen over 6', () => {
    // Many: [[10, 0], [0, 10]], every expected count 5: G = 2 (10 ln 2 + 10 ln 2) = 40 ln 2, on
    // the chi-square tail. Few: [[3, 0], [0, 3]], expected counts 1.5, too sparse for the tail
    // (Cochran): of the C(6, 3) = 20 ways to split its 6 orders in two, only the observed one and
    // its mirror reach its G, so the permutation p is about 2/20, far above 1%.
    expect(shifts.filter((a) => a.customer === 'Many' || a.customer === 'Few').map((a) => a.customer)).toEqual(['Many']);
    expect(of('Many')!.score).toBeCloseTo(evidence(40 * Math.LN2), 9);
    expect(of('Many')!.why).toContain('Recent 10 orders: 100% Garden; earlier 10: 100% Kitchen (divergence 1.00 of 1; G = 27.7 on 1 degree of freedom, P < 0.1%).');
  });

  it('puts the customer\'s yearly spend at stake, counting a history shorter than a year as a year', () => {
    // Many: 20 orders of 50 over 19 weeks.
    expect(of('Many')!.atStake).toBeCloseTo(1000, 9);
    expect(of('Many')!.why).toContain('About 1,000.00 a year of spending is moving.');
  });

  it('counts each order by its label shares, and does not take a partial shift over 3 orders a side for evidence', () => {
    // Each recent order adds 2/3 Garden and 1/3 Kitchen. With n orders a side the table
    // (Kitchen, Garden) is [[n, 0], [n/3, 2n/3]], expected counts [[2n/3, n/3], [2n/3, n/3]], so
    // G = 2 (n ln(3/2) + (n/3) ln(1/2) + (2n/3) ln 2) = 2n (ln 1.5 + ln 2 / 3):
    // 12.73 for n = 10 (P ≈ 0.04%), 3.82 for n = 3 (P ≈ 5%, above the 1% threshold).
    // Expected counts of 10/3 are too sparse for the chi-square tail (Cochran), so the p-value is
    // the permutation one: no random split of the 20 orders reaches the observed G (the observed
    // one is the most extreme of the C(20, 10) splits), so p = 1/1000, the least 999 splits give.
    const g = (n: number) => 2 * n * (Math.log(1.5) + Math.LN2 / 3);
    expect(of('Mixed')!.score).toBeCloseTo(3, 9);
    expect(of('Mixed')!.why).toContain('Recent 10 orders: 67% Garden, 33% Kitchen; earlier 10: 100% Kitchen');
    expect(of('Mixed')!.why).toContain(`G = ${g(10).toFixed(1)} against 999 random splits of these orders, P 0.1%`);
    expect(erfc(Math.sqrt(g(3) / 2))).toBeGreaterThan(0.01);
    expect(of('MixedFew')).toBeUndefined();
  });
});
