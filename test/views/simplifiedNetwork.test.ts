import { describe, expect, it } from 'vitest';
import { MARK_PITCH, MAX_BOXES, simplifiedNetworkLayout } from '../../src/views/simplifiedNetwork.ts';
import type { NetworkInput } from '../../src/views/networkShapes.ts';

const node = (id: string, ...dependsOn: string[]): NetworkInput => ({ id, name: `Touchpoint ${id}`, dependsOn });

/** `count` touchpoints T0…, each waiting for the `window` just before it. */
function denseChain(count: number, window: number): NetworkInput[] {
  return Array.from({ length: count }, (_, k) => node(`T${k}`, ...Array.from({ length: Math.min(k, window) }, (_, back) => `T${k - 1 - back}`)));
}

describe('simplifiedNetworkLayout', () => {
  it('keeps one node per touchpoint, in layers by depth, with links only forward', () => {
    // A diamond with a shortcut, and a touchpoint on its own.
    const inputs = [node('A'), node('B', 'A'), node('C', 'A'), node('D', 'A', 'B', 'C'), node('E')];
    const layout = simplifiedNetworkLayout(inputs);
    expect(layout.nodes.map((n) => [n.id, n.layer])).toEqual([['A', 0], ['B', 1], ['C', 1], ['D', 2], ['E', 0]]);
    for (const edge of layout.edges) expect(layout.nodes[edge.to].layer).toBeGreaterThan(layout.nodes[edge.from].layer);
  });

  it('draws the links transitively reduced: D waits for A through B and C, so A → D is left out', () => {
    const layout = simplifiedNetworkLayout([node('A'), node('B', 'A'), node('C', 'A'), node('D', 'A', 'B', 'C')]);
    expect(layout.edges.map((e) => [e.from, e.to])).toEqual([[0, 1], [0, 2], [1, 3], [2, 3]]);
    expect(layout.summary).toEqual({ links: 5, reducedLinks: 4, drawnLinks: 4, boxes: 0 });
  });

  it('reduces 2,000 touchpoints with 40 links each to the chain they imply', () => {
    const layout = simplifiedNetworkLayout(denseChain(2000, 40));
    expect(layout.summary.reducedLinks).toBe(1999);
    expect(layout.layerCount).toBe(2000);
  });

  it('draws the emphasised path and its neighbours as boxes and every other touchpoint as a mark', () => {
    const inputs = [node('A'), node('B', 'A'), node('C', 'B'), node('D', 'C'), node('X', 'B'), node('Y')];
    const layout = simplifiedNetworkLayout(inputs, ['A', 'B', 'C']);
    const boxes = layout.nodes.filter((n) => !n.mark).map((n) => n.id);
    // The path, then D (after C) and X (after B); Y touches none of it.
    expect(boxes).toEqual(['A', 'B', 'C', 'D', 'X']);
    expect(layout.nodes.find((n) => n.id === 'Y')?.mark).toBe(true);
    expect(layout.summary.boxes).toBe(5);
  });

  it('draws at most MAX_BOXES boxes, the path first', () => {
    const inputs = denseChain(400, 1);
    const layout = simplifiedNetworkLayout(inputs, inputs.map((t) => t.id));
    expect(layout.nodes.filter((n) => !n.mark)).toHaveLength(MAX_BOXES);
    expect(layout.nodes[MAX_BOXES - 1].mark).toBeUndefined();
    expect(layout.nodes[MAX_BOXES].mark).toBe(true);
  });

  it('draws every touchpoint as a box when there is no limit', () => {
    const layout = simplifiedNetworkLayout(denseChain(300, 5), [], Infinity);
    expect(layout.nodes.every((n) => !n.mark)).toBe(true);
    expect(layout.summary.boxes).toBe(300);
  });

  it('stacks marks of one layer a pitch apart and keeps every point on the page', () => {
    // 30 starts all feeding one end: one layer of 30 marks.
    const inputs = [...Array.from({ length: 30 }, (_, k) => node(`S${k}`)), node('End', ...Array.from({ length: 30 }, (_, k) => `S${k}`))];
    const layout = simplifiedNetworkLayout(inputs);
    const ys = layout.nodes.filter((n) => n.layer === 0).map((n) => n.y).sort((a, b) => a - b);
    for (let k = 1; k < ys.length; k++) expect(ys[k] - ys[k - 1]).toBeCloseTo(MARK_PITCH, 6);
    for (const n of layout.nodes) {
      expect(n.x).toBeGreaterThan(0);
      expect(n.x).toBeLessThan(layout.width);
      expect(n.y).toBeGreaterThan(0);
      expect(n.y).toBeLessThan(layout.height);
    }
  });

  it('draws a link that closes a cycle as an arc and says the journey is cyclic', () => {
    const layout = simplifiedNetworkLayout([node('A', 'C'), node('B', 'A'), node('C', 'B')]);
    expect(layout.cyclic).toBe(true);
    expect(layout.edges.filter((e) => e.cut)).toHaveLength(1);
  });

  it('gives the same picture for the same journey and emphasis', () => {
    const inputs = denseChain(300, 6);
    expect(simplifiedNetworkLayout(inputs, ['T0', 'T1'])).toEqual(simplifiedNetworkLayout(inputs.map((t) => ({ ...t })), ['T0', 'T1']));
  });
});
