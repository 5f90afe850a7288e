import { randomSfc32, uniform01 } from '../src/engine/math/index.ts';
import type { Correlation, Touchpoint, TouchpointInput } from '../src/engine/journey/index.ts';

/**
 * A seeded random layered journey for benchmarks: touchpoint k depends on 0–3 of the 20
 * before it; a in 1–5, m = a + 0–5, b = m + 0.5–10.
 */
export function randomLayeredJourney(count: number, seed = 42): Touchpoint[] {
  const next = randomSfc32(seed, 0xbe9c4);
  const touchpoints: Touchpoint[] = [];
  for (let k = 0; k < count; k++) {
    const optimistic = 1 + 4 * uniform01(next);
    const mostLikely = optimistic + 5 * uniform01(next);
    const pessimistic = mostLikely + 0.5 + 9.5 * uniform01(next);
    const dependencyCount = k === 0 ? 0 : Math.floor(4 * uniform01(next));
    const dependsOn = new Set<string>();
    for (let d = 0; d < dependencyCount; d++) {
      const back = 1 + Math.floor(uniform01(next) * Math.min(20, k));
      dependsOn.add(`T${k - back}`);
    }
    touchpoints.push({
      id: `T${k}`, name: `Touchpoint ${k}`, stage: '', optimistic, mostLikely, pessimistic,
      distribution: 'beta-pert', dependsOn: [...dependsOn], probability: 1, group: '',
      links: [...dependsOn].map((id) => ({ id, type: 'FS' as const, lag: 0 })),
    });
  }
  return touchpoints;
}

/**
 * The layered journey with branches and correlations: every fifth touchpoint (20%) is optional
 * with a chance of 20–90%, and `groups` correlation groups of `groupSize` touchpoints each
 * (spread over the journey) share ρ between 0.3 and 0.6.
 */
export function randomBranchedJourney(count: number, groups = 20, groupSize = 5, seed = 42): { touchpoints: Touchpoint[]; correlations: Correlation[] } {
  const next = randomSfc32(seed, 0xb7a4c);
  const touchpoints = randomLayeredJourney(count, seed).map((t, k) => (k % 5 === 2 ? { ...t, probability: 0.2 + 0.7 * uniform01(next) } : t));
  const correlations: Correlation[] = [];
  for (let g = 0; g < groups && (g + 1) * groupSize <= count; g++) {
    const ids = Array.from({ length: groupSize }, (_, k) => `T${(g + k * groups) % count}`);
    correlations.push({ ids, rho: 0.3 + 0.3 * uniform01(next) });
  }
  return { touchpoints, correlations };
}

/**
 * A seeded dense journey as typed rows, the shape a share link carries: touchpoint k depends on
 * `dependencies` distinct touchpoints among the `spread` × `dependencies` before it (fewer near
 * the start; spread 1: exactly the ones just before it). With `cycle`, the first touchpoint also
 * waits for the last, which closes circles through the whole journey.
 */
export function denseJourneyRows(count: number, dependencies: number, { cycle = false, seed = 7, spread = 2 } = {}): TouchpointInput[] {
  const next = randomSfc32(seed, 0xd3e5e);
  const rows: TouchpointInput[] = [];
  for (let k = 0; k < count; k++) {
    const optimistic = 1 + Math.floor(4 * uniform01(next));
    const mostLikely = optimistic + Math.floor(5 * uniform01(next));
    const pessimistic = mostLikely + 1 + Math.floor(9 * uniform01(next));
    const window = Math.min(k, Math.round(spread * dependencies));
    const picked = new Set<number>();
    while (picked.size < Math.min(dependencies, window)) picked.add(k - 1 - Math.floor(uniform01(next) * window));
    const dependsOn = [...picked].sort((x, y) => y - x).map((j) => `T${j}`);
    if (cycle && k === 0) dependsOn.push(`T${count - 1}`);
    rows.push({
      id: `T${k}`, name: `Touchpoint ${k}`, stage: '', optimistic: String(optimistic), mostLikely: String(mostLikely),
      pessimistic: String(pessimistic), distribution: 'beta-pert', dependsOn: dependsOn.join(' '), probability: '', group: '',
    });
  }
  return rows;
}
