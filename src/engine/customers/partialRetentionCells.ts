import type { Retention } from './computeKpis.ts';

/**
 * Which cells of a retention table (`share[c][k]`) rest on a month the data cover only in part,
 * so they are not shaded like whole months: every cell of the first cohort when the data start
 * mid-month (that cohort has only the customers who first ordered after the start), every cell of
 * the last cohort when they stop mid-month, and, when the last month is partial, each cohort's
 * last column — the calendar month the data stop in, where repeat orders are counted for part of a
 * month only. Returns a fresh boolean table shaped like `share`; empty for no cohorts.
 */
export function partialRetentionCells(retention: Retention): boolean[][] {
  const last = retention.cohorts.length - 1;
  return retention.share.map((row, c) => row.map((_, k) =>
    (c === 0 && retention.firstMonthPartial)
    || (c === last && retention.lastMonthPartial)
    || (retention.lastMonthPartial && k === row.length - 1)));
}
