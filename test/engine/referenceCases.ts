/** Published PERT cases with expected values (test/fixtures/pert-cases.json, a copy of the shared reference file). */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { coerceJourney } from '../../src/engine/journey/coerceJourney.ts';
import type { SimulationResult, Touchpoint, TouchpointInput } from '../../src/engine/journey/types.ts';

const file = JSON.parse(readFileSync(new URL('../fixtures/pert-cases.json', import.meta.url), 'utf8'));

export function referenceCase(id: string) {
  return file.cases.find((c: { id: string }) => c.id === id);
}

interface Activity { id: string; name: string; optimistic: number; mostLikely: number; pessimistic: number; dependsOn: string[] }

export function referenceNetwork(id: string, distribution = ''): TouchpointInput[] {
  return referenceCase(id).activities.map((a: Activity) => ({
    id: a.id, name: a.name, stage: '', optimistic: String(a.optimistic), mostLikely: String(a.mostLikely),
    pessimistic: String(a.pessimistic), distribution, dependsOn: a.dependsOn.join(';'), probability: '', group: '',
  }));
}

export function input(
  id: string, a: number, m: number, b: number, dependsOn = '', distribution = '', name = id, probability = '', group = '',
): TouchpointInput {
  return { id, name, stage: '', optimistic: String(a), mostLikely: String(m), pessimistic: String(b), distribution, dependsOn, probability, group };
}

/** Coerces rows that must be valid: a problem fails the test that built them. */
export function journey(inputs: TouchpointInput[]): Touchpoint[] {
  const { touchpoints, problems } = coerceJourney(inputs);
  expect(problems).toEqual([]);
  return touchpoints;
}

/** A per-touchpoint result keyed by id. */
export function byId(result: SimulationResult, values: Float64Array): Record<string, number> {
  return Object.fromEntries(result.ids.map((id, i) => [id, values[i]]));
}
