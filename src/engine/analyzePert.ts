/**
 * Classic PERT on expected times: the critical path method's forward and backward pass
 * (Kelley & Walker 1959) on te = (a + 4m + b)/6, with the normal approximation for the finish
 * (Malcolm et al. 1959; Hillier & Lieberman, "Introduction to Operations Research", ch. 10).
 * Links may be finish-to-start or start-to-start with a lag, as in the precedence diagramming
 * method (Moder, Phillips & Davis, "Project Management with CPM, PERT and Precedence
 * Diagramming", 3rd ed., ch. 4).
 */
import { pertClassicVariance, pertExpectedTime } from './distributions.ts';
import { predecessorLinks, topologicalOrder } from './graph.ts';
import { standardNormalCdf } from './specialFunctions.ts';
import type { PertAnalysis, Touchpoint } from './types.ts';

/**
 * Forward/backward pass, slack and critical path on expected times, and P(finish ≤ target)
 * = Φ((target − μ)/σ). Expects a validated journey (see coerceJourney); throws on a cycle.
 *
 * This is the expected-time view. A touchpoint that happens with probability p (or is a member
 * of an exclusive group with weight p) counts with expected time p·te and variance
 * p·σ² + p(1 − p)·te² (the law of total variance for a time that is te-distributed with
 * probability p and zero otherwise); lags count as typed. For a branched journey this is only
 * a rough guide — the Monte Carlo simulation, which decides per iteration what happens, is the
 * answer there.
 *
 * Passes (precedence diagramming, Moder et al. ch. 4): ES_j = max(0, max over links of
 * EF_i + lag for finish-to-start and ES_i + lag for start-to-start), EF_j = ES_j + te_j; the
 * finish is the largest EF (with start-to-start links or negative lags it need not be at a
 * touchpoint without successors). Backward: LF_j = min(finish, LS_k − lag over finish-to-start
 * links j→k, LS_k − lag + te_j over start-to-start links), LS_j = LF_j − te_j, slack LS − ES.
 *
 * Ties: every touchpoint with zero slack (≤ 1e-9 × finish) is critical, so when two paths are
 * equally long both are reported, listed together in topological order. The finish variance is
 * the largest sum of variances along any zero-slack chain from a start to the finish — the
 * conservative choice where tied paths differ in spread (Hillier & Lieberman use the single
 * mean critical path, which this equals when there is no tie). A start-to-start link passes on
 * its predecessor's start, so the predecessor's own variance does not enter the chain through it.
 */
export function analyzePert(touchpoints: readonly Touchpoint[], target: number): PertAnalysis {
  const count = touchpoints.length;
  const ids = touchpoints.map((t) => t.id);
  const links = predecessorLinks(ids, touchpoints);
  const order = topologicalOrder(links.map((list) => list.map((link) => link.pred)));
  if (!order) throw new Error('analyzePert needs an acyclic journey: validate it with coerceJourney first.');

  const expected = new Float64Array(count);
  const touchpointVariance = new Float64Array(count);
  touchpoints.forEach((t, i) => {
    const p = t.probability ?? 1;
    const te = pertExpectedTime(t.optimistic, t.mostLikely, t.pessimistic);
    expected[i] = p * te;
    touchpointVariance[i] = p * pertClassicVariance(t.optimistic, t.pessimistic) + p * (1 - p) * te * te;
  });

  const earliestStart = new Float64Array(count);
  const earliestFinish = new Float64Array(count);
  let finish = 0;
  for (const node of order) {
    let start = 0;
    for (const { pred, type, lag } of links[node]) {
      start = Math.max(start, (type === 'SS' ? earliestStart[pred] : earliestFinish[pred]) + lag);
    }
    earliestStart[node] = start;
    earliestFinish[node] = start + expected[node];
    finish = Math.max(finish, earliestFinish[node]);
  }

  const latestFinish = new Float64Array(count).fill(finish);
  const latestStart = new Float64Array(count);
  for (let k = count - 1; k >= 0; k--) {
    const node = order[k];
    latestStart[node] = latestFinish[node] - expected[node];
    for (const { pred, type, lag } of links[node]) {
      const bound = type === 'SS' ? latestStart[node] - lag + expected[pred] : latestStart[node] - lag;
      latestFinish[pred] = Math.min(latestFinish[pred], bound);
    }
  }

  const tolerance = 1e-9 * Math.max(finish, 1e-300);
  const slack = new Float64Array(count);
  const critical = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    slack[i] = latestStart[i] - earliestStart[i];
    if (Math.abs(slack[i]) <= tolerance) { slack[i] = 0; critical[i] = 1; }
  }

  // Largest variance along a zero-slack chain: a longest-path pass restricted to critical
  // touchpoints joined by binding links (the link's bound equals the node's start).
  const chainVariance = new Float64Array(count).fill(-Infinity);
  let finishVariance = 0;
  for (const node of order) {
    if (!critical[node]) continue;
    let best = earliestStart[node] <= tolerance ? 0 : -Infinity;
    for (const { pred, type, lag } of links[node]) {
      if (!critical[pred]) continue;
      const bound = (type === 'SS' ? earliestStart[pred] : earliestFinish[pred]) + lag;
      if (Math.abs(bound - earliestStart[node]) > tolerance) continue;
      best = Math.max(best, type === 'SS' ? chainVariance[pred] - touchpointVariance[pred] : chainVariance[pred]);
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
