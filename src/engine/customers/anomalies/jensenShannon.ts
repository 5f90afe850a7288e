/** Jensen–Shannon divergence in bits (Lin 1991), 0 for the same mix, 1 for disjoint mixes. */
export function jensenShannon(p: Map<string, number>, q: Map<string, number>): number {
  let divergence = 0;
  for (const label of new Set([...p.keys(), ...q.keys()])) {
    const a = p.get(label) ?? 0;
    const b = q.get(label) ?? 0;
    const m = (a + b) / 2;
    if (a > 0) divergence += 0.5 * a * Math.log2(a / m);
    if (b > 0) divergence += 0.5 * b * Math.log2(b / m);
  }
  return divergence;
}
