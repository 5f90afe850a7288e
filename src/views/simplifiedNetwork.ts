/**
 * A simplified drawing of a journey too big to lay out in full in about a second (see
 * networkDrawing.ts): touchpoints in layers by depth (longest chain of waits from a start), the
 * links transitively reduced (a link is left out when the touchpoint also waits for that
 * predecessor through another one, so the order shown is the same with far fewer lines), every
 * touchpoint a small mark in its layer, and the critical path and its neighbours drawn in full
 * as named boxes. No dummy points and no crossing sweeps: a few barycentre passes order each
 * layer, so the cost stays near linear — O(touchpoints × kept links / 32) for the reduction
 * plus O(passes × (kept links + touchpoints log touchpoints)).
 *
 * Pure and deterministic: the same journey and emphasis always give the same picture.
 */
import { curveBumpX, line } from 'd3-shape';
import { topologicalOrder, transitiveReduction } from '../engine/journey/index.ts';
import { acyclicPredecessors } from './networkLayers.ts';
import { LAYER_GAP, NODE_HEIGHT, NODE_WIDTH, ROW_GAP } from './networkShapes.ts';
import type { LaidOutEdge, LaidOutNode, NetworkInput, NetworkLayout } from './networkShapes.ts';

/** Radius of a touchpoint's mark. */
export const MARK_RADIUS = 4;
/** Pitch of marks stacked in a layer. */
export const MARK_PITCH = 12;
/** Gap between two layers of marks only; beside a layer with boxes the full layout's gap is kept. */
const MARK_LAYER_GAP = 6;
/** Most touchpoints drawn as boxes: the critical path first, in order, then its neighbours. */
export const MAX_BOXES = 150;
/** Most links drawn: those touching a box first. */
export const MAX_DRAWN_LINKS = 12_000;
/** Most links closing a cycle drawn as arcs. */
const MAX_DRAWN_CUTS = 100;
const MARGIN = 24;
const ORDER_PASSES = 4;
const ALIGN_PASSES = 6;

/** What a simplified drawing left out, for the line above it. */
export interface SimplifiedSummary {
  /** Links in the journey (each dependency once; cycles' closing links included). */
  links: number;
  /** Links kept by the transitive reduction. */
  reducedLinks: number;
  /** Links drawn (at most MAX_DRAWN_LINKS of the reduced ones, plus closing arcs). */
  drawnLinks: number;
  /** Touchpoints drawn as boxes. */
  boxes: number;
}

const edgePath = line().curve(curveBumpX);

/**
 * The simplified drawing. `emphasis`: ids drawn as boxes, in order (the critical path); their
 * direct neighbours follow, up to `maxBoxes` in all (MAX_BOXES unless said; Infinity draws every
 * touchpoint as a box). Unknown ids are ignored. `crossings` is −1: not counted.
 */
