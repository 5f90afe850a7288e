/**
 * A long list drawn a chunk per frame: `shown` follows the wanted chunks one chunk per animation
 * frame, so a drawing of thousands of elements (or a change to all of them) is spread over
 * frames, none of them a long task. Chunks already shown stay until their turn comes; a chunk
 * that is the same array as before costs nothing to keep.
 */
import { untrack } from 'svelte';

export class Trickle<T> {
  shown = $state.raw<T[][]>([]);

  /** Starts with `initial` shown at once (what a server render, which runs no effects, shows). */
  constructor(initial: T[][]) {
    this.shown = initial;
  }

  /** Moves `shown` towards `wanted`, one chunk now and one per frame after; call from an effect, which gets the cleanup back. */
  follow(wanted: T[][]): () => void {
    let next = 0;
    let frame = 0;
    const step = () => {
      const shown = untrack(() => this.shown);
      this.shown = wanted.map((chunk, k) => (k <= next ? chunk : shown[k] ?? []));
      next++;
      if (next < wanted.length) frame = requestAnimationFrame(step);
    };
    step();
    return () => cancelAnimationFrame(frame);
  }
}

/** `items` in chunks of `size` (the last may be shorter). */
export function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
