/**
 * A wide journey folded into bands, like a line of text wrapping: the first `columns` layer
 * columns, then the next ones under them, and so on, so the whole network is read at full size
 * in a box as wide as the page. An edge from one band to the next leaves its band on the right,
 * runs along the gap under it and comes in on the left of the next. Nothing is laid out again:
 * the positions of networkLayout.ts are moved band by band.
 */
import { line, curveBumpX } from 'd3-shape';
import { EDGE_LABEL_HEIGHT, GROUP_PAD, LAYER_GAP, NODE_HEIGHT, NODE_WIDTH } from './networkShapes.ts';
import type { EdgeLabel, LaidOutEdge, NetworkLayout } from './networkShapes.ts';

/** networkLayout.ts's margin around the drawing. */
const MARGIN = 24;
/** Room on either side of a band for the edges that run from one band to the next. */
export const WRAP_PAD = 32;
/** Space between two bands, where those edges cross. */
export const BAND_GAP = 40;
const HALF_GAP = (LAYER_GAP - NODE_WIDTH) / 2;

const curved = line().curve(curveBumpX);
const straight = line();

/** Width of a band of `columns` layer columns, its pads included. */
export function bandWidth(columns: number): number {
  return 2 * WRAP_PAD + 2 * MARGIN + Math.max(columns - 1, 0) * LAYER_GAP + NODE_WIDTH;
}

/** How many layer columns fit side by side in `width` pixels at full size (at least one). */
export function columnsThatFit(width: number): number {
  if (!Number.isFinite(width)) return 1;
  return Math.max(1, Math.floor((width - bandWidth(1)) / LAYER_GAP) + 1);
}

/**
 * Columns per band for `layerCount` layers when `fit` fit side by side: as few bands as that
 * allows, with the columns shared out evenly among them (11 layers, 5 fit: bands of 4, 4 and 3,
 * not 5, 5 and 1).
 */
export function balancedColumns(layerCount: number, fit: number): number {
  const most = Math.max(1, Math.floor(fit));
  if (!(layerCount > most)) return most;
  return Math.ceil(layerCount / Math.ceil(layerCount / most));
}

/**
 * The layout with its layer columns in bands of `columns`, top to bottom. A layout that fits
 * in one band, a simplified one (drawn as marks, too big to read whole anyway), or one whose
 * edges came without their points, comes back as it is. Costs one pass over nodes, edge points, labels and frames.
 */
