import { describe, expect, it } from 'vitest';
import { nelderMead } from '../../../src/engine/math/nelderMead.ts';

describe('nelderMead', () => {
  it('finds the Rosenbrock minimum at (1, 1) from the classic start (−1.2, 1)', () => {
    // f(x, y) = (1 − x)² + 100(y − x²)² is 0 only at (1, 1) (Rosenbrock 1960; Nelder & Mead 1965 use the same start).
    const rosenbrock = ([x, y]: number[]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;
    const result = nelderMead(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBeCloseTo(1, 4);
    expect(result.point[1]).toBeCloseTo(1, 4);
    expect(result.value).toBeLessThan(1e-8);
  });

  it('finds the minimum of a shifted quadratic: (x − 3)² + 2(y + 1)² + 5 is 5 at (3, −1)', () => {
    const result = nelderMead(([x, y]) => (x - 3) ** 2 + 2 * (y + 1) ** 2 + 5, [0, 0]);
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBeCloseTo(3, 4);
    expect(result.point[1]).toBeCloseTo(-1, 4);
    expect(result.value).toBeCloseTo(5, 8);
  });

  it('treats NaN outside the domain as +∞: ln-barrier x − ln x on x > 0 is least at x = 1', () => {
    // d/dx (x − ln x) = 1 − 1/x = 0 at x = 1, where the value is 1; NaN for x ≤ 0.
    const result = nelderMead(([x]) => x - Math.log(x), [0.2], { step: 0.5 });
    expect(result.point[0]).toBeCloseTo(1, 4);
    expect(result.value).toBeCloseTo(1, 8);
  });

  it('stops at maxIterations and says it did not converge', () => {
    const result = nelderMead(([x, y]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2, [-1.2, 1], { maxIterations: 5 });
    expect(result.iterations).toBe(5);
    expect(result.converged).toBe(false);
  });
});
