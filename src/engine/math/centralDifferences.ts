/**
 * A function's value with its gradient by central differences, f′ᵢ ≈ (f(x + h eᵢ) − f(x − h eᵢ)) / 2h
 * (error O(h²); Nocedal & Wright 2006, "Numerical Optimization", §8.1), for optimisers that want
 * a gradient where deriving one by hand is not worth it. The gradient is worked out only when
 * it is read (2n more evaluations), so a line search that looks at values alone pays one each.
 */
export function withCentralDifferences(f: (x: number[]) => number, h = 1e-5): (x: number[]) => { value: number; gradient: number[] } {
  return (x) => {
    const value = f(x);
    if (!Number.isFinite(value)) return { value, gradient: x.map(() => 0) };
    let gradient: number[] | undefined;
    return {
      value,
      get gradient() {
        gradient ??= x.map((_, i) => {
          const up = x.slice(); up[i] += h;
          const down = x.slice(); down[i] -= h;
          const slope = (f(up) - f(down)) / (2 * h);
          return Number.isFinite(slope) ? slope : 0;
        });
        return gradient;
      },
    };
  };
}
