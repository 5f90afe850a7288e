import { logRegularizedUpperGamma } from '../../math/index.ts';

export interface GTest {
  /** G = 2 Σ O ln(O/E). */
  statistic: number;
  /** K − 1, for K labels seen on either side. */
  degrees: number;
  /** ln of the chi-square upper tail at G (0 when there is nothing to compare). */
  logP: number;
}

/**
 * The G-test (log-likelihood ratio) of homogeneity of two rows of counts — the same mix on
 * both sides — on the 2×K table: G = 2 Σ O ln(O/E), E = row total × column total / N, whose
 * null distribution is chi-square with K − 1 degrees of freedom for large counts (Wilks 1938,
 * Ann. Math. Statist. 9:60–62; Sokal & Rohlf, Biometry, 3rd ed. 1995, ch. 17). Counts may be
 * fractional. For the same mix difference G grows in proportion to the orders, so the p-value
 * is the evidence of a shift. Labels seen on neither side are not counted in K.
 */
export function gTestOfHomogeneity(first: ReadonlyMap<string, number>, second: ReadonlyMap<string, number>): GTest {
  let firstTotal = 0;
  let secondTotal = 0;
  for (const value of first.values()) firstTotal += value;
  for (const value of second.values()) secondTotal += value;
  const total = firstTotal + secondTotal;
  let statistic = 0;
  let labels = 0;
  for (const label of new Set([...first.keys(), ...second.keys()])) {
    const a = first.get(label) ?? 0;
    const b = second.get(label) ?? 0;
    if (!(a + b > 0)) continue;
    labels++;
    if (a > 0) statistic += a * Math.log(a / (firstTotal * (a + b) / total));
    if (b > 0) statistic += b * Math.log(b / (secondTotal * (a + b) / total));
  }
  statistic = Math.max(0, 2 * statistic);
  const degrees = labels - 1;
  if (degrees < 1 || !(firstTotal > 0) || !(secondTotal > 0)) return { statistic: 0, degrees: Math.max(0, degrees), logP: 0 };
  // P(χ²_k > G) = Q(k/2, G/2) (Abramowitz & Stegun 26.4.19).
  return { statistic, degrees, logP: logRegularizedUpperGamma(degrees / 2, statistic / 2) };
}
