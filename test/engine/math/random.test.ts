import { describe, expect, it } from 'vitest';
import { hashString, mix32, randomPermutation, randomSfc32, uniform01 } from '../../../src/engine/math/random.ts';

const MASK = 0xffffffffn;

/** murmur3's fmix32 (Appleby 2011) in BigInt arithmetic, independent of the engine's Math.imul. */
function fmix32(value: number): number {
  let h = BigInt(value >>> 0);
  h ^= h >> 16n; h = (h * 0x85ebca6bn) & MASK;
  h ^= h >> 13n; h = (h * 0xc2b2ae35n) & MASK;
  h ^= h >> 16n;
  return Number(h);
}

/** sfc32 as PractRand defines it (Doty-Humphrey), in BigInt arithmetic, seeded as the module comment says. */
function referenceSfc32(seedA: number, seedB: number): () => number {
  let a = BigInt(seedA >>> 0);
  let b = BigInt(seedB >>> 0);
  let c = BigInt(fmix32((seedA ^ 0x9e3779b9) >>> 0));
  let counter = 1n;
  const next = () => {
    const t = (a + b + counter) & MASK;
    counter = (counter + 1n) & MASK;
    a = b ^ (b >> 9n);
    b = (c + (c << 3n)) & MASK;
    c = (((c << 21n) | (c >> 11n)) & MASK);
    c = (c + t) & MASK;
    return Number(t);
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

describe('hashString', () => {
  it('is 32-bit FNV-1a: the published test vectors for "", "a" and "foobar"', () => {
    // Fowler–Noll–Vo test vectors: FNV-1a 32 of "" = 0x811c9dc5 (the offset basis), "a" = 0xe40c292c, "foobar" = 0xbf9cf968.
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
    expect(hashString('foobar')).toBe(0xbf9cf968);
  });

  it('folds the seed into the offset basis', () => {
    expect(hashString('', 0x5eed)).toBe((0x811c9dc5 ^ 0x5eed) >>> 0);
    expect(hashString('a', 1)).not.toBe(hashString('a', 2));
  });
});

describe('mix32', () => {
  it('is murmur3\'s fmix32: 0 stays 0, and every value agrees with a BigInt computation of it', () => {
    expect(mix32(0)).toBe(0);
    for (const value of [1, 2, 0x9e3779b9, 0xffffffff, 123456789]) expect(mix32(value)).toBe(fmix32(value));
  });

  it('is one-to-one (xor-shifts and odd multipliers are invertible): 100,000 inputs give 100,000 outputs', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 100_000; i++) seen.add(mix32(i));
    expect(seen.size).toBe(100_000);
  });
});

describe('randomSfc32 and uniform01', () => {
  it('repeats exactly for the same seed and agrees with the reference sfc32', () => {
    const one = randomSfc32(7, 11);
    const two = randomSfc32(7, 11);
    const reference = referenceSfc32(7, 11);
    for (let i = 0; i < 1000; i++) {
      const value = one();
      expect(value).toBe(two());
      expect(value).toBe(reference());
    }
  });

  it('gives a different stream for a different seed', () => {
    const one = randomSfc32(7, 11);
    const two = randomSfc32(7, 12);
    expect(Array.from({ length: 8 }, () => one())).not.toEqual(Array.from({ length: 8 }, () => two()));
  });

  it('gives unsigned 32-bit integers, and uniform01 maps them to [0, 1) as value / 2³²', () => {
    const next = randomSfc32(1, 2);
    for (let i = 0; i < 1000; i++) {
      const value = next();
      expect(Number.isInteger(value) && value >= 0 && value < 2 ** 32).toBe(true);
    }
    expect(uniform01(() => 0)).toBe(0);
    expect(uniform01(() => 2 ** 31)).toBe(0.5);
    expect(uniform01(() => 2 ** 32 - 1)).toBeLessThan(1);
  });

  it('has mean ½ and variance 1/12 over 100,000 draws (within 4 standard errors)', () => {
    const next = randomSfc32(3, 4);
    const n = 100_000;
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) { const u = uniform01(next); sum += u; squares += u * u; }
    const mean = sum / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(squares / n - mean * mean).toBeCloseTo(1 / 12, 3);
  });
});

describe('randomPermutation', () => {
  it('is Fisher–Yates driven by randomSfc32(seedA, seedB), index j = ⌊t·(i + 1)/2³²⌋', () => {
    const size = 1000;
    const out = new Uint16Array(size);
    randomPermutation(size, 21, 34, out);
    const next = randomSfc32(21, 34);
    const expected = Array.from({ length: size }, (_, i) => i);
    for (let i = size - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1) / 4294967296);
      [expected[i], expected[j]] = [expected[j], expected[i]];
    }
    expect([...out]).toEqual(expected);
  });

  it('holds every index once, repeats for the same seed and fills a Uint32Array the same way', () => {
    const one = new Uint16Array(5000);
    const two = new Uint32Array(5000);
    randomPermutation(5000, 5, 6, one);
    randomPermutation(5000, 5, 6, two);
    expect([...two]).toEqual([...one]);
    expect([...one].sort((x, y) => x - y)).toEqual(Array.from({ length: 5000 }, (_, i) => i));
  });
});
