/**
 * Where to improve: for each candidate touchpoint, how P(finish ≤ target) and P80 would change
 * if its optimistic, most likely and pessimistic times were all scaled by a factor (0.9: 10%
 * shorter).
 *
 * Why scaling the samples is exact: every duration family here is a location–scale family in
 * (a, b − a) whose shape depends only on the ratios of a, m and b (beta-PERT's α and β depend on
 * (m − a)/(b − a); triangular and uniform are fixed by a, m, b; the normal has μ = (a + 4m + b)/6
 * and σ = (b − a)/6, truncated at 0, which scaling leaves at 0). So scaling a, m and b by c
 * scales every quantile by c: Q(u; ca, cm, cb) = c·Q(u; a, m, b). The improved duration in an
 * iteration is therefore c times the base duration drawn from the same stratum.
 *
 * Common random numbers (Law, "Simulation Modeling and Analysis", 5th ed., §11.2): the improved
 * runs use the same permutations, the same happens/group draws and the same correlations as the
 * base run; only the candidate's durations are scaled. The gain in P is the mean of the paired
 * differences D_i = 1[improved_i ≤ T] − 1[base_i ≤ T], with standard error sd(D)/√N; because the
 * pairs share all other randomness, the ranking is stable (same seed → same ranking) and far
 * tighter than two independent runs would give.
 *
 * Only the forward pass is needed (the finish), and only for the candidate and its descendants:
 * every other touchpoint's earliest start and finish are the base run's. Cost bound: candidates
 * are taken in order of criticality, skipping those critical in under 1% of iterations, and
 * added while the forward-pass work they need (descendants + finish candidates per candidate)
 * stays within IMPROVEMENT_WORK_BUDGET full forward passes and the count stays within
 * `maxCandidates` (default 20). The whole computation is then one sampling of durations plus at
 * most 1 + IMPROVEMENT_WORK_BUDGET forward passes — below the 10 base runs allowed (a base run
 * is a sampling, a forward and a backward pass and the statistics).
 *
 * What is left out loses little: shortening a touchpoint can only move the finish in iterations
 * where it is critical (elsewhere no longest path runs through its duration, and the passes are
 * monotone in durations), so its gain in P(finish ≤ target) is at most its criticality — under
 * 1 point for those skipped, exactly 0 for those never critical.
 */
import { BLOCK_SIZE } from './prepareSimulation.ts';
import type { PreparedSimulation } from './prepareSimulation.ts';
import { sampleDurations, sampleHappens } from './sampling.ts';
import { generalForwardNode } from './branchPasses.ts';
import { quantileSorted } from '../math/index.ts';
import type { Improvement } from '../journey/index.ts';

export const DEFAULT_MAX_CANDIDATES = 20;
/** Candidates must be critical in at least this share of iterations. */
export const MIN_CRITICALITY = 0.01;
/** Forward-pass work allowed for all candidates together, in full forward passes. */
export const IMPROVEMENT_WORK_BUDGET = 6;

/** Touchpoints to try, most critical first, within the work budget (see module comment). */
export function improvementCandidates(
  prepared: PreparedSimulation, criticality: ArrayLike<number>, maxCandidates = DEFAULT_MAX_CANDIDATES,
): { index: number; descendants: Int32Array }[] {
  const { count, order, outStart, outSucc, finisher, touchpoints } = prepared;
  const position = new Int32Array(count);
  order.forEach((node, k) => { position[node] = k; });
  let finisherCount = 0;
  for (let j = 0; j < count; j++) finisherCount += finisher[j];
  const ranked = Array.from({ length: count }, (_, j) => j)
    .filter((j) => criticality[j] >= MIN_CRITICALITY)
    .sort((x, y) => criticality[y] - criticality[x] || (touchpoints[x].id < touchpoints[y].id ? -1 : 1));
  const chosen: { index: number; descendants: Int32Array }[] = [];
  let work = 0;
  const seen = new Uint8Array(count);
  for (const j of ranked) {
    if (chosen.length >= maxCandidates) break;
    seen.fill(0);
    const stack = [j];
    seen[j] = 1;
    const found: number[] = [];
    while (stack.length > 0) {
      const node = stack.pop()!;
      found.push(node);
      for (let l = outStart[node]; l < outStart[node + 1]; l++) {
        const succ = outSucc[l];
        if (!seen[succ]) { seen[succ] = 1; stack.push(succ); }
      }
    }
    const cost = found.length + finisherCount;
    if (chosen.length > 0 && work + cost > IMPROVEMENT_WORK_BUDGET * count) break;
    work += cost;
    found.sort((x, y) => position[x] - position[y]);
    chosen.push({ index: j, descendants: Int32Array.from(found) });
  }
  return chosen;
}

/**
 * The improvement of each candidate (see module comment), best first: by gain in
 * P(finish ≤ target), then by P80 gain, then by id. `tie` marks a gain within one standard error
 * of the next one's (the standard error of their paired difference).
 */
