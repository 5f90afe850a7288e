/**
 * Classic PERT on expected times: the critical path method's forward and backward pass
 * (Kelley & Walker 1959) on te = (a + 4m + b)/6, with the normal approximation for the finish
 * (Malcolm et al. 1959; Hillier & Lieberman, "Introduction to Operations Research", ch. 10).
 */
import { pertClassicVariance, pertExpectedTime } from './distributions.ts';
import { predecessorIndices, topologicalOrder } from './graph.ts';
import { standardNormalCdf } from './specialFunctions.ts';
import type { PertAnalysis, Touchpoint } from './types.ts';

/**
 * Forward/backward pass, slack and critical path on expected times, and P(finish ≤ target)
 * = Φ((target − μ)/σ). Expects a validated journey (see coerceJourney); throws on a cycle.
 *
 * Ties: every touchpoint with zero slack (≤ 1e-9 × finish) is critical, so when two paths are
 * equally long both are reported, listed together in topological order. The finish variance is
 * the largest sum of variances along any zero-slack chain from a start to an end — the
 * conservative choice where tied paths differ in spread (Hillier & Lieberman use the single
 * mean critical path, which this equals when there is no tie).
 */
export function analyzePert(touchpoints: readonly Touchpoint[], target: number): PertAnalysis {
  const count = touchpoints.length;
  const ids = touchpoints.map((t) => t.id);
  const predecessors = predecessorIndices(ids, touchpoints.map((t) => t.dependsOn));
  const order = topologicalOrder(predecessors);
  if (!order) throw new Error('analyzePert needs an acyclic journey: validate it with coerceJourney first.');

  const expected = new Float64Array(count);
  const touchpointVariance = new Float64Array(count);
  touchpoints.forEach((t, i) => {
    expected[i] = pertExpectedTime(t.optimistic, t.mostLikely, t.pessimistic);
    touchpointVariance[i] = pertClassicVariance(t.optimistic, t.pessimistic);
  });

  const earliestStart = new Float64Array(count);
  const earliestFinish = new Float64Array(count);
  let finish = 0;
  for (const node of order) {
    let start = 0;
    for (const pred of predecessors[node]) start = Math.max(start, earliestFinish[pred]);
    earliestStart[node] = start;
    earliestFinish[node] = start + expected[node];
    finish = Math.max(finish, earliestFinish[node]);
  }

  const latestFinish = new Float64Array(count).fill(finish);
  const latestStart = new Float64Array(count);
  for (let k = count - 1; k >= 0; k--) {
    const node = order[k];
    latestStart[node] = latestFinish[node] - expected[node];
    for (const pred of predecessors[node]) latestFinish[pred] = Math.min(latestFinish[pred], latestStart[node]);
  }

  const tolerance = 1e-9 * Math.max(finish, 1e-300);
  const slack = new Float64Array(count);
  const critical = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    slack[i] = latestStart[i] - earliestStart[i];
    if (Math.abs(slack[i]) <= tolerance) { slack[i] = 0; critical[i] = 1; }
  }

  // Largest variance along a zero-slack chain: a longest-path pass restricted to critical
  // touchpoints joined back to back (pred's finish = node's start).
  const chainVariance = new Float64Array(count).fill(-Infinity);
  let finishVariance = 0;
  for (const node of order) {
    if (!critical[node]) continue;
    let best = earliestStart[node] <= tolerance ? 0 : -Infinity;
    for (const pred of predecessors[node]) {
      if (critical[pred] && Math.abs(earliestFinish[pred] - earliestStart[node]) <= tolerance) {
        best = Math.max(best, chainVariance[pred]);
      }
    }
    chainVariance[node] = best + touchpointVariance[node];
    if (Math.abs(earliestFinish[node] - finish) <= tolerance) finishVariance = Math.max(finishVariance, chainVariance[node]);
  }

  const sd = Math.sqrt(finishVariance);
  const pTarget = sd > 0 ? standardNormalCdf((target - finish) / sd) : (target >= finish ? 1 : 0);

  return {
    ids, expected, touchpointVariance, earliestStart, earliestFinish, latestStart, latestFinish, slack, critical,
    criticalPath: order.filter((node) => critical[node]).map((node) => ids[node]),
    mean: finish, variance: finishVariance, pTarget,
  };
}
