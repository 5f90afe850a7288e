/**
 * The stratum permutations of Latin hypercube sampling (see simulateCompletion.ts), drawn once per
 * id, seed and iteration count and kept: while a person edits cells, the next run reuses them.
 */
import { hashString, randomPermutation } from '../math/index.ts';

/** Permutations of the last seed and iteration count, by touchpoint id. */
let permutationCache: { seed: number; iterations: number; byId: Map<string, Uint16Array | Uint32Array> } | undefined;

/**
 * Touchpoint `id`'s stratum permutation for this seed and iteration count. It depends on
 * nothing else — not on the times, the dependencies or the row order — so while a person edits
 * cells the permutations are reused from the previous run instead of being drawn again.
 * `seedWord` is the seed folded to 32 bits (prepareSimulation computes it once per run).
 */
export function stratumPermutation(seed: number, seedWord: number, iterations: number, id: string): Uint16Array | Uint32Array {
  if (!permutationCache || permutationCache.seed !== seed || permutationCache.iterations !== iterations) {
    permutationCache = { seed, iterations, byId: new Map() };
  }
  let permutation = permutationCache.byId.get(id);
  if (!permutation) {
    permutation = iterations <= 65536 ? new Uint16Array(iterations) : new Uint32Array(iterations);
    randomPermutation(iterations, seedWord, hashString(id, 0x5eed), permutation);
    permutationCache.byId.set(id, permutation);
  }
  return permutation;
}

/**
 * Forgets the permutations of ids not in `current()` once more than `limit` are held, so a long
 * editing session does not grow; `current` is only called then.
 */
export function prunePermutations(limit: number, current: () => ReadonlySet<string>): void {
  if (!permutationCache || permutationCache.byId.size <= limit) return;
  const keep = current();
  for (const id of permutationCache.byId.keys()) if (!keep.has(id)) permutationCache.byId.delete(id);
}
