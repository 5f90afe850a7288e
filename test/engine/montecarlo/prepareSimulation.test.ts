import { describe, expect, it } from 'vitest';
import {
  HAPPENS_ALWAYS, HAPPENS_GROUP, HAPPENS_OPTIONAL, LINK_FS, LINK_SS, MAX_SAMPLES, SAMPLE_EXACT, SAMPLE_FIXED, SAMPLE_TABLE,
  TABLE_SIZE, prepareSimulation, simulationProblem,
} from '../../../src/engine/montecarlo/prepareSimulation.ts';
import { input, journey } from '../referenceCases.ts';

const sorted = (permutation: ArrayLike<number>) => Array.from(permutation).sort((x, y) => x - y);
const identity = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('simulationProblem', () => {
  it('asks for a whole number of iterations of at least 1', () => {
    for (const iterations of [0, -5, 2.5, NaN]) expect(simulationProblem(10, iterations)).toBe('Iterations must be a whole number of at least 1.');
  });

  it('refuses more than 50,000,000 samples and says how many iterations would do', () => {
    expect(MAX_SAMPLES).toBe(50_000_000);
    expect(simulationProblem(1000, 50_000)).toBeUndefined();
    expect(simulationProblem(1000, 50_001)).toBe(
      '50,001 iterations × 1,000 touchpoints is more than 50,000,000 samples; lower the iterations to 50,000 or fewer.');
  });
});

describe('prepareSimulation on a plain diamond', () => {
  // A → B, A → C, B and C → D; B has a fixed time, C is normal.
  const touchpoints = journey([
    input('A', 1, 2, 3), input('B', 2, 2, 2, 'A'), input('C', 1, 2, 3, 'A', 'normal'), input('D', 1, 2, 4, 'B;C'),
  ]);
  const prepared = prepareSimulation(touchpoints, { iterations: 1000, seed: 3, target: 5 });

  it('lays the graph out as compressed rows in topological order', () => {
    expect([...prepared.order]).toEqual([0, 1, 2, 3]);
    expect([...prepared.predecessorStart]).toEqual([0, 0, 1, 2, 4]);
    expect([...prepared.predecessorList]).toEqual([0, 0, 1, 2]);
    expect([...prepared.successorStart]).toEqual([0, 2, 3, 4, 4]);
    expect([...prepared.successorList]).toEqual([1, 2, 3, 3]);
    expect([...prepared.finisher]).toEqual([0, 0, 0, 1]);
  });

  it('runs the plain passes, samples a fixed time as fixed and the normal exactly, the rest from tables', () => {
    expect(prepared.general).toBe(false);
    expect(prepared.optionalOnly).toBe(false);
    expect([...prepared.sampleMode]).toEqual([SAMPLE_TABLE, SAMPLE_FIXED, SAMPLE_EXACT, SAMPLE_TABLE]);
    expect(prepared.tables.every((table) => table.length === TABLE_SIZE + 1)).toBe(true);
    expect([...prepared.happensMode]).toEqual([0, 0, 0, 0].map(() => HAPPENS_ALWAYS));
  });

  it('gives each touchpoint a permutation of the iterations, and keeps the run\'s settings', () => {
    for (const permutation of prepared.permutations) expect(sorted(permutation)).toEqual(identity(1000));
    expect(prepared).toMatchObject({ count: 4, iterations: 1000, seed: 3, target: 5, reachPercentiles: undefined });
    expect(prepared.kinds).toEqual(['beta-pert', 'beta-pert', 'normal', 'beta-pert']);
  });

  it('lets the options override every distribution and keeps a copy of the reach percentiles', () => {
    const percentiles = [0.5, 0.95];
    const other = prepareSimulation(touchpoints, { iterations: 1000, seed: 3, target: 5, distribution: 'triangular', reachPercentiles: percentiles });
    expect(other.kinds).toEqual(['triangular', 'triangular', 'triangular', 'triangular']);
    expect([...other.sampleMode]).toEqual([SAMPLE_TABLE, SAMPLE_FIXED, SAMPLE_TABLE, SAMPLE_TABLE]);
    expect(other.reachPercentiles).toEqual(percentiles);
    expect(other.reachPercentiles).not.toBe(percentiles);
  });
});

