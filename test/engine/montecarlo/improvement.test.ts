import { describe, expect, it } from 'vitest';
import { IMPROVEMENT_WORK_BUDGET, computeImprovement, improvementCandidates } from '../../../src/engine/montecarlo/improvement.ts';
import { splitIterations } from '../../../src/state/simulationPool.ts';
import { prepareSimulation } from '../../../src/engine/montecarlo/prepareSimulation.ts';
import { simulateCompletion } from '../../../src/engine/montecarlo/simulateCompletion.ts';
import { simulateIterations } from '../../../src/engine/montecarlo/simulateIterations.ts';
import { summarizeSimulation } from '../../../src/engine/montecarlo/summarizeSimulation.ts';
import { input, journey } from '../referenceCases.ts';

const N = 20_000;

describe('where to improve', () => {
  it('fixed times in series: only the 10 → 9 step brings a 15-day journey within 14 days', () => {
    // A 10, B 5: T = 15 > 14. A × 0.9: 9 + 5 = 14 ≤ 14, P 0 → 1, P80 15 → 14. B × 0.9: 10 + 4.5 = 14.5, P stays 0, P80 15 → 14.5.
    const result = simulateCompletion(journey([input('A', 10, 10, 10), input('B', 5, 5, 5, 'A')]),
      { iterations: 1024, seed: 1, target: 14, improvement: { factor: 0.9 } });
    expect(result.improvement).toEqual([
      { id: 'A', pTargetBase: 0, pTargetImproved: 1, pTargetGain: 1, pTargetGainSE: 0, p80Base: 15, p80Improved: 14, p80Gain: 1, meanGain: 1, tie: false },
      { id: 'B', pTargetBase: 0, pTargetImproved: 0, pTargetGain: 0, pTargetGainSE: 0, p80Base: 15, p80Improved: 14.5, p80Gain: 0.5, meanGain: 0.5, tie: false },
    ]);
  });

  it('two uniform steps in series match the gains integrated by hand', () => {
    // A ~ U(0, 2), B ~ U(0, 4), T = A + B, target 3.
    // Base: P(A + B ≤ 3) = ½∫₀² (3 − a)/4 da = (6 − 2)/8 = 0.5.
    // A × 0.9: ½∫₀² (3 − 0.9a)/4 da = (6 − 1.8)/8 = 0.525 → gain 0.025.
    // B × 0.9 (B' ~ U(0, 3.6)): ½∫₀² (3 − a)/3.6 da = 4/7.2 = 0.5556 → gain 0.0556.
    // P80: the sum of U(0, 2) and U(0, 4) has 1 − F(t) = (6 − t)²/16 on [4, 6]: t80 = 6 − √3.2 = 4.2111.
    // With B': (5.6 − t)²/14.4 = 0.2 → t80 = 5.6 − √2.88 = 3.9029 (gain 0.3082);
    // with A' ~ U(0, 1.8): (5.8 − t)²/14.4 = 0.2 → t80 = 5.8 − √2.88 = 4.1029 (gain 0.1082).
    const result = simulateCompletion(journey([input('A', 0, 1, 2, '', 'uniform'), input('B', 0, 2, 4, 'A', 'uniform')]),
      { iterations: N, seed: 12, target: 3, improvement: { factor: 0.9 } });
    const [first, second] = result.improvement!;
    expect(first.id).toBe('B');
    expect(second.id).toBe('A');
    // The paired differences are rare events: SE ≈ √(0.056/N) = 0.0017; 3 SE ≈ 0.005.
    expect(Math.abs(first.pTargetGain - 0.0556)).toBeLessThan(0.005);
    expect(Math.abs(second.pTargetGain - 0.025)).toBeLessThan(0.005);
    expect(first.pTargetGainSE).toBeGreaterThan(0.001);
    expect(first.pTargetGainSE).toBeLessThan(0.0025);
    expect(Math.abs(first.pTargetBase - 0.5)).toBeLessThan(0.011);
    expect(first.pTargetImproved - first.pTargetBase).toBeCloseTo(first.pTargetGain, 12);
    expect(Math.abs(first.p80Base - 4.2111)).toBeLessThan(0.03);
    expect(Math.abs(first.p80Gain - 0.3082)).toBeLessThan(0.02);
    expect(Math.abs(second.p80Gain - 0.1082)).toBeLessThan(0.02);
    // 0.0556 − 0.025 is many standard errors apart: not a tie.
    expect(first.tie).toBe(false);
  });

  it('marks equal gains as ties', () => {
    // Target far beyond any finish: every P gain is exactly 0, so each is within one SE (0) of the next.
    const result = simulateCompletion(journey([input('A', 1, 2, 3), input('B', 1, 2, 3, 'A'), input('C', 1, 2, 3, 'B')]),
      { iterations: 2048, seed: 1, target: 100, improvement: { factor: 0.9 } });
    expect(result.improvement!.map((x) => x.pTargetGain)).toEqual([0, 0, 0]);
    expect(result.improvement!.map((x) => x.tie)).toEqual([true, true, false]);
    // Ranked then by P80 gain, all positive.
    const gains = result.improvement!.map((x) => x.p80Gain);
    expect([...gains].sort((x, y) => y - x)).toEqual(gains);
    expect(Math.min(...gains)).toBeGreaterThan(0);
  });

  it('gives the same ranking for the same seed, with branches and lags', () => {
    const rows = [
      input('A', 1, 3, 8), input('B', 2, 4, 9, 'A+1', '', 'B', '30%'), input('C', 1, 5, 7, 'A SS+2', '', 'C', '60%', 'G'),
      input('D', 2, 3, 11, 'A', '', 'D', '40%', 'G'), input('E', 1, 2, 6, 'B;C;D'),
    ];
    const options = { iterations: 4096, seed: 3, target: 14, improvement: { factor: 0.9 } };
    const result = simulateCompletion(journey(rows), options);
    const one = result.improvement!;
    const two = simulateCompletion(journey(rows), options).improvement!;
    expect(two).toEqual(one);
    // A touchpoint can only move the finish in iterations where it is critical.
    for (const x of one) expect(x.pTargetGain).toBeLessThanOrEqual(result.criticality[result.ids.indexOf(x.id)]);
    expect(one.length).toBeGreaterThan(2);
    // Improving never lengthens a journey (durations only shrink; the passes are monotone).
    for (const x of one) { expect(x.pTargetGain).toBeGreaterThanOrEqual(0); expect(x.p80Gain).toBeGreaterThanOrEqual(0); }
  });

  it('as a follow-up after a pooled run (parts summarised, then improved in a fresh worker) equals the whole run\'s', () => {
    const rows = [
      input('A', 1, 3, 8), input('B', 2, 4, 9, 'A+1', '', 'B', '30%'), input('C', 1, 5, 7, 'A', '', 'C', '', ''), input('E', 1, 2, 6, 'B;C'),
    ];
    const options = { iterations: 5000, seed: 4, target: 12, correlations: [{ ids: ['A', 'C'], rho: 0.5 }] };
    const whole = simulateCompletion(journey(rows), { ...options, improvement: { factor: 0.9 } });
    const chunks = splitIterations(options.iterations, 3).map(([from, to]) => simulateIterations(prepareSimulation(journey(rows), options), from, to));
    const pooled = summarizeSimulation(prepareSimulation(journey(rows), options), chunks);
    expect(computeImprovement(prepareSimulation(journey(rows), options), pooled, { factor: 0.9 })).toEqual(whole.improvement);
  });

  it('leaves out touchpoints that are never critical (their gain is exactly 0)', () => {
    // B (1, 1.5, 2) runs beside A (10, 11, 12): never critical, so not a candidate.
    const result = simulateCompletion(journey([input('A', 10, 11, 12), input('B', 1, 1.5, 2), input('C', 1, 1, 1, 'A;B')]),
      { iterations: 2048, seed: 1, target: 12, improvement: { factor: 0.9 } });
    expect(result.improvement!.map((x) => x.id).sort()).toEqual(['A', 'C']);
  });

  it('bounds the candidates\' forward-pass work and count', () => {
    // A chain of 300 touchpoints, all critical: each candidate needs its descendants recomputed.
    const chain = Array.from({ length: 300 }, (_, k) => input(`T${k}`, 1, 2, 3, k ? `T${k - 1}` : ''));
    const prepared = prepareSimulation(journey(chain), { iterations: 512, seed: 1, target: 0 });
    const criticality = new Float64Array(300).fill(1);
    const candidates = improvementCandidates(prepared, criticality, 20);
    const work = candidates.reduce((sum, c) => sum + c.descendants.length + 1, 0);
    expect(candidates.length).toBeGreaterThan(0);
    expect(candidates.length).toBeLessThanOrEqual(20);
    expect(work).toBeLessThanOrEqual(IMPROVEMENT_WORK_BUDGET * 300);
    expect(improvementCandidates(prepared, criticality, 3)).toHaveLength(3);
  });

  it('refuses a factor that is not above 0', () => {
    expect(() => simulateCompletion(journey([input('A', 1, 2, 3)]), { iterations: 10, seed: 1, target: 2, improvement: { factor: 0 } }))
      .toThrow(/above 0/);
  });
});
