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
 * 1,000-touchpoint journey takes a few tens of milliseconds.
 */
import { curveBumpX, line } from 'd3-shape';
import { topologicalOrder } from '../engine/journey/index.ts';
import type { Dependency } from '../engine/journey/index.ts';
import { charactersThatFit, formatQuantity, textWidth, truncate } from './text.ts';

/**
 * A touchpoint to draw. `probability` (default 1) and `group` (default none) mark optional
 * touchpoints and exclusive choices; `links` carry each dependency's type and lag.
 */
export interface NetworkInput {
  id: string; name: string; dependsOn: readonly string[];
  probability?: number; group?: string; links?: readonly Dependency[];
}

export interface LaidOutNode {
  id: string; name: string; index: number; layer: number; x: number; y: number;
  /** Share of journeys in which an optional touchpoint (not in a group) happens; null when it always does. */
  optional: number | null;
  /** The exclusive group the touchpoint is a choice in, '' when none. */
  group: string;
  /** Drawn as a small mark rather than a box with its name (a simplified drawing, see simplifiedNetwork.ts). */
  mark?: boolean;
}

/** Words written on an edge: the member's weight when it leads into an exclusive choice, and the link's type and lag. */
export interface EdgeLabel { text: string; x: number; y: number; width: number }

/** A dependency drawn from `from` to `to` (indices into the input); `cut` marks an edge removed to break a cycle. */
export interface LaidOutEdge { from: number; to: number; points: [number, number][]; path: string; cut: boolean; label: EdgeLabel | null }

/** The frame around the members of an exclusive group that share a column: "one of these happens". */
export interface GroupBracket { group: string; layer: number; x: number; y: number; width: number; height: number; label: string; labelX: number; labelY: number }

export interface NetworkLayout {
  nodes: LaidOutNode[];
  edges: LaidOutEdge[];
  groups: GroupBracket[];
  width: number;
  height: number;
  layerCount: number;
  /** Crossings between layers after ordering (dummy points included). */
  crossings: number;
  /** True when the dependencies had a cycle; its closing edges are the `cut` ones. */
  cyclic: boolean;
}

export const NODE_WIDTH = 150;
export const NODE_HEIGHT = 38;
/** Distance between layer columns: the gap left for edges to bend in is LAYER_GAP − NODE_WIDTH. */
export const LAYER_GAP = 240;
/** Pitch of touchpoints stacked in a column. */
export const ROW_GAP = 56;
/** Pitch of an edge passing through a column: narrower than a touchpoint so long edges cost little height. */
export const DUMMY_GAP = 14;
const MARGIN = 24;
/** Extra room above and below an exclusive group's members, for its frame and name. */
export const GROUP_PAD = 20;
export const EDGE_LABEL_SIZE = 10;
export const EDGE_LABEL_HEIGHT = 13;
const SWEEPS = 16;
const TRANSPOSE_PASSES = 4;
const ALIGN_PASSES = 6;

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

/**
 * Number of pairs of links that cross between two adjacent layers, given each end's position
 * in its layer (whole numbers from 0): sort by upper then lower position, then count
 * inversions of the lower positions with a Fenwick tree (Barth, Jünger & Mutzel 2004). Links
 * sharing an end never cross. O(L log L) for L links.
 */
export function countCrossings(links: readonly (readonly [number, number])[], position: ArrayLike<number>): number {
  if (links.length < 2) return 0;
  let span = 0;
  for (const link of links) span = Math.max(span, position[link[1]] + 1);
  // One number per link orders by upper, then lower position; a typed sort needs no comparator.
  const keys = new Float64Array(links.length);
  links.forEach(([upper, lower], k) => { keys[k] = position[upper] * span + position[lower]; });
  keys.sort();
  const tree = new Uint32Array(span + 1);
  let crossings = 0;
  for (let k = 0; k < keys.length; k++) {
    const rank = (keys[k] % span) + 1;
    let atMost = 0;
    for (let i = rank; i > 0; i -= i & -i) atMost += tree[i];
    crossings += k - atMost;
    for (let i = rank; i <= span; i += i & -i) tree[i]++;
  }
  return crossings;
}

interface Ordering {
  /** Layer of every item: touchpoints first (input indices), then dummy points. */
  itemLayer: number[];
  /** Items of each layer, top to bottom. */
  layers: number[][];
  /** Links between adjacent layers, grouped by the upper layer: gaps[l] joins layer l and l + 1. */
  gaps: [number, number][][];
  chains: { from: number; to: number; via: number[] }[];
  crossings: number;
}

/** Neighbours of every item across the gaps in compressed rows: `list[start[i] .. start[i + 1]]`. */
interface Adjacency { start: Int32Array; list: Int32Array }

function adjacency(itemCount: number, gaps: [number, number][][], own: 0 | 1): Adjacency {
  const start = new Int32Array(itemCount + 1);
  for (const gap of gaps) for (const link of gap) start[link[own] + 1]++;
  for (let k = 0; k < itemCount; k++) start[k + 1] += start[k];
  const fill = start.slice(0, itemCount);
  const list = new Int32Array(start[itemCount]);
  for (const gap of gaps) for (const link of gap) list[fill[link[own]]++] = link[1 - own];
  return { start, list };
}

