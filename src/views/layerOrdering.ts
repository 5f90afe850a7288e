/**
 * Ordering the touchpoints within each layer of the drawing (networkLayout.ts): barycentre
 * sweeps (Eades & Wormald 1994) with transposition, keeping the order with the fewest crossings
 * seen and each exclusive group together, then the height of every item so that layers line up
 * with their neighbours.
 */
import { DUMMY_GAP, GROUP_PAD, NODE_HEIGHT, ROW_GAP } from './networkShapes.ts';

const SWEEPS = 16;
const TRANSPOSE_PASSES = 4;
const ALIGN_PASSES = 6;

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

export interface Ordering {
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
export function orderLayers(layer: readonly number[], predecessors: readonly (readonly number[])[], groupOf: readonly string[]): Ordering {
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
export function keepGroupsTogether(items: readonly number[], groupOf: readonly string[]): number[] {
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
export function itemHeights(ordering: Ordering, touchpointCount: number, groupOf: readonly string[]): Float64Array {
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
