import { describe, expect, it } from 'vitest';
import { cholesky, nearestCorrelation, smallestEigenvalue, symmetricEigen } from '../../../src/engine/montecarlo/linearAlgebra.ts';

const rows = (values: number[][]) => values.map((row) => Float64Array.from(row));

describe('matrix helpers', () => {
  it('eigenvalues of [[2,1],[1,2]] are 1 and 3 (by hand: det(A − λI) = (2 − λ)² − 1)', () => {
    expect([...symmetricEigen([[2, 1], [1, 2]].map((row) => Float64Array.from(row))).values].sort()).toEqual([1, 3].map((v) => expect.closeTo(v, 12)));
  });

  it('Cholesky of [[4,2],[2,3]] is [[2,0],[1,√2]] (by hand)', () => {
    const l = cholesky([[4, 2], [2, 3]].map((row) => Float64Array.from(row)));
    expect([...l[0]]).toEqual([2, 0]);
    expect(l[1][0]).toBe(1);
    expect(l[1][1]).toBeCloseTo(Math.SQRT2, 14);
  });

  it('the alternating projections reproduce Higham\'s nearest matrix to 4 decimals', () => {
    const nearest = nearestCorrelation([[1, 1, 0], [1, 1, 1], [0, 1, 1]].map((row) => Float64Array.from(row)));
    expect(nearest[0][1]).toBeCloseTo(0.7607, 4);
    expect(nearest[0][2]).toBeCloseTo(0.1573, 4);
    expect(nearest[1][2]).toBeCloseTo(0.7607, 4);
    expect(nearest[1][1]).toBe(1);
  });
});

describe('symmetricEigen, smallestEigenvalue, cholesky and nearestCorrelation', () => {
  it('finds the eigenpairs of the second-difference matrix: λ_k = 2 − 2·cos(kπ/4), and A·v = λ·v', () => {
    // tridiag(−1, 2, −1) of order 3 has eigenvalues 2 − 2cos(kπ/(n + 1)), k = 1..n (a closed form for Toeplitz tridiagonals).
    const a = rows([[2, -1, 0], [-1, 2, -1], [0, -1, 2]]);
    const { values, vectors } = symmetricEigen(a);
    expect([...values].sort((x, y) => x - y)).toEqual([1, 2, 3].map((k) => expect.closeTo(2 - 2 * Math.cos(k * Math.PI / 4), 12)));
    values.forEach((lambda, k) => {
      const v = vectors[k];
      for (let i = 0; i < 3; i++) expect(a[i].reduce((sum, aij, j) => sum + aij * v[j], 0)).toBeCloseTo(lambda * v[i], 12);
      expect(Math.hypot(...v)).toBeCloseTo(1, 12);
    });
  });

  it('smallestEigenvalue: 0 for [[1,1],[1,1]] (eigenvalues 0 and 2), Infinity for an empty matrix', () => {
    expect(smallestEigenvalue(rows([[1, 1], [1, 1]]))).toBeCloseTo(0, 14);
    expect(smallestEigenvalue([])).toBe(Infinity);
  });

  it('cholesky gives a zero column for a zero pivot (ρ = 1) and refuses a matrix that is not positive semi-definite', () => {
    // [[1,1],[1,1]] = [1,1]ᵀ[1,1]: L = [[1,0],[1,0]]. [[1,2],[2,1]] has eigenvalue −1.
    expect(cholesky(rows([[1, 1], [1, 1]])).map((row) => [...row])).toEqual([[1, 0], [1, 0]]);
    expect(() => cholesky(rows([[1, 2], [2, 1]]))).toThrow(RangeError);
  });

  it('nearestCorrelation leaves a valid correlation matrix as it is and does not modify its input', () => {
    const valid = rows([[1, 0.5, 0.2], [0.5, 1, 0.3], [0.2, 0.3, 1]]);
    const copy = valid.map((row) => Float64Array.from(row));
    const nearest = nearestCorrelation(valid);
    for (let x = 0; x < 3; x++) for (let y = 0; y < 3; y++) expect(nearest[x][y]).toBeCloseTo(valid[x][y], 10);
    expect(valid).toEqual(copy);
  });
});
