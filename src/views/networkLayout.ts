/**
 * A layered left-to-right drawing of the journey, in the Sugiyama framework (Sugiyama, Tagawa &
 * Toda 1981): cut cycles, layer by longest path from the starts, pull touchpoints that feed more
 * than they wait on towards their successors, put dummy points on edges that skip layers, reduce
 * crossings with barycentre sweeps (Eades & Wormald 1994) keeping the best order seen, then give
 * each layer fixed spacing and slide it to line up with its neighbours.
 *
 * Branches and waits: the members of an exclusive group that share a column are kept next to
 * each other with room around them for one frame; each edge into a member carries its weight,
 * and an edge with a wait or an overlap carries "+7", "−2" or "SS+2", placed in the gap before
 * the touchpoint it leads to and moved down where labels of one gap would overlap.
 *
 * Pure and deterministic: the same journey always gives the same picture. Cost is
 * O(sweeps × (items log items + links log items)) where items counts dummy points too; a
 * 1,000-touchpoint journey takes a few tens of milliseconds. The steps live in networkLayers.ts
 * (cycles cut, layers), layerOrdering.ts (order within layers, heights) and edgeLabels.ts.
 */
import { curveBumpX, line } from 'd3-shape';
import { charactersThatFit, textWidth, truncate } from './text.ts';
import { linkText, separateLabels, shareText } from './edgeLabels.ts';
import { itemHeights, keepGroupsTogether, orderLayers } from './layerOrdering.ts';
import type { Ordering } from './layerOrdering.ts';
import { acyclicPredecessors, assignLayers } from './networkLayers.ts';
import { DUMMY_GAP, EDGE_LABEL_HEIGHT, EDGE_LABEL_SIZE, GROUP_PAD, LAYER_GAP, NODE_HEIGHT, NODE_WIDTH, ROW_GAP } from './networkShapes.ts';
import type { EdgeLabel, GroupBracket, LaidOutEdge, LaidOutNode, NetworkInput, NetworkLayout } from './networkShapes.ts';

const MARGIN = 24;

/** Offsets that spread `count` edge ends over a touchpoint's side instead of meeting in one point. */
function portOffsets(count: number): number[] {
  const spacing = count > 1 ? Math.min(6, (NODE_HEIGHT - 12) / (count - 1)) : 0;
  return Array.from({ length: count }, (_, k) => (k - (count - 1) / 2) * spacing);
}

const edgePath = line().curve(curveBumpX);

