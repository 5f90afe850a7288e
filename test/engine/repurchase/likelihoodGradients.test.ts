/**
 * The analytic gradients the fits climb by (betaGeometricNbd.ts for BG/NBD and MBG/NBD,
 * paretoNbdLikelihood.ts for Pareto/NBD, bgPoisson.ts for the BG/NBD's limit), each checked
 * against central differences of its own log-likelihood (math/centralDifferences.ts) at points
 * near and far from the CDNOW fit: α above and below β, and α and β so far apart that
 * Pareto/NBD's A₀ comes from quadrature rather than its series.
 */
import { describe, expect, it } from 'vitest';
import { withCentralDifferences } from '../../../src/engine/math/centralDifferences.ts';
import { betaGeometricLogLikelihood } from '../../../src/engine/repurchase/betaGeometricNbd.ts';
import { bgPoissonTableLogLikelihood } from '../../../src/engine/repurchase/bgPoisson.ts';
import { historyTable } from '../../../src/engine/repurchase/historyTable.ts';
import { paretoNbdTableLogLikelihood } from '../../../src/engine/repurchase/paretoNbdLikelihood.ts';
import { cdnowSummary } from '../../fixtures/cdnowSummary.ts';

const table = historyTable(cdnowSummary());

/** Each analytic partial within 1e-6 of the log-likelihood's scale of the central difference (h = 1e-5 in log-parameters). */
function expectGradientMatches(f: (logs: number[], gradient?: number[]) => number, at: number[]): void {
  const gradient = at.map(() => 0);
  const value = f(at, gradient);
  expect(Number.isFinite(value)).toBe(true);
  const numeric = withCentralDifferences((logs) => f(logs))(at).gradient;
  for (let d = 0; d < at.length; d++) expect(Math.abs(gradient[d] - numeric[d])).toBeLessThan(1e-6 * Math.abs(value) + 1e-4);
}

const logs = (values: number[]) => values.map(Math.log);

describe('analytic gradients of the repeat-buying log-likelihoods', () => {
  it('BG/NBD and MBG/NBD: ∂/∂(ln r, ln α, ln a, ln b) match central differences', () => {
    for (const firstChance of [0, 1] as const) {
      const f = (l: number[], g?: number[]) => { const [r, alpha, a, b] = l.map(Math.exp); return betaGeometricLogLikelihood({ r, alpha, a, b }, table, firstChance, g); };
      for (const point of [[0.243, 4.414, 0.793, 2.426], [0.525, 6.183, 0.891, 1.614], [3, 20, 0.01, 40], [0.05, 0.5, 5, 0.5]]) expectGradientMatches(f, logs(point));
    }
  });

  it('the BG/NBD\'s Poisson limit: ∂/∂(ln λ, ln a, ln b) match central differences', () => {
    const f = (l: number[], g?: number[]) => { const [rate, a, b] = l.map(Math.exp); return bgPoissonTableLogLikelihood({ rate, a, b }, table, g); };
    for (const point of [[0.06, 0.8, 2.4], [0.5, 0.01, 3]]) expectGradientMatches(f, logs(point));
  });

  it('Pareto/NBD: ∂/∂(ln r, ln α, ln s, ln β) match central differences, by series and by quadrature', () => {
    const f = (l: number[], g?: number[]) => { const [r, alpha, s, beta] = l.map(Math.exp); return paretoNbdTableLogLikelihood({ r, alpha, s, beta }, table, g); };
    // The published fit (α < β), α > β, α ≫ β and β ≫ α (quadrature), and a dropout rate near zero.
    for (const point of [[0.553, 10.578, 0.606, 11.669], [0.8, 15, 0.4, 6], [2, 400, 0.8, 3], [0.5, 2, 0.5, 200], [0.83, 9.9, 1e-4, 7e5], [1, 1, 1, 40]]) {
      expectGradientMatches(f, logs(point));
    }
  });
});
