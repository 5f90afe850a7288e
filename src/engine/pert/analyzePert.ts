/**
 * Classic PERT on expected times: the critical path method's forward and backward pass
 * (Kelley & Walker 1959) on te = (a + 4m + b)/6, with the normal approximation for the finish
 * (Malcolm et al. 1959; Hillier & Lieberman, "Introduction to Operations Research", ch. 10).
 * Links may be finish-to-start or start-to-start with a lag, as in the precedence diagramming
 * method (Moder, Phillips & Davis, "Project Management with CPM, PERT and Precedence
 * Diagramming", 3rd ed., ch. 4).
 */
import { pertClassicVariance, pertExpectedTime } from './distributions.ts';
import { predecessorLinks, topologicalOrder } from '../journey/index.ts';
import { standardNormalCdf } from '../math/index.ts';
import type { PertAnalysis, Touchpoint } from '../journey/index.ts';

/**
 * Forward/backward pass, slack and critical path on expected times, and P(finish ≤ target)
 * = Φ((target − μ)/σ). Expects a validated journey (see coerceJourney); throws on a cycle.
 *
 * This is the expected-time view. An optional touchpoint that happens with probability p counts
 * with expected time p·te and variance p·σ² + p(1 − p)·te² (the law of total variance for a
 * time that is te-distributed with probability p and zero otherwise); lags count as typed. An
 * exclusive group is one choice: its members keep their full te and σ², and a successor's
 * earliest start from the members it links to is the weight-average of their finishes (see
 * choiceBound), its variance the mixture variance (see choiceVariance). Members without
 * successors end the journey as such a choice. For a branched journey this is only
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

  // Group weights, renormalised over each group (as the simulation picks them).
  const groupOf = touchpoints.map((t) => t.group ?? '');
  const groupTotal = new Map<string, number>();
  touchpoints.forEach((t, i) => {
    if (groupOf[i] !== '') groupTotal.set(groupOf[i], (groupTotal.get(groupOf[i]) ?? 0) + (t.probability ?? 1));
  });
  const weight = touchpoints.map((t, i) => (groupOf[i] === '' ? 1 : (t.probability ?? 1) / groupTotal.get(groupOf[i])!));

  const expected = new Float64Array(count);
  const touchpointVariance = new Float64Array(count);
  touchpoints.forEach((t, i) => {
    const te = pertExpectedTime(t.optimistic, t.mostLikely, t.pessimistic);
    const variance = pertClassicVariance(t.optimistic, t.pessimistic);
    // Group members keep their full time: the weighting happens where a successor meets the group.
    const p = groupOf[i] === '' ? t.probability ?? 1 : 1;
    expected[i] = p * te;
    touchpointVariance[i] = p * variance + p * (1 - p) * te * te;
  });

  // Each touchpoint's links, with its links to members of one group gathered into one choice.
  // The journey's end is a last choice over the members that have no successors.
  const hasSuccessor = new Uint8Array(count);
  // Touchpoints whose finish can be the journey's: no successors, or a start-to-start or
  // negative-lag link out (a touchpoint before a choice may finish after the choice's mean).
  const finisher = new Uint8Array(count).fill(1);
  links.forEach((list) => list.forEach(({ pred, type, lag }) => {
    hasSuccessor[pred] = 1;
    if (type === 'FS' && lag >= 0 && finisher[pred] === 1) finisher[pred] = 2;
  }));
  links.forEach((list) => list.forEach(({ pred, type, lag }) => { if (type === 'SS' || lag < 0) finisher[pred] = 1; }));
  for (let i = 0; i < count; i++) if (finisher[i] === 2) finisher[i] = 0;
  const terms = links.map((list) => gatherTerms(list, groupOf));
  const endChoices = gatherTerms(
    ids.flatMap((_, i) => (groupOf[i] !== '' && !hasSuccessor[i] ? [{ pred: i, type: 'FS' as const, lag: 0 }] : [])), groupOf,
  ).filter((term): term is Choice => 'members' in term);

  const earliestStart = new Float64Array(count);
  const earliestFinish = new Float64Array(count);
  const boundOf = (term: Term) => ('members' in term
    ? choiceBound(term, earliestStart, earliestFinish, weight)
    : (term.type === 'SS' ? earliestStart[term.pred] : earliestFinish[term.pred]) + term.lag);
  let finish = 0;
  for (const node of order) {
    let start = 0;
    for (const term of terms[node]) start = Math.max(start, boundOf(term));
    earliestStart[node] = start;
    earliestFinish[node] = start + expected[node];
    if (groupOf[node] === '' && finisher[node]) finish = Math.max(finish, earliestFinish[node]);
  }
  for (const choice of endChoices) finish = Math.max(finish, boundOf(choice));

  // Backward: a member of a choice gets the slack of the choice as a whole (LF_i = EF_i + LS_k − B),
  // so the members of a choice that binds are critical together.
  // Only touchpoints that can end the journey start from its finish; the rest from their successors.
  const latestFinish = new Float64Array(count).fill(Infinity);
  for (let i = 0; i < count; i++) if (groupOf[i] === '' && finisher[i]) latestFinish[i] = finish;
  const giveSlack = (choice: Choice, latest: number) => {
    const slack = latest - choiceBound(choice, earliestStart, earliestFinish, weight);
    for (const { pred } of choice.members) latestFinish[pred] = Math.min(latestFinish[pred], earliestFinish[pred] + slack);
  };
  for (const choice of endChoices) giveSlack(choice, finish);
  const latestStart = new Float64Array(count);
  for (let k = count - 1; k >= 0; k--) {
    const node = order[k];
    latestStart[node] = latestFinish[node] - expected[node];
    for (const term of terms[node]) {
      if ('members' in term) { giveSlack(term, latestStart[node]); continue; }
      const { pred, type, lag } = term;
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
  // touchpoints joined by binding links (the link's bound equals the node's start). A binding
  // choice contributes its mixture variance (see choiceVariance).
  const chainVariance = new Float64Array(count).fill(-Infinity);
  let finishVariance = 0;
  for (const node of order) {
    if (!critical[node]) continue;
    let best = earliestStart[node] <= tolerance ? 0 : -Infinity;
    for (const term of terms[node]) {
      if (Math.abs(boundOf(term) - earliestStart[node]) > tolerance) continue;
      if ('members' in term) {
        best = Math.max(best, choiceVariance(term, earliestStart, earliestFinish, weight, chainVariance, touchpointVariance));
        continue;
      }
      const { pred, type } = term;
      if (!critical[pred]) continue;
      best = Math.max(best, type === 'SS' ? chainVariance[pred] - touchpointVariance[pred] : chainVariance[pred]);
    }
    chainVariance[node] = best + touchpointVariance[node];
    if (groupOf[node] === '' && finisher[node] && Math.abs(earliestFinish[node] - finish) <= tolerance) {
      finishVariance = Math.max(finishVariance, chainVariance[node]);
    }
  }
  for (const choice of endChoices) {
    if (Math.abs(boundOf(choice) - finish) > tolerance) continue;
    finishVariance = Math.max(finishVariance, choiceVariance(choice, earliestStart, earliestFinish, weight, chainVariance, touchpointVariance));
  }

  const sd = Math.sqrt(finishVariance);
  const pTarget = sd > 0 ? standardNormalCdf((target - finish) / sd) : (target >= finish ? 1 : 0);

  return {
    ids, expected, touchpointVariance, earliestStart, earliestFinish, latestStart, latestFinish, slack, critical,
    criticalPath: order.filter((node) => critical[node]).map((node) => ids[node]),
    mean: finish, variance: finishVariance, pTarget,
  };
}

type Link = { pred: number; type: 'FS' | 'SS'; lag: number };
/** A touchpoint's links to the members of one exclusive group (one or more of them). */
type Choice = { members: Link[] };
type Term = Link | Choice;

