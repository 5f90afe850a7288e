import { describe, expect, it } from 'vitest';
import { withCentralDifferences } from '../../../src/engine/math/centralDifferences.ts';

describe('withCentralDifferences', () => {
  it('gives the gradient of a smooth function to O(h²), worked out only when read', () => {
    let calls = 0;
    // f(x, y) = x² y + sin y: ∇f = (2xy, x² + cos y).
    const f = withCentralDifferences(([x, y]) => { calls++; return x * x * y + Math.sin(y); });
    const at = f([1.5, 0.3]);
    expect(at.value).toBeCloseTo(1.5 * 1.5 * 0.3 + Math.sin(0.3), 14);
    expect(calls).toBe(1);
    expect(at.gradient[0]).toBeCloseTo(2 * 1.5 * 0.3, 8);
    expect(at.gradient[1]).toBeCloseTo(1.5 * 1.5 + Math.cos(0.3), 8);
    expect(calls).toBe(5);
    void at.gradient;
    expect(calls).toBe(5);
  });

  it('gives a zero gradient where the function is not finite', () => {
    expect(withCentralDifferences(() => Infinity)([1, 2]).gradient).toEqual([0, 0]);
  });
});
