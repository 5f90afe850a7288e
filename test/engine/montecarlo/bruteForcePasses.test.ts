/**
 * An independent check of the general forward and backward passes: the same sampled durations
 * and happens/group draws (taken from the engine's samplers), but the passes done again here the
 * obvious way — per iteration, relaxing every link until nothing changes (no topological order,
 * no blocks, no fused loops, no `finisher` shortcut: the finish is the largest finish of all).
 * Precedence diagramming rules (Moder, Phillips & Davis, ch. 4): ES_j = max(0, EF_i + lag for
 * FS, ES_i + lag for SS); LF_j = min(finish, LS_k − lag for FS, LS_k − lag + d_j for SS). A
 * touchpoint that does not happen has duration 0 and the lags of its links (in and out) count as 0.
 * Critical: happens and LF − EF ≤ 1e-9 × finish.
 */
import { describe, expect, it } from 'vitest';
import { BLOCK_SIZE, prepareSimulation } from '../../../src/engine/montecarlo/prepareSimulation.ts';
import { sampleDurations, sampleHappens } from '../../../src/engine/montecarlo/sampling.ts';
import { simulateCompletion } from '../../../src/engine/montecarlo/simulateCompletion.ts';
import { simulateIterations } from '../../../src/engine/montecarlo/simulateIterations.ts';
import type { Correlation, Touchpoint, TouchpointInput } from '../../../src/engine/journey/types.ts';
import { input, journey } from '../referenceCases.ts';

/** Durations (zeroed when not happening) and happens flags per iteration, from the engine's samplers. */
function samples(touchpoints: Touchpoint[], iterations: number, seed: number, correlations?: Correlation[]) {
  const prepared = prepareSimulation(touchpoints, { iterations, seed, target: 0, correlations });
  const n = touchpoints.length;
  const durations = new Float32Array(n * iterations);
  for (let j = 0; j < n; j++) sampleDurations(prepared, j, 0, iterations, durations, j * iterations);
  const happens = new Uint8Array(n * iterations).fill(1);
  if (prepared.general) sampleHappens(prepared, 0, iterations, durations, happens, iterations);
  return { durations, happens };
}

/** One iteration's passes by relaxation; returns the finish and who is critical. */
function bruteIteration(touchpoints: Touchpoint[], d: number[], h: number[], scaleOf = -1, factor = 1) {
  const n = touchpoints.length;
  const index = new Map(touchpoints.map((t, j) => [t.id, j]));
  const dur = d.map((x, j) => (h[j] ? (j === scaleOf ? factor * x : x) : 0));
  // Exclusive groups: a link from a group member that did not happen is ignored when the same
  // touchpoint also links to the member of that group that did happen (it waits for whichever
  // happened); if it links only to members that did not happen, they pass through.
  const ignored = (t: Touchpoint, i: number) => {
    const group = touchpoints[i].group ?? '';
    if (group === '' || h[i]) return false;
    return t.links.some((other) => {
      const m = index.get(other.id)!;
      return (touchpoints[m].group ?? '') === group && h[m] === 1;
    });
  };
  const es = new Array(n).fill(0);
  for (let changed = true; changed;) {
    changed = false;
    touchpoints.forEach((t, j) => {
      let start = 0;
      for (const link of t.links) {
        const i = index.get(link.id)!;
        if (ignored(t, i)) continue;
        const lag = h[i] && h[j] ? link.lag : 0;
        start = Math.max(start, (link.type === 'SS' ? es[i] : es[i] + dur[i]) + lag);
      }
      if (start !== es[j]) { es[j] = start; changed = true; }
    });
  }
  const ef = es.map((s, j) => s + dur[j]);
  // A touchpoint counts towards the finish unless every link out of it is ignored or leads to
  // touchpoints that do not count (it led nowhere in this iteration: X before a group member that did not happen).
  const live = new Array(n).fill(true);
  for (let changed = true; changed;) {
    changed = false;
    touchpoints.forEach((_, i) => {
      const out = touchpoints.flatMap((t, k) => t.links.filter((link) => link.id === touchpoints[i].id).map(() => ({ t, k })));
      const now = out.length === 0 || out.some(({ t, k }) => live[k] && !ignored(t, i));
      if (now !== live[i]) { live[i] = now; changed = true; }
    });
  }
  const finish = Math.max(...ef.filter((_, j) => live[j]));
  const lf = new Array(n).fill(finish);
  for (let changed = true; changed;) {
    changed = false;
    touchpoints.forEach((t, k) => {
      for (const link of t.links) {
        const i = index.get(link.id)!;
        if (ignored(t, i)) continue;
        const lag = h[i] && h[k] ? link.lag : 0;
        const lsK = lf[k] - dur[k];
        const bound = link.type === 'SS' ? lsK - lag + dur[i] : lsK - lag;
        if (bound < lf[i]) { lf[i] = bound; changed = true; }
      }
    });
  }
  const critical = touchpoints.map((_, j) => (h[j] === 1 && live[j] && lf[j] - ef[j] <= 1e-9 * finish ? 1 : 0));
  return { finish, critical, ef };
}

