import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { customerReport } from '../../../src/engine/customers/customerReport.ts';
import { MODEL_ALIVE, RHYTHM_GONE, overdueWithFit } from '../../../src/engine/customers/overdueWithFit.ts';
import { DEFAULT_REPURCHASE_SETTINGS, repurchaseReport } from '../../../src/engine/repurchase/repurchaseReport.ts';
import { MODEL_NAMES, repeatModel } from '../../../src/engine/repurchase/repeatModels.ts';

/** 40 weekly buyers who stop one after another, Z (weekly in January, then silent) and L (weekly in July, then silent). */
function file(): string {
  const rows = ['customer,date,amount'];
  const day = (n: number) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10);
  for (let c = 0; c < 40; c++) for (let w = 0; w < 4 + c; w++) rows.push(`C${c},${day(7 * w + (c % 7))},${30 + (c % 5)}`);
  for (let w = 0; w < 5; w++) rows.push(`Z,${day(7 * w)},40`);
  for (let w = 0; w < 5; w++) rows.push(`L,${day(182 + 7 * w)},25`); // 2024-07-01 onwards
  return rows.join('\n');
}

describe("overdue customers' P(alive) follows the fit on screen", () => {
  it('takes P(alive) from a refit with another calibration end and unit, and says which fit', () => {
    const report = customerReport(file());
    if (!report.ok || report.kind !== 'transactions') throw new Error('must read');
    const refit = repurchaseReport({ kind: 'transactions', transactions: report.purchases }, { ...DEFAULT_REPURCHASE_SETTINGS, calibrationEnd: '2024-02-15', unit: 'days', model: 'bgnbd' });
    if (!refit.ok || !refit.bgnbd) throw new Error('must fit');
    const shown = overdueWithFit(report.anomalies, refit);
    const z = shown.find((a) => a.kind === 'overdue' && a.customer === 'Z')!;

    // The fit to 2024-02-15, in days, applied to Z's orders up to the end of the data (2024-10-25, day 298):
    // x = 4 repeat days, t_x = 28, T = 298 (from 1 January 2024), the same day as the overdue rule's silence.
    // P(alive) = 1 / (1 + a / (b + x − 1) · ((α + T) / (α + t_x))^(r + x))  (Fader, Hardie & Lee 2005, eq. 11);
    // these weekly buyers fit the model's limit r, α → ∞ (one rate λ), where the last factor is e^(λ(T − t_x)).
    const { r, alpha, a, b, rate } = refit.bgnbd;
    const odds = refit.bgnbd.limit === 'poisson' ? Math.exp(rate * (298 - 28)) : ((alpha + 298) / (alpha + 28)) ** (r + 4);
    const expected = 1 / (1 + (a / (b + 3)) * odds);
    expect(z.pAlive).toBeCloseTo(expected, 10);
    // In the Customers table the same fit reads P(alive) at its calibration end, T = 45: a silence of 17 days, not 270.
    const calibrated = refit.customers.find((c) => c.customer === 'Z')!.pAlive;
    expect(calibrated).toBeGreaterThan(z.pAlive! + 0.01);
    const atEnd = overdueWithFit(report.anomalies, report.repurchase);
    expect(z.why).toMatch(/ P\(alive\) [<\d. ]+% \(BG\/NBD fitted on orders to 2024-02-15, in days\)\.$/);
    expect(z.why.match(/P\(alive\)/g)).toHaveLength(1); // the end-of-data clause is replaced, not added to

    // L's first order is after 15 February: not in that fit, and said so.
    const l = shown.find((x) => x.kind === 'overdue' && x.customer === 'L');
    expect(l).toBeDefined();
    expect(l!.pAlive).toBeUndefined();
    expect(l!.why).toMatch(/Not in the re-purchase fit \(first order after its calibration end, 2024-02-15\)\.$/);

    // Back to the end-of-data fit: the same sentences as taking the report's own anomalies to it.
    expect(overdueWithFit(shown, report.repurchase)).toEqual(atEnd);
    // Other kinds are untouched.
    expect(shown.filter((x) => x.kind !== 'overdue')).toEqual(report.anomalies.filter((x) => x.kind !== 'overdue'));
  });

  it('drops the figure when there is no fit', () => {
    const report = customerReport(file());
    if (!report.ok || report.kind !== 'transactions') throw new Error('must read');
    const shown = overdueWithFit(report.anomalies, null);
    const z = shown.find((a) => a.kind === 'overdue' && a.customer === 'Z')!;
    expect(z.pAlive).toBeUndefined();
    expect(z.why).not.toMatch(/P\(alive\)/);
    expect(z.why).toMatch(/at risk\.$/);
  });
});

