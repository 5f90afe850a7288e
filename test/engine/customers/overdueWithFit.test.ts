import { describe, expect, it } from 'vitest';
import { customerReport } from '../../../src/engine/customers/customerReport.ts';
import { overdueWithFit } from '../../../src/engine/customers/overdueWithFit.ts';
import { DEFAULT_REPURCHASE_SETTINGS, repurchaseReport } from '../../../src/engine/repurchase/repurchaseReport.ts';
import { MODEL_NAMES } from '../../../src/engine/repurchase/repeatModels.ts';

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

    // Z at 2024-02-15, in days: x = 4 repeat days, t_x = 28, T = 45 (1 January to 15 February 2024).
    // P(alive) = 1 / (1 + a / (b + x − 1) · ((α + T) / (α + t_x))^(r + x))  (Fader, Hardie & Lee 2005, eq. 11);
    // these weekly buyers fit the model's limit r, α → ∞ (one rate λ), where the last factor is e^(λ(T − t_x)).
    const { r, alpha, a, b, rate } = refit.bgnbd;
    const odds = refit.bgnbd.limit === 'poisson' ? Math.exp(rate * (45 - 28)) : ((alpha + 45) / (alpha + 28)) ** (r + 4);
    const expected = 1 / (1 + (a / (b + 3)) * odds);
    expect(z.pAlive).toBeCloseTo(expected, 10);
    const atEnd = overdueWithFit(report.anomalies, report.repurchase);
    const before = atEnd.find((x) => x.kind === 'overdue' && x.customer === 'Z')!;
    expect(Math.abs(z.pAlive! - before.pAlive!)).toBeGreaterThan(0.01); // the end-of-data fit said almost surely gone
    expect(z.why).toMatch(/ P\(alive\) \d+% \(BG\/NBD fitted on orders to 2024-02-15, in days\)\.$/);
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
    const z = report.repurchase.customers.find((c) => c.customer === 'Z')!;
    expect(overdue.pAlive).toBe(z.pAlive);
    expect(overdue.pAlive).toBeLessThan(0.5);
    // Z's P(alive) is tiny after 30 silent weeks: written as below 0.001%, with the fit named.
    expect(z.pAlive).toBeLessThan(1e-5);
    // The data run from 2024-01-01 to 2024-10-25 (C39 buys weekly for 43 weeks from 2024-01-05: 1 Jan + 4 + 7·42 days),
    // 298 days, whose last 60 (20%) are held out by default: the calibration ends on 2024-08-26.
    expect(report.repurchase.calibrationEnd).toBe('2024-08-26');
    const name = MODEL_NAMES[report.repurchase.model!.kind];
    expect(overdue.why.endsWith(` P(alive) < 0.001% (${name} fitted on orders to 2024-08-26, in weeks).`)).toBe(true);
    expect(shown.filter((a) => a.kind !== 'overdue').every((a) => a.pAlive === undefined)).toBe(true);
  });
});
