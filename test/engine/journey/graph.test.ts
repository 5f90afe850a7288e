import { describe, expect, it } from 'vitest';
import {
  cycleTangles, findCycles, linksOf, predecessorIndices, predecessorLinks, strongComponents, topologicalOrder, transitiveReduction,
} from '../../../src/engine/journey/graph.ts';

describe('predecessorIndices', () => {
  it('maps ids to row indices, dropping unknown ids and repeats; a repeated id in the rows resolves to its first row', () => {
    expect(predecessorIndices(['A', 'B', 'C', 'A'], [[], ['A', 'Q', 'A'], ['B', 'A'], ['C']])).toEqual([[], [0], [1, 0], [2]]);
  });
});

describe('topologicalOrder', () => {
  it('puts every touchpoint after its predecessors: a diamond A → B, C → D in row order', () => {
    expect(topologicalOrder([[], [0], [0], [1, 2]])).toEqual([0, 1, 2, 3]);
  });

  it('takes ready touchpoints lowest index first, wave by wave', () => {
    // Rows 0 and 1 start; 3 waits for 0 and 2 for 1, so the second wave is {2, 3}, in index order.
    expect(topologicalOrder([[], [], [1], [0]])).toEqual([0, 1, 2, 3]);
    // Row 2 is the only start; 0 and 1 both wait for it.
    expect(topologicalOrder([[2], [2], []])).toEqual([2, 0, 1]);
  });

  it('is undefined when there is a cycle, and empty for no touchpoints', () => {
    expect(topologicalOrder([[1], [0], []])).toBeUndefined();
    expect(topologicalOrder([[0]])).toBeUndefined();
    expect(topologicalOrder([])).toEqual([]);
  });

  it('orders a seeded random acyclic graph of 300 nodes so that each edge points forward', () => {
    let state = 12345;
    const random = () => { state = (state * 1103515245 + 12345) % 2147483648; return state / 2147483648; };
    // Edges only from a lower to a higher label, then the labels shuffled, so the graph is acyclic by construction.
    const labels = Array.from({ length: 300 }, (_, i) => i).sort(() => random() - 0.5);
    const predecessors: number[][] = Array.from({ length: 300 }, () => []);
    for (let to = 0; to < 300; to++) for (let from = 0; from < to; from++) if (random() < 0.02) predecessors[labels[to]].push(labels[from]);
    const order = topologicalOrder(predecessors)!;
    expect([...order].sort((x, y) => x - y)).toEqual(Array.from({ length: 300 }, (_, i) => i));
    const position = new Map(order.map((node, k) => [node, k]));
    predecessors.forEach((preds, node) => { for (const pred of preds) expect(position.get(pred)!).toBeLessThan(position.get(node)!); });
  });
});

describe('findCycles', () => {
  it('names a three-step cycle once, in dependency order from its lowest index', () => {
    // 0 depends on 1, 1 on 2, 2 on 0: 0 comes before 2 (2 waits for 0), 2 before 1, 1 before 0.
    expect(findCycles([[1], [2], [0]])).toEqual([[0, 2, 1]]);
  });

  it('finds a touchpoint that depends on itself and separate cycles, and nothing in an acyclic graph', () => {
    expect(findCycles([[0]])).toEqual([[0]]);
    expect(findCycles([[1], [0], [3], [2], []])).toEqual([[0, 1], [2, 3]]);
    expect(findCycles([[], [0], [0, 1]])).toEqual([]);
  });
});

/** A ring of `size` touchpoints from `first`: each waits for the one before it, the first for the last. */
function ring(predecessors: number[][], first: number, size: number): void {
  for (let k = 0; k < size; k++) predecessors[first + k].push(first + ((k + size - 1) % size));
}

/** `count` touchpoints, each waiting for the `window` just before it: acyclic, 40 links each at most. */
function denseChain(count: number, window: number): number[][] {
  return Array.from({ length: count }, (_, node) => Array.from({ length: Math.min(node, window) }, (_, back) => node - 1 - back));
}

describe('strongComponents', () => {
  it('puts each ring in a component of its own and every other touchpoint alone, listed by lowest index', () => {
    const predecessors: number[][] = Array.from({ length: 8 }, () => []);
    ring(predecessors, 0, 3);
    ring(predecessors, 4, 4);
    predecessors[3].push(2); // 3 waits for the first ring but is in no cycle
    predecessors[4].push(3); // and the second ring waits for 3: one way only, so the rings stay apart
    expect(strongComponents(predecessors)).toEqual([[0, 1, 2], [3], [4, 5, 6, 7]]);
  });

  it('walks a 5,000-touchpoint chain without recursion', () => {
    const predecessors = denseChain(5000, 1);
    predecessors[0].push(4999);
    const components = strongComponents(predecessors);
    expect(components).toHaveLength(1);
    expect(components[0]).toHaveLength(5000);
  });
});

