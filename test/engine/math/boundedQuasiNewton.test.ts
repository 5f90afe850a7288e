import { describe, expect, it } from 'vitest';
import { boundedBfgs } from '../../../src/engine/math/boundedQuasiNewton.ts';

// A separable convex function's minimum over a box is its unconstrained minimum clamped into the box.
const quadratic = ([x, y]: number[]) => ({ value: (x - 3) ** 2 + 2 * (y + 1) ** 2 + 5, gradient: [2 * (x - 3), 4 * (y + 1)] });
const rosenbrock = ([x, y]: number[]) => ({
  value: (1 - x) ** 2 + 100 * (y - x * x) ** 2,
  gradient: [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
});

describe('boundedBfgs', () => {
  it('finds an interior minimum as plain BFGS does, on no bound: the quadratic\'s (3, −1)', () => {
    const result = boundedBfgs(quadratic, [0, 0], [-10, -10], [10, 10]);
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBeCloseTo(3, 6);
    expect(result.point[1]).toBeCloseTo(-1, 6);
    expect(result.atBound).toEqual([0, 0]);
  });

  it('stops on an upper bound the function falls beyond: x ≤ 2 gives (2, −1), value 6, x held at its upper bound', () => {
    const result = boundedBfgs(quadratic, [0, 0], [0, -10], [2, 10]);
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBe(2);
    expect(result.point[1]).toBeCloseTo(-1, 6);
    expect(result.value).toBeCloseTo(6, 10);
    expect(result.atBound).toEqual([1, 0]);
  });

  it('stops on a lower bound: y ≥ 0 gives (3, 0), value 7, y held at its lower bound', () => {
    const result = boundedBfgs(quadratic, [1, 1], [-10, 0], [10, 10]);
    expect(result.point[0]).toBeCloseTo(3, 6);
    expect(result.point[1]).toBe(0);
    expect(result.value).toBeCloseTo(7, 10);
    expect(result.atBound).toEqual([0, -1]);
  });

  it('finds Rosenbrock\'s (1, 1) inside a box, and on x ≤ ½ the point (½, ¼), where y = x² and the value is (1 − ½)² = ¼', () => {
    const inside = boundedBfgs(rosenbrock, [-1.2, 1], [-2, -2], [2, 2]);
    expect(inside.converged).toBe(true);
    expect(inside.point[0]).toBeCloseTo(1, 5);
    expect(inside.point[1]).toBeCloseTo(1, 5);
    const bounded = boundedBfgs(rosenbrock, [-1.2, 1], [-2, -2], [0.5, 2]);
    expect(bounded.point[0]).toBe(0.5);
    expect(bounded.point[1]).toBeCloseTo(0.25, 6);
    expect(bounded.value).toBeCloseTo(0.25, 10);
    expect(bounded.atBound).toEqual([1, 0]);
  });

  it('starts from the start clamped into the box, and returns at once where the value there is not finite', () => {
    const result = boundedBfgs(quadratic, [50, -50], [0, -2], [4, 0]);
    expect(result.point[0]).toBeCloseTo(3, 6);
    expect(result.point[1]).toBeCloseTo(-1, 6);
    expect(boundedBfgs(([x]) => ({ value: Math.log(x), gradient: [1 / x] }), [-1], [-2], [0]))
      .toEqual({ point: [-1], value: Infinity, iterations: 0, converged: false, atBound: [0] });
  });
});