/**
 * Dummy points for long edges, then barycentre sweeps down and up, keeping the order with
 * fewest crossings. Members of one exclusive group in a column are then drawn together, at
 * the place of the first of them, so one frame can hold the choice.
 */
function orderLayers(layer: readonly number[], predecessors: readonly (readonly number[])[], groupOf: readonly string[]): Ordering {
  const layerCount = layer.length ? Math.max(...layer) + 1 : 0;
  const itemLayer = layer.slice();
  const gaps: [number, number][][] = Array.from({ length: Math.max(layerCount - 1, 0) }, () => []);
  const chains: { from: number; to: number; via: number[] }[] = [];
  predecessors.forEach((preds, to) => {
    for (const from of preds) {
      const via: number[] = [];
      let previous = from;
      for (let l = layer[from] + 1; l < layer[to]; l++) {
        const dummy = itemLayer.length;
        itemLayer.push(l);
        via.push(dummy);
        gaps[l - 1].push([previous, dummy]);
        previous = dummy;
      }
      gaps[layer[to] - 1].push([previous, to]);
      chains.push({ from, to, via });
    }
  });
  const up = adjacency(itemLayer.length, gaps, 1);
  const down = adjacency(itemLayer.length, gaps, 0);
  const layers: number[][] = Array.from({ length: layerCount }, () => []);
  itemLayer.forEach((l, item) => layers[l].push(item));
  const position = new Float64Array(itemLayer.length);
  layers.forEach((items) => items.forEach((item, k) => { position[item] = k; }));

  const total = () => gaps.reduce((sum, gap) => sum + countCrossings(gap, position), 0);
  const key = new Float64Array(itemLayer.length);
  const reorder = (items: number[], { start, list }: Adjacency) => {
    for (const item of items) {
      const from = start[item];
      const to = start[item + 1];
      if (from === to) { key[item] = position[item]; continue; }
      let sum = 0;
      for (let k = from; k < to; k++) sum += position[list[k]];
      key[item] = sum / (to - from);
    }
    items.sort((a, b) => key[a] - key[b] || position[a] - position[b]);
    for (let k = 0; k < items.length; k++) position[items[k]] = k;
  };

  // Crossings between the links of two neighbours u, v of one layer, with u above v.
  const pairCrossings = (u: number, v: number, { start, list }: Adjacency) => {
    let crossings = 0;
    for (let i = start[u]; i < start[u + 1]; i++) {
      for (let j = start[v]; j < start[v + 1]; j++) if (position[list[i]] > position[list[j]]) crossings++;
    }
    return crossings;
  };
  // Swaps neighbours while that removes crossings (the "transpose" step of Gansner et al. 1993).
  const transpose = () => {
    for (let pass = 0; pass < TRANSPOSE_PASSES; pass++) {
      let improved = false;
      for (const items of layers) {
        for (let k = 0; k + 1 < items.length; k++) {
          const u = items[k];
          const v = items[k + 1];
          const now = pairCrossings(u, v, up) + pairCrossings(u, v, down);
          const swapped = pairCrossings(v, u, up) + pairCrossings(v, u, down);
          if (swapped < now) {
            items[k] = v; items[k + 1] = u;
            position[v] = k; position[u] = k + 1;
            improved = true;
          }
        }
      }
      if (!improved) break;
    }
  };

  let best = total();
  let bestLayers = layers.map((items) => items.slice());
  let stale = 0;
  for (let sweep = 0; sweep < SWEEPS && best > 0 && stale < 4; sweep++) {
    if (sweep % 2 === 0) for (let l = 1; l < layerCount; l++) reorder(layers[l], up);
    else for (let l = layerCount - 2; l >= 0; l--) reorder(layers[l], down);
    transpose();
    const crossings = total();
    if (crossings < best) { best = crossings; bestLayers = layers.map((items) => items.slice()); stale = 0; } else stale++;
  }
  // Touchpoints with no dependencies either way go to the foot of their column, out of the
  // way; having no links, they cross nothing wherever they stand.
  const linked = (item: number) => up.start[item] < up.start[item + 1] || down.start[item] < down.start[item + 1];
  const settled = bestLayers.map((items) => keepGroupsTogether([...items.filter(linked), ...items.filter((item) => !linked(item))], groupOf));
  return { itemLayer, layers: settled, gaps, chains, crossings: best };
}

/** The items of a column with each exclusive group's members moved up to its first member, in their order. */
function keepGroupsTogether(items: readonly number[], groupOf: readonly string[]): number[] {
  const group = (item: number) => groupOf[item] ?? '';
  if (!items.some((item) => group(item) !== '')) return items.slice();
  const placed = new Set<string>();
  const out: number[] = [];
  for (const item of items) {
    const name = group(item);
    if (name === '') { out.push(item); continue; }
    if (placed.has(name)) continue;
    placed.add(name);
    for (const member of items) if (group(member) === name) out.push(member);
  }
  return out;
}

