import { describe, expect, it } from 'vitest';
import { analyzePert } from '../../src/engine/analyzePert.ts';
import { coerceJourney } from '../../src/engine/coerceJourney.ts';
import type { TouchpointInput } from '../../src/engine/types.ts';
import { input, referenceCase, referenceNetwork } from './referenceCases.ts';

function analyze(inputs: TouchpointInput[], target: number) {
  const { touchpoints, problems } = coerceJourney(inputs);
  expect(problems).toEqual([]);
  return analyzePert(touchpoints, target);
}

describe('classic PERT on the published networks (reference file)', () => {
  for (const [id, target] of [['reliable-construction', 47], ['prime-cpm-ten', 17], ['taylor-chain', 28]] as const) {
    it(`reproduces the forward and backward pass, slack and critical path of ${id}`, () => {
      const reference = referenceCase(id).expected;
      const pert = analyze(referenceNetwork(id), target);
      pert.ids.forEach((touchpointId, i) => {
        const row = reference.cpm_on_means[touchpointId];
        expect(pert.expected[i]).toBeCloseTo(row.mean, 4);
        expect(pert.touchpointVariance[i]).toBeCloseTo(row.var, 4);
        expect(pert.earliestStart[i]).toBeCloseTo(row.ES, 9);
        expect(pert.earliestFinish[i]).toBeCloseTo(row.EF, 9);
        expect(pert.latestStart[i]).toBeCloseTo(row.LS, 9);
        expect(pert.latestFinish[i]).toBeCloseTo(row.LF, 9);
        expect(pert.slack[i]).toBeCloseTo(row.TF, 9);
      });
      expect(pert.criticalPath).toEqual(reference.zero_float);
      expect(pert.mean).toBeCloseTo(reference.analytic.mu, 9);
      expect(pert.variance).toBeCloseTo(reference.analytic.variance, 4);
    });
  }

  it('gives the published P(T ≤ 47) = Φ(1) = 0.8413 and P(T ≤ 40) = 0.0912 for Reliable Construction', () => {
    const inputs = referenceNetwork('reliable-construction');
    expect(analyze(inputs, 47).pTarget).toBeCloseTo(0.8413, 4);
    expect(analyze(inputs, 40).pTarget).toBeCloseTo(0.0912, 4);
  });

  it('gives the published P(T ≤ 28) = Φ(4/√5) = 0.9632 for the Taylor chain', () => {
    expect(analyze(referenceNetwork('taylor-chain'), 28).pTarget).toBeCloseTo(0.9632, 4);
  });
});

describe('analyzePert edge cases', () => {
  it('marks both branches of a tie as critical and takes the larger variance', () => {
    // Two paths of expected length 4 (each (a+4m+b)/6 = 4); B's is wider: ((7 − 1)/6)² = 1 vs ((5 − 3)/6)² = 1/9.
    const pert = analyze([
      input('S', 0, 0, 0), input('A', 3, 4, 5, 'S'), input('B', 1, 4, 7, 'S'), input('E', 0, 0, 0, 'A B'),
    ], 4);
    expect(pert.criticalPath).toEqual(['S', 'A', 'B', 'E']);
    expect(pert.variance).toBeCloseTo(1, 12);
    expect(pert.pTarget).toBeCloseTo(0.5, 12);
  });

  it('handles a zero-time milestone inside a chain', () => {
    const pert = analyze([input('A', 1, 2, 3), input('M', 0, 0, 0, 'A'), input('B', 2, 3, 4, 'M')], 5);
    expect([...pert.earliestStart]).toEqual([0, 2, 2]);
    expect(pert.criticalPath).toEqual(['A', 'M', 'B']);
    expect(pert.mean).toBe(5);
  });

  it('handles a journey of one touchpoint', () => {
    const pert = analyze([input('A', 2, 4, 12)], 5);
    expect(pert.mean).toBeCloseTo(5, 12);
    expect(pert.variance).toBeCloseTo((10 / 6) ** 2, 12);
    expect(pert.pTarget).toBeCloseTo(0.5, 12);
    expect(pert.criticalPath).toEqual(['A']);
  });

  it('gives probability 1 or 0 when the finish has no spread', () => {
    const inputs = [input('A', 3, 3, 3)];
    expect(analyze(inputs, 3).pTarget).toBe(1);
    expect(analyze(inputs, 2.9).pTarget).toBe(0);
  });

  it('refuses a cycle rather than returning garbage', () => {
    expect(() => analyzePert([
      { id: 'A', name: 'A', stage: '', optimistic: 1, mostLikely: 2, pessimistic: 3, distribution: 'beta-pert', dependsOn: ['B'], probability: 1, group: '', links: [{ id: 'B', type: 'FS', lag: 0 }] },
      { id: 'B', name: 'B', stage: '', optimistic: 1, mostLikely: 2, pessimistic: 3, distribution: 'beta-pert', dependsOn: ['A'], probability: 1, group: '', links: [{ id: 'A', type: 'FS', lag: 0 }] },
    ], 5)).toThrow(/acyclic/);
  });
});
