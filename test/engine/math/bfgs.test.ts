import { describe, expect, it } from 'vitest';
import { bfgs } from '../../../src/engine/math/bfgs.ts';

describe('bfgs', () => {
  it('finds the Rosenbrock minimum at (1, 1) from (−1.2, 1) with the analytic gradient', () => {
    // ∂f/∂x = −2(1 − x) − 400x(y − x²), ∂f/∂y = 200(y − x²) (Nocedal & Wright, 2nd ed., §2.1 uses the same function).
    const rosenbrock = ([x, y]: number[]) => ({
      value: (1 - x) ** 2 + 100 * (y - x * x) ** 2,
      gradient: [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
    });
    const result = bfgs(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBeCloseTo(1, 5);
    expect(result.point[1]).toBeCloseTo(1, 5);
    expect(result.value).toBeLessThan(1e-10);
  });

  it('finds the minimum of a shifted quadratic: (x − 3)² + 2(y + 1)² + 5 is 5 at (3, −1)', () => {
    const result = bfgs(([x, y]) => ({ value: (x - 3) ** 2 + 2 * (y + 1) ** 2 + 5, gradient: [2 * (x - 3), 4 * (y + 1)] }), [0, 0]);
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBeCloseTo(3, 6);
    expect(result.point[1]).toBeCloseTo(-1, 6);
    expect(result.value).toBeCloseTo(5, 10);
  });

  it('backs away from the edge of the domain: 10x − ln x on x > 0 is least at x = 0.1, where it is 1 + ln 10', () => {
    // d/dx = 10 − 1/x = 0 at x = 0.1. From x = 1 the full first step (gradient 9) lands at −8, where the value is NaN:
    // the line search treats it as +∞ and halves the step until it is back inside.
    const result = bfgs(([x]) => ({ value: 10 * x - Math.log(x), gradient: [10 - 1 / x] }), [1]);
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBeCloseTo(0.1, 6);
    expect(result.value).toBeCloseTo(1 + Math.log(10), 10);
  });

  it('returns at once, not converged, when the start is outside the domain', () => {
    expect(bfgs(([x]) => ({ value: Math.log(x), gradient: [1 / x] }), [-1])).toEqual({ point: [-1], value: Infinity, iterations: 0, converged: false });
  });
});
