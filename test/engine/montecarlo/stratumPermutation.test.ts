import { describe, expect, it } from 'vitest';
import { prunePermutations, stratumPermutation } from '../../../src/engine/montecarlo/stratumPermutation.ts';
import { hashString, randomPermutation } from '../../../src/engine/math/random.ts';

describe('stratumPermutation', () => {
  it('is the permutation drawn from (seed word, hash of the id), whatever else is asked in between', () => {
    const expected = new Uint16Array(500);
    randomPermutation(500, 77, hashString('A', 0x5eed), expected);
    expect(stratumPermutation(1, 77, 500, 'A')).toEqual(expected);
    stratumPermutation(1, 77, 500, 'B');
    expect(stratumPermutation(1, 77, 500, 'A')).toEqual(expected);
  });

  it('is kept for the same seed and iteration count (the same array comes back), drawn again otherwise', () => {
    const first = stratumPermutation(2, 5, 300, 'A');
    expect(stratumPermutation(2, 5, 300, 'A')).toBe(first);
    const otherSeed = stratumPermutation(3, 6, 300, 'A');
    expect(otherSeed).not.toEqual(first);
    expect(stratumPermutation(3, 6, 301, 'A')).toHaveLength(301);
  });

  it('holds 16-bit indices up to 65,536 iterations and 32-bit ones beyond', () => {
    expect(stratumPermutation(4, 1, 65_536, 'A')).toBeInstanceOf(Uint16Array);
    expect(stratumPermutation(4, 1, 65_537, 'A')).toBeInstanceOf(Uint32Array);
  });
});

describe('prunePermutations', () => {
  it('forgets the ids not in the current journey once more than the limit are held', () => {
    const a = stratumPermutation(9, 9, 100, 'A');
    const b = stratumPermutation(9, 9, 100, 'B');
    let asked = 0;
    // Two held, limit 2: nothing to do, and the current ids are not even asked for.
    prunePermutations(2, () => { asked++; return new Set(['A']); });
    expect(asked).toBe(0);
    expect(stratumPermutation(9, 9, 100, 'B')).toBe(b);
    // Limit 1: B goes; drawn again, it is a new array with the same numbers.
    prunePermutations(1, () => new Set(['A']));
    expect(stratumPermutation(9, 9, 100, 'A')).toBe(a);
    const again = stratumPermutation(9, 9, 100, 'B');
    expect(again).not.toBe(b);
    expect(again).toEqual(b);
  });
});
