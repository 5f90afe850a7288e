import { randomSfc32, uniform01 } from '../src/engine/random.ts';
import type { Touchpoint } from '../src/engine/types.ts';

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