describe('prepareSimulation with branches and waits', () => {
  it('an optional touchpoint: general, optional-only, happens below pN − ½ on its own permutation', () => {
    const prepared = prepareSimulation(journey([input('A', 1, 2, 3), input('B', 1, 2, 3, 'A', '', 'B', '25%')]), { iterations: 1000, seed: 1, target: 5 });
    expect(prepared.general).toBe(true);
    expect(prepared.optionalOnly).toBe(true);
    expect([...prepared.happensMode]).toEqual([HAPPENS_ALWAYS, HAPPENS_OPTIONAL]);
    expect([...prepared.happensThreshold]).toEqual([1000, 0.25 * 1000 - 0.5]);
    expect(prepared.happensPermutation[0]).toBeUndefined();
    expect(sorted(prepared.happensPermutation[1]!)).toEqual(identity(1000));
  });

  it('a start-to-start link with a lag: its predecessor keeps its starts and can end the journey', () => {
    const prepared = prepareSimulation(journey([input('A', 1, 2, 3), input('B', 1, 2, 3, 'A SS+2'), input('C', 1, 2, 3, 'B-1')]), { iterations: 100, seed: 1, target: 5 });
    expect(prepared.general).toBe(true);
    expect(prepared.optionalOnly).toBe(false);
    expect([...prepared.linkStart]).toEqual([0, 0, 1, 2]);
    expect([...prepared.linkPred]).toEqual([0, 1]);
    expect([...prepared.linkType]).toEqual([LINK_SS, LINK_FS]);
    expect([...prepared.linkLag]).toEqual([2, -1]);
    expect([...prepared.linkMasked]).toEqual([0, 0]);
    expect([...prepared.keepsStart]).toEqual([1, 0, 0]);
    // A has an SS link out, B a negative lag out, C no successors: each can set the finish.
    expect([...prepared.finisher]).toEqual([1, 1, 1]);
    expect([...prepared.outStart]).toEqual([0, 1, 2, 2]);
    expect([...prepared.outSucc]).toEqual([1, 2]);
  });

  it('an exclusive group: members in id order, cumulative weight bounds × N, and a successor\'s links marked as a choice', () => {
    const prepared = prepareSimulation(journey([
      input('A', 1, 2, 3), input('Y', 1, 2, 3, 'A', '', 'Y', '30%', 'G'), input('X', 1, 2, 3, 'A+1', '', 'X', '70%', 'G'), input('Z', 1, 2, 3, 'X;Y'),
    ]), { iterations: 1000, seed: 1, target: 5 });
    expect(prepared.groups).toHaveLength(1);
    expect([...prepared.groups[0].members]).toEqual([2, 1]);
    expect(prepared.groups[0].bounds[0]).toBeCloseTo(0.7 * 1000 - 0.5, 9);
    expect(prepared.groups[0].bounds[1]).toBe(Infinity);
    expect([...prepared.happensMode]).toEqual([HAPPENS_ALWAYS, HAPPENS_GROUP, HAPPENS_GROUP, HAPPENS_ALWAYS]);
    expect(prepared.optionalOnly).toBe(false);
    // Z links to both members: both links carry the group's index; A's links do not.
    expect([...prepared.linkChoice]).toEqual([-1, -1, 0, 0]);
    expect([...prepared.choiceNode]).toEqual([0, 0, 0, 1]);
    // X's lag depends on whether X happens, so it is dropped where X does not.
    expect([...prepared.linkMasked]).toEqual([0, 1, 0, 0]);
  });
});

describe('prepareSimulation refuses', () => {
  it('a run over the sample limit (RangeError) and a cycle (coerceJourney would have caught it)', () => {
    const touchpoints = journey([input('A', 1, 2, 3), input('B', 1, 2, 3, 'A')]);
    expect(() => prepareSimulation(touchpoints, { iterations: 30_000_000, seed: 1, target: 1 })).toThrow(RangeError);
    const cyclic = [{ ...touchpoints[0], dependsOn: ['B'], links: [{ id: 'B', type: 'FS' as const, lag: 0 }] }, touchpoints[1]];
    expect(() => prepareSimulation(cyclic, { iterations: 100, seed: 1, target: 1 })).toThrow(/acyclic/);
  });
});
