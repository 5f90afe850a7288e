/**
 * The network's edges: the links whose type or lag matter, which edges are critical (tight),
 * which are dashed, and the four merged paths of a big drawing.
 */
import { describe, expect, it } from 'vitest';
import { MERGE_EDGES_ABOVE, isOptionalEdge, isTightEdge, mergedEdgePaths, specialLinks } from '../../src/views/networkEdges.ts';
import type { Touchpoint } from '../../src/engine/journey/types.ts';
import type { LaidOutEdge, LaidOutNode, NetworkLayout } from '../../src/views/networkShapes.ts';
import { handPert } from './fixtures.ts';

const touchpoint = (id: string, links: Touchpoint['links']): Touchpoint => ({
  id, name: id, stage: '', optimistic: 1, mostLikely: 2, pessimistic: 3, distribution: 'beta-pert',
  dependsOn: links.map((link) => link.id), links, probability: 1, group: '',
});

describe('specialLinks', () => {
  it('finds a link with a lag or another type, and nothing for a plain finish-to-start one', () => {
    const linkOf = specialLinks([
      touchpoint('A', []),
      touchpoint('B', [{ id: 'A', type: 'FS', lag: 0 }]),
      touchpoint('C', [{ id: 'A', type: 'SS', lag: 0 }, { id: 'B', type: 'FS', lag: 2 }]),
    ]);
    expect(linkOf('A', 'B')).toBeUndefined();
    expect(linkOf('A', 'C')).toEqual({ id: 'A', type: 'SS', lag: 0 });
    expect(linkOf('B', 'C')).toEqual({ id: 'B', type: 'FS', lag: 2 });
    expect(linkOf('C', 'A')).toBeUndefined();
  });
});

describe('isTightEdge', () => {
  // A (0–5) → B starts at 5, A → C starts at 5 but C is not critical.
  const pert = handPert();
  const plain = () => undefined;

  it('marks an edge between critical touchpoints where the second starts when the first finishes', () => {
    expect(isTightEdge(pert, 0, 1, plain)).toBe(true);
    expect(isTightEdge(pert, 0, 2, plain)).toBe(false);
    expect(isTightEdge(null, 0, 1, plain)).toBe(false);
    expect(isTightEdge(pert, undefined, 1, plain)).toBe(false);
  });

  it('counts a link\'s lag, and a start-to-start link from the first one\'s start', () => {
    const lagged = handPert({ earliestStart: Float64Array.from([0, 7, 5]) });
    expect(isTightEdge(lagged, 0, 1, plain)).toBe(false);
    expect(isTightEdge(lagged, 0, 1, () => ({ id: 'A', type: 'FS', lag: 2 }))).toBe(true);
    expect(isTightEdge(lagged, 0, 1, () => ({ id: 'A', type: 'SS', lag: 7 }))).toBe(true);
  });

  it('asks for the link only when both ends are critical', () => {
    let asked = 0;
    isTightEdge(handPert(), 0, 2, () => { asked++; return undefined; });
    expect(asked).toBe(0);
  });
});

describe('isOptionalEdge and mergedEdgePaths', () => {
  const laid = (id: string, optional: number | null): LaidOutNode => ({ id, name: id, index: 0, layer: 0, x: 0, y: 0, optional, group: '' });
  const edge = (from: number, to: number, path: string, cut = false): LaidOutEdge => ({ from, to, points: [], path, cut, label: null });
  const layout = (edges: LaidOutEdge[]): NetworkLayout => ({
    nodes: [laid('A', null), laid('B', null), laid('C', 0.3)], edges, groups: [], width: 100, height: 100, layerCount: 3, crossings: 0, cyclic: false,
  });

  it('dashes an edge to or from an optional touchpoint', () => {
    const small = layout([edge(0, 1, 'M0'), edge(1, 2, 'M1')]);
    expect(small.edges.map((e) => isOptionalEdge(small, e))).toEqual([false, true]);
  });

  it('draws each edge on its own for a small whole drawing', () => {
    expect(mergedEdgePaths(layout([edge(0, 1, 'M0')]), false, () => false)).toBeNull();
  });

  it('merges the edges of a simplified drawing into four paths: a cut edge as cut, else a critical one as critical, else a dashed one as optional', () => {
    const edges = [edge(0, 1, 'a'), edge(1, 2, 'b'), edge(0, 2, 'c', true), edge(0, 1, 'd')];
    const merged = mergedEdgePaths(layout(edges), true, () => false);
    expect(merged).toEqual({ plain: 'ad', optional: 'b', critical: '', cut: 'c' });
    expect(mergedEdgePaths(layout(edges), true, () => true)).toEqual({ plain: '', optional: '', critical: 'abd', cut: 'c' });
  });

  it('merges the edges of a whole drawing of more than MERGE_EDGES_ABOVE links', () => {
    const many = Array.from({ length: MERGE_EDGES_ABOVE + 1 }, () => edge(0, 1, 'M'));
    expect(mergedEdgePaths(layout(many), false, () => false)?.plain).toHaveLength(MERGE_EDGES_ABOVE + 1);
  });
});
