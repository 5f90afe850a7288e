import { describe, expect, it } from 'vitest';
import { RadixRanking } from '../../../src/engine/montecarlo/radixRanking.ts';
import { randomSfc32, uniform01 } from '../../../src/engine/math/random.ts';

describe('RadixRanking', () => {
  it('writes each value\'s 0-based rank, negatives below positives', () => {
    const out = new Uint16Array(5);
    new RadixRanking(5).rank(Float64Array.from([3, -0.25, -7, 12, 0.5]), out);
    // Sorted by hand: −7, −0.25, 0.5, 3, 12.
    expect([...out]).toEqual([3, 1, 0, 4, 2]);
  });

  it('ranks values equal in single precision in iteration order (a stable sort)', () => {
    // 1 and 1 + 1e-12 round to the same float32, so the earlier iteration gets the lower rank.
    const out = new Uint16Array(5);
    new RadixRanking(5).rank(Float64Array.from([3, 1 + 1e-12, -2, 1, 0.5]), out);
    expect([...out]).toEqual([4, 2, 0, 3, 1]);
  });

  it('agrees with a comparison sort on 20,000 seeded normal-ish values, and can be reused', () => {
    const next = randomSfc32(11, 12);
    const ranking = new RadixRanking(20_000);
    for (let round = 0; round < 2; round++) {
      // Sums of three uniforms, centred: distinct in single precision with overwhelming likelihood, checked below.
      const values = Float64Array.from({ length: 20_000 }, () => uniform01(next) + uniform01(next) + uniform01(next) - 1.5);
      const out = new Uint32Array(values.length);
      ranking.rank(values, out);
      const order = Array.from(values, (_, i) => i).sort((p, q) => Math.fround(values[p]) - Math.fround(values[q]) || p - q);
      const expected = new Uint32Array(values.length);
      order.forEach((i, r) => { expected[i] = r; });
      expect(out).toEqual(expected);
    }
  });
});
