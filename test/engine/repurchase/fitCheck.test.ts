/**
 * The fit check (fitCheck.ts): sound on the CDNOW sample, where every published fit is well
 * determined, and not to be trusted on the Online Retail invoices, where BG/NBD finds a ≈ 0
 * (almost no dropout) and a customer silent for months still reads P(alive) near 100%.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCustomerFile, readTransactions } from '../../../src/engine/csv/index.ts';
import { cleanTransactions, customerPurchases } from '../../../src/engine/customers/index.ts';
import { bgNbdDropoutShare, bgNbdLikelihoodModel, fitBgNbd } from '../../../src/engine/repurchase/bgnbd.ts';
import { historyTable } from '../../../src/engine/repurchase/historyTable.ts';
import { mbgNbdDropoutShare } from '../../../src/engine/repurchase/mbgnbd.ts';
import { paretoNbdDropoutShare } from '../../../src/engine/repurchase/paretoNbd.ts';
import { chooseModel, compareModels, fitRepeatModels } from '../../../src/engine/repurchase/repeatModels.ts';
import { summarizeCustomers } from '../../../src/engine/repurchase/summarizeCustomers.ts';
import { logGamma } from '../../../src/engine/math/specialFunctions.ts';
import { cdnowSummary } from '../../fixtures/cdnowSummary.ts';

function retailSummary() {
  const text = readFileSync(new URL('../../fixtures/online_retail_invoices.csv', import.meta.url), 'utf8');
  const purchases = customerPurchases(cleanTransactions(readTransactions(parseCustomerFile(text)).table));
  return summarizeCustomers(purchases, purchases.day.reduce((m, d) => Math.max(m, d), -Infinity), 'weeks');
}

/** E over p ~ Beta(a, b) of g(p), by the midpoint rule in u = p^a (smooth there), an independent check of the closed forms. */
function overBeta(a: number, b: number, g: (p: number) => number): number {
  const steps = 200_000;
  let sum = 0;
  let norm = 0;
  for (let k = 0; k < steps; k++) {
    const p = Math.pow((k + 0.5) / steps, 1 / a);
    const w = Math.pow(1 - p, b - 1);
    sum += w * g(p);
    norm += w;
  }
  return sum / norm;
}

describe('the fit check', () => {
  const cdnow = fitRepeatModels(cdnowSummary());

  it('finds nothing wrong with any of the three fits of the CDNOW sample', () => {
    expect(cdnow.map((m) => m.kind)).toEqual(['bgnbd', 'pareto-nbd', 'mbgnbd']);
    for (const model of cdnow) {
      expect(model.fit.check!.sound).toBe(true);
      expect(model.fit.check!.issues).toEqual([]);
      expect(model.fit.check!.advice).toBeUndefined();
      expect(model.fit.check!.positiveDefinite).toBe(true);
    }
  });

  it('gives Pareto/NBD\'s β on CDNOW the published standard error of about 6', () => {
    const pareto = cdnow.find((m) => m.kind === 'pareto-nbd')!.fit as { beta: number; check: { logStandardErrors: Record<string, number> } };
    const standardError = pareto.beta * pareto.check.logStandardErrors['β'];
    expect(standardError).toBeGreaterThan(5);
    expect(standardError).toBeLessThan(7);
  });

  it('takes BG/NBD\'s standard errors from the curvature of the log-likelihood, as second differences of its values alone give it', () => {
    const data = cdnowSummary();
    const table = historyTable(data);
    const fit = fitBgNbd(table)!;
    const model = bgNbdLikelihoodModel(table)!;
    const logs = [fit.r, fit.alpha, fit.a, fit.b].map(Math.log);
    const at = (l: number[]) => model.logLikelihood(model.fromLog(l), table);
    // The diagonal of −H by the five-point second difference of values (no gradient), and the
    // standard error of a parameter if the others were known, 1/√(−Hⱼⱼ), bounds the check's from below.
    const h = 1e-3;
    logs.forEach((_, j) => {
      const moved = (t: number) => { const l = logs.slice(); l[j] += t; return at(l); };
      const curvature = -(-moved(2 * h) + 16 * moved(h) - 30 * moved(0) + 16 * moved(-h) - moved(-2 * h)) / (12 * h * h);
      const name = model.parameterNames[j];
      expect(fit.check!.logStandardErrors[name]).toBeGreaterThanOrEqual(1 / Math.sqrt(curvature) * (1 - 1e-3));
    });
  });

  it('computes the share of customers expected to stop as the models integrated numerically', () => {
    const t = 39;
    // BG/NBD at the mean rate λ: E[1 − e^(−λpt)]; MBG/NBD: E[1 − (1−p)e^(−λpt)]; p ~ Beta(a, b).
    const bg = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    expect(bgNbdDropoutShare(bg, t)).toBeCloseTo(overBeta(bg.a, bg.b, (p) => 1 - Math.exp(-(bg.r / bg.alpha) * p * t)), 6);
    const mbg = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
    expect(mbgNbdDropoutShare(mbg, t)).toBeCloseTo(overBeta(mbg.a, mbg.b, (p) => 1 - (1 - p) * Math.exp(-(mbg.r / mbg.alpha) * p * t)), 6);
    // Pareto/NBD: E over μ ~ Gamma(s, β) of 1 − e^(−μt), by the midpoint rule in ln μ.
    const pareto = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
    let sum = 0;
    const steps = 100_000;
    for (let k = 0; k < steps; k++) {
      const v = -40 + 45 * (k + 0.5) / steps;
      const mu = Math.exp(v);
      sum += Math.exp(pareto.s * Math.log(pareto.beta) + pareto.s * v - pareto.beta * mu - logGamma(pareto.s)) * -Math.expm1(-mu * t) * (45 / steps);
    }
    expect(paretoNbdDropoutShare(pareto, t)).toBeCloseTo(sum, 8);
  });

  it('says every fit of the Online Retail invoices cannot be trusted: almost no customer stops, and the dropout is not pinned down', () => {
    const data = retailSummary();
    const fits = fitRepeatModels(data);
    const bg = fits.find((m) => m.kind === 'bgnbd')!.fit;
    expect(bg.a / (bg.a + bg.b)).toBeLessThan(1e-3);
    for (const model of fits) {
      const check = model.fit.check!;
      expect(check.sound).toBe(false);
      expect(check.issues).toContain('almost no customer stops');
      expect(check.dropoutShare).toBeLessThan(0.01);
      expect(check.issues.some((issue) => /not pinned down|flat likelihood/.test(issue))).toBe(true);
      expect(check.advice).toMatch(/cannot be trusted as it stands: .*almost no customer stopping/);
      expect(check.advice).toContain('What to do: compare the models under Models compared');
    }
    const rows = compareModels(fits, data.ids.length);
    expect(rows.every((row) => row.check && !row.check.sound)).toBe(true);
    expect(chooseModel(rows)!.reason).toContain('None of the fits can be trusted as it stands');
  }, 60_000);
});
