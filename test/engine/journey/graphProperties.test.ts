/**
 * Properties of the cycle finding (journey/graph.ts) on random small graphs, against a brute
 * force that lists every elementary cycle by depth-first search (each cycle from its lowest
 * node, through higher nodes only): the touchpoints found in tangles are exactly those on some
 * cycle, the tangles are the groups that share cycles, and each named cycle is a real cycle of
 * the shortest length its tangle has. The transitive reduction keeps who waits for whom, with
 * no link that another path already implies.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cycleTangles, findCycles, topologicalOrder, transitiveReduction } from '../../../src/engine/journey/graph.ts';

/** Every elementary cycle, each as nodes in dependency order (each waits for the one before) from its lowest node. */
function allCycles(predecessors: readonly (readonly number[])[]): number[][] {
  const successors: number[][] = predecessors.map(() => []);
  predecessors.forEach((preds, node) => { for (const pred of preds) successors[pred].push(node); });
  const cycles: number[][] = [];
  const path: number[] = [];
  const walk = (start: number, node: number) => {
    path.push(node);
    for (const next of successors[node]) {
      if (next === start) cycles.push([...path]);
      else if (next > start && !path.includes(next)) walk(start, next);
    }
    path.pop();
  };
  for (let start = 0; start < predecessors.length; start++) walk(start, start);
  return cycles;
}

/** Random graphs of up to 8 nodes, self-dependencies and repeated links included. */
const graphs = fc.integer({ min: 1, max: 8 }).chain((count) =>
  fc.array(fc.array(fc.integer({ min: 0, max: count - 1 }), { maxLength: 4 }), { minLength: count, maxLength: count }));

describe('cycle finding, against every cycle listed by brute force', () => {
  it('marks exactly the touchpoints on some cycle, grouped by the cycles they share', () => {
    fc.assert(fc.property(graphs, (predecessors) => {
      const cycles = allCycles(predecessors);
      const tangles = cycleTangles(predecessors);
      const onCycle = new Set(cycles.flat());
      expect(tangles.flatMap((t) => t.members).sort((x, y) => x - y)).toEqual([...onCycle].sort((x, y) => x - y));
      // Two touchpoints share a tangle exactly when a chain of cycles, each sharing a touchpoint with the next, joins them.
      const group = new Map<number, number>();
      tangles.forEach((tangle, k) => { for (const node of tangle.members) group.set(node, k); });
      for (const cycle of cycles) for (const node of cycle) expect(group.get(node)).toBe(group.get(cycle[0]));
      expect(findCycles(predecessors).length === 0).toBe(topologicalOrder(predecessors) !== undefined);
    }), { numRuns: 500 });
  });

  it('names for each tangle one of its cycles, of the shortest length there', () => {
    fc.assert(fc.property(graphs, (predecessors) => {
      const cycles = allCycles(predecessors);
      const keys = new Set(cycles.map((cycle) => cycle.join(',')));
      for (const { members, cycle } of cycleTangles(predecessors)) {
        expect(keys.has(cycle.join(','))).toBe(true);
        const inTangle = cycles.filter((other) => members.includes(other[0]));
        expect(cycle.length).toBe(Math.min(...inTangle.map((other) => other.length)));
      }
    }), { numRuns: 500 });
  });
});

/** Who waits for whom, directly or not: `waits[a][b]` when a waits for b. */
function waitsFor(predecessors: readonly (readonly number[])[]): boolean[][] {
  const waits = predecessors.map(() => predecessors.map(() => false));
  const visit = (from: number, node: number) => {
    for (const pred of predecessors[node]) if (!waits[from][pred]) { waits[from][pred] = true; visit(from, pred); }
  };
  predecessors.forEach((_, node) => visit(node, node));
  return waits;
}

/** Random acyclic graphs of up to 9 nodes: links only from a lower to a higher index, repeats included. */
const acyclicGraphs = fc.integer({ min: 1, max: 9 }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, node) =>
  fc.array(fc.integer({ min: 0, max: Math.max(node - 1, 0) }), { maxLength: node === 0 ? 0 : 5 }))));

describe('transitive reduction, against reachability by brute force', () => {
  it('keeps who waits for whom, with no link another path implies', () => {
    fc.assert(fc.property(acyclicGraphs, (predecessors) => {
      const reduced = transitiveReduction(predecessors)!;
      expect(waitsFor(reduced)).toEqual(waitsFor(predecessors));
      reduced.forEach((preds, node) => {
        for (const pred of preds) {
          const without = reduced.map((list, k) => (k === node ? list.filter((p) => p !== pred) : list));
          expect(waitsFor(without)[node][pred]).toBe(false);
        }
      });
    }), { numRuns: 300 });
  });
});
