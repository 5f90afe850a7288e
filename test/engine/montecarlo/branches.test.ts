/**
 * Monte Carlo with optional touchpoints, exclusive groups, lags and start-to-start links.
 * Every expected value is worked by hand in the comment beside it.
 */
import { describe, expect, it } from 'vitest';
import { BLOCK_SIZE, prepareSimulation } from '../../../src/engine/montecarlo/prepareSimulation.ts';
import type { SimulationOptions } from '../../../src/engine/montecarlo/prepareSimulation.ts';
import { simulateCompletion } from '../../../src/engine/montecarlo/simulateCompletion.ts';
import { simulateIterations } from '../../../src/engine/montecarlo/simulateIterations.ts';
import { summarizeSimulation } from '../../../src/engine/montecarlo/summarizeSimulation.ts';
import { byId, input, journey, referenceNetwork } from '../referenceCases.ts';

const N = 20_000;

describe('exclusive groups', () => {
  // X ~ Uniform(0, 1) and Y ~ Uniform(0, 2), exactly one of them per journey, 50/50.
  // P(T ≤ 1) = ½·1 + ½·½ = 0.75; E[T] = ½·0.5 + ½·1 = 0.75.
  // The group's draw is stratified: exactly N/2 iterations pick each, so each is critical in exactly half.
  const pair = [
    input('X', 0, 0.5, 1, '', 'uniform', 'X', '50%', 'Signup'),
    input('Y', 0, 1, 2, '', 'uniform', 'Y', '50%', 'Signup'),
    input('E', 0, 0, 0, 'X;Y'),
  ];

  it('a 50/50 pair of Uniform(0, 1) and Uniform(0, 2): P(T ≤ 1) = 0.75 and mean 0.75', () => {
    const result = simulateCompletion(journey(pair), { iterations: N, seed: 3, target: 1 });
    // SE of P: the Y half contributes Binomial(N/2, ½)/N: √(0.25/(N/2))/2 = 0.0025; 4 SE = 0.01.
    expect(Math.abs(result.pTarget - 0.75)).toBeLessThan(0.01);
    // SD of T: E[T²] = ½·⅓ + ½·4/3 = 5/6, Var = 5/6 − 9/16 = 0.2708, SE of the mean √(0.27/N) = 0.0037.
    expect(Math.abs(result.mean - 0.75)).toBeLessThan(0.015);
    const criticality = byId(result, result.criticality);
    expect(criticality.X).toBe(0.5);
    expect(criticality.Y).toBe(0.5);
    expect(criticality.E).toBe(1);
  });

  it('picks members in proportion to their weights (70/30)', () => {
    const weighted = [
      input('S', 5, 5, 5, '', '', 'Self-serve', '70%', 'Signup'),
      input('A', 9, 9, 9, '', '', 'Sales', '30%', 'Signup'),
    ];
    // T = 5 in 70% of iterations and 9 in 30%: mean 0.7·5 + 0.3·9 = 6.2, P(T ≤ 5) = 0.7, both exact under stratification.
    const result = simulateCompletion(journey(weighted), { iterations: N, seed: 1, target: 5 });
    expect(result.pTarget).toBe(0.7);
    expect(result.mean).toBeCloseTo(6.2, 10);
    expect(byId(result, result.criticality)).toEqual({ S: 0.7, A: 0.3 });
  });

  // X (10) → G1 (1), Y (1) → G2 (1), G1 and G2 a 50/50 group "Sig", S (1) after G1 and G2; fixed times.
  // S waits for whichever member happened. G1 happens: S starts at X + G1 = 11, finish 12, critical
  // path X–G1–S. G2 happens: S starts at Y + G2 = 2 (G1 did not happen, and its link is ignored because
  // S also links to G2, which did), finish 3, critical path Y–G2–S. Each half of the iterations exactly
  // (stratified draw): mean ½·12 + ½·3 = 7.5; X, G1, Y, G2 each critical in ½, S in all; P(T ≤ 3) = ½.
  // (Letting G1 pass X's finish on when it did not happen would give S a start of 10 in the second
  // half, mean ½·12 + ½·11 = 11.5, and X critical every time.)
  const signature = [
    input('X', 10, 10, 10), input('Y', 1, 1, 1),
    input('G1', 1, 1, 1, 'X', '', 'G1', '50%', 'Sig'), input('G2', 1, 1, 1, 'Y', '', 'G2', '50%', 'Sig'),
    input('S', 1, 1, 1, 'G1;G2'),
  ];

  it('successors wait for whichever member happened, not for the predecessors of one that did not', () => {
    const result = simulateCompletion(journey(signature), { iterations: N, seed: 2, target: 3, reachPercentiles: [0.5] });
    expect(result.mean).toBeCloseTo(7.5, 10);
    expect(result.pTarget).toBe(0.5);
    expect(byId(result, result.criticality)).toEqual({ X: 0.5, Y: 0.5, G1: 0.5, G2: 0.5, S: 1 });
    // S's finish: 12 in half, 3 in half; its mean finish (over all iterations) 7.5.
    expect(byId(result, result.meanFinish).S).toBeCloseTo(7.5, 10);
    // Reach: S's median over all iterations (type 7 between the two halves' values 3 and 12) is 7.5.
    expect(result.reach!.finish[0][result.ids.indexOf('S')]).toBeCloseTo(7.5, 10);
  });

  it('where to improve sees the same rule: shortening X by 10% moves only the half in which G1 happens', () => {
    // Target 10.5: the G1 half finishes at 12, the G2 half at 3, P = ½. X × 0.9 = 9 → the G1 half
    // finishes at 11, still late: no gain. P80 of {3, 12} is 12 and of {3, 11} is 11: a gain of 1.
    // (Were X passed through in the G2 half, that half would go from 11 to 10 and X gain ½.)
    const result = simulateCompletion(journey(signature), {
      iterations: N, seed: 2, target: 10.5, improvement: { factor: 0.9, maxCandidates: 10 },
    });
    const x = result.improvement!.find((g) => g.id === 'X')!;
    expect(x.pTargetBase).toBe(0.5);
    expect(x.pTargetGain).toBe(0);
    expect(x.p80Gain).toBeCloseTo(1, 5);
  });

  it('a successor linking only to members that did not happen waits for their predecessors (optional rule)', () => {
    // G3 joins the group, S still links only to G1 and G2 (weights 25/25/50). When G3 happens, neither
    // linked member did, so both pass their predecessors' finish through: S starts at max(10, 1) = 10,
    // finish 11. Mean ¼·12 + ¼·3 + ½·11 = 9.25.
    const rows = [
      input('X', 10, 10, 10), input('Y', 1, 1, 1),
      input('G1', 1, 1, 1, 'X', '', 'G1', '25%', 'Sig'), input('G2', 1, 1, 1, 'Y', '', 'G2', '25%', 'Sig'),
      input('G3', 1, 1, 1, '', '', 'G3', '50%', 'Sig'), input('S', 1, 1, 1, 'G1;G2'),
    ];
    const result = simulateCompletion(journey(rows), { iterations: N, seed: 2, target: 3 });
    expect(result.mean).toBeCloseTo(9.25, 10);
    // X critical when G1 happens (¼) and when G3 happens (½, X's 10 passes through to S).
    expect(byId(result, result.criticality).X).toBeCloseTo(0.75, 10);
  });
});

