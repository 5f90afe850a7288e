import { describe, expect, it } from 'vitest';
import { findAnomalies } from '../../../../src/engine/customers/anomalies/findAnomalies.ts';
import { parseCustomerFile } from '../../../../src/engine/csv/parseCustomerFile.ts';
import { readTransactions } from '../../../../src/engine/csv/readTransactions.ts';
import { cleanTransactions } from '../../../../src/engine/customers/cleaning/cleanTransactions.ts';
import { csv, isoDay } from '../../../fixtures/customerCsv.ts';

function analyse(text: string) {
  const cleaned = cleanTransactions(readTransactions(parseCustomerFile(text)).table);
  return { cleaned, anomalies: findAnomalies(cleaned) };
}

describe('overdue value at risk', () => {
  // B bought in a burst: three orders of 100 on day 0, then one of 100 on each of days 1–4, and
  // nothing since; the data end on day 400 (another customer's order). Gaps between purchase
  // days are all 1 day, so a yearly value from the usual gap (100 × 365 / 1 = 36,500) would be
  // absurd: B spent 700 in all. From the whole history instead (the Poisson rate's estimate
  // x/T, Fader, Hardie & Lee 2005 §3 without the prior): x = 4 repeat purchase days over
  // T = 400 days since the first → 3.65 purchase days a year, at 700 / 5 = 140 a purchase day
  // → 511.00 a year.
  const rows: (string | number)[][] = [];
  for (let k = 0; k < 3; k++) rows.push(['B', `B0${k}`, isoDay('2024-01-01', 0, `1${k}:00`), 100]);
  for (let day = 1; day <= 4; day++) rows.push(['B', `B${day}`, isoDay('2024-01-01', day), 100]);
  rows.push(['Z', 'Z1', isoDay('2024-01-01', 400), 30]);

  it('is the yearly spend of their whole history, not a year at their burst rhythm', () => {
    const overdue = analyse(csv(['customer', 'order', 'date', 'amount'], rows)).anomalies.filter((a) => a.kind === 'overdue');
    expect(overdue.map((a) => a.customer)).toEqual(['B']);
    expect(overdue[0].why).toContain('About 511.00 a year at risk');
  });

  it('does not extrapolate a history shorter than a year', () => {
    // Y bought 100 on each of days 300, 301 and 302; the data end on day 400, so T = 100 days.
    // x/T would give 2/100 × 365 = 7.3 purchase days a year (730 a year, more than the 300 Y ever
    // spent); counted over a year instead: 2 repeat purchase days × 100 = 200.00 a year.
    const young = [300, 301, 302].map((day) => ['Y', `Y${day}`, isoDay('2024-01-01', day), 100]);
    const overdue = analyse(csv(['customer', 'order', 'date', 'amount'], [...rows, ...young])).anomalies
      .filter((a) => a.kind === 'overdue' && a.customer === 'Y');
    expect(overdue).toHaveLength(1);
    expect(overdue[0].why).toContain('About 200.00 a year at risk');
  });

  it('ranks overdue customers by the value at risk, not by how unusual the silence is', () => {
    // V bought 1,000 on days 0, 30, 60 and 90: x = 3 repeat purchase days over T = 400 days → 3/400 × 365
    // = 2.7375 a year × 1,000 = 2,737.50 at risk. Its silence (310 days against gaps of 30) is the least unusual of
    // the three: with gaps all equal σ is the floor for each, and z = ln(elapsed/usual)/σ: V ln(310/30) = 2.34,
    // Y ln(98/1) = 4.58, B ln(396/1) = 5.98 (× 1/σ). By value: V 2,737.50, B 511.00, Y 200.00.
    const young = [300, 301, 302].map((day) => ['Y', `Y${day}`, isoDay('2024-01-01', day), 100]);
    const valued = [0, 30, 60, 90].map((day) => ['V', `V${day}`, isoDay('2024-01-01', day), 1000]);
    const overdue = analyse(csv(['customer', 'order', 'date', 'amount'], [...rows, ...young, ...valued])).anomalies
      .filter((a) => a.kind === 'overdue');
    expect(overdue.map((a) => a.customer)).toEqual(['V', 'B', 'Y']);
    expect(overdue.map((a) => a.score)).toEqual([expect.closeTo(2737.5, 9), expect.closeTo(511, 9), expect.closeTo(200, 9)]);
    expect(overdue[0].why).toContain('Ranked by the value at risk');
  });
});
