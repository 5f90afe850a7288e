import { describe, expect, it } from 'vitest';
import { hessianFromGradient, inverseIfPositiveDefinite } from '../../../src/engine/math/observedInformation.ts';

describe('hessianFromGradient and inverseIfPositiveDefinite', () => {
  it('gives the Hessian of f(x, y) = x²y + 3y² − sin x by hand, 2y + sin x, 2x, 6', () => {
    const gradient = ([x, y]: number[]) => [2 * x * y - Math.cos(x), x * x + 6 * y];
    const h = hessianFromGradient(gradient, [0.7, 1.3], 1e-6);
    expect(h[0][0]).toBeCloseTo(2 * 1.3 + Math.sin(0.7), 5);
    expect(h[0][1]).toBeCloseTo(2 * 0.7, 5);
    expect(h[1][0]).toBe(h[0][1]);
    expect(h[1][1]).toBeCloseTo(6, 5);
  });

  it('inverts a positive definite matrix, and refuses one that is not', () => {
    // [[4, 2], [2, 3]]⁻¹ = [[3, −2], [−2, 4]] / 8.
    const inverse = inverseIfPositiveDefinite([[4, 2], [2, 3]])!;
    expect(inverse[0][0]).toBeCloseTo(3 / 8, 14);
    expect(inverse[0][1]).toBeCloseTo(-2 / 8, 14);
    expect(inverse[1][0]).toBeCloseTo(-2 / 8, 14);
    expect(inverse[1][1]).toBeCloseTo(4 / 8, 14);
    const three = [[2, -1, 0], [-1, 2, -1], [0, -1, 2]];
    const threeInverse = inverseIfPositiveDefinite(three)!;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
      const product = three[i].reduce((s, v, k) => s + v * threeInverse[k][j], 0);
      expect(product).toBeCloseTo(i === j ? 1 : 0, 12);
    }
    expect(inverseIfPositiveDefinite([[1, 2], [2, 1]])).toBeUndefined();
    expect(inverseIfPositiveDefinite([[1, 0], [0, 0]])).toBeUndefined();
    expect(inverseIfPositiveDefinite([[NaN]])).toBeUndefined();
  });
});
