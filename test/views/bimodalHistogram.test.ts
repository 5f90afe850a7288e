/**
 * A branched journey's finish is often two-peaked: most customers never open a support ticket,
 * a quarter do and finish ten days later. The histogram must show both peaks as the
 * simulation counted them: bins from the engine's rule, one bar per bin, nothing smoothed.
 */
import { describe, expect, it } from 'vitest';
import { coerceJourney } from '../../src/engine/journey/coerceJourney.ts';
import { simulateCompletion } from '../../src/engine/montecarlo/simulateCompletion.ts';
import { histogramOfSorted } from '../../src/engine/math/statistics.ts';
import { histogramLayout } from '../../src/views/histogramLayout.ts';
import { handSimulation } from './fixtures.ts';

/** Quantile of the triangular distribution (a, m, b), in closed form (Johnson, Kotz & Balakrishnan, ch. 26). */
function triangularQuantile(a: number, m: number, b: number, u: number): number {
  const cut = (m - a) / (b - a);
  return u < cut ? a + Math.sqrt(u * (b - a) * (m - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - m));
}

/**
 * `n` finish times from a 75/25 mixture of Triangular(24, 30, 38) (no ticket) and
 * Triangular(34, 42, 48) (a ticket), laid out at evenly spaced probabilities so the sample is
 * exact, not random. Mixture density by hand (triangular pdf 2(t − a)/((b − a)(m − a)) rising,
 * 2(b − t)/((b − a)(b − m)) falling): at t = 30, 0.75 · 2/14 = 0.107; at t = 42, 0.25 · 2/14 =
 * 0.036; at t = 38, 0 + 0.25 · 2·4/(14·8) = 0.018. So a trough at about half
 * the second peak's height lies between the peaks.
 */
function mixture(n: number): Float64Array {
  const first = Math.round(0.75 * n);
  const values = new Float64Array(n);
  for (let i = 0; i < first; i++) values[i] = triangularQuantile(24, 30, 38, (i + 0.5) / first);
  for (let i = first; i < n; i++) values[i] = triangularQuantile(34, 42, 48, (i - first + 0.5) / (n - first));
  return values.sort();
}

/** Local maxima of the bar heights that stand out: higher than every bar within `reach` bins on both sides. */
function peaks(shares: number[], reach: number): number[] {
  const found: number[] = [];
  shares.forEach((share, k) => {
    const around = shares.slice(Math.max(0, k - reach), k).concat(shares.slice(k + 1, k + 1 + reach));
    if (share > 0 && around.every((other) => share >= other) && !found.some((f) => k - f <= reach)) found.push(k);
  });
  return found;
}

describe('a two-peaked finish', () => {
  for (const iterations of [1_000, 10_000, 100_000]) {
    it(`shows both peaks with a trough between them at ${iterations.toLocaleString('en')} iterations`, () => {
      const histogram = histogramOfSorted(mixture(iterations));
      const simulation = handSimulation({ histogram, iterations, requestedIterations: iterations });
      const layout = histogramLayout(simulation, 40, 640, 300, 'histogram');
      const shares = layout.bars.map((bar) => bar.share);
      const centre = (k: number) => (layout.bars[k].start + layout.bars[k].end) / 2;
      // Bins no wider than a third of the 12-day distance between the modes, or the trough cannot show.
      expect(histogram.binWidth).toBeLessThanOrEqual(4);
      const reach = Math.max(1, Math.round(2 / histogram.binWidth));
      const found = peaks(shares, reach);
      expect(found.length).toBeGreaterThanOrEqual(2);
      const [main, second] = [found[0], found[found.length - 1]];
      expect(Math.abs(centre(main) - 30)).toBeLessThanOrEqual(2 + histogram.binWidth);
      expect(Math.abs(centre(second) - 42)).toBeLessThanOrEqual(2 + histogram.binWidth);
      const trough = Math.min(...shares.slice(main + 1, second));
      expect(trough).toBeLessThan(0.8 * shares[second]);
      // One bar per bin, each exactly its count's share: nothing smoothed away.
      expect(layout.bars.map((bar) => bar.count)).toEqual(Array.from(histogram.counts));
    });
  }
});

describe('two narrow, far-apart peaks (where Freedman–Diaconis alone would be coarse)', () => {
  it('keeps them apart with empty bins between at 1,000 iterations', () => {
    // Half the journeys take 9–11 days, half 29–31: the IQR (about 20 days) would give
    // Freedman–Diaconis bins of 2 · 20 / 1000^(1/3) = 4 days; the cap of span/10 keeps them at
    // most 2.2 days, rounded to a nice 2.5, so the 18-day gap holds several empty bins.
    const n = 1000;
    const values = new Float64Array(n);
    for (let i = 0; i < n / 2; i++) values[i] = triangularQuantile(9, 10, 11, (i + 0.5) / (n / 2));
    for (let i = n / 2; i < n; i++) values[i] = triangularQuantile(29, 30, 31, (i - n / 2 + 0.5) / (n / 2));
    const histogram = histogramOfSorted(values.sort());
    const layout = histogramLayout(handSimulation({ histogram }), 20, 640, 300, 'histogram');
    const empty = layout.bars.filter((bar) => bar.start >= 11 && bar.end <= 29);
    expect(empty.length).toBeGreaterThanOrEqual(3);
    expect(empty.every((bar) => bar.count === 0)).toBe(true);
    const below = layout.bars.filter((bar) => bar.end <= 12.5).reduce((sum, bar) => sum + bar.count, 0);
    expect(below).toBe(500);
  });
});

describe('a simulated journey with a 25% optional step in series', () => {
  it('draws two humps, in the shares the branch gives them, with empty bins between', () => {
    // Setup takes Uniform(10, 12) days; a support ticket (25% of journeys) adds Uniform(8, 10).
    // Finish: Uniform(10, 12) in 75% of runs, and between 18 and 22 in 25%: nothing from 12 to 18.
    const row = (id: string, a: string, b: string, dependsOn: string, probability: string) => ({
      id, name: id, stage: '', optimistic: a, mostLikely: a, pessimistic: b, distribution: 'uniform', dependsOn, probability, group: '',
    });
    const { touchpoints, problems } = coerceJourney([row('SETUP', '10', '12', '', ''), row('TICKET', '8', '10', 'SETUP', '25%')]);
    expect(problems).toEqual([]);
    const simulation = simulateCompletion(touchpoints, { iterations: 10_000, seed: 7, target: 15 });
    const layout = histogramLayout(simulation, 15, 640, 300, 'histogram');
    const share = (from: number, to: number) => layout.bars.filter((b) => b.start >= from - 1e-9 && b.end <= to + 1e-9).reduce((sum, b) => sum + b.share, 0);
    // The engine draws exactly round(0.25 · N) ticket iterations (stratified), so the shares are exact.
    expect(share(10, 12)).toBeCloseTo(0.75, 6);
    expect(share(18, 22)).toBeCloseTo(0.25, 6);
    const gap = layout.bars.filter((b) => b.start >= 12 && b.end <= 18);
    expect(gap.length).toBeGreaterThanOrEqual(2);
    expect(gap.every((b) => b.count === 0)).toBe(true);
  });
});