describe('overdue customers and the re-purchase model', () => {
  it('adds the BG/NBD P(alive) of an overdue customer to the anomaly and its sentence', () => {
    // 40 customers buy every 7 days, customer c for 4 + c weeks, so the data show customers stopping;
    // Z bought every 7 days in January, then went silent for the rest of the 44 weeks.
    const rows = ['customer,date,amount'];
    const day = (n: number) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10);
    for (let c = 0; c < 40; c++) for (let w = 0; w < 4 + c; w++) rows.push(`C${c},${day(7 * w + (c % 7))},${30 + (c % 5)}`);
    for (let w = 0; w < 5; w++) rows.push(`Z,${day(7 * w)},40`);
    const report = customerReport(rows.join('\n'));
    if (!report.ok || report.kind !== 'transactions') throw new Error('must read');
    const shown = overdueWithFit(report.anomalies, report.repurchase);
    const overdue = shown.find((a) => a.kind === 'overdue' && a.customer === 'Z')!;
    // The fit's parameters applied to Z's orders up to the end of the data, in weeks: x = 4, t_x = 28/7, T = 298/7.
    expect(overdue.pAlive).toBe(repeatModel(report.repurchase.model!).probabilityAlive(4, 4, 298 / 7));
    // Z's P(alive) is tiny after 38 silent weeks: written as below 0.001%, with the fit named.
    expect(overdue.pAlive).toBeLessThan(1e-5);
    // The data run from 2024-01-01 to 2024-10-25 (C39 buys weekly for 43 weeks from 2024-01-05: 1 Jan + 4 + 7·42 days),
    // 298 days, whose last 60 (20%) are held out by default: the calibration ends on 2024-08-26.
    expect(report.repurchase.calibrationEnd).toBe('2024-08-26');
    const name = MODEL_NAMES[report.repurchase.model!.kind];
    expect(overdue.why.endsWith(` P(alive) < 0.001% (${name} fitted on orders to 2024-08-26, in weeks).`)).toBe(true);
    expect(shown.filter((a) => a.kind !== 'overdue').every((a) => a.pAlive === undefined)).toBe(true);
  });
});

describe('an overdue customer whose own rhythm and the model disagree', () => {
  // The case: on the Online Retail invoices BG/NBD finds almost no dropout, so customers silent for
  // many times their usual gap still read P(alive) near 100%, beside "a gap this long has P < 0.1%".
  const text = readFileSync(new URL('../../fixtures/online_retail_invoices.csv', import.meta.url), 'utf8');
  const report = customerReport(text);
  if (!report.ok || report.kind !== 'transactions') throw new Error('must read');
  const shown = overdueWithFit(report.anomalies, report.repurchase).filter((a) => a.kind === 'overdue');

  it('shows both figures and says in one sentence why they differ', () => {
    // 16180: last ordered 2011-08-31, 100 days before the end, against a usual gap of 24 days.
    const one = shown.find((a) => a.customer === '16180')!;
    expect(one.rhythm!.gapProbability).toBeLessThan(RHYTHM_GONE);
    expect(one.pAlive).toBeGreaterThan(MODEL_ALIVE);
    expect(one.why).toContain('(a gap this long has P < 0.1%)');
    expect(one.why).toMatch(/ P\(alive\) \d+% \((?:BG|MBG|Pareto)\/NBD fitted on orders to 2011-09-25, in weeks\)\. The two differ because the model pools all customers /);
    expect(one.why).toContain('(and this fit finds almost no customer stopping at all: see its fit check)');
    expect(one.why.endsWith('by their own rhythm they have most likely stopped.')).toBe(true);
    // Every such row says so, and no other does.
    for (const a of shown) {
      const differ = a.rhythm!.gapProbability < RHYTHM_GONE && a.pAlive !== undefined && a.pAlive >= MODEL_ALIVE;
      expect(a.why.includes('The two differ because')).toBe(differ);
    }
    // A refit replaces the sentence with its own, never adding a second.
    const again = overdueWithFit(shown, report.repurchase).find((a) => a.customer === '16180')!;
    expect(again.why).toBe(one.why);
    expect(again.why.match(/The two differ/g)).toHaveLength(1);
  }, 60_000);

  it('says nothing more where the two agree: a customer the model also thinks gone', () => {
    // Z of the file above: weekly in January, then silent; by the model too P(alive) is below 0.001%.
    const weekly = customerReport(file());
    if (!weekly.ok || weekly.kind !== 'transactions') throw new Error('must read');
    const z = overdueWithFit(weekly.anomalies, weekly.repurchase).find((a) => a.kind === 'overdue' && a.customer === 'Z')!;
    expect(z.rhythm!.gapProbability).toBeLessThan(RHYTHM_GONE);
    expect(z.pAlive).toBeLessThan(MODEL_ALIVE);
    expect(z.why).not.toContain('The two differ');
  });
});

