import { describe, expect, it } from 'vitest';
import { median, robustZ, scaledMad } from '../../../src/engine/math/robust.ts';
import { inverseStandardNormalCdf } from '../../../src/engine/math/specialFunctions.ts';

describe('median', () => {
  it('is the middle value of an odd count and the mean of the two middle ones of an even count', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('is NaN for no values and leaves its input as it was', () => {
    expect(median([])).toBeNaN();
    const values = [5, 1, 4];
    median(values);
    expect(values).toEqual([5, 1, 4]);
  });
});

describe('scaledMad', () => {
  it('is 1.4826 × the median absolute deviation: 1, 2, 3, 4, 100 has median 3, deviations 2, 1, 0, 1, 97, MAD 1', () => {
    expect(scaledMad([1, 2, 3, 4, 100])).toBeCloseTo(1.4826, 12);
  });

  it('uses Hampel\'s 1.4826 ≈ 1/Φ⁻¹(3/4), which makes it estimate σ for normal data', () => {
    // For N(0, σ²) the MAD is σ·Φ⁻¹(3/4) = 0.674490σ (Hampel 1974; Rousseeuw & Croux 1993).
    expect(1 / inverseStandardNormalCdf(0.75)).toBeCloseTo(1.4826, 4);
  });

  it('takes a given centre: around 0, the values −2, 1, 5 deviate by 2, 1, 5 (median 2)', () => {
    expect(scaledMad([-2, 1, 5], 0)).toBeCloseTo(2 * 1.4826, 12);
  });

  it('is NaN for no values', () => {
    expect(scaledMad([])).toBeNaN();
  });
});

describe('robustZ', () => {
  it('is (x − median)/spread, with the spread floored', () => {
    expect(robustZ(10, 4, 2, 0.5)).toBe(3);
    expect(robustZ(10, 4, 0, 0.5)).toBe(12);
    expect(robustZ(1, 4, 3, 0.5)).toBe(-1);
  });
});
