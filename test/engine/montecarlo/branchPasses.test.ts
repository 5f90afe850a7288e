// The general passes are also checked against a brute-force relaxation on random branched journeys
// (bruteForcePasses.test.ts) and through the entry (branches.test.ts); here they run on journeys worked by hand.
import { describe, expect, it } from 'vitest';
import { BLOCK_SIZE, prepareSimulation } from '../../../src/engine/montecarlo/prepareSimulation.ts';
import type { PreparedSimulation } from '../../../src/engine/montecarlo/prepareSimulation.ts';
import { generalBackwardPass, generalForwardNode, generalForwardPass } from '../../../src/engine/montecarlo/branchPasses.ts';
import { sampleDurations, sampleHappens } from '../../../src/engine/montecarlo/sampling.ts';
import { input, journey } from '../referenceCases.ts';

const N = 4;

function run(prepared: PreparedSimulation) {
  const { count } = prepared;
  const durations = new Float32Array(count * N);
  for (let j = 0; j < count; j++) sampleDurations(prepared, j, 0, N, durations, j * N);
  const happens = new Uint8Array(count * N);
  sampleHappens(prepared, 0, N, durations, happens, N);
  const earliestStart = new Float64Array(count * BLOCK_SIZE);
  const earliestFinish = new Float64Array(count * BLOCK_SIZE);
  const latest = new Float64Array(count * BLOCK_SIZE);
  const finish = new Float64Array(N);
  const finishSums = new Float64Array(count);
  const criticalCounts = new Uint32Array(count);
  generalForwardPass(prepared, N, durations, happens, N, 0, earliestStart, earliestFinish, finish, 0, finishSums, 0);
  generalBackwardPass(prepared, N, durations, happens, N, 0, earliestFinish, latest, finish, 0, criticalCounts);
  const first = (values: Float64Array, j: number) => values[j * BLOCK_SIZE];
  return { durations, happens, earliestStart, earliestFinish, latest, finish, finishSums, criticalCounts, first };
}

describe('general passes with a wait and an overlap (precedence diagramming, Moder, Phillips & Davis ch. 4)', () => {
  // A 2; B 1, 3 after A finishes; C 4, starting 1 after A starts; D 1 after B and C.
  // Forward: EF_A 2, ES_B 5, EF_B 6, ES_C 1, EF_C 5, EF_D 7. A can end the journey (an SS link out): finish max(7, 2) = 7.
  // Backward: LF_D 7; LF_B = LS_D = 6 (critical); LF_C = 6 > EF_C 5; LF_A = min(7, LS_B − 3 = 2, LS_C − 1 + 2 = 3) = 2 (critical).
  const prepared = prepareSimulation(journey([
    input('A', 2, 2, 2), input('B', 1, 1, 1, 'A+3'), input('C', 4, 4, 4, 'A SS+1'), input('D', 1, 1, 1, 'B;C'),
  ]), { iterations: N, seed: 1, target: 7 });
  const out = run(prepared);

  it('gives the earliest finishes and the finish', () => {
    expect([0, 1, 2, 3].map((j) => out.first(out.earliestFinish, j))).toEqual([2, 6, 5, 7]);
    expect([...out.finish]).toEqual([7, 7, 7, 7]);
    expect([...out.finishSums]).toEqual([2, 6, 5, 7].map((value) => N * value));
    // Only A has a start-to-start successor, so only A's earliest starts are kept.
    expect(out.first(out.earliestStart, 0)).toBe(0);
  });

  it('gives the latest starts and counts A, B and D critical in every iteration, C never', () => {
    expect([0, 1, 2, 3].map((j) => out.first(out.latest, j))).toEqual([0, 5, 2, 6]);
    expect([...out.criticalCounts]).toEqual([N, N, 0, N]);
  });

  it('generalForwardNode scales the touchpoint\'s durations and returns the sum of its earliest finishes', () => {
    // B with its duration doubled: 5 + 2·1 = 7 in each iteration.
    const earliestStart = Float64Array.from(out.earliestStart);
    const earliestFinish = Float64Array.from(out.earliestFinish);
    const sum = generalForwardNode(prepared, 1, 1, prepared.linkPred, N, out.durations, out.happens, N, 0, 2, earliestStart, earliestFinish);
    expect(sum).toBe(N * 7);
    expect(earliestFinish[BLOCK_SIZE]).toBe(7);
  });
});

describe('general passes with an exclusive choice', () => {
  // A 1; X 2 or Y 5 after A, one of them per iteration (50/50); Z 1 after X and Y waits for whichever happened:
  // the finish is 4 where X happened and 7 where Y did; each member is critical where it happened.
  const prepared = prepareSimulation(journey([
    input('A', 1, 1, 1), input('X', 2, 2, 2, 'A', '', 'X', '50%', 'G'), input('Y', 5, 5, 5, 'A', '', 'Y', '50%', 'G'), input('Z', 1, 1, 1, 'X;Y'),
  ]), { iterations: N, seed: 1, target: 7 });
  const out = run(prepared);
  const x = [...out.happens.subarray(N, 2 * N)];

  it('waits for the member that happened, ignoring the link to the one that did not', () => {
    expect(x.reduce((sum, h) => sum + h, 0)).toBe(2);
    expect([...out.finish]).toEqual(x.map((h) => (h ? 4 : 7)));
  });

  it('counts each member critical only where it happened', () => {
    expect([...out.criticalCounts]).toEqual([N, 2, 2, N]);
  });
});
