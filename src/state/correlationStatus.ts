/**
 * The correlations list as the notebook sees it: read with the engine's coercion, checked that
 * it can hold at once (positive semi-definite), and the part the simulation may use. While the
 * list has a problem or cannot hold, none of it is used (the simulation treats durations as
 * independent) and the editor says so; nothing typed is dropped.
 */
import { checkCorrelations, coerceCorrelations } from '../engine/montecarlo/index.ts';
import type { Correlation, CorrelationInput } from '../engine/journey/index.ts';

export interface CorrelationStatus {
  /** The rows that read correctly. */
  correlations: Correlation[];
  /** A plain sentence per row that does not. */
  problems: string[];
  /** False when the correlations cannot all hold at once. */
  valid: boolean;
  /** Why they cannot, in plain words ('' when they can). */
  message: string;
  /** The nearest correlations that can hold, as rows to put in the list; empty when not needed. */
  nearest: CorrelationInput[];
  /** What goes to the simulation: every correlation when all is well, else none. */
  usable: Correlation[];
  /** Rows (0-based) that a problem names, to mark them in place. */
  badRows: Set<number>;
}

/** Rows named by the coercion's sentences, which start "Correlation N". */
export function rowsNamed(problems: readonly string[]): Set<number> {
  const rows = new Set<number>();
  for (const problem of problems) {
    const match = /^Correlation (\d+)\b/.exec(problem);
    if (match) rows.add(Number(match[1]) - 1);
  }
  return rows;
}

export function correlationStatus(inputs: readonly CorrelationInput[], ids: readonly string[]): CorrelationStatus {
  const { correlations, problems } = coerceCorrelations(inputs, ids);
  const check = correlations.length > 0 ? checkCorrelations(correlations, ids) : { ok: true };
  const nearest = check.ok ? [] : nearestAsRows(check.nearest ?? []);
  return {
    correlations, problems, valid: check.ok, message: check.ok ? '' : check.message ?? 'These correlations cannot all hold at once.',
    nearest, usable: problems.length === 0 && check.ok ? correlations : [], badRows: rowsNamed(problems),
  };
}

/**
 * Pair correlations as rows of the list, one row per pair; a pair at 0 is the same as no row,
 * so it is left out.
 */
export function nearestAsRows(nearest: readonly Correlation[]): CorrelationInput[] {
  return nearest.filter((c) => c.rho !== 0).map((c) => ({ ids: c.ids.join(' '), rho: formatRho(c.rho) }));
}

/** ρ as typed back into the list: at most 2 decimals, a plain minus sign. */
export function formatRho(rho: number): string {
  return String(Number(rho.toFixed(2)));
}
