import { describe, expect, it } from 'vitest';
import { prepareSimulation } from '../../../src/engine/montecarlo/prepareSimulation.ts';
import { sampleDurations, sampleHappens } from '../../../src/engine/montecarlo/sampling.ts';
import { distributionQuantile } from '../../../src/engine/pert/distributions.ts';
import { input, journey } from '../referenceCases.ts';

const N = 1000;

describe('sampleDurations', () => {
  const prepared = prepareSimulation(journey([
    input('U', 2, 4, 6, '', 'uniform'), input('F', 3, 3, 3), input('G', 1, 2, 4, '', 'normal'),
  ]), { iterations: N, seed: 8, target: 0 });

  it('draws iteration i of a uniform from its stratum midpoint: 2 + 4·(π(i) + ½)/N (the table is a straight line)', () => {
    const out = new Float32Array(N);
    sampleDurations(prepared, 0, 0, N, out, 0);
    const permutation = prepared.permutations[0];
    for (let i = 0; i < N; i++) expect(out[i]).toBeCloseTo(2 + 4 * (permutation[i] + 0.5) / N, 5);
  });

  it('fills a fixed time, and draws the normal exactly (in single precision)', () => {
    const fixed = new Float32Array(N);
    sampleDurations(prepared, 1, 0, N, fixed, 0);
    expect(fixed.every((value) => value === 3)).toBe(true);
    const normal = new Float32Array(N);
    sampleDurations(prepared, 2, 0, N, normal, 0);
    const permutation = prepared.permutations[2];
    for (let i = 0; i < N; i += 37) expect(normal[i]).toBe(Math.fround(distributionQuantile('normal', 1, 2, 4, (permutation[i] + 0.5) / N)));
  });

  it('writes iterations [start, start + length) from `base` on and nothing else', () => {
    const whole = new Float32Array(N);
    sampleDurations(prepared, 0, 0, N, whole, 0);
    const part = new Float32Array(110).fill(-1);
    sampleDurations(prepared, 0, 600, 100, part, 10);
    expect([...part.subarray(10)]).toEqual([...whole.subarray(600, 700)]);
    expect([...part.subarray(0, 10)]).toEqual(new Array(10).fill(-1));
  });
});

describe('sampleHappens', () => {
  it('an optional touchpoint at 25% happens in exactly 250 of 1,000 iterations and takes no time in the others', () => {
    const prepared = prepareSimulation(journey([input('A', 1, 2, 3), input('B', 1, 2, 3, 'A', '', 'B', '25%')]), { iterations: N, seed: 2, target: 0 });
    const durations = new Float32Array(2 * N).fill(7);
    const happens = new Uint8Array(2 * N).fill(9);
    sampleHappens(prepared, 0, N, durations, happens, N);
    const row = happens.subarray(N);
    expect(row.reduce((sum, h) => sum + h, 0)).toBe(250);
    for (let i = 0; i < N; i++) expect(durations[N + i]).toBe(row[i] ? 7 : 0);
    // Only optional touchpoints here: rows of those that always happen are not read, so they are left as they were.
    expect(happens.subarray(0, N).every((h) => h === 9)).toBe(true);
    expect(durations.subarray(0, N).every((d) => d === 7)).toBe(true);
  });

  it('an exclusive group at 70/30: exactly one member per iteration, 700 and 300 of them, the other one zeroed', () => {
    const prepared = prepareSimulation(journey([
      input('A', 1, 2, 3), input('X', 1, 2, 3, 'A', '', 'X', '70%', 'G'), input('Y', 1, 2, 3, 'A', '', 'Y', '30%', 'G'),
    ]), { iterations: N, seed: 2, target: 0 });
    const durations = new Float32Array(3 * N).fill(5);
    const happens = new Uint8Array(3 * N);
    sampleHappens(prepared, 0, N, durations, happens, N);
    let x = 0;
    for (let i = 0; i < N; i++) {
      expect(happens[i]).toBe(1);
      expect(happens[N + i] + happens[2 * N + i]).toBe(1);
      x += happens[N + i];
      expect(durations[N + i]).toBe(happens[N + i] ? 5 : 0);
      expect(durations[2 * N + i]).toBe(happens[2 * N + i] ? 5 : 0);
    }
    expect(x).toBe(700);
  });
});
