import { describe, expect, it } from 'vitest';
import { doubles, scratch, scratchBytes, singles } from '../../../src/engine/montecarlo/scratchBuffers.ts';

describe('scratch buffers', () => {
  it('give back the same array for a name while it is large enough, and a larger one when it is not', () => {
    const first = scratch('test-a', 100, doubles);
    expect(first).toBeInstanceOf(Float64Array);
    expect(first.length).toBe(100);
    expect(scratch('test-a', 50, doubles)).toBe(first);
    const larger = scratch('test-a', 200, doubles);
    expect(larger).not.toBe(first);
    expect(larger.length).toBe(200);
    expect(scratch('test-a', 100, doubles)).toBe(larger);
  });

  it('keep names apart, and make the kind of array asked for', () => {
    expect(scratch('test-b', 10, singles)).toBeInstanceOf(Float32Array);
    expect(scratch('test-c', 10, doubles)).not.toBe(scratch('test-b', 10, singles));
  });

  it('scratchBytes does the same for bytes', () => {
    const bytes = scratchBytes('test-d', 64);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(scratchBytes('test-d', 32)).toBe(bytes);
    expect(scratchBytes('test-d', 65).length).toBe(65);
  });
});