/** A touchpoint's links, those to members of one group gathered into one choice (in first-link order). */
function gatherTerms(list: readonly Link[], groupOf: readonly string[]): Term[] {
  const terms: Term[] = [];
  const byGroup = new Map<string, Choice>();
  for (const link of list) {
    const group = groupOf[link.pred];
    if (group === '') { terms.push(link); continue; }
    let choice = byGroup.get(group);
    if (!choice) { choice = { members: [] }; byGroup.set(group, choice); terms.push(choice); }
    choice.members.push(link);
  }
  return terms;
}

/**
 * The expected bound a choice puts on its successor's start. With W the total weight of the
 * linked members: with probability w_i member i happened and the bound is b_i (its finish, or
 * start for SS, plus the lag); with probability 1 − W none of them did and, as in the
 * simulation, they pass on their own starts (lags dropped): the largest of those, b₀. So
 * B = Σ w_i·b_i + (1 − W)·b₀; linked to every member, W = 1 and B is the weighted mean.
 */
function choiceBound(choice: Choice, earliestStart: Float64Array, earliestFinish: Float64Array, weight: readonly number[]): number {
  let total = 0;
  let sum = 0;
  let passed = -Infinity;
  for (const { pred, type, lag } of choice.members) {
    total += weight[pred];
    sum += weight[pred] * ((type === 'SS' ? earliestStart[pred] : earliestFinish[pred]) + lag);
    passed = Math.max(passed, earliestStart[pred]);
  }
  return total >= 1 - 1e-12 ? sum : sum + (1 - total) * passed;
}

/**
 * The variance of a choice's bound by the law of total variance (Ross, "A First Course in
 * Probability", §7.5; the mixture variance): Σ w_i(V_i + b_i²) + (1 − W)(V₀ + b₀²) − B², where
 * V_i is the variance of the chain up to b_i (up to the member's finish; up to its start for
 * SS) and V₀ that up to the start b₀ passed on. With one shared chain before the group this is
 * that chain's variance plus Σw(σ² + te²) − (Σw·te)².
 */
function choiceVariance(
  choice: Choice, earliestStart: Float64Array, earliestFinish: Float64Array, weight: readonly number[],
  chainVariance: Float64Array, touchpointVariance: Float64Array,
): number {
  const finite = (x: number) => (Number.isFinite(x) ? Math.max(0, x) : 0);
  let total = 0;
  let moment = 0;
  let passed = -Infinity;
  let passedVariance = 0;
  for (const { pred, type, lag } of choice.members) {
    const startVariance = finite(chainVariance[pred] - touchpointVariance[pred]);
    const variance = type === 'SS' ? startVariance : (Number.isFinite(chainVariance[pred]) ? chainVariance[pred] : touchpointVariance[pred]);
    const bound = (type === 'SS' ? earliestStart[pred] : earliestFinish[pred]) + lag;
    total += weight[pred];
    moment += weight[pred] * (variance + bound * bound);
    if (earliestStart[pred] > passed) { passed = earliestStart[pred]; passedVariance = startVariance; }
  }
  if (total < 1 - 1e-12) moment += (1 - total) * (passedVariance + passed * passed);
  const mean = choiceBound(choice, earliestStart, earliestFinish, weight);
  return Math.max(0, moment - mean * mean);
}