describe('optional touchpoints', () => {
  it('a 25% step in series with fixed times: the finish is 3 or 7, exactly a quarter of the time 7', () => {
    // A 2, B 4 (25%), C 1 in series: T = 3 when B is skipped, 7 when it happens.
    // Mean 3 + 0.25·4 = 4; P(T ≤ 5) = 0.75; B critical in exactly the 25% where it happens.
    const result = simulateCompletion(journey([
      input('A', 2, 2, 2), input('B', 4, 4, 4, 'A', '', 'B', '25%'), input('C', 1, 1, 1, 'B'),
    ]), { iterations: N, seed: 9, target: 5 });
    expect(result.mean).toBeCloseTo(4, 10);
    expect(result.pTarget).toBe(0.75);
    expect(byId(result, result.criticality)).toEqual({ A: 1, B: 0.25, C: 1 });
    expect(result.percentiles.p50).toBe(3);
    expect(result.percentiles.p95).toBe(7);
  });

  it('a 25% Uniform(0, 2) step after a Uniform(0, 1) one: P(T ≤ 1) = 0.8125, mean 0.75', () => {
    // T = A + 1[happens]·B, A ~ U(0,1), B ~ U(0,2), independent.
    // P(A + B ≤ 1) = ∫₀¹ (1 − a)/2 da = ¼, so P(T ≤ 1) = 0.75 + 0.25·0.25 = 0.8125; E[T] = 0.5 + 0.25·1 = 0.75.
    const result = simulateCompletion(journey([
      input('A', 0, 0.5, 1, '', 'uniform'), input('B', 0, 1, 2, 'A', 'uniform', 'B', '25%'),
    ]), { iterations: N, seed: 4, target: 1 });
    // SE √(0.81·0.19/N) = 0.0028; 4 SE ≈ 0.011.
    expect(Math.abs(result.pTarget - 0.8125)).toBeLessThan(0.011);
    expect(Math.abs(result.mean - 0.75)).toBeLessThan(0.01);
  });

  it('a skipped touchpoint takes no time and adds no wait: the lags of its links are dropped', () => {
    // A 2; B 1 at 50%, 5 after A; C 1, 3 after B.
    // B happens: B 7–8, C 11–12, T = 12. B skipped: B passes on A's finish 2 without lags, C 2–3, T = 3.
    const result = simulateCompletion(journey([
      input('A', 2, 2, 2), input('B', 1, 1, 1, 'A+5', '', 'B', '50%'), input('C', 1, 1, 1, 'B+3'),
    ]), { iterations: N, seed: 2, target: 3 });
    expect(result.pTarget).toBe(0.5);
    expect(result.mean).toBeCloseTo(7.5, 10);
    expect(byId(result, result.criticality)).toEqual({ A: 1, B: 0.5, C: 1 });
  });
});

