/**
 * Whether the correlations a person typed can all hold at once, and if not, the nearest set that
 * can, in a sentence that says why (see correlationMatrix.ts for the matrix that is imposed).
 */
import { PSD_TOLERANCE, correlationMatrix, imposedPearson, spearmanOfPearson } from './correlationMatrix.ts';
import { nearestCorrelation, smallestEigenvalue } from './linearAlgebra.ts';
import type { Correlation } from '../journey/index.ts';

/**
 * Whether the correlations can all hold at once. What the simulation imposes is the Pearson
 * matrix r = 2·sin(πρ/6) on normal scores (1 on the diagonal, 0 for pairs not given), so that is
 * the matrix that must be positive semi-definite — a valid Spearman matrix can map to one that is
 * not (three at −0.5: −0.52 each, smallest eigenvalue −0.035). When it is not, says so and gives
 * the nearest valid imposed matrix (Higham 2002), turned back into rank correlations with
 * ρ = (6/π)·asin(r/2) and rounded to 2 decimals, every pair listed.
 */
export function checkCorrelations(
  correlations: readonly Correlation[], ids: readonly string[],
): { ok: boolean; message?: string; nearest?: Correlation[] } {
  const { ids: involved, matrix } = correlationMatrix(correlations, ids);
  const pearson = matrix.map((row, x) => row.map((rho, y) => (x === y ? 1 : imposedPearson(rho))));
  const smallest = smallestEigenvalue(pearson);
  if (smallest >= -PSD_TOLERANCE) return { ok: true };
  const nearestPearson = nearestCorrelation(pearson, 1e-3, 1e-7);
  // Rounding the rank correlations to 2 decimals can push the imposed matrix's smallest
  // eigenvalue just below zero: shrink towards independence a little at a time until it holds.
  const toSpearman = (shrink: number) => nearestPearson.map((row, x) => row.map((r, y) => (x === y ? 1 : Math.round(spearmanOfPearson(r * shrink) * 100) / 100)));
  let nearest = toSpearman(1);
  for (let shrink = 1; shrink > 0.5; shrink -= 0.01) {
    const rounded = toSpearman(shrink);
    if (smallestEigenvalue(rounded.map((row, x) => row.map((rho, y) => (x === y ? 1 : imposedPearson(rho))))) >= -PSD_TOLERANCE) {
      nearest = rounded;
      break;
    }
  }
  const pairs: Correlation[] = [];
  const changes: { text: string; change: number }[] = [];
  let example = { rho: 0, r: 0, gap: -1 };
  for (let x = 0; x < involved.length; x++) {
    for (let y = x + 1; y < involved.length; y++) {
      const rho = Math.round(nearest[x][y] * 100) / 100 + 0;
      pairs.push({ ids: [involved[x], involved[y]], rho });
      changes.push({ text: `${involved[x]}–${involved[y]} ${rho.toFixed(2)}`, change: Math.abs(rho - matrix[x][y]) });
      const gap = Math.abs(pearson[x][y] - matrix[x][y]);
      if (gap > example.gap) example = { rho: matrix[x][y], r: pearson[x][y], gap };
    }
  }
  // A long list names the pairs that change most; the rest are in `nearest`.
  const SHOWN = 6;
  const shown = changes.length <= SHOWN ? changes
    : changes.map((c, k) => ({ ...c, k })).sort((p, q) => q.change - p.change || p.k - q.k).slice(0, SHOWN).sort((p, q) => p.k - q.k);
  const minus = (text: string) => text.replace(/^-/, '−');
  return {
    ok: false,
    message: 'These correlations cannot all hold at once. The simulation gives each rank correlation ρ by pairing the times\' '
      + `normal scores at 2·sin(πρ/6) (${minus(String(example.rho))} becomes ${minus(example.r.toFixed(2))}), and together those pairings `
      + `are impossible (the matrix they make is not positive semi-definite; its smallest eigenvalue is ${minus(smallest.toFixed(3))}). `
      + `The nearest set that can: ${shown.map((c) => c.text).join(', ')}`
      + `${changes.length > SHOWN ? `, and ${changes.length - SHOWN} more pairs moved less` : ''}.`,
    nearest: pairs,
  };
}
