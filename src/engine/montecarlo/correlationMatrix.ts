/**
 * The matrix the correlations make, and the one the simulation imposes for it. The target is
 * typed as a rank (Spearman) correlation ρ; the normal scores that Iman–Conover reorders get the
 * Pearson correlation r = 2·sin(πρ/6), the relation between the two for normal variables (Pearson
 * 1907; Kruskal 1958, "Ordinal measures of association", JASA 53:814–861), so the ranks come out
 * with Spearman's ρ as typed rather than r.
 */
import type { Correlation } from '../journey/index.ts';

/** The ids the correlations name (known ones only), sorted, and the matrix of pairwise ρ over them (1 on the diagonal, 0 unless given). */
export function correlationMatrix(correlations: readonly Correlation[], ids: readonly string[]): { ids: string[]; matrix: Float64Array[] } {
  const known = new Set(ids);
  const involved = [...new Set(correlations.flatMap((c) => c.ids.filter((id) => known.has(id))))].sort();
  const index = new Map(involved.map((id, k) => [id, k]));
  const matrix = involved.map((_, k) => { const row = new Float64Array(involved.length); row[k] = 1; return row; });
  for (const { ids: members, rho } of correlations) {
    const at = members.filter((id) => known.has(id)).map((id) => index.get(id)!);
    for (const x of at) for (const y of at) if (x !== y) matrix[x][y] = rho;
  }
  return { ids: involved, matrix };
}

/** How far below 0 an imposed matrix's smallest eigenvalue may fall (rounding) for it to count as positive semi-definite. */
export const PSD_TOLERANCE = 1e-10;

/** The Pearson correlation imposed on normal scores for a rank correlation ρ: 2·sin(πρ/6) (see the module comment). */
export function imposedPearson(rho: number): number {
  return 2 * Math.sin(Math.PI * rho / 6);
}

/** Its inverse, the rank correlation ρ = (6/π)·asin(r/2) that normal scores at Pearson r have. */
export function spearmanOfPearson(r: number): number {
  return (6 / Math.PI) * Math.asin(Math.max(-1, Math.min(1, r)) / 2);
}