/** The whole drawing of a journey, in pixels with the top-left corner at (0, 0). */
export function networkLayout(inputs: readonly NetworkInput[]): NetworkLayout {
  const count = inputs.length;
  const groupOf = inputs.map((input) => input.group?.trim() ?? '');
  const { predecessors, cut, cyclic } = acyclicPredecessors(inputs);
  const layer = assignLayers(predecessors);
  const ordering = orderLayers(layer, predecessors, groupOf);
  const heights = itemHeights(ordering, count, groupOf);

  let top = Infinity;
  let bottom = -Infinity;
  ordering.itemLayer.forEach((_, item) => {
    // A group member's frame and name reach GROUP_PAD beyond the touchpoint.
    const half = item < count ? NODE_HEIGHT / 2 + (groupOf[item] !== '' ? GROUP_PAD : 0) : 0;
    top = Math.min(top, heights[item] - half);
    bottom = Math.max(bottom, heights[item] + half);
  });
  if (!Number.isFinite(top)) { top = 0; bottom = 0; }
  const shift = MARGIN - top;
  const y = (item: number) => heights[item] + shift;
  const x = (item: number) => MARGIN + ordering.itemLayer[item] * LAYER_GAP + NODE_WIDTH / 2;

  const nodes: LaidOutNode[] = inputs.map((input, index) => {
    const probability = input.probability ?? 1;
    return {
      id: input.id, name: input.name || input.id, index, layer: layer[index], x: x(index), y: y(index),
      optional: groupOf[index] === '' && Number.isFinite(probability) && probability < 1 ? probability : null,
      group: groupOf[index],
    };
  });

  // Edge ends on each touchpoint's sides, ordered by where the edge goes so they do not cross there.
  const firstStep = (chain: Ordering['chains'][number]) => chain.via[0] ?? chain.to;
  const lastStep = (chain: Ordering['chains'][number]) => chain.via[chain.via.length - 1] ?? chain.from;
  const outgoing: number[][] = inputs.map(() => []);
  const incoming: number[][] = inputs.map(() => []);
  ordering.chains.forEach((chain, k) => { outgoing[chain.from].push(k); incoming[chain.to].push(k); });
  const startOffset = new Float64Array(ordering.chains.length);
  const endOffset = new Float64Array(ordering.chains.length);
  for (const list of outgoing) {
    list.sort((p, q) => y(firstStep(ordering.chains[p])) - y(firstStep(ordering.chains[q])) || p - q);
    portOffsets(list.length).forEach((offset, k) => { startOffset[list[k]] = offset; });
  }
  for (const list of incoming) {
    list.sort((p, q) => y(lastStep(ordering.chains[p])) - y(lastStep(ordering.chains[q])) || p - q);
    portOffsets(list.length).forEach((offset, k) => { endOffset[list[k]] = offset; });
  }

  const edges: LaidOutEdge[] = ordering.chains.map((chain, k) => {
    // Through a column an edge runs level, in its dummy's lane; it bends only between columns.
    const points: [number, number][] = [[x(chain.from) + NODE_WIDTH / 2, y(chain.from) + startOffset[k]]];
    for (const dummy of chain.via) points.push([x(dummy) - NODE_WIDTH / 2, y(dummy)], [x(dummy) + NODE_WIDTH / 2, y(dummy)]);
    points.push([x(chain.to) - NODE_WIDTH / 2, y(chain.to) + endOffset[k]]);
    return { from: chain.from, to: chain.to, points, path: edgePath(points) ?? '', cut: false, label: null };
  });
  // Labels sit in the middle of an edge's last stretch, in the gap left of the touchpoint it leads to.
  const labels = ordering.chains.map((chain, k): EdgeLabel | null => {
    const target = inputs[chain.to];
    const fromId = inputs[chain.from].id;
    const weight = groupOf[chain.to] !== '' && Number.isFinite(target.probability ?? 1) ? shareText(target.probability ?? 1) : '';
    const lag = linkText(target.links?.find((link) => link.id === fromId));
    const text = [weight, lag].filter((part) => part !== '').join(' · ');
    if (text === '') return null;
    const points = edges[k].points;
    const [x0, y0] = points[points.length - 2];
    const [x1, y1] = points[points.length - 1];
    return { text, x: (x0 + x1) / 2, y: (y0 + y1) / 2, width: textWidth(text, EDGE_LABEL_SIZE) + 6 };
  });
  separateLabels(labels).forEach((label, k) => { edges[k].label = label; if (label) bottom = Math.max(bottom, label.y - shift + EDGE_LABEL_HEIGHT); });
  // An edge that closes a cycle goes backwards: drawn as an arc under both ends.
  for (const [from, to] of cut) {
    const depth = Math.max(y(from), y(to)) + NODE_HEIGHT / 2 + 24;
    const points: [number, number][] = [[x(from), y(from) + NODE_HEIGHT / 2], [x(to), y(to) + NODE_HEIGHT / 2]];
    const path = `M${points[0][0]},${points[0][1]}C${points[0][0]},${depth} ${points[1][0]},${depth} ${points[1][0]},${points[1][1]}`;
    edges.push({ from, to, points, path, cut: true, label: null });
    bottom = Math.max(bottom, depth - shift + 4);
  }

  // One frame per exclusive group and column, around its members, named above its top edge.
  const groups: GroupBracket[] = [];
  const members = new Map<string, LaidOutNode[]>();
  for (const node of nodes) if (node.group !== '') members.set(`${node.layer}\u0001${node.group}`, [...(members.get(`${node.layer}\u0001${node.group}`) ?? []), node]);
  for (const list of members.values()) {
    const top = Math.min(...list.map((node) => node.y)) - NODE_HEIGHT / 2 - 6;
    const low = Math.max(...list.map((node) => node.y)) + NODE_HEIGHT / 2 + 6;
    const left = list[0].x - NODE_WIDTH / 2 - 6;
    groups.push({
      group: list[0].group, layer: list[0].layer, x: left, y: top, width: NODE_WIDTH + 12, height: low - top,
      // The name stays within the frame's width, clear of the edge labels in the gaps beside it.
      label: truncate(`${list[0].group}: one of`, charactersThatFit(NODE_WIDTH + 8, 11)), labelX: left + 2, labelY: top - 4,
    });
    bottom = Math.max(bottom, low - shift);
  }

  const layerCount = count ? Math.max(...layer) + 1 : 0;
  return {
    nodes,
    edges,
    groups,
    width: 2 * MARGIN + Math.max(layerCount - 1, 0) * LAYER_GAP + NODE_WIDTH,
    height: Math.max(bottom - top, NODE_HEIGHT) + 2 * MARGIN,
    layerCount,
    crossings: ordering.crossings,
    cyclic,
  };
}
