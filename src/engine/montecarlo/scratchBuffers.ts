/**
 * Working arrays kept between runs, by name. Fresh memory costs a page fault per 4 KB on first
 * touch — for a 1,000-touchpoint run that is more than the sampling itself — so the passes reuse
 * these instead of allocating per run. At most DURATION_BUDGET (simulateCompletion.ts) +
 * 2 × touchpoints × BLOCK_SIZE numbers are held.
 */

const scratchBuffers = new Map<string, Float64Array | Float32Array>();

/** The reusable working array `name`, of at least `size` elements (contents undefined), made by `make` when too small. */
export function scratch<T extends Float64Array | Float32Array>(name: string, size: number, make: (size: number) => T): T {
  let buffer = scratchBuffers.get(name) as T | undefined;
  if (!buffer || buffer.length < size) {
    buffer = make(size);
    scratchBuffers.set(name, buffer);
  }
  return buffer;
}

export const doubles = (size: number) => new Float64Array(size);

/**
 * Durations are held in single precision: it halves the memory traffic of both passes, and a
 * relative rounding of 6e-8 is far below the sampler's own 1e-5. Both passes read the same
 * rounded value, so float comparisons (criticality) stay exact.
 */
export const singles = (size: number) => new Float32Array(size);

const byteBuffers = new Map<string, Uint8Array>();

/** Like `scratch`, for bytes. */
export function scratchBytes(name: string, size: number): Uint8Array {
  let buffer = byteBuffers.get(name);
  if (!buffer || buffer.length < size) {
    buffer = new Uint8Array(size);
    byteBuffers.set(name, buffer);
  }
  return buffer;
}