export function wrapNetwork(layout: NetworkLayout, columns: number): NetworkLayout {
  const perBand = Math.max(1, Math.floor(columns));
  if (layout.layerCount <= perBand || layout.nodes.some((node) => node.mark)) return layout;
  // A big drawing crosses from the worker without its edges' points (drawingForTransfer): it stays as laid out.
  if (layout.edges.some((edge) => edge.points.length < 2)) return layout;
  const bandCount = Math.ceil(layout.layerCount / perBand);
  const span = perBand * LAYER_GAP;
  /** The band an x of the unwrapped drawing falls in: a band ends halfway across the gap after its last column. */
  const bandOfX = (x: number) => Math.min(bandCount - 1, Math.max(0, Math.floor((x - MARGIN + HALF_GAP) / span)));
  const bandOfLayer = (layer: number) => Math.min(bandCount - 1, Math.floor(layer / perBand));

  // How far each band reaches up and down, from everything drawn in it.
  const low = new Array<number>(bandCount).fill(Infinity);
  const high = new Array<number>(bandCount).fill(-Infinity);
  const reach = (band: number, top: number, bottom: number) => {
    low[band] = Math.min(low[band], top);
    high[band] = Math.max(high[band], bottom);
  };
  for (const node of layout.nodes) {
    const pad = NODE_HEIGHT / 2 + (node.group !== '' ? GROUP_PAD : 0) + 10;
    reach(bandOfLayer(node.layer), node.y - pad, node.y + pad);
  }
  for (const frame of layout.groups) reach(bandOfLayer(frame.layer), frame.labelY - 12, frame.y + frame.height);
  for (const edge of layout.edges) {
    if (edge.cut) {
      const depth = Math.max(...edge.points.map(([, y]) => y)) + 24 + 4;
      for (const [x, y] of edge.points) reach(bandOfX(x), y, depth);
    } else {
      for (const [x, y] of edge.points) reach(bandOfX(x), y, y);
    }
    if (edge.label) reach(bandOfLayer(layout.nodes[edge.to].layer), edge.label.y - EDGE_LABEL_HEIGHT, edge.label.y + EDGE_LABEL_HEIGHT);
  }
  const shiftY: number[] = [];
  const bottomOf: number[] = [];
  let cursor = MARGIN;
  for (let band = 0; band < bandCount; band++) {
    if (!Number.isFinite(low[band])) { low[band] = 0; high[band] = 0; }
    shiftY[band] = cursor - low[band];
    cursor += high[band] - low[band];
    bottomOf[band] = cursor;
    cursor += BAND_GAP;
  }
  const width = bandWidth(perBand);
  const height = cursor - BAND_GAP + MARGIN;
  const leftRail = WRAP_PAD + MARGIN - 20;
  const rightRail = width - WRAP_PAD - MARGIN + 20;
  const moveX = (x: number, band: number) => x - band * span + WRAP_PAD;
  const move = ([x, y]: [number, number], band: number): [number, number] => [moveX(x, band), y + shiftY[band]];

  const nodes = layout.nodes.map((node) => {
    const band = bandOfLayer(node.layer);
    return { ...node, x: moveX(node.x, band), y: node.y + shiftY[band] };
  });
  const groups = layout.groups.map((frame) => {
    const band = bandOfLayer(frame.layer);
    return { ...frame, x: moveX(frame.x, band), y: frame.y + shiftY[band], labelX: moveX(frame.labelX, band), labelY: frame.labelY + shiftY[band] };
  });

  const edges = layout.edges.map((edge): LaidOutEdge => {
    const bands = edge.points.map(([x]) => bandOfX(x));
    const points = edge.points.map((point, k) => move(point, bands[k]));
    const last = points.length - 1;
    const label = edge.label ? moveLabel(edge.label, bands[last], bands[last] !== bands[last - 1], points[last]) : null;
    if (edge.cut) {
      const [[x0, y0], [x1, y1]] = points;
      const path = bands[0] === bands[1]
        ? `M${x0},${y0}C${x0},${Math.max(y0, y1) + 24} ${x1},${Math.max(y0, y1) + 24} ${x1},${y1}`
        : straight(points) ?? '';
      return { ...edge, points, path, label };
    }
    // Runs of points within one band, joined by the way round from each band to the next.
    let path = '';
    let run: [number, number][] = [points[0]];
    for (let k = 1; k < points.length; k++) {
      if (bands[k] === bands[k - 1]) { run.push(points[k]); continue; }
      const exitY = run[run.length - 1][1];
      const entry = points[k];
      const gutter = bottomOf[bands[k - 1]] + BAND_GAP / 2;
      path += curved([...run, [rightRail, exitY]]) ?? '';
      path += straight([[rightRail, exitY], [rightRail, gutter], [leftRail, gutter], [leftRail, entry[1]]]) ?? '';
      run = [[leftRail, entry[1]], entry];
    }
    path += curved(run) ?? '';
    return { ...edge, points, path, label };
  });

  /** A label whose stretch runs into the next band sits just left of where its edge comes in. */
  function moveLabel(label: EdgeLabel, band: number, crossing: boolean, entry: [number, number]): EdgeLabel {
    if (!crossing) return { ...label, x: moveX(label.x, band), y: label.y + shiftY[band] };
    return { ...label, x: Math.max(label.width / 2 + 2, entry[0] - label.width / 2 - 4), y: entry[1] - EDGE_LABEL_HEIGHT };
  }

  return { ...layout, nodes, edges, groups, width, height };
}