export function computeImprovement(
  prepared: PreparedSimulation, base: { criticality: ArrayLike<number> },
  options: { factor: number; maxCandidates?: number },
): Improvement[] {
  const { factor } = options;
  if (!(factor > 0) || !Number.isFinite(factor)) throw new RangeError('The improvement factor must be a number above 0, such as 0.9.');
  const { count, iterations, order, finisher, linkPred, touchpoints, target } = prepared;
  const candidates = improvementCandidates(prepared, base.criticality, options.maxCandidates ?? DEFAULT_MAX_CANDIDATES);
  if (candidates.length === 0) return [];

  const finishers: number[] = [];
  for (let j = 0; j < count; j++) if (finisher[j]) finishers.push(j);
  // Each candidate reads a predecessor from the improved half (rows count..2count−1) when the
  // predecessor is the candidate or one of its descendants, else from the base half.
  const isDescendant = candidates.map(({ descendants }) => {
    const flags = new Uint8Array(count);
    for (const node of descendants) flags[node] = 1;
    return flags;
  });
  const predRows = isDescendant.map((flags) => {
    const rows = new Int32Array(linkPred.length);
    for (let l = 0; l < linkPred.length; l++) rows[l] = flags[linkPred[l]] ? count + linkPred[l] : linkPred[l];
    return rows;
  });
  const finisherRows = isDescendant.map((flags) => Int32Array.from(finishers, (f) => (flags[f] ? count + f : f)));

  const span = Math.max(BLOCK_SIZE, Math.min(iterations, Math.floor(4_000_000 / count / BLOCK_SIZE) * BLOCK_SIZE));
  const durations = new Float32Array(count * span);
  const happens = new Uint8Array(prepared.general ? count * span : 0);
  const earliestStart = new Float64Array(2 * count * BLOCK_SIZE);
  const earliestFinish = new Float64Array(2 * count * BLOCK_SIZE);
  const baseFinish = new Float64Array(iterations);
  const improvedFinish = candidates.map(() => new Float64Array(iterations));
  const identityRows = Int32Array.from(linkPred);

  for (let spanStart = 0; spanStart < iterations; spanStart += span) {
    const spanLength = Math.min(span, iterations - spanStart);
    for (let j = 0; j < count; j++) sampleDurations(prepared, j, spanStart, spanLength, durations, j * span);
    if (prepared.general) sampleHappens(prepared, spanStart, spanLength, durations, happens, span);
    for (let offset = 0; offset < spanLength; offset += BLOCK_SIZE) {
      const length = Math.min(BLOCK_SIZE, spanLength - offset);
      const at = spanStart + offset;
      for (let o = 0; o < count; o++) {
        const j = order[o];
        generalForwardNode(prepared, j, j, identityRows, length, durations, happens, span, offset, 1, earliestStart, earliestFinish);
      }
      maxOverRows(earliestFinish, finishers, length, baseFinish, at);
      candidates.forEach(({ index, descendants }, c) => {
        for (let d = 0; d < descendants.length; d++) {
          const node = descendants[d];
          generalForwardNode(prepared, node, count + node, predRows[c], length, durations, happens, span, offset,
            node === index ? factor : 1, earliestStart, earliestFinish);
        }
        maxOverRows(earliestFinish, finisherRows[c], length, improvedFinish[c], at);
      });
    }
  }

  const n = iterations;
  let baseWithin = 0;
  for (let i = 0; i < n; i++) if (baseFinish[i] <= target) baseWithin++;
  const pBase = baseWithin / n;
  const p80Base = quantileSorted(baseFinish.slice().sort(), 0.8);
  const results = candidates.map(({ index }, c) => {
    const improved = improvedFinish[c];
    let within = 0;
    let gained = 0;
    let lost = 0;
    let sooner = 0;
    for (let i = 0; i < n; i++) {
      sooner += baseFinish[i] - improved[i];
      const now = improved[i] <= target;
      const before = baseFinish[i] <= target;
      if (now) within++;
      if (now && !before) gained++;
      else if (before && !now) lost++;
    }
    const pImproved = within / n;
    const gain = (gained - lost) / n;
    // Sample variance of D ∈ {−1, 0, 1}: (Σ D² − n·mean²)/(n − 1).
    const variance = n > 1 ? Math.max(0, (gained + lost - n * gain * gain) / (n - 1)) : 0;
    const p80Improved = quantileSorted(improved.slice().sort(), 0.8);
    return {
      c,
      improvement: {
        id: touchpoints[index].id,
        pTargetBase: pBase, pTargetImproved: pImproved, pTargetGain: gain, pTargetGainSE: Math.sqrt(variance / n),
        p80Base, p80Improved, p80Gain: p80Base - p80Improved, meanGain: n ? sooner / n : NaN, tie: false,
      } as Improvement,
    };
  });
  results.sort((x, y) => y.improvement.pTargetGain - x.improvement.pTargetGain
    || y.improvement.p80Gain - x.improvement.p80Gain
    || (x.improvement.id < y.improvement.id ? -1 : x.improvement.id > y.improvement.id ? 1 : 0));
  for (let k = 0; k + 1 < results.length; k++) {
    const one = improvedFinish[results[k].c];
    const two = improvedFinish[results[k + 1].c];
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const d = (one[i] <= target ? 1 : 0) - (two[i] <= target ? 1 : 0);
      sum += d;
      squares += d * d;
    }
    const mean = sum / n;
    const se = n > 1 ? Math.sqrt(Math.max(0, (squares - n * mean * mean) / (n - 1)) / n) : 0;
    results[k].improvement.tie = Math.abs(results[k].improvement.pTargetGain - results[k + 1].improvement.pTargetGain) <= se;
  }
  return results.map((r) => r.improvement);
}

function maxOverRows(values: Float64Array, rows: ArrayLike<number>, length: number, out: Float64Array, at: number): void {
  out.fill(0, at, at + length);
  for (let r = 0; r < rows.length; r++) {
    const base = rows[r] * BLOCK_SIZE;
    for (let k = 0; k < length; k++) {
      const value = values[base + k];
      if (value > out[at + k]) out[at + k] = value;
    }
  }
}
