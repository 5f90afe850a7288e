/**
 * Dependency graph helpers over touchpoint indices: predecessor lists, topological order and
 * cycle finding. Indices are input row positions.
 */
import type { Dependency, LinkType } from './types.ts';

/** For each touchpoint, the indices of the touchpoints it depends on (unknown ids dropped, duplicates kept once). */
export function predecessorIndices(ids: readonly string[], dependsOn: readonly (readonly string[])[]): number[][] {
  const indexById = new Map<string, number>();
  ids.forEach((id, index) => { if (!indexById.has(id)) indexById.set(id, index); });
  return dependsOn.map((deps) => {
    const seen = new Set<number>();
    for (const dep of deps) {
      const index = indexById.get(dep);
      if (index !== undefined) seen.add(index);
    }
    return [...seen];
  });
}

/**
 * Kahn's algorithm (Kahn 1962). Returns the order, or undefined when there is a cycle.
 * Among ready nodes the lowest index goes first, so the order is stable for a given input.
 */
export function topologicalOrder(predecessors: readonly (readonly number[])[]): number[] | undefined {
  const count = predecessors.length;
  const remaining = new Int32Array(count);
  const successors: number[][] = Array.from({ length: count }, () => []);
  predecessors.forEach((preds, node) => {
    remaining[node] = preds.length;
    for (const pred of preds) successors[pred].push(node);
  });
  const order: number[] = [];
  // Ready nodes kept in a min-heap-free way: nodes become ready in increasing index order per wave.
  let ready: number[] = [];
  for (let node = 0; node < count; node++) if (remaining[node] === 0) ready.push(node);
  while (ready.length > 0) {
    const next: number[] = [];
    for (const node of ready) {
      order.push(node);
      for (const succ of successors[node]) if (--remaining[succ] === 0) next.push(succ);
    }
    ready = next.sort((x, y) => x - y);
  }
  return order.length === count ? order : undefined;
}

/**
 * Every elementary cycle found by a depth-first search, each as a list of indices in dependency
 * order starting at its lowest index (one cycle per strongly connected tangle is enough to name
 * the problem). Empty when the graph is acyclic.
 */
export function findCycles(predecessors: readonly (readonly number[])[]): number[][] {
  const count = predecessors.length;
  const state = new Uint8Array(count); // 0 unvisited, 1 on stack, 2 done
  const stack: number[] = [];
  const cycles: number[][] = [];
  const seenKeys = new Set<string>();
  // Iterative DFS along "depends on" edges; a back edge closes a cycle.
  for (let root = 0; root < count; root++) {
    if (state[root] !== 0) continue;
    const frames: { node: number; next: number }[] = [{ node: root, next: 0 }];
    state[root] = 1;
    stack.push(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const preds = predecessors[frame.node];
      if (frame.next < preds.length) {
        const pred = preds[frame.next++];
        if (state[pred] === 0) {
          state[pred] = 1;
          stack.push(pred);
          frames.push({ node: pred, next: 0 });
        } else if (state[pred] === 1) {
          // stack holds root → … → frame.node, each depending on the next; pred is on it.
          const cycle = stack.slice(stack.indexOf(pred)).reverse();
          const start = cycle.indexOf(Math.min(...cycle));
          const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
          const key = rotated.join(',');
          if (!seenKeys.has(key)) { seenKeys.add(key); cycles.push(rotated); }
        }
      } else {
        state[frame.node] = 2;
        stack.pop();
        frames.pop();
      }
    }
  }
  return cycles;
}

/** A touchpoint's links; a touchpoint built without them (older callers) waits for each id finish-to-start with no lag. */
export function linksOf(touchpoint: { dependsOn: readonly string[]; links?: readonly Dependency[] }): readonly Dependency[] {
  return touchpoint.links ?? touchpoint.dependsOn.map((id) => ({ id, type: 'FS' as const, lag: 0 }));
}

/** For each touchpoint, its links as predecessor indices (unknown ids dropped; a repeated id kept once, the first). */
export function predecessorLinks(
  ids: readonly string[], touchpoints: readonly { dependsOn: readonly string[]; links?: readonly Dependency[] }[],
): { pred: number; type: LinkType; lag: number }[][] {
  const indexById = new Map<string, number>();
  ids.forEach((id, index) => { if (!indexById.has(id)) indexById.set(id, index); });
  return touchpoints.map((t) => {
    const seen = new Set<number>();
    const result: { pred: number; type: LinkType; lag: number }[] = [];
    for (const link of linksOf(t)) {
      const index = indexById.get(link.id);
      if (index === undefined || seen.has(index)) continue;
      seen.add(index);
      result.push({ pred: index, type: link.type, lag: link.lag });
    }
    return result;
  });
}