describe('cycleTangles', () => {
  it('names a ring whole, from its lowest index, in dependency order', () => {
    const predecessors: number[][] = Array.from({ length: 5 }, () => []);
    ring(predecessors, 0, 5);
    expect(cycleTangles(predecessors)).toEqual([{ members: [0, 1, 2, 3, 4], cycle: [0, 1, 2, 3, 4] }]);
  });

  it('names each of two rings, and nothing for the touchpoints between them', () => {
    const predecessors: number[][] = Array.from({ length: 9 }, () => []);
    ring(predecessors, 0, 3);
    predecessors[3].push(0);
    ring(predecessors, 4, 5);
    predecessors[4].push(3);
    expect(cycleTangles(predecessors)).toEqual([
      { members: [0, 1, 2], cycle: [0, 1, 2] },
      { members: [4, 5, 6, 7, 8], cycle: [4, 5, 6, 7, 8] },
    ]);
  });

  it('names the shorter circle of two that share a touchpoint, as one tangle', () => {
    // 0 → 1 → 2 → 3 → 0 and 0 → 4 → 0: a figure of eight through 0.
    const predecessors: number[][] = [[3, 4], [0], [1], [2], [0]];
    expect(cycleTangles(predecessors)).toEqual([{ members: [0, 1, 2, 3, 4], cycle: [0, 4] }]);
  });

  it('finds the one circle a back edge makes through 5,000 touchpoints with 40 links each, and its shortest way round', () => {
    // Every cycle uses the back edge (0 waits for 4,999), so the shortest goes 0 → 40 → 80 → … →
    // 4,960 → 4,999 in jumps of at most 40: 125 jumps, 126 touchpoints. Linear work by construction:
    // 200,000 links, one component search, and the bounded number of extra starts.
    const predecessors = denseChain(5000, 40);
    predecessors[0].push(4999);
    const [tangle, ...others] = cycleTangles(predecessors);
    expect(others).toEqual([]);
    expect(tangle.members).toHaveLength(5000);
    expect(tangle.cycle).toHaveLength(126);
    expect(tangle.cycle[0]).toBe(0);
    expect(tangle.cycle[tangle.cycle.length - 1]).toBe(4999);
    tangle.cycle.forEach((node, k) => expect(predecessors[node]).toContain(tangle.cycle[(k + tangle.cycle.length - 1) % tangle.cycle.length]));
  });

  it('finds nothing in a dense acyclic journey', () => {
    expect(cycleTangles(denseChain(5000, 40))).toEqual([]);
  });
});

describe('transitiveReduction', () => {
  it('drops a link the touchpoint also waits for through another, and keeps a diamond whole', () => {
    // 3 waits for 1 and 2, which wait for 0; 3 also waits for 0 directly, which adds nothing.
    expect(transitiveReduction([[], [0], [0], [0, 1, 2]])).toEqual([[], [0], [0], [1, 2]]);
  });

  it('reduces 5,000 touchpoints each waiting for the 40 before them to one chain', () => {
    const reduced = transitiveReduction(denseChain(5000, 40))!;
    expect(reduced.every((preds, node) => (node === 0 ? preds.length === 0 : preds.length === 1 && preds[0] === node - 1))).toBe(true);
  });

  it('is undefined for a graph with a cycle, and leaves the input as it was', () => {
    expect(transitiveReduction([[1], [0]])).toBeUndefined();
    const input = [[], [0], [0, 1]];
    transitiveReduction(input);
    expect(input).toEqual([[], [0], [0, 1]]);
  });
});

describe('linksOf and predecessorLinks', () => {
  it('linksOf reads a touchpoint without links as finish-to-start, no lag, on each id', () => {
    expect(linksOf({ dependsOn: ['A', 'B'] })).toEqual([{ id: 'A', type: 'FS', lag: 0 }, { id: 'B', type: 'FS', lag: 0 }]);
    const links = [{ id: 'A', type: 'SS' as const, lag: 2 }];
    expect(linksOf({ dependsOn: ['A'], links })).toBe(links);
  });

  it('predecessorLinks keeps each link\'s type and lag, drops unknown ids and keeps the first of a repeated one', () => {
    const touchpoints = [
      { dependsOn: [] },
      { dependsOn: ['A'], links: [{ id: 'A', type: 'FS' as const, lag: 3 }, { id: 'Q', type: 'FS' as const, lag: 0 }, { id: 'A', type: 'SS' as const, lag: 1 }] },
      { dependsOn: ['A', 'B'] },
    ];
    expect(predecessorLinks(['A', 'B', 'C'], touchpoints)).toEqual([
      [],
      [{ pred: 0, type: 'FS', lag: 3 }],
      [{ pred: 0, type: 'FS', lag: 0 }, { pred: 1, type: 'FS', lag: 0 }],
    ]);
  });
});