function brute(touchpoints: Touchpoint[], iterations: number, seed: number, correlations?: Correlation[]) {
  const { durations, happens } = samples(touchpoints, iterations, seed, correlations);
  const n = touchpoints.length;
  const finish = new Float64Array(iterations);
  const critical = new Array(n).fill(0);
  const finishSum = new Array(n).fill(0);
  for (let i = 0; i < iterations; i++) {
    const d = Array.from({ length: n }, (_, j) => durations[j * iterations + i]);
    const h = Array.from({ length: n }, (_, j) => happens[j * iterations + i]);
    const one = bruteIteration(touchpoints, d, h);
    finish[i] = one.finish;
    one.critical.forEach((c, j) => { critical[j] += c; });
    one.ef.forEach((x, j) => { finishSum[j] += x; });
  }
  return { finish, critical, finishSum, durations, happens };
}

const NASTY: Record<string, TouchpointInput[]> = {
  // SS into a node (D) that also has FS predecessors, one with a lag.
  'SS into a node with FS predecessors': [
    input('A', 2, 4, 9), input('B', 1, 3, 5, 'A'), input('C', 3, 5, 12),
    input('D', 1, 2, 4, 'A SS+1;B+2;C'), input('E', 0.5, 1, 3, 'D SS+0.5'),
  ],
  // B starts 3 before A finishes, and C 6 before B finishes (can be before A finishes, even before 0).
  'negative lags': [
    input('A', 2, 5, 8), input('B', 1, 4, 10, 'A-3'), input('C', 1, 2, 3, 'B-6'), input('D', 1, 1, 4, 'A;C'),
  ],
  // O (40%) is E's only predecessor; O itself waits for A with a lag.
  'optional only predecessor': [
    input('A', 1, 3, 6), input('O', 2, 4, 9, 'A+2', 'triangular', 'O', '40%'), input('E', 1, 2, 3, 'O+1'),
    input('F', 0, 1, 2, 'O SS'),
  ],
  // Nothing but optional touchpoints on finish-to-start links without lags (the engine's shortcut
  // for such journeys): O1 has no predecessor, O2 several predecessors and successors, O3 ends it.
  'only optional touchpoints, no lags': [
    input('A', 1, 3, 6), input('O1', 2, 4, 9, '', 'triangular', 'O1', '30%'), input('B', 1, 2, 5, 'A;O1'),
    input('O2', 3, 5, 12, 'A;B', '', 'O2', '60%'), input('C', 1, 2, 3, 'O2'), input('D', 0.5, 1, 2, 'O2;B;O1'),
    input('O3', 4, 6, 9, 'C;D', '', 'O3', '50%'), input('E', 1, 1, 2, 'C'),
  ],
  // Group members with different predecessors, one member with an SS link in and one out.
  'group with different predecessors and SS links': [
    input('X', 4, 6, 12), input('Y', 1, 2, 3), input('Z', 0.5, 1, 1.5),
    input('G1', 1, 2, 4, 'X', '', 'G1', '50%', 'Pick'), input('G2', 2, 3, 7, 'Y SS+1', '', 'G2', '30%', 'Pick'),
    input('G3', 1, 1, 2, 'Z-0.5', 'uniform', 'G3', '20%', 'Pick'),
    input('S', 1, 2, 3, 'G1;G2;G3'), input('T', 1, 3, 5, 'G2 SS+0.5;S'),
  ],
  // A successor (U) linking to two members of a three-way group, one with a lag; V links to one
  // member only (passes through when it did not happen); W links to members of two groups.
  'successors linking to some members of groups': [
    input('X', 4, 6, 12), input('Y', 1, 2, 3), input('Z', 0.5, 1, 1.5),
    input('G1', 1, 2, 4, 'X', '', 'G1', '50%', 'Pick'), input('G2', 2, 3, 7, 'Y', '', 'G2', '30%', 'Pick'),
    input('G3', 1, 1, 2, 'Z', 'uniform', 'G3', '20%', 'Pick'),
    input('H1', 1, 2, 3, 'X', '', 'H1', '60%', 'Other'), input('H2', 3, 4, 9, 'Z', '', 'H2', '40%', 'Other'),
    input('U', 1, 2, 3, 'G1+2;G2'), input('V', 1, 1, 2, 'G3'), input('W', 0.5, 1, 2, 'G1;G3;H1;H2;Y'),
  ],
};