describe('lags and start-to-start links in the simulation', () => {
  it('the hand-worked lagged chain with fixed times finishes at 11 every time, D never critical', () => {
    // Same chain as the classic PERT case: A 2; B 4, 3 after A; C 3, starting 1 before B ends; D 4 after A. Finish 11.
    const result = simulateCompletion(journey([
      input('A', 2, 2, 2), input('B', 4, 4, 4, 'A+3'), input('C', 3, 3, 3, 'B-1'), input('D', 4, 4, 4, 'A'),
    ]), { iterations: 2048, seed: 1, target: 11 });
    expect(result.min).toBe(11);
    expect(result.max).toBe(11);
    expect(byId(result, result.criticality)).toEqual({ A: 1, B: 1, C: 1, D: 0 });
  });

  it('a lag shifts the finish by exactly its length', () => {
    // T = A + 3 + B with A, B ~ U(0, 2): symmetric around 5, so P(T ≤ 5) = 0.5 and E[T] = 5.
    const lagged = simulateCompletion(journey([input('A', 0, 1, 2, '', 'uniform'), input('B', 0, 1, 2, 'A+3', 'uniform')]),
      { iterations: N, seed: 5, target: 5 });
    const plain = simulateCompletion(journey([input('A', 0, 1, 2, '', 'uniform'), input('B', 0, 1, 2, 'A', 'uniform')]),
      { iterations: N, seed: 5, target: 2 });
    expect(lagged.mean - plain.mean).toBeCloseTo(3, 9);
    expect(lagged.pTarget).toBe(plain.pTarget);
    expect(Math.abs(lagged.pTarget - 0.5)).toBeLessThan(0.011);
  });

  it('an SS overlap: C starts 2 after A starts, so the finish is 2 + C and does not depend on A', () => {
    // A ~ U(0, 10), C ~ U(10, 14) "A SS+2": 2 + C ∈ [12, 16] always beats A ≤ 10, so T = 2 + C:
    // mean 14, SD 4/√12 = 1.1547; A's duration has no rank correlation with T, yet A is critical (its start drives C).
    const result = simulateCompletion(journey([
      input('A', 0, 5, 10, '', 'uniform'), input('C', 10, 12, 14, 'A SS+2', 'uniform'),
    ]), { iterations: N, seed: 6, target: 14 });
    expect(result.mean).toBeCloseTo(14, 3);
    expect(result.sd).toBeCloseTo(4 / Math.sqrt(12), 3);
    const sensitivity = byId(result, result.sensitivity);
    // Spearman's ρ of independent samples has SE 1/√N = 0.007.
    expect(Math.abs(sensitivity.A)).toBeLessThan(0.03);
    expect(sensitivity.C).toBeCloseTo(1, 6);
    expect(byId(result, result.criticality)).toEqual({ A: 1, C: 1 });
  });

  it('three links with a negative lag into a touchpoint whose successor starts with it (hand-worked)', () => {
    // A 2, B 3, C 4 start at 0. D 2 after "A; B+1; C-1": ES = max(2, 3 + 1, 4 − 1) = 4, EF 6.
    // E 1 "D SS+1": 5–6. F 3 after E: 6–9. Finish 9.
    // Backward: F LF 9, LS 6; E LF 6 (= EF, critical), LS 5; D LF = min(9, LS_E − 1 + 2 = 6) = 6 (critical), LS 4;
    // A LF = LS_D = 4 (float 2); B LF = LS_D − 1 = 3 (critical); C LF = LS_D + 1 = 5 (float 1).
    const rows = [
      input('A', 2, 2, 2), input('B', 3, 3, 3), input('C', 4, 4, 4), input('D', 2, 2, 2, 'A; B+1; C-1'),
      input('E', 1, 1, 1, 'D SS+1'), input('F', 3, 3, 3, 'E'),
    ];
    const result = simulateCompletion(journey(rows), { iterations: 1024, seed: 1, target: 9 });
    expect(result.min).toBe(9);
    expect(result.max).toBe(9);
    expect(byId(result, result.criticality)).toEqual({ A: 0, B: 1, C: 0, D: 1, E: 1, F: 1 });
    expect(byId(result, result.meanFinish)).toEqual({ A: 2, B: 3, C: 4, D: 6, E: 6, F: 9 });
  });

  it('a finish set by a touchpoint with a start-to-start successor', () => {
    // A 10 and B 1 "A SS": B ends at 1, A at 10. Finish 10, B never critical.
    const result = simulateCompletion(journey([input('A', 10, 10, 10), input('B', 1, 1, 1, 'A SS')]), { iterations: 1024, seed: 1, target: 10 });
    expect(result.max).toBe(10);
    expect(byId(result, result.criticality)).toEqual({ A: 1, B: 0 });
  });

  it('the general passes give exactly the plain passes\' results on a journey without branches', () => {
    // A zero-time optional touchpoint on its own changes nothing but forces the general passes.
    const network = referenceNetwork('reliable-construction');
    const plain = simulateCompletion(journey(network), { iterations: 4096, seed: 11, target: 45 });
    const forced = simulateCompletion(journey([...network, input('ZZ', 0, 0, 0, '', '', 'ZZ', '50%')]),
      { iterations: 4096, seed: 11, target: 45 });
    expect(forced.mean).toBe(plain.mean);
    expect(forced.percentiles).toEqual(plain.percentiles);
    expect(forced.pTarget).toBe(plain.pTarget);
    expect([...forced.criticality.slice(0, network.length)]).toEqual([...plain.criticality]);
    expect([...forced.meanFinish.slice(0, network.length)]).toEqual([...plain.meanFinish]);
  });
});

