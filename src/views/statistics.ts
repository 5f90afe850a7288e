/**
 * The words and numbers of the statistics panel, computed before anything is drawn: each
 * figure starts with its number so it reads (and parses) the same for a person and a test.
 */
import type { PertAnalysis, SimulationResult } from '../engine/journey/index.ts';
import { countNumber, fixedNumber, percentNumber } from './localeNumbers.ts';

/** A time: one decimal and the unit, "44.3 days" ("44,3 days" in de-DE). */
export function formatTime(value: number, timeUnit: string): string {
  return Number.isFinite(value) ? `${fixedNumber(value, 1)} ${timeUnit}`.trimEnd() : '–';
}

/** A probability as a percentage with one decimal, "81.6%" ("81,6 %" in de-DE). */
export function formatPercent(probability: number): string {
  return percentNumber(probability, 1);
}

/** Percentage points with one decimal, "0.4" (a standard error beside a percentage). */
export function formatPoints(share: number): string {
  return fixedNumber(100 * share, 1);
}

/** "(partial: 3,000 of 10,000 iterations)" for a run stopped early, else ''. */
export function partialNote(simulation: Pick<SimulationResult, 'complete' | 'iterations' | 'requestedIterations'>): string {
  if (simulation.complete) return '';
  return `(partial: ${countNumber(simulation.iterations)} of ${countNumber(simulation.requestedIterations)} iterations)`;
}

/** Points (percentage points) by which the classic answer exceeds the simulated one. */
export function probabilityGap(simulation: Pick<SimulationResult, 'pTarget'>, pert: Pick<PertAnalysis, 'pTarget'>): number {
  return 100 * (pert.pTarget - simulation.pTarget);
}

/**
 * One plain sentence on merge bias when the classic PERT and Monte Carlo chances of finishing
 * by the target differ by more than 5 points; '' otherwise. Merge bias (MacCrimmon & Ryavec
 * 1964): where parallel branches join, the journey waits for the latest of them, so the real
 * finish is later than the single critical path the classic method follows suggests.
 */
export function mergeBiasSentence(simulation: Pick<SimulationResult, 'pTarget'>, pert: Pick<PertAnalysis, 'pTarget'>): string {
  const gap = probabilityGap(simulation, pert);
  // A tolerance so that 80% against 75% (a gap of 5.000000000000004 in floating point) is not "more than 5".
  if (!(Math.abs(gap) > 5 + 1e-9)) return '';
  const points = fixedNumber(Math.abs(gap), 0);
  if (gap > 0) {
    return `The classic PERT answer is ${points} points more hopeful than the simulation because it follows only the critical path, `
      + 'while here parallel branches merge and the journey waits for the slowest of them, so the real finish is later (merge bias).';
  }
  return `The classic PERT answer is ${points} points less hopeful than the simulation, because its normal curve and `
    + 'its variance ((b − a)/6)² do not match the spread of these estimates; the simulation, which samples every branch, is the better guide.';
}

/** Whether the journey has branches: a touchpoint that happens only sometimes, or an exclusive choice. */
export function isBranched(touchpoints: readonly { probability?: number; group?: string }[]): boolean {
  return touchpoints.some((t) => (t.group ?? '') !== '' || (Number.isFinite(t.probability) && (t.probability as number) < 1));
}

/**
 * The plain warning shown beside the classic figures of a branched journey: they weight each
 * touchpoint's expected time by its probability, a journey no customer actually has.
 */
export const BRANCHED_NOTE = 'This journey has branches (optional touchpoints or exclusive choices). The PERT (normal) figures use '
  + 'expected times: an optional touchpoint\'s time weighted by its probability, an exclusive choice as the weighted mean of its '
  + 'options. That is an average journey no customer actually takes; the Monte Carlo plays every branch out and is the answer to '
  + 'trust here.';