describe('general passes against a brute-force relaxation on the same samples', () => {
  const iterations = 2 * BLOCK_SIZE + 37;
  for (const [name, rows] of Object.entries(NASTY)) {
    it(`${name}: same finish in every iteration, same criticality and mean finishes`, () => {
      const touchpoints = journey(rows);
      const expected = brute(touchpoints, iterations, 5);
      const prepared = prepareSimulation(touchpoints, { iterations, seed: 5, target: 0 });
      const chunk = simulateIterations(prepared, 0, iterations);
      for (let i = 0; i < iterations; i++) expect(chunk.finish[i]).toBeCloseTo(expected.finish[i], 9);
      expect([...chunk.criticalCounts]).toEqual(expected.critical);
      const result = simulateCompletion(touchpoints, { iterations, seed: 5, target: 10 });
      result.meanFinish.forEach((m, j) => expect(m).toBeCloseTo(expected.finishSum[j] / iterations, 9));
    });
  }

  it('with correlated durations (Iman–Conover reorders the strata): same finishes and criticality', () => {
    const touchpoints = journey(NASTY['SS into a node with FS predecessors']);
    const correlations: Correlation[] = [{ ids: ['A', 'B', 'C'], rho: 0.7 }, { ids: ['D', 'E'], rho: -0.4 }];
    const expected = brute(touchpoints, iterations, 8, correlations);
    const prepared = prepareSimulation(touchpoints, { iterations, seed: 8, target: 0, correlations });
    const chunk = simulateIterations(prepared, 0, iterations);
    for (let i = 0; i < iterations; i++) expect(chunk.finish[i]).toBeCloseTo(expected.finish[i], 9);
    expect([...chunk.criticalCounts]).toEqual(expected.critical);
  });

  it('reach percentiles and sensitivity equal their definitions computed directly', () => {
    const touchpoints = journey(NASTY['group with different predecessors and SS links']);
    const expected = brute(touchpoints, iterations, 5);
    const result = simulateCompletion(touchpoints, { iterations, seed: 5, target: 10, reachPercentiles: [0.5, 0.95] });
    // Raw durations, before a touchpoint that does not happen is zeroed: sensitivity is defined on them.
    const prepared = prepareSimulation(touchpoints, { iterations, seed: 5, target: 0 });
    const n = touchpoints.length;
    const raw = new Float32Array(n * iterations);
    for (let j = 0; j < n; j++) sampleDurations(prepared, j, 0, iterations, raw, j * iterations);
    // Average ranks (1-based), ties sharing the mean of their positions; Spearman = Pearson on ranks.
    const ranks = (values: ArrayLike<number>) => {
      const order = Array.from({ length: values.length }, (_, i) => i).sort((p, q) => values[p] - values[q]);
      const out = new Float64Array(values.length);
      for (let k = 0; k < order.length;) {
        let end = k;
        while (end < order.length && values[order[end]] === values[order[k]]) end++;
        for (let m = k; m < end; m++) out[order[m]] = (k + end + 1) / 2;
        k = end;
      }
      return out;
    };
    const pearson = (x: Float64Array, y: Float64Array) => {
      const mx = x.reduce((s, v) => s + v, 0) / x.length;
      const my = y.reduce((s, v) => s + v, 0) / y.length;
      let sxy = 0; let sxx = 0; let syy = 0;
      for (let i = 0; i < x.length; i++) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) ** 2; syy += (y[i] - my) ** 2; }
      return sxy / Math.sqrt(sxx * syy);
    };
    const finishRanks = ranks(expected.finish);
    // Type 7 quantile (Hyndman & Fan 1996): h = (n − 1)q, interpolate between the neighbours.
    const type7 = (sorted: number[], q: number) => {
      const h = (sorted.length - 1) * q;
      const lo = Math.floor(h);
      return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)]) - sorted[lo]);
    };
    touchpoints.forEach((t, j) => {
      const durations = raw.subarray(j * iterations, (j + 1) * iterations);
      expect(result.sensitivity[j], t.id).toBeCloseTo(pearson(ranks(durations), finishRanks), 9);
      const finishes: number[] = [];
      for (let i = 0; i < iterations; i++) {
        if (expected.happens[j * iterations + i] === 0) continue;
        const d = Array.from({ length: n }, (_, m) => expected.durations[m * iterations + i]);
        const h = Array.from({ length: n }, (_, m) => expected.happens[m * iterations + i]);
        finishes.push(bruteIteration(touchpoints, d, h).ef[j]);
      }
      finishes.sort((x, y) => x - y);
      [0.5, 0.95].forEach((q, k) => expect(result.reach!.finish[k][j] / type7(finishes, q), t.id).toBeCloseTo(1, 6));
    });
  });

  it('a run stopped after its first block: sensitivity is Spearman\'s ρ over the iterations done', () => {
    const touchpoints = journey(NASTY['negative lags']);
    const stopped = simulateCompletion(touchpoints, { iterations, seed: 4, target: 10, shouldStop: () => true });
    expect(stopped.complete).toBe(false);
    const done = stopped.iterations;
    expect(done).toBe(BLOCK_SIZE);
    const expected = brute(touchpoints, iterations, 4);
    const prepared = prepareSimulation(touchpoints, { iterations, seed: 4, target: 0 });
    const ranks = (values: ArrayLike<number>) => {
      const order = Array.from({ length: values.length }, (_, i) => i).sort((p, q) => values[p] - values[q]);
      const out = new Float64Array(values.length);
      for (let k = 0; k < order.length;) {
        let end = k;
        while (end < order.length && values[order[end]] === values[order[k]]) end++;
        for (let m = k; m < end; m++) out[order[m]] = (k + end + 1) / 2;
        k = end;
      }
      return out;
    };
    const pearson = (x: Float64Array, y: Float64Array) => {
      const mx = x.reduce((a, v) => a + v, 0) / x.length;
      const my = y.reduce((a, v) => a + v, 0) / y.length;
      let sxy = 0; let sxx = 0; let syy = 0;
      for (let i = 0; i < x.length; i++) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) ** 2; syy += (y[i] - my) ** 2; }
      return sxy / Math.sqrt(sxx * syy);
    };
    const finishRanks = ranks(expected.finish.subarray(0, done));
    touchpoints.forEach((t, j) => {
      const raw = new Float32Array(done);
      sampleDurations(prepared, j, 0, done, raw, 0);
      expect(stopped.sensitivity[j], t.id).toBeCloseTo(pearson(ranks(raw), finishRanks), 9);
    });
    const within = Array.from(expected.finish.subarray(0, done)).filter((f) => f <= 10).length;
    expect(stopped.pTarget).toBe(within / done);
  });

  it('where to improve: gains and standard errors equal a brute-force rerun with the candidate scaled', () => {
    const touchpoints = journey(NASTY['group with different predecessors and SS links']);
    const target = 12;
    const { durations, happens } = samples(touchpoints, iterations, 9);
    const result = simulateCompletion(touchpoints, { iterations, seed: 9, target, improvement: { factor: 0.9 } });
    expect(result.improvement!.length).toBeGreaterThan(2);
    const n = touchpoints.length;
    const column = (i: number) => ({
      d: Array.from({ length: n }, (_, j) => durations[j * iterations + i]),
      h: Array.from({ length: n }, (_, j) => happens[j * iterations + i]),
    });
    const type7 = (values: number[], q: number) => {
      const sorted = [...values].sort((x, y) => x - y);
      const h = (sorted.length - 1) * q;
      const lo = Math.floor(h);
      return sorted[lo] + (h - lo) * (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]);
    };
    const baseFinish = Array.from({ length: iterations }, (_, i) => bruteIteration(touchpoints, column(i).d, column(i).h).finish);
    const within: number[][] = [];
    for (const improvement of result.improvement!) {
      const j = touchpoints.findIndex((t) => t.id === improvement.id);
      let sum = 0;
      let squares = 0;
      const improved: number[] = [];
      for (let i = 0; i < iterations; i++) {
        const { d, h } = column(i);
        const base = baseFinish[i] <= target ? 1 : 0;
        improved.push(bruteIteration(touchpoints, d, h, j, 0.9).finish);
        const better = improved[i] <= target ? 1 : 0;
        sum += better - base;
        squares += (better - base) ** 2;
      }
      within.push(improved.map((f) => (f <= target ? 1 : 0)));
      const mean = sum / iterations;
      expect(improvement.pTargetGain).toBeCloseTo(mean, 12);
      // SE of a mean of paired differences: √(s²/n), s² = (ΣD² − n·D̄²)/(n − 1).
      expect(improvement.pTargetGainSE).toBeCloseTo(Math.sqrt((squares - iterations * mean * mean) / (iterations - 1) / iterations), 12);
      expect(improvement.p80Gain).toBeCloseTo(type7(baseFinish, 0.8) - type7(improved, 0.8), 5);
    }
    // Ranked by gain; a tie when the gain differs from the next one's by no more than the SE of their paired difference.
    const gains = result.improvement!.map((g) => g.pTargetGain);
    expect(gains).toEqual([...gains].sort((x, y) => y - x));
    result.improvement!.slice(0, -1).forEach((one, k) => {
      const d = within[k].map((v, i) => v - within[k + 1][i]);
      const mean = d.reduce((s, v) => s + v, 0) / iterations;
      const se = Math.sqrt((d.reduce((s, v) => s + v * v, 0) - iterations * mean * mean) / (iterations - 1) / iterations);
      expect(one.tie, one.id).toBe(Math.abs(one.pTargetGain - result.improvement![k + 1].pTargetGain) <= se);
    });
  });
});
