/**
 * Ranks by a least-significant-digit radix sort (Knuth, TAOCP vol. 3, §5.2.5) on the values
 * rounded to single precision and mapped to unsigned integers in the same order (flip every bit
 * of a negative, the sign bit of a positive), three passes of 11 bits. The sort is stable, so
 * values equal in single precision are ranked in iteration order: deterministic, and such near
 * ties move a rank correlation by far less than its sampling error. Several times faster than a
 * comparison sort for the tens of thousands of values per column here.
 */
export class RadixRanking {
  private readonly floats: Float32Array;
  private readonly keys: Uint32Array;
  private readonly keysSwap: Uint32Array;
  private readonly index: Uint32Array;
  private readonly indexSwap: Uint32Array;
  /** The three digit histograms, counted in one sweep (2048 bins each). */
  private readonly counts = new Uint32Array(3 * 2048);

  constructor(private readonly n: number) {
    this.floats = new Float32Array(n);
    this.keys = new Uint32Array(this.floats.buffer);
    this.keysSwap = new Uint32Array(n);
    this.index = new Uint32Array(n);
    this.indexSwap = new Uint32Array(n);
  }

  /** Writes the 0-based rank of values[i] into out[i]. */
  rank(values: Float64Array, out: Uint16Array | Uint32Array): void {
    const { n, floats, counts } = this;
    floats.set(values);
    const { keys, keysSwap, index, indexSwap } = this;
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const bits = keys[i];
      const key = bits & 0x80000000 ? ~bits >>> 0 : (bits | 0x80000000) >>> 0;
      keys[i] = key;
      counts[key & 2047]++;
      counts[2048 + ((key >>> 11) & 2047)]++;
      counts[4096 + (key >>> 22)]++;
    }
    for (let bins = 0; bins < 3 * 2048; bins += 2048) {
      let total = 0;
      for (let d = bins; d < bins + 2048; d++) { const c = counts[d]; counts[d] = total; total += c; }
    }
    // First digit: the index is the iteration itself.
    for (let i = 0; i < n; i++) {
      const key = keys[i];
      const at = counts[key & 2047]++;
      keysSwap[at] = key;
      indexSwap[at] = i;
    }
    // Second digit.
    for (let i = 0; i < n; i++) {
      const key = keysSwap[i];
      const at = counts[2048 + ((key >>> 11) & 2047)]++;
      keys[at] = key;
      index[at] = indexSwap[i];
    }
    // Last digit: the place a value lands in is its rank.
    for (let i = 0; i < n; i++) out[index[i]] = counts[4096 + (keys[i] >>> 22)]++;
  }
}
