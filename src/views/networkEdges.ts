/**
 * The network's edges, worked out for NetworkView: which links are not plain (finish-to-start
 * without a lag, the only kind whose type or lag does not matter to the drawing), which edges
 * are on the critical path, which are dashed, and, for a big or simplified drawing, every edge
 * merged into four paths.
 */
import type { Dependency, PertAnalysis, Touchpoint } from '../engine/journey/index.ts';
import type { LaidOutEdge, NetworkLayout } from './networkShapes.ts';

/** Above this many links, they are drawn as four paths (plain, optional, critical, closing a cycle) rather than one element each. */
export const MERGE_EDGES_ABOVE = 2000;

const linkKey = (fromId: string, toId: string) => `${fromId}\u0001${toId}`;

/** The links that are not plain finish-to-start without a lag, found by `linkOf(from, to)`; undefined for a plain one or none. */
export function specialLinks(touchpoints: readonly Touchpoint[]): (fromId: string, toId: string) => Dependency | undefined {
  const special = new Map<string, Dependency>();
  for (const t of touchpoints) for (const link of t.links ?? []) if (link.type !== 'FS' || link.lag !== 0) special.set(linkKey(link.id, t.id), link);
  return (fromId, toId) => special.get(linkKey(fromId, toId));
}

/**
 * Whether the edge from the touchpoint at `from` to the one at `to` (their places in `pert`) is
 * on the critical path: both ends are critical and the link is tight, the second starting exactly
 * when the link lets it (the first's finish, or its start for a start-to-start link, plus the
 * lag). Two critical touchpoints can also be joined by a slack edge. `link` is asked for only then.
 */
export function isTightEdge(pert: PertAnalysis | null, from: number | undefined, to: number | undefined, link: () => Dependency | undefined): boolean {
  if (!pert || from === undefined || to === undefined || !pert.critical[from] || !pert.critical[to]) return false;
  const { type, lag } = link() ?? { type: 'FS', lag: 0 };
  const release = (type === 'SS' ? pert.earliestStart[from] : pert.earliestFinish[from]) + lag;
  return Math.abs(pert.earliestStart[to] - release) <= 1e-9 * Math.max(1, Math.abs(pert.mean));
}

/** Whether an edge is dashed: it leads to or from an optional touchpoint. */
export function isOptionalEdge(layout: NetworkLayout, edge: LaidOutEdge): boolean {
  return layout.nodes[edge.to]?.optional !== null || layout.nodes[edge.from]?.optional !== null;
}

/**
 * Every edge merged into four paths (plain, optional, critical, closing a cycle), for a
 * simplified drawing or one of more than MERGE_EDGES_ABOVE links; null to draw one element each.
 */
export function mergedEdgePaths(
  layout: NetworkLayout, simplified: boolean, isCritical: (from: number, to: number) => boolean,
): { plain: string; optional: string; critical: string; cut: string } | null {
  if (!simplified && layout.edges.length <= MERGE_EDGES_ABOVE) return null;
  const plain: string[] = [];
  const optional: string[] = [];
  const tight: string[] = [];
  const cut: string[] = [];
  for (const edge of layout.edges) {
    (edge.cut ? cut : isCritical(edge.from, edge.to) ? tight : isOptionalEdge(layout, edge) ? optional : plain).push(edge.path);
  }
  return { plain: plain.join(''), optional: optional.join(''), critical: tight.join(''), cut: cut.join('') };
}
