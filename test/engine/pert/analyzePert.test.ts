import { describe, expect, it } from 'vitest';
import { analyzePert } from '../../../src/engine/pert/analyzePert.ts';
import { coerceJourney } from '../../../src/engine/journey/coerceJourney.ts';
import type { TouchpointInput } from '../../../src/engine/journey/types.ts';
import { input, referenceCase, referenceNetwork } from '../referenceCases.ts';

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

describe('classic PERT with lags, start-to-start links and probabilities (worked by hand)', () => {
  it('a lagged chain: A, then B 3 after A finishes, then C starting 1 before B finishes', () => {
    // te: A (1,2,3) = 2; B (2,4,6) = 4; C (2,3,4) = 3; D (3,4,5) = 4 after A.
    // Forward: ES_A 0, EF_A 2; ES_B = 2 + 3 = 5, EF_B 9; ES_C = 9 − 1 = 8, EF_C 11; ES_D 2, EF_D 6. Finish 11.
    // Backward: LF_C 11, LS_C 8; LF_B = 8 + 1 = 9, LS_B 5; LF_D 11, LS_D 7; LF_A = min(5 − 3, 7) = 2, LS_A 0.
    // Slack: A 0, B 0, C 0, D 7 − 2 = 5. Variance on A–B–C: (2/6)² + (4/6)² + (2/6)² = 24/36.
    const pert = analyze([input('A', 1, 2, 3), input('B', 2, 4, 6, 'A+3'), input('C', 2, 3, 4, 'B-1'), input('D', 3, 4, 5, 'A')], 11);
    expect([...pert.earliestStart]).toEqual([0, 5, 8, 2]);
    expect([...pert.earliestFinish]).toEqual([2, 9, 11, 6]);
    expect([...pert.latestStart]).toEqual([0, 5, 8, 7]);
    expect([...pert.latestFinish]).toEqual([2, 9, 11, 11]);
    expect([...pert.slack]).toEqual([0, 0, 0, 5]);
    expect(pert.criticalPath).toEqual(['A', 'B', 'C']);
    expect(pert.mean).toBe(11);
    expect(pert.variance).toBeCloseTo(24 / 36, 12);
    expect(pert.pTarget).toBeCloseTo(0.5, 12);
  });

  it('a start-to-start overlap: B and C start 2 after A starts; the finish does not depend on A\'s length', () => {
    // te: A (4,10,16) = 10, var 4; B (1,3,5) = 3; C (6,12,18) = 12, var 4.
    // Forward: A 0–10; B 2–5; C 2–14. Finish 14 (at C).
    // Backward: C: LF 14, LS 2. B: LF 14, LS 11. A: LF = min(14, LS_B − 2 + 10 = 19, LS_C − 2 + 10 = 10) = 10, LS 0.
    // Slack: A 0, B 9, C 0. The chain A →SS C passes A's start, so the variance is C's alone: 4.
    const pert = analyze([input('A', 4, 10, 16), input('B', 1, 3, 5, 'A SS+2'), input('C', 6, 12, 18, 'A SS+2')], 14);
    expect([...pert.earliestStart]).toEqual([0, 2, 2]);
    expect([...pert.earliestFinish]).toEqual([10, 5, 14]);
    expect([...pert.latestFinish]).toEqual([10, 14, 14]);
    expect([...pert.slack]).toEqual([0, 9, 0]);
    expect(pert.criticalPath).toEqual(['A', 'C']);
    expect(pert.mean).toBe(14);
    expect(pert.variance).toBeCloseTo(4, 12);
  });

  it('a finish that is not at a touchpoint without successors (start-to-start into a short step)', () => {
    // A (10,10,10) then B (1,1,1) starting with A: A 0–10, B 0–1. Finish 10 at A, which has a successor.
    // B: LF 10, LS 9, slack 9. A: LF = min(10, 9 − 0 + 10) = 10, slack 0.
    const pert = analyze([input('A', 10, 10, 10), input('B', 1, 1, 1, 'A SS')], 10);
    expect(pert.mean).toBe(10);
    expect([...pert.slack]).toEqual([0, 9]);
    expect(pert.criticalPath).toEqual(['A']);
  });

  it('three links with a negative lag into a touchpoint whose successor starts with it', () => {
    // Same network as the simulation's hand-worked case (fixed times): D 4–6, E 5–6, F 6–9; slack A 2, C 1.
    const pert = analyze([
      input('A', 2, 2, 2), input('B', 3, 3, 3), input('C', 4, 4, 4), input('D', 2, 2, 2, 'A; B+1; C-1'),
      input('E', 1, 1, 1, 'D SS+1'), input('F', 3, 3, 3, 'E'),
    ], 9);
    expect([...pert.earliestStart]).toEqual([0, 0, 0, 4, 5, 6]);
    expect([...pert.latestFinish]).toEqual([4, 3, 5, 6, 6, 9]);
    expect([...pert.slack]).toEqual([2, 0, 1, 0, 0, 0]);
    expect(pert.criticalPath).toEqual(['B', 'D', 'E', 'F']);
  });

  it('a negative lag cannot start a touchpoint before the journey starts', () => {
    // B starts 5 before A (2,2,2) finishes: max(0, 2 − 5) = 0.
    const pert = analyze([input('A', 2, 2, 2), input('B', 3, 3, 3, 'A-5')], 3);
    expect([...pert.earliestStart]).toEqual([0, 0]);
    expect(pert.mean).toBe(3);
    expect(pert.criticalPath).toEqual(['B']);
  });

  it('weights an optional step\'s expected time and variance by its probability', () => {
    // A (2,4,6) te 4, var 4/9; B (5,8,11) at 25%: te 8, σ² = 1, so p·te = 2 and
    // p·σ² + p(1 − p)·te² = 0.25 + 0.1875·64 = 12.25; C (2,4,6) te 4. Mean 10, variance 4/9 + 12.25 + 4/9.
    const pert = analyze([input('A', 2, 4, 6), input('B', 5, 8, 11, 'A', '', 'B', '25%'), input('C', 2, 4, 6, 'B')], 10);
    expect(pert.expected[1]).toBeCloseTo(2, 12);
    expect(pert.touchpointVariance[1]).toBeCloseTo(12.25, 12);
    expect(pert.mean).toBeCloseTo(10, 12);
    expect(pert.variance).toBeCloseTo(8 / 9 + 12.25, 12);
  });
});


