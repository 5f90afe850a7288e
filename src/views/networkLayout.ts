/**
 * A layered left-to-right drawing of the journey (the Sugiyama framework: Sugiyama, Tagawa &
 * Toda 1981): layers by longest path from the starts, dummy points on edges that skip layers,
 * barycentre sweeps to reduce crossings (Eades & Wormald 1994), then even spacing per layer.
 * Pure and deterministic; O((nodes + edge length) × sweeps).
 */
import { curveBumpX, line } from 'd3-shape';

export interface NetworkInput { id: string; name: string; dependsOn: readonly string[] }

export interface LaidOutNode { id: string; name: string; index: number; layer: number; x: number; y: number }

export interface LaidOutEdge { from: number; to: number; points: [number, number][]; path: string }

export interface NetworkLayout {
  nodes: LaidOutNode[];
  edges: LaidOutEdge[];
  width: number;
  height: number;
  layerCount: number;
}

export const NODE_WIDTH = 150;
export const NODE_HEIGHT = 38;
const LAYER_GAP = 190;
const ROW_GAP = 56;
const SWEEPS = 8;

/** Layer of each node: 0 for starts, else one more than its latest predecessor. Cycles are cut. */
export function assignLayers(predecessors: number[][]): number[] {
  const count = predecessors.length;
  const layer = new Array(count).fill(-1);
  const state = new Uint8Array(count);
  const visit = (start: number) => {
    const stack: { node: number; next: number }[] = [{ node: start, next: 0 }];
    state[start] = 1;
    while (stack.length) {
      const frame = stack[stack.length - 1];
      const preds = predecessors[frame.node];
      if (frame.next < preds.length) {
        const pred = preds[frame.next++];
        if (state[pred] === 0) { state[pred] = 1; stack.push({ node: pred, next: 0 }); }
      } else {
        let best = 0;
        // A predecessor still on the stack closes a cycle: that edge is ignored.
        for (const pred of preds) if (state[pred] === 2) best = Math.max(best, layer[pred] + 1);
        layer[frame.node] = best;
        state[frame.node] = 2;
        stack.pop();
      }
    }
  };
  for (let node = 0; node < count; node++) if (state[node] === 0) visit(node);
  return layer;
}

/** Number of crossings between two adjacent layers' edges, given each node's position. */
export function countCrossings(edges: [number, number][], position: number[]): number {
  let crossings = 0;
  for (let i = 0; i < edges.length; i++) {
    for (let j = i + 1; j < edges.length; j++) {
      const [a, b] = edges[i];
      const [c, d] = edges[j];
      if ((position[a] - position[c]) * (position[b] - position[d]) < 0) crossings++;
    }
  }
  return crossings;
}

export function networkLayout(inputs: readonly NetworkInput[]): NetworkLayout {
  const indexById = new Map<string, number>();
  inputs.forEach((input, index) => { if (!indexById.has(input.id)) indexById.set(input.id, index); });
  const predecessors = inputs.map((input) => [...new Set(input.dependsOn.map((id) => indexById.get(id)).filter((i): i is number => i !== undefined))]);
  const layer = assignLayers(predecessors);
  const layerCount = inputs.length ? Math.max(...layer) + 1 : 0;

  // Graph with dummy nodes: real nodes keep their index; dummies follow.
  const nodeLayer = layer.slice();
  const links: [number, number][] = [];
  const chains: { from: number; to: number; via: number[] }[] = [];
  predecessors.forEach((preds, to) => {
    for (const from of preds) {
      if (layer[from] >= layer[to]) continue; // a cut cycle edge
      const via: number[] = [];
      let previous = from;
      for (let l = layer[from] + 1; l < layer[to]; l++) {
        const dummy = nodeLayer.length;
        nodeLayer.push(l);
        via.push(dummy);
        links.push([previous, dummy]);
        previous = dummy;
      }
      links.push([previous, to]);
      chains.push({ from, to, via });
    }
  });
  const layers: number[][] = Array.from({ length: layerCount }, () => []);
  nodeLayer.forEach((l, node) => layers[l].push(node));
  const up: number[][] = nodeLayer.map(() => []);
  const down: number[][] = nodeLayer.map(() => []);
  for (const [a, b] of links) { down[a].push(b); up[b].push(a); }
  const position = new Array(nodeLayer.length).fill(0);
  layers.forEach((nodes) => nodes.forEach((node, k) => { position[node] = k; }));

  const reorder = (nodes: number[], neighbours: number[][]) => {
    const key = new Map(nodes.map((node) => {
      const around = neighbours[node];
      return [node, around.length ? around.reduce((s, n) => s + position[n], 0) / around.length : position[node]];
    }));
    nodes.sort((a, b) => key.get(a)! - key.get(b)! || position[a] - position[b]);
    nodes.forEach((node, k) => { position[node] = k; });
  };
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    if (sweep % 2 === 0) for (let l = 1; l < layerCount; l++) reorder(layers[l], up);
    else for (let l = layerCount - 2; l >= 0; l--) reorder(layers[l], down);
  }

  const tallest = Math.max(0, ...layers.map((nodes) => nodes.length));
  const height = Math.max(tallest * ROW_GAP, ROW_GAP) + 24;
  const coordinate = (node: number): [number, number] => {
    const nodes = layers[nodeLayer[node]];
    const offset = (tallest - nodes.length) * ROW_GAP / 2;
    return [24 + nodeLayer[node] * LAYER_GAP + NODE_WIDTH / 2, 12 + offset + position[node] * ROW_GAP + ROW_GAP / 2];
  };
  const nodes = inputs.map((input, index) => {
    const [x, y] = coordinate(index);
    return { id: input.id, name: input.name || input.id, index, layer: layer[index], x, y };
  });
  const path = line().curve(curveBumpX);
  const edges = chains.map(({ from, to, via }) => {
    const [x0, y0] = coordinate(from);
    const [x1, y1] = coordinate(to);
    const points: [number, number][] = [[x0 + NODE_WIDTH / 2, y0], ...via.map(coordinate), [x1 - NODE_WIDTH / 2, y1]];
    return { from, to, points, path: path(points) ?? '' };
  });
  return { nodes, edges, width: 48 + Math.max(layerCount - 1, 0) * LAYER_GAP + NODE_WIDTH, height, layerCount };
}