describe('determinism with branches, lags and correlations', () => {
  const rows = [
    input('A', 1, 2, 6), input('B', 2, 3, 9, 'A+2', 'triangular', 'B', '40%'),
    input('C', 1, 4, 8, 'A SS+1', '', 'C', '60%', 'Pay'), input('D', 2, 5, 7, 'A', '', 'D', '40%', 'Pay'),
    input('E', 1, 1, 3, 'B;C;D-1', 'normal'), input('F', 0, 2, 4, 'E SS+0.5', 'uniform'),
  ];
  const options: SimulationOptions = {
    iterations: 5 * BLOCK_SIZE + 100, seed: 21, target: 12,
    correlations: [{ ids: ['A', 'E', 'F'], rho: 0.6 }, { ids: ['B', 'C'], rho: -0.3 }], reachPercentiles: [0.5, 0.95],
  };

  it('gives bit-identical results for the same seed', () => {
    const one = simulateCompletion(journey(rows), options);
    const two = simulateCompletion(journey(rows), options);
    expect(two).toEqual(one);
  });

  it('gives bit-identical results however the iterations are split into chunks', () => {
    const whole = simulateCompletion(journey(rows), options);
    const prepared = prepareSimulation(journey(rows), options);
    const cuts = [0, BLOCK_SIZE, 3 * BLOCK_SIZE, options.iterations];
    const chunks = cuts.slice(1).map((to, k) => simulateIterations(prepared, cuts[k], to));
    expect(summarizeSimulation(prepared, chunks)).toEqual(whole);
  });

  it('gives bit-identical per-touchpoint results whatever the row order', () => {
    const forward = simulateCompletion(journey(rows), options);
    const reversed = simulateCompletion(journey([...rows].reverse()), options);
    expect(reversed.mean).toBe(forward.mean);
    expect(reversed.percentiles).toEqual(forward.percentiles);
    expect(byId(reversed, reversed.criticality)).toEqual(byId(forward, forward.criticality));
    expect(byId(reversed, reversed.sensitivity)).toEqual(byId(forward, forward.sensitivity));
    expect(byId(reversed, reversed.reach!.finish[1])).toEqual(byId(forward, forward.reach!.finish[1]));
  });

  it('gives a different answer for a different seed', () => {
    expect(simulateCompletion(journey(rows), { ...options, seed: 22 }).mean).not.toBe(simulateCompletion(journey(rows), options).mean);
  });
});