describe('classic PERT: an exclusive group is one choice', () => {
  const byId = (ids: string[], values: ArrayLike<number>) => Object.fromEntries(ids.map((id, i) => [id, values[i]]));

  it('Self-serve 70% (te 5) / Sales 30% (te 9), then 1 day: mean 7.2, the mixture variance', () => {
    // te: (2 + 20 + 8)/6 = 5 and (6 + 36 + 12)/6 = 9; σ² = ((8 − 2)/6)² = 1 for both; E fixed at 1.
    // E starts at the weighted mean of the members' finishes, 0.7·5 + 0.3·9 = 6.2; finish 7.2 —
    // the exact mean (the Monte Carlo's 70/30 mixture of 6 and 10). Variance by the law of total
    // variance (e.g. Ross, "A First Course in Probability", §7.5): Σw(σ² + te²) − (Σw·te)²
    // = 0.7·26 + 0.3·82 − 6.2² = 18.2 + 24.6 − 38.44 = 4.36.
    const pert = analyze([
      input('SS', 2, 5, 8, '', '', 'Self-serve', '70%', 'Signup'), input('SA', 6, 9, 12, '', '', 'Sales', '30%', 'Signup'),
      input('E', 1, 1, 1, 'SS;SA'),
    ], 7.2);
    expect(pert.mean).toBeCloseTo(7.2, 12);
    expect(pert.variance).toBeCloseTo(4.36, 12);
    expect(byId(pert.ids, pert.expected)).toEqual({ SS: 5, SA: 9, E: 1 });
    expect(pert.earliestStart[2]).toBeCloseTo(6.2, 12);
    expect(pert.criticalPath).toEqual(['SS', 'SA', 'E']);
    expect(pert.pTarget).toBeCloseTo(0.5, 12);
  });

  it('members after different predecessors: the successor starts at the weighted mean of their finishes', () => {
    // X (10) → G1 (1), Y (1) → G2 (1), 50/50; S (1) after both. S starts at ½·11 + ½·2 = 6.5, finish 7.5.
    // Variance (all times fixed): ½·11² + ½·2² − 6.5² = 62.5 − 42.25 = 20.25. The choice binds S, so
    // both members are critical, and so are X and Y, whose finishes are their members' starts.
    const pert = analyze([
      input('X', 10, 10, 10), input('Y', 1, 1, 1),
      input('G1', 1, 1, 1, 'X', '', 'G1', '50%', 'Sig'), input('G2', 1, 1, 1, 'Y', '', 'G2', '50%', 'Sig'),
      input('S', 1, 1, 1, 'G1;G2'),
    ], 10);
    expect(pert.mean).toBeCloseTo(7.5, 12);
    expect(pert.variance).toBeCloseTo(20.25, 12);
    expect([...pert.slack]).toEqual([0, 0, 0, 0, 0]);
    expect(pert.criticalPath.sort()).toEqual(['G1', 'G2', 'S', 'X', 'Y']);
  });

  it('a successor after one member only waits p·te on average, as after an optional touchpoint', () => {
    // X (2) → G1 (4, 25%) → S (1); X → G2 (8, 75%) → T (1). T: with 75% G2 happened (start 10), else it
    // passes X's finish (2): ¾·10 + ¼·2 = 8 = 2 + 0.75·8, finish 9. S: ¼·6 + ¾·2 = 3, finish 4.
    // Variance of T's start: ¾·10² + ¼·2² − 8² = 75 + 1 − 64 = 12 (= p(1 − p)te² = ¾·¼·64).
    // S's slack: 9 − 4 = 5, and G1, whose choice feeds only S, has the same slack.
    const pert = analyze([
      input('X', 2, 2, 2), input('G1', 4, 4, 4, 'X', '', 'G1', '25%', 'P'), input('G2', 8, 8, 8, 'X', '', 'G2', '75%', 'P'),
      input('S', 1, 1, 1, 'G1'), input('T', 1, 1, 1, 'G2'),
    ], 9);
    expect(pert.mean).toBeCloseTo(9, 12);
    expect(pert.variance).toBeCloseTo(12, 12);
    expect(byId(pert.ids, pert.slack)).toEqual({ X: 0, G1: 5, G2: 0, S: 5, T: 0 });
    expect(pert.criticalPath).toEqual(['X', 'G2', 'T']);
  });

  it('a group at the end of the journey: the finish is the weighted mean of the members\' finishes', () => {
    // 70% finish at 5, 30% at 9 (fixed): mean 6.2 (not the larger, 9); variance 0.7·25 + 0.3·81 − 6.2² = 3.36.
    const pert = analyze([
      input('S', 5, 5, 5, '', '', 'Self-serve', '70%', 'Signup'), input('A', 9, 9, 9, '', '', 'Sales', '30%', 'Signup'),
    ], 9);
    expect(pert.mean).toBeCloseTo(6.2, 12);
    expect(pert.variance).toBeCloseTo(3.36, 12);
  });
});
