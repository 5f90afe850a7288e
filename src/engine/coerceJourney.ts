/**
 * Turning typed-in touchpoints (text cells from the grid or a CSV) into numbers, and checking
 * that the journey can be computed. Problems are data, one per cell, each naming the touchpoint
 * and the field with a sentence a person can act on.
 */
import { findCycles, predecessorIndices } from './graph.ts';
import { DISTRIBUTION_KINDS } from './types.ts';
import type { DistributionKind, Problem, Touchpoint, TouchpointField, TouchpointInput } from './types.ts';

const FIELD_LABELS: Record<TouchpointField, string> = {
  id: 'ID', name: 'Touchpoint', stage: 'Stage', optimistic: 'Optimistic', mostLikely: 'Most likely',
  pessimistic: 'Pessimistic', distribution: 'Distribution', dependsOn: 'Depends on',
};

const DISTRIBUTION_ALIASES: Record<string, DistributionKind> = {
  '': 'beta-pert', 'beta-pert': 'beta-pert', 'betapert': 'beta-pert', 'pert': 'beta-pert', 'beta': 'beta-pert',
  'triangular': 'triangular', 'triangle': 'triangular', 'tri': 'triangular',
  'uniform': 'uniform', 'normal': 'normal', 'gaussian': 'normal',
};

/** Reads a distribution name as typed ("Beta-PERT", "triangular", "" …); undefined when unknown. */
export function parseDistribution(text: string): DistributionKind | undefined {
  return DISTRIBUTION_ALIASES[text.trim().toLowerCase().replace(/[\s_]+/g, '-')];
}

/** Splits a "Depends on" cell into ids: separated by `;`, `,` or white space. */
export function parseDependsOn(text: string): string[] {
  return text.split(/[;,\s]+/).map((part) => part.trim()).filter((part) => part.length > 0);
}

/** A time cell as a number: accepts "3", "3.5", " 3,5 " (decimal comma); NaN when not a number. */
export function parseTime(text: string): number {
  const cleaned = text.trim().replace(/^(\d+),(\d+)$/, '$1.$2');
  if (cleaned === '' || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cleaned)) return NaN;
  return Number(cleaned);
}

/**
 * Coerces and validates a journey. `touchpoints` always has one entry per input row (numbers
 * may be NaN where the text was not a number); compute results only when `problems` is empty.
 * Checks: empty and duplicate ids; non-numeric, negative or non-finite times; a ≤ m ≤ b;
 * unknown distribution; unknown and self dependencies; cycles, each named in dependency order
 * ("Consideration → Trial → Consideration"). A fixed time (a = m = b) is valid.
 */
export function coerceJourney(inputs: readonly TouchpointInput[]): { touchpoints: Touchpoint[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const problem = (row: number, id: string, field: TouchpointField | 'journey', message: string) =>
    problems.push({ row, id, field, message });

  if (inputs.length === 0) problem(-1, '', 'journey', 'The journey has no touchpoints yet: add a row to start.');

  const firstRowById = new Map<string, number>();
  inputs.forEach((input, row) => {
    const id = input.id.trim();
    if (id !== '' && !firstRowById.has(id)) firstRowById.set(id, row);
  });

  const touchpoints = inputs.map((input, row): Touchpoint => {
    const id = input.id.trim();
    const label = id === '' ? `Row ${row + 1}` : `${input.name.trim() || id}`;
    if (id === '') problem(row, id, 'id', `Row ${row + 1} has no ID: give it a short unique ID such as T${row + 1}.`);
    else if (firstRowById.get(id) !== row) {
      problem(row, id, 'id', `ID "${id}" is used twice (rows ${firstRowById.get(id)! + 1} and ${row + 1}): IDs must be unique.`);
    }

    const times = (['optimistic', 'mostLikely', 'pessimistic'] as const).map((field) => {
      const text = input[field];
      const value = parseTime(text);
      if (text.trim() === '') problem(row, id, field, `${label}: ${FIELD_LABELS[field]} is empty; enter a time.`);
      else if (Number.isNaN(value)) problem(row, id, field, `${label}: ${FIELD_LABELS[field]} "${text.trim()}" is not a number.`);
      else if (!Number.isFinite(value)) problem(row, id, field, `${label}: ${FIELD_LABELS[field]} is too large.`);
      else if (value < 0) problem(row, id, field, `${label}: ${FIELD_LABELS[field]} cannot be negative (${value}).`);
      return value;
    });
    const [optimistic, mostLikely, pessimistic] = times;
    if (times.every((value) => Number.isFinite(value) && value >= 0)) {
      if (optimistic > pessimistic) {
        problem(row, id, 'pessimistic', `${label}: Pessimistic (${pessimistic}) is below Optimistic (${optimistic}).`);
      } else if (mostLikely < optimistic || mostLikely > pessimistic) {
        problem(row, id, 'mostLikely',
          `${label}: Most likely (${mostLikely}) must lie between Optimistic (${optimistic}) and Pessimistic (${pessimistic}).`);
      }
    }

    const distribution = parseDistribution(input.distribution);
    if (distribution === undefined) {
      problem(row, id, 'distribution',
        `${label}: unknown distribution "${input.distribution.trim()}"; use ${DISTRIBUTION_KINDS.join(', ')}.`);
    }

    const dependsOn = [...new Set(parseDependsOn(input.dependsOn))];
    for (const dep of dependsOn) {
      if (dep === id) problem(row, id, 'dependsOn', `${label} depends on itself.`);
      else if (!firstRowById.has(dep)) problem(row, id, 'dependsOn', `${label} depends on "${dep}", which is not an ID in the journey.`);
    }

    return {
      id, name: input.name.trim(), stage: input.stage.trim(), optimistic, mostLikely, pessimistic,
      distribution: distribution ?? 'beta-pert', dependsOn,
    };
  });

  const ids = touchpoints.map((touchpoint) => touchpoint.id);
  // Self-dependencies are reported above; leave them out so a cycle of one is not named twice.
  const predecessors = predecessorIndices(ids, touchpoints.map((t) => t.dependsOn.filter((dep) => dep !== t.id)));
  for (const cycle of findCycles(predecessors)) {
    const names = [...cycle, cycle[0]].map((index) => touchpoints[index].name || touchpoints[index].id);
    const message = `These touchpoints wait for each other in a circle: ${names.join(' → ')}. Remove one of the dependencies.`;
    for (const index of cycle) problem(index, touchpoints[index].id, 'dependsOn', message);
  }

  return { touchpoints, problems };
}