describe('reach percentiles', () => {
  it('are quantiles of a touchpoint\'s finish over the iterations in which it happens', () => {
    // A 2; B ~ U(0, 2) at 25% after A: when B happens it finishes at 2 + U(0, 2): median 3, P95 3.9.
    // About N/4 = 5,000 values: SE of the median ≈ √(¼/5000)/(density ½) = 0.014; of P95 ≈ 0.012.
    const result = simulateCompletion(journey([input('A', 2, 2, 2), input('B', 0, 1, 2, 'A', 'uniform', 'B', '25%')]),
      { iterations: N, seed: 8, target: 3, reachPercentiles: [0.5, 0.95] });
    expect(result.reach!.percentiles).toEqual([0.5, 0.95]);
    expect(result.reach!.finish[0][0]).toBe(2);
    expect(Math.abs(result.reach!.finish[0][1] - 3)).toBeLessThan(0.05);
    expect(Math.abs(result.reach!.finish[1][1] - 3.9)).toBeLessThan(0.05);
  });

  it('are NaN for a touchpoint that never happened in the run', () => {
    // One iteration, 10%: it happens when (σ + ½)/1 < 0.1, which σ = 0 does not meet.
    const result = simulateCompletion(journey([input('A', 1, 1, 1), input('B', 1, 1, 1, 'A', '', 'B', '10%')]),
      { iterations: 1, seed: 1, target: 3, reachPercentiles: [0.5] });
    expect(result.reach!.finish[0][0]).toBe(1);
    expect(result.reach!.finish[0][1]).toBeNaN();
  });

  it('are left out unless asked for', () => {
    expect(simulateCompletion(journey([input('A', 1, 2, 3)]), { iterations: 100, seed: 1, target: 2 }).reach).toBeUndefined();
  });
});