export function simplifiedNetworkLayout(
  inputs: readonly NetworkInput[], emphasis: readonly string[] = [], maxBoxes = MAX_BOXES,
): NetworkLayout & { summary: SimplifiedSummary } {
  const count = inputs.length;
  const groupOf = inputs.map((input) => input.group?.trim() ?? '');
  const { predecessors, cut, cyclic } = acyclicPredecessors(inputs);
  const order = topologicalOrder(predecessors) ?? [];
  const layer = new Int32Array(count);
  for (const node of order) for (const from of predecessors[node]) if (layer[from] + 1 > layer[node]) layer[node] = layer[from] + 1;
  const reduced = transitiveReduction(predecessors) ?? predecessors.map((preds) => preds.slice());
  const successors: number[][] = inputs.map(() => []);
  reduced.forEach((preds, to) => { for (const from of preds) successors[from].push(to); });

  // Boxes: the emphasised touchpoints in their order, then their neighbours in the journey.
  const indexById = new Map<string, number>();
  inputs.forEach((input, index) => { if (!indexById.has(input.id)) indexById.set(input.id, index); });
  const box = new Uint8Array(count);
  let boxes = 0;
  const addBox = (node: number | undefined) => { if (node !== undefined && !box[node] && boxes < maxBoxes) { box[node] = 1; boxes++; } };
  const emphasised = emphasis.map((id) => indexById.get(id)).filter((node): node is number => node !== undefined);
  for (const node of emphasised) addBox(node);
  const waitedForBy: number[][] = inputs.map(() => []);
  predecessors.forEach((preds, to) => { for (const from of preds) waitedForBy[from].push(to); });
  for (const node of emphasised) {
    for (const from of predecessors[node]) addBox(from);
    for (const to of waitedForBy[node]) addBox(to);
  }
  if (maxBoxes === Infinity) for (let node = 0; node < count; node++) addBox(node);

  // Layers, ordered by barycentre passes over the kept links (down, then up, …).
  const layerCount = count ? Math.max(...layer) + 1 : 0;
  const layers: number[][] = Array.from({ length: layerCount }, () => []);
  for (let node = 0; node < count; node++) layers[layer[node]].push(node);
  const rank = new Float64Array(count);
  layers.forEach((items) => items.forEach((node, k) => { rank[node] = k; }));
  const key = new Float64Array(count);
  for (let pass = 0; pass < ORDER_PASSES; pass++) {
    const down = pass % 2 === 0;
    const sequence = down ? layers.keys() : [...layers.keys()].reverse();
    for (const l of sequence) {
      const items = layers[l];
      for (const node of items) {
        const neighbours = down ? reduced[node] : successors[node];
        if (neighbours.length === 0) { key[node] = rank[node]; continue; }
        let sum = 0;
        for (const other of neighbours) sum += rank[other];
        key[node] = sum / neighbours.length;
      }
      items.sort((a, b) => key[a] - key[b] || rank[a] - rank[b]);
      items.forEach((node, k) => { rank[node] = k; });
    }
  }

  // Columns: a layer with a box is as wide as the full drawing's; one of marks only is narrow.
  const hasBox = layers.map((items) => items.some((node) => box[node] === 1));
  const columnX = new Float64Array(layerCount);
  let right = MARGIN;
  for (let l = 0; l < layerCount; l++) {
    const width = hasBox[l] ? NODE_WIDTH : 2 * MARK_RADIUS;
    if (l > 0) right += hasBox[l] || hasBox[l - 1] ? LAYER_GAP - NODE_WIDTH : MARK_LAYER_GAP;
    columnX[l] = right + width / 2;
    right += width;
  }
  const halfWidth = (node: number) => (box[node] ? NODE_WIDTH / 2 : MARK_RADIUS);
  const halfHeight = (node: number) => (box[node] ? NODE_HEIGHT / 2 : MARK_RADIUS);

  // Heights: fixed pitches in a layer, each layer then slid to the mean height of its links' other ends.
  const pitch = (node: number) => (box[node] ? ROW_GAP : MARK_PITCH);
  const relative = new Float64Array(count);
  for (const items of layers) {
    let y = 0;
    items.forEach((node, k) => { if (k > 0) y += (pitch(items[k - 1]) + pitch(node)) / 2; relative[node] = y; });
    for (const node of items) relative[node] -= y / 2;
  }
  const offset = new Float64Array(layerCount);
  const heightOf = (node: number) => relative[node] + offset[layer[node]];
  for (let pass = 0; pass < ALIGN_PASSES; pass++) {
    const down = pass % 2 === 0;
    const sequence = down ? layers.keys() : [...layers.keys()].reverse();
    for (const l of sequence) {
      let sum = 0;
      let links = 0;
      for (const node of layers[l]) {
        for (const other of down ? reduced[node] : successors[node]) { sum += heightOf(other) - relative[node]; links++; }
      }
      if (links > 0) offset[l] = sum / links;
    }
  }
  let top = Infinity;
  let bottom = -Infinity;
  for (let node = 0; node < count; node++) {
    top = Math.min(top, heightOf(node) - halfHeight(node));
    bottom = Math.max(bottom, heightOf(node) + halfHeight(node));
  }
  if (!Number.isFinite(top)) { top = 0; bottom = 0; }
  const shift = MARGIN - top;
  const nodeX = (node: number) => columnX[layer[node]];
  const nodeY = (node: number) => heightOf(node) + shift;

  const nodes: LaidOutNode[] = inputs.map((input, index) => {
    const probability = input.probability ?? 1;
    return {
      id: input.id, name: input.name || input.id, index, layer: layer[index], x: nodeX(index), y: nodeY(index),
      optional: groupOf[index] === '' && Number.isFinite(probability) && probability < 1 ? probability : null,
      group: groupOf[index], ...(box[index] ? {} : { mark: true }),
    };
  });

  // Kept links, those touching a box first, then by where they lead.
  const kept: [number, number][] = [];
  reduced.forEach((preds, to) => { for (const from of preds) kept.push([from, to]); });
  const touchesBox = ([from, to]: [number, number]) => (box[from] || box[to] ? 0 : 1);
  const drawn = kept.length > MAX_DRAWN_LINKS ? [...kept].sort((p, q) => touchesBox(p) - touchesBox(q)).slice(0, MAX_DRAWN_LINKS) : kept;
  const edges: LaidOutEdge[] = drawn.map(([from, to]) => {
    const points: [number, number][] = [[nodeX(from) + halfWidth(from), nodeY(from)], [nodeX(to) - halfWidth(to), nodeY(to)]];
    return { from, to, points, path: edgePath(points) ?? '', cut: false, label: null };
  });
  for (const [from, to] of cut.slice(0, MAX_DRAWN_CUTS)) {
    const depth = Math.max(nodeY(from) + halfHeight(from), nodeY(to) + halfHeight(to)) + 24;
    const points: [number, number][] = [[nodeX(from), nodeY(from) + halfHeight(from)], [nodeX(to), nodeY(to) + halfHeight(to)]];
    const path = `M${points[0][0]},${points[0][1]}C${points[0][0]},${depth} ${points[1][0]},${depth} ${points[1][0]},${points[1][1]}`;
    edges.push({ from, to, points, path, cut: true, label: null });
    bottom = Math.max(bottom, depth - shift + 4);
  }

  let links = cut.length;
  for (const preds of predecessors) links += preds.length;
  return {
    nodes, edges, groups: [],
    width: right + MARGIN,
    height: Math.max(bottom - top, 2 * MARK_RADIUS) + 2 * MARGIN,
    layerCount, crossings: -1, cyclic,
    summary: { links, reducedLinks: kept.length, drawnLinks: edges.length, boxes },
  };
}
