import { describe, expect, it } from 'vitest';
import { BLOCK_SIZE, prepareSimulation } from '../../../src/engine/montecarlo/prepareSimulation.ts';
import type { PreparedSimulation } from '../../../src/engine/montecarlo/prepareSimulation.ts';
import { backwardPass, forwardPass, optionalBackwardPass } from '../../../src/engine/montecarlo/plainPasses.ts';
import { sampleDurations, sampleHappens } from '../../../src/engine/montecarlo/sampling.ts';
import { input, journey } from '../referenceCases.ts';

// Fixed times, worked by hand (critical path method, Kelley & Walker 1959):
//   A 2; B 3 after A; C 5 after A; D 1 after B and C; E 1 after A, B and C; F 2 after D.
//   Earliest finishes A 2, B 5, C 7, D 8, E 8, F 10; the finish is 10 (E and F have no successors).
//   Latest starts F 8, E 9, D 7 (its one successor F), C min(7, 9) − 5 = 2, B 7 − 3 = 4, A min(4, 2, 9) − 2 = 0.
//   Critical (total float 0): A, C, D, F. Every fused branch runs: 0, 1, 2 and 3 predecessors; 0, 1 and 2+ successors.
const rows = (probabilityOfF = '') => [
  input('A', 2, 2, 2), input('B', 3, 3, 3, 'A'), input('C', 5, 5, 5, 'A'), input('D', 1, 1, 1, 'B;C'),
  input('E', 1, 1, 1, 'A;B;C'), input('F', 2, 2, 2, 'D', '', 'F', probabilityOfF),
];
const N = 4;

function run(prepared: PreparedSimulation, backward: 'plain' | 'optional') {
  const { count } = prepared;
  const durations = new Float32Array(count * N);
  for (let j = 0; j < count; j++) sampleDurations(prepared, j, 0, N, durations, j * N);
  const happens = new Uint8Array(count * N);
  if (backward === 'optional') sampleHappens(prepared, 0, N, durations, happens, N);
  const earliestFinish = new Float64Array(count * BLOCK_SIZE);
  const latest = new Float64Array(count * BLOCK_SIZE);
  const finish = new Float64Array(N);
  const finishSums = new Float64Array(count);
  const criticalCounts = new Uint32Array(count);
  forwardPass(prepared, N, durations, N, 0, earliestFinish, finish, 0, finishSums, 0);
  if (backward === 'plain') backwardPass(prepared, N, durations, N, 0, earliestFinish, latest, finish, 0, criticalCounts);
  else optionalBackwardPass(prepared, N, durations, happens, N, 0, earliestFinish, latest, finish, 0, criticalCounts);
  const row = (values: Float64Array, j: number) => [...values.subarray(j * BLOCK_SIZE, j * BLOCK_SIZE + N)];
  return { durations, happens, earliestFinish, latest, finish, finishSums, criticalCounts, row };
}

describe('forwardPass and backwardPass on the hand-worked journey', () => {
  const out = run(prepareSimulation(journey(rows()), { iterations: N, seed: 1, target: 10 }), 'plain');

  it('gives the earliest finishes, the finish and each touchpoint\'s sum of earliest finishes over the block', () => {
    expect([0, 1, 2, 3, 4, 5].map((j) => out.row(out.earliestFinish, j)[0])).toEqual([2, 5, 7, 8, 8, 10]);
    expect([...out.finish]).toEqual([10, 10, 10, 10]);
    expect([...out.finishSums]).toEqual([2, 5, 7, 8, 8, 10].map((value) => N * value));
  });

  it('leaves each touchpoint\'s latest start in `latest` and counts the critical ones in every iteration', () => {
    expect([0, 1, 2, 3, 4, 5].map((j) => out.row(out.latest, j)[0])).toEqual([0, 4, 2, 7, 9, 8]);
    expect([...out.criticalCounts]).toEqual([N, 0, N, N, 0, N]);
  });
});

describe('optionalBackwardPass', () => {
  // F happens in half the iterations. Where it does not, it takes no time: F finishes at 8 with D, the finish is 8,
  // and E (earliest finish 8) becomes critical there; F is never critical where it did not happen.
  const prepared = prepareSimulation(journey(rows('50%')), { iterations: N, seed: 1, target: 10 });
  const out = run(prepared, 'optional');
  const happened = [...out.happens.subarray(5 * N)];

  it('runs on a journey whose only feature is an optional touchpoint', () => {
    expect(prepared.optionalOnly).toBe(true);
    expect(happened.reduce((sum, h) => sum + h, 0)).toBe(2);
  });

  it('gives the general answer: the finish is 10 or 8, E critical only where F did not happen', () => {
    expect([...out.finish]).toEqual(happened.map((h) => (h ? 10 : 8)));
    expect([...out.criticalCounts]).toEqual([N, 0, N, N, 2, 2]);
  });

  it('equals the plain backward pass when the optional touchpoint happens in every iteration', () => {
    // 99.99% of 4 iterations: σ < 4·0.9999 − ½ holds for every stratum, so F happens throughout.
    const always = run(prepareSimulation(journey(rows('99.99%')), { iterations: N, seed: 1, target: 10 }), 'optional');
    const plain = run(prepareSimulation(journey(rows()), { iterations: N, seed: 1, target: 10 }), 'plain');
    expect([...always.criticalCounts]).toEqual([...plain.criticalCounts]);
    expect([0, 1, 2, 3, 4, 5].map((j) => always.row(always.latest, j))).toEqual([0, 1, 2, 3, 4, 5].map((j) => plain.row(plain.latest, j)));
  });
});
