/** Text of the sheet's computed cells, from results indexed like the journey they came from, in the page's locale, and its problems by cell. */
import type { PertAnalysis, Problem, SimulationResult } from '../engine/journey/index.ts';
import { fixedNumber, percentNumber } from '../views/localeNumbers.ts';

/** In the page's locale ("1,234.50", "1.234,50"); empty when not a number. The input cells keep what was typed. */
const fixed = (value: number, digits = 2) => fixedNumber(value, digits, '');

/** Each cell's problem, by "row:field" (the first where a cell has several); problems of the whole journey are left out. */
export function problemsByCell(problems: readonly Problem[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const p of problems) if (p.row >= 0 && !map.has(`${p.row}:${p.field}`)) map.set(`${p.row}:${p.field}`, p.message);
  return map;
}

export function computedCellText(key: string, index: number, pert: PertAnalysis | null, simulation: SimulationResult | null): string {
  switch (key) {
    case 'expected': return pert ? fixed(pert.expected[index]) : '';
    case 'sd': return pert ? fixed(Math.sqrt(pert.touchpointVariance[index])) : '';
    case 'earliestStart': return pert ? fixed(pert.earliestStart[index]) : '';
    case 'latestStart': return pert ? fixed(pert.latestStart[index]) : '';
    case 'slack': return pert ? fixed(pert.slack[index]) : '';
    case 'critical': return pert ? (pert.critical[index] ? 'Yes' : '') : '';
    case 'criticality': return simulation ? percentNumber(simulation.criticality[index], 0, '') : '';
    case 'sensitivity': return simulation ? fixed(simulation.sensitivity[index]) : '';
    default: return '';
  }
}

/**
 * Said under the sheet when the journey has optional touchpoints or choices: the classic
 * columns are an expected-time view (see analyzePert): an optional touchpoint weighted by its
 * probability, a choice as the weighted mean of its members' finishes.
 */
export const GRID_BRANCHED_NOTE = 'Expected, Earliest and Latest start, Slack and Critical are classic PERT on expected times, each '
  + 'weighted by the touchpoint\'s probability (an optional touchpoint counts its probability × its time; what follows a choice '
  + 'starts at the weighted mean of its members\' finishes); for a journey with branches, Criticality and the Simulation are the answer.';
