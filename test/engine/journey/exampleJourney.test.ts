import { describe, expect, it } from 'vitest';
import { exampleJourney, exampleSettings } from '../../../src/engine/journey/exampleJourney.ts';
import { coerceJourney } from '../../../src/engine/journey/coerceJourney.ts';
import { predecessorIndices, topologicalOrder } from '../../../src/engine/journey/graph.ts';
import { analyzePert } from '../../../src/engine/pert/analyzePert.ts';

describe('the example journey', () => {
  const { touchpoints, problems } = coerceJourney(exampleJourney);

  it('is a valid journey of 16 touchpoints with distinct ids, from the first ad to the second order', () => {
    expect(problems).toEqual([]);
    expect(touchpoints).toHaveLength(16);
    expect(new Set(touchpoints.map((t) => t.id)).size).toBe(16);
    expect(touchpoints[0].id).toBe('AD');
    expect(touchpoints.at(-1)!.id).toBe('RP');
    expect(topologicalOrder(predecessorIndices(touchpoints.map((t) => t.id), touchpoints.map((t) => t.dependsOn)))).toBeDefined();
  });

  it('shows an optional touchpoint (the support ticket, 25%) and a wait (the review request, 5 after first use)', () => {
    const byId = Object.fromEntries(touchpoints.map((t) => [t.id, t]));
    expect(byId.SU.probability).toBe(0.25);
    expect(byId.RE.links).toEqual([{ id: 'FU', type: 'FS', lag: 5 }]);
    expect(touchpoints.filter((t) => (t.probability ?? 1) < 1).map((t) => t.id)).toEqual(['SU']);
  });

  it('merges parallel branches: the cart waits for four, first use for two', () => {
    const byId = Object.fromEntries(touchpoints.map((t) => [t.id, t]));
    expect(byId.CA.dependsOn).toEqual(['RV', 'CM', 'NL', 'TR']);
    expect(byId.FU.dependsOn).toEqual(['SH', 'AC']);
  });

  it('finishes, on classic PERT expected times worked by hand, in 46.48 days, inside its 50-day target', () => {
    // te = (a + 4m + b)/6 along AD → SE → TR → CA → CO → WE → AC → FU → (5 days) → RE → RM → RP:
    // (7.5 + 13.5 + 44 + 8.5 + 1.9 + 13 + 9.5 + 15 + 20 + 87 + 29)/6 + 5 = 248.9/6 + 5 = 46.483.
    // The other branches are shorter: via NL 9.92 against 10.83 at TR's finish, SH 3.5 against WE + AC 3.75.
    const te = Object.fromEntries(touchpoints.map((t) => [t.id, (t.optimistic + 4 * t.mostLikely + t.pessimistic) / 6]));
    const path = ['AD', 'SE', 'TR', 'CA', 'CO', 'WE', 'AC', 'FU', 'RE', 'RM', 'RP'].reduce((sum, id) => sum + te[id], 0) + 5;
    expect(path).toBeCloseTo(248.9 / 6 + 5, 12);
    expect(path).toBeLessThan(exampleSettings.target);
    const pert = analyzePert(touchpoints, exampleSettings.target);
    expect(pert.mean).toBeCloseTo(path, 12);
    expect(pert.criticalPath).toEqual(['AD', 'SE', 'TR', 'CA', 'CO', 'WE', 'AC', 'FU', 'RE', 'RM', 'RP']);
  });

  it('starts with 10,000 iterations, seed 1, a 50-day target', () => {
    expect(exampleSettings).toEqual({ target: 50, iterations: 10_000, seed: 1, timeUnit: 'days' });
  });
});
