/**
 * What the report says, computed before anything is drawn: the key figures with the classic
 * PERT (normal) answer and the Monte Carlo answer side by side, the journey table's rows, the
 * line under the title, and one sentence per figure on how to read it.
 */
import type { PertAnalysis, SimulationResult, Touchpoint } from '../engine/journey/index.ts';
import { inverseStandardNormalCdf } from '../engine/math/specialFunctions.ts';
import { formatPercent, formatTime } from './statistics.ts';
import { formatQuantity } from './text.ts';
import { countNumber } from './localeNumbers.ts';

export interface KeyFigure {
  label: string;
  /** As shown, in the page's locale with the unit ("44.3 days", "81.6%"). */
  pert: string;
  monteCarlo: string;
  /** The plain numbers behind them, for the CSV (NaN where a method has no answer yet). */
  pertValue: number;
  monteCarloValue: number;
}

/**
 * Mean, SD, P50, P80, P95 and P(finish by target) by the two methods. The PERT percentiles
 * are the normal approximation's: mean + z·SD along the critical path (Malcolm et al. 1959);
 * "–" where a method has no answer yet.
 */
export function keyFigures(simulation: SimulationResult | null, pert: PertAnalysis | null, timeUnit: string): KeyFigure[] {
  const time = (value: number | undefined) => (value === undefined ? '–' : formatTime(value, timeUnit));
  const sd = pert ? Math.sqrt(pert.variance) : undefined;
  const pertAt = (p: number) => (pert && sd !== undefined ? pert.mean + inverseStandardNormalCdf(p) * sd : undefined);
  const times = (label: string, pertValue: number | undefined, monteCarloValue: number | undefined): KeyFigure => ({
    label, pert: time(pertValue), monteCarlo: time(monteCarloValue), pertValue: pertValue ?? NaN, monteCarloValue: monteCarloValue ?? NaN,
  });
  return [
    times('Mean', pert?.mean, simulation?.mean),
    times('SD', sd, simulation?.sd),
    times('P50', pertAt(0.5), simulation?.percentiles.p50),
    times('P80', pertAt(0.8), simulation?.percentiles.p80),
    times('P95', pertAt(0.95), simulation?.percentiles.p95),
    {
      label: 'P(finish by target)', pert: pert ? formatPercent(pert.pTarget) : '–', monteCarlo: simulation ? formatPercent(simulation.pTarget) : '–',
      pertValue: pert?.pTarget ?? NaN, monteCarloValue: simulation?.pTarget ?? NaN,
    },
  ];
}

export interface JourneyTableRow {
  id: string; name: string; stage: string; estimates: string; dependsOn: string;
  expected: string; slack: string; critical: string; criticality: string;
}

/** One row per touchpoint: the three estimates, what it waits for, and its computed figures ("–" until computed). */
export function journeyTableRows(touchpoints: readonly Touchpoint[], pert: PertAnalysis | null, simulation: SimulationResult | null): JourneyTableRow[] {
  const pertIndex = new Map(pert?.ids.map((id, index) => [id, index]) ?? []);
  const simulationIndex = new Map(simulation?.ids.map((id, index) => [id, index]) ?? []);
  return touchpoints.map((touchpoint) => {
    const p = pertIndex.get(touchpoint.id);
    const s = simulationIndex.get(touchpoint.id);
    return {
      id: touchpoint.id,
      name: touchpoint.name,
      stage: touchpoint.stage,
      estimates: `${formatQuantity(touchpoint.optimistic)} / ${formatQuantity(touchpoint.mostLikely)} / ${formatQuantity(touchpoint.pessimistic)}`,
      dependsOn: touchpoint.links.map((link) => link.id).join(' '),
      expected: p === undefined ? '–' : formatQuantity(pert!.expected[p], 1),
      slack: p === undefined ? '–' : formatQuantity(pert!.slack[p], 1),
      critical: p === undefined ? '–' : pert!.critical[p] ? 'Yes' : '',
      criticality: s === undefined ? '–' : formatPercent(simulation!.criticality[s]),
    };
  });
}

/** "10,000 simulation runs, seed 1; target 50 days." (the counts in the page's locale; the seed as typed) */
export function runLine(simulation: SimulationResult | null, target: number, timeUnit: string): string {
  const runs = simulation ? `${countNumber(simulation.iterations)} simulation runs, seed ${simulation.seed}` : 'Not simulated yet';
  const goal = Number.isFinite(target) ? `; target ${formatQuantity(target)} ${timeUnit}` : '';
  return `${runs}${goal}.`.replace(/\s+\./, '.');
}

/** How to read each figure, one sentence each. */
export const HOW_TO_READ = {
  journey: 'Each row is a touchpoint with its optimistic, most likely and pessimistic times; "Critical" touchpoints have no slack in the classic plan, and criticality is the share of simulated journeys in which a touchpoint held up the finish.',
  figures: 'PERT (normal) is the classic textbook answer from the critical path alone; Monte Carlo simulates the whole journey many times, so where paths merge it is usually later and is the figure to plan with.',
  histogram: 'The bars show how often the journey finished at each time over all simulated runs; the dashed lines mark the times by which half (P50), four in five (P80) and 19 in 20 (P95) journeys finish, and the red line is the target.',
  tornado: 'Bars to the right are touchpoints whose longer durations go with a later finish; the longer the bar, the more that touchpoint drives the total.',
  improve: 'Each bar is what the journey would gain if that one touchpoint were made shorter, the others unchanged: the top bar is where effort pays most.',
  network: 'The journey from left to right, each box a touchpoint after the ones it waits for; the highlighted chain is the critical path and darker boxes are critical in more simulated journeys.',
  kpis: 'The store\'s key figures over the whole file, after the cleaning step.',
  attention: 'The anomalies with the most money at stake, one row each, with the reason it stands out.',
  segments: 'Customers grouped by how recently and how often they buy and what they are expected to be worth.',
  modelChecks: 'How well the re-purchase model fits: predicted against actual repeat orders; the closer the two, the more the expected orders and CLV can be trusted.',
} as const;