/**
 * Vertical centre of every item. Within a layer items are stacked with fixed pitches
 * (ROW_GAP per touchpoint, DUMMY_GAP per passing edge), so touchpoints never overlap and
 * stay evenly spaced; each layer as a block then slides to the mean height of its links'
 * other ends, alternating downwards and upwards passes, so chains run straight.
 */
function itemHeights(ordering: Ordering, touchpointCount: number, groupOf: readonly string[]): Float64Array {
  const { itemLayer, layers, gaps } = ordering;
  const pitch = (item: number) => (item < touchpointCount ? ROW_GAP : DUMMY_GAP);
  const group = (item: number) => (item < touchpointCount ? groupOf[item] ?? '' : '');
  const relative = new Float64Array(itemLayer.length);
  for (const items of layers) {
    let y = 0;
    items.forEach((item, k) => {
      if (k > 0) {
        y += (pitch(items[k - 1]) + pitch(item)) / 2;
        // Room for a group's frame and name where a group starts or ends.
        if (group(items[k - 1]) !== group(item)) y += GROUP_PAD;
      }
      relative[item] = y;
    });
    for (const item of items) relative[item] -= y / 2;
  }
  const offset = new Float64Array(layers.length);
  const heightOf = (item: number) => relative[item] + offset[itemLayer[item]];
  const slide = (l: number, links: [number, number][], own: 0 | 1) => {
    if (!links.length) return;
    let sum = 0;
    for (const link of links) sum += heightOf(link[1 - own]) - relative[link[own]];
    offset[l] = sum / links.length;
  };
  for (let pass = 0; pass < ALIGN_PASSES; pass++) {
    if (pass % 2 === 0) for (let l = 1; l < layers.length; l++) slide(l, gaps[l - 1], 1);
    else for (let l = layers.length - 2; l >= 0; l--) slide(l, gaps[l], 0);
  }
  const heights = new Float64Array(itemLayer.length);
  for (let item = 0; item < heights.length; item++) heights[item] = heightOf(item);
  return heights;
}

/** "+7", "−2", "SS", "SS+2": a link's type (finish-to-start unless said) and lag, as written on its edge; '' for a plain link. */
export function linkText(link: Pick<Dependency, 'type' | 'lag'> | undefined): string {
  if (!link) return '';
  const lag = Number.isFinite(link.lag) && link.lag !== 0 ? `${link.lag < 0 ? '−' : '+'}${formatQuantity(Math.abs(link.lag))}` : '';
  return `${link.type === 'SS' ? 'SS' : ''}${lag}`;
}

/**
 * A link in words, for the tooltip on its edge: "Review request starts 5 days after First use
 * finishes", "… 2 days before …", "Onboarding starts 2 days after Signup starts", and for a
 * member of an exclusive choice "Self-serve signup is the choice in 70% of journeys".
 */
export function linkSentence(
  from: string, to: string, link: Pick<Dependency, 'type' | 'lag'> | undefined, options: { weight?: number; timeUnit?: string } = {},
): string {
  const parts: string[] = [];
  if (options.weight !== undefined && Number.isFinite(options.weight)) parts.push(`${to} is the choice in ${shareText(options.weight)} of journeys`);
  if (link && (link.type === 'SS' || (Number.isFinite(link.lag) && link.lag !== 0))) {
    const unit = options.timeUnit ? ` ${options.timeUnit}` : '';
    const event = link.type === 'SS' ? 'starts' : 'finishes';
    const when = link.lag === 0 ? `when ${from} ${event}`
      : `${formatQuantity(Math.abs(link.lag))}${unit} ${link.lag > 0 ? 'after' : 'before'} ${from} ${event}`;
    parts.push(`${to} starts ${when}`);
  }
  return parts.join('; ');
}

/** A share as a whole percentage, or with one decimal when that is needed: "25%", "12.5%". */
export function shareText(probability: number): string {
  return `${formatQuantity(100 * probability, 1)}%`;
}

/**
 * Moves labels that share a column down just enough that none overlap (each keeps its height
 * when it can); labels in different columns never meet. Returns new labels, same order.
 */
export function separateLabels(labels: readonly (EdgeLabel | null)[], height = EDGE_LABEL_HEIGHT): (EdgeLabel | null)[] {
  const out = labels.map((label) => (label ? { ...label } : null));
  const columns = new Map<number, EdgeLabel[]>();
  for (const label of out) {
    if (!label) continue;
    const key = Math.round(label.x);
    columns.set(key, [...(columns.get(key) ?? []), label]);
  }
  for (const column of columns.values()) {
    column.sort((p, q) => p.y - q.y);
    for (let k = 1; k < column.length; k++) column[k].y = Math.max(column[k].y, column[k - 1].y + height);
  }
  return out;
}

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
