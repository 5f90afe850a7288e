/**
 * The first steps of the layered drawing (networkLayout.ts): each touchpoint's predecessors
 * with cycles cut, a layer for every touchpoint by longest path, and an estimate of the layout
 * work a journey needs (for the drawing budget).
 */
import { topologicalOrder } from '../engine/journey/index.ts';
import type { NetworkInput } from './networkShapes.ts';

/**
 * Each touchpoint's predecessors as indices, without unknown ids, repeats or self-dependencies,
 * and with cycles broken: a depth-first walk in input order drops every edge that closes a
 * cycle. Ids repeated in the input resolve to their first row.
 */
export function acyclicPredecessors(inputs: readonly NetworkInput[]): { predecessors: number[][]; cut: [number, number][]; cyclic: boolean } {
  const count = inputs.length;
  const indexById = new Map<string, number>();
  inputs.forEach((input, index) => { if (!indexById.has(input.id)) indexById.set(input.id, index); });
  const successors: number[][] = inputs.map(() => []);
  let cyclic = false;
  inputs.forEach((input, to) => {
    const seen = new Set<number>();
    for (const id of input.dependsOn) {
      const from = indexById.get(id);
      if (from === undefined || seen.has(from)) continue;
      seen.add(from);
      if (from === to) cyclic = true;
      else successors[from].push(to);
    }
  });
  const state = new Uint8Array(count); // 0 unvisited, 1 on the walk's path, 2 done
  const cutKeys = new Set<number>();
  const cut: [number, number][] = [];
  for (let start = 0; start < count; start++) {
    if (state[start]) continue;
    const stack: { node: number; next: number }[] = [{ node: start, next: 0 }];
    state[start] = 1;
    while (stack.length) {
      const frame = stack[stack.length - 1];
      const out = successors[frame.node];
      if (frame.next < out.length) {
        const to = out[frame.next++];
        if (state[to] === 1) {
          cutKeys.add(frame.node * count + to);
          cut.push([frame.node, to]);
        } else if (state[to] === 0) {
          state[to] = 1;
          stack.push({ node: to, next: 0 });
        }
      } else {
        state[frame.node] = 2;
        stack.pop();
      }
    }
  }
  const predecessors: number[][] = inputs.map(() => []);
  successors.forEach((out, from) => {
    for (const to of out) if (!cutKeys.has(from * count + to)) predecessors[to].push(from);
  });
  for (const preds of predecessors) preds.sort((p, q) => p - q);
  return { predecessors, cut, cyclic: cyclic || cut.length > 0 };
}

/**
 * What laying out a journey in full would cost, before doing it: its touchpoints, the dummy
 * points its long edges need, and the links between adjacent layers (each edge counts once
 * per layer it spans). The ordering sweeps are linear in `items + links` (times a log), so
 * `work` = items + links predicts the layout's time; bench/networkBudget.ts measures where it
 * crosses about a second. Linear in touchpoints plus links.
 */
export function layoutWork(inputs: readonly NetworkInput[]): { touchpoints: number; links: number; dummies: number; work: number } {
  const { predecessors } = acyclicPredecessors(inputs);
  const layer = assignLayers(predecessors);
  let links = 0;
  predecessors.forEach((preds, to) => { for (const from of preds) links += layer[to] - layer[from]; });
  let edges = 0;
  for (const preds of predecessors) edges += preds.length;
  const dummies = links - edges;
  return { touchpoints: inputs.length, links, dummies, work: inputs.length + dummies + links };
}

/**
 * Layer of each touchpoint (acyclic predecessors): first the longest path from the starts
 * (0 for a start, else one more than its latest predecessor), then, from the ends backwards,
 * a touchpoint with more successors than predecessors moves right up to just before its
 * earliest successor, which shortens more edges than it lengthens. Starts that feed a late
 * touchpoint thus sit beside it instead of in one tall first column. Both steps give the same
 * layers in any topological order (each reads only layers already final), so the engine's order
 * serves. A cycle is a programming error here (acyclicPredecessors cuts them) and throws.
 */
export function assignLayers(predecessors: readonly (readonly number[])[]): number[] {
  const order = topologicalOrder(predecessors);
  if (!order) throw new Error('assignLayers needs acyclic predecessors: cut the cycles with acyclicPredecessors first.');
  const layer = new Array<number>(predecessors.length).fill(0);
  const successors: number[][] = predecessors.map(() => []);
  predecessors.forEach((preds, to) => { for (const from of preds) successors[from].push(to); });
  for (const node of order) for (const from of predecessors[node]) layer[node] = Math.max(layer[node], layer[from] + 1);
  for (let k = order.length - 1; k >= 0; k--) {
    const node = order[k];
    if (successors[node].length <= predecessors[node].length) continue;
    let limit = Infinity;
    for (const next of successors[node]) limit = Math.min(limit, layer[next] - 1);
    if (limit > layer[node]) layer[node] = limit;
  }
  return layer;
}
