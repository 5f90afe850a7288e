/**
 * Seeded random streams. Every touchpoint draws from its own stream, derived from the run's
 * seed and the touchpoint's id, so results do not depend on row order, and any range of
 * iterations can be computed by any worker with identical numbers.
 */

/** 32-bit FNV-1a hash of a string (Fowler–Noll–Vo), folded with `seed` first. */
export function hashString(text: string, seed = 0): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A 32-bit integer finaliser with good avalanche (the murmur3 fmix32 step, Appleby 2011). */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * sfc32, the Small Fast Counter generator (Doty-Humphrey, PractRand 0.94): 128 bits of state,
 * passes PractRand to 2^40 bytes and BigCrush. Returns a function giving uint32 values.
 * Seeded from two 32-bit words and warmed up with 12 discarded outputs, as its author advises.
 */
export function randomSfc32(seedA: number, seedB: number): () => number {
  let a = seedA >>> 0;
  let b = seedB >>> 0;
  let c = mix32(seedA ^ 0x9e3779b9);
  let counter = 1;
  const next = () => {
    const t = (((a + b) >>> 0) + counter) >>> 0;
    counter = (counter + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

/** A uniform double in [0, 1) from a uint32 source (32 bits of resolution). */
export function uniform01(next: () => number): number {
  return next() / 4294967296;
}

/**
 * A random permutation of 0..size−1 written into `out` (Fisher–Yates as given by Durstenfeld
 * 1964; Knuth, TAOCP vol. 2, §3.4.2 Algorithm P), driven by the same sfc32 stream as
 * `randomSfc32(seedA, seedB)`. The generator is inlined with its state in local int32 variables:
 * through a closure every draw would box its state, and this loop runs once per touchpoint and
 * iteration. Index draws use the multiply-shift method (Lemire 2019) without the rejection
 * step: its bias is below size / 2^32, under 3e-4 % for a million iterations.
 */
export function randomPermutation(size: number, seedA: number, seedB: number, out: Uint16Array | Uint32Array): void {
  let a = seedA | 0;
  let b = seedB | 0;
  let c = mix32(seedA ^ 0x9e3779b9) | 0;
  let counter = 1;
  let t = 0;
  for (let i = 0; i < 12; i++) {
    t = (a + b + counter) | 0;
    counter = (counter + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = ((c << 21) | (c >>> 11)) + t | 0;
  }
  for (let i = 0; i < size; i++) out[i] = i;
  for (let i = size - 1; i > 0; i--) {
    t = (a + b + counter) | 0;
    counter = (counter + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = ((c << 21) | (c >>> 11)) + t | 0;
    const j = Math.floor((t >>> 0) * (i + 1) / 4294967296);
    const held = out[i];
    out[i] = out[j];
    out[j] = held;
  }
}
