/**
 * Layout of the completion-time chart, in pixels, computed before anything is drawn: scales,
 * one bar per bin exactly as the simulation counted it (no smoothing), the cumulative
 * S-curve path, axis ticks, and the P50/P80/P95/target markers with labels stacked in rows so
 * none overlap. Pure: the same result and size always give the same layout.
 */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { SimulationResult } from '../engine/journey/index.ts';
import { formatQuantity, textWidth } from './text.ts';
import { countNumber, fixedNumber, percentNumber, upToNumber } from './localeNumbers.ts';

export type ChartMode = 'histogram' | 'cumulative';

export interface Margin { top: number; right: number; bottom: number; left: number }

export interface Bar { x: number; y: number; width: number; height: number; start: number; end: number; count: number; share: number }

export interface Marker {
  key: 'p50' | 'p80' | 'p95' | 'target';
  label: string;
  value: number;
  /** What the label reads, e.g. "P80 50.7" or "Target 90 →". */
  text: string;
  /** Pixel position of the value; for a target off the chart, the edge it lies beyond. */
  x: number;
  /** Where the target lies when it is too far from the results to draw at scale. */
  offscale: 'left' | 'right' | null;
  labelX: number;
  labelY: number;
  labelRow: number;
}

export interface Tick { value: number; position: number; label: string }

export interface ChartLayout {
  mode: ChartMode;
  width: number;
  height: number;
  margin: Margin;
  plot: { left: number; right: number; top: number; bottom: number };
  bars: Bar[];
  /** The S-curve as an SVG path ('' in histogram mode or without data). */
  curve: string;
  xTicks: Tick[];
  yTicks: Tick[];
  yTitle: string;
  markers: Marker[];
  xScale: (value: number) => number;
  yScale: (value: number) => number;
  invertX: (pixel: number) => number;
}

export const LABEL_FONT_SIZE = 11;
export const LABEL_ROW_HEIGHT = 14;
const LABEL_GAP = 6;

/**
 * Places labels left to right, each on the first row where it keeps `gap` pixels from every
 * label already there; each label is centred on its x but kept inside [0, span]. Returns the
 * centre and row (0 = top) per label, in input order. Labels in a row never overlap, whatever
 * their positions, because a row only takes a label that clears its last one.
 */
export function placeLabels(items: readonly { x: number; width: number }[], span: number, gap = LABEL_GAP): { x: number; row: number }[] {
  const order = items.map((item, index) => ({ ...item, index })).sort((p, q) => p.x - q.x || p.index - q.index);
  const rowEnds: number[] = [];
  const placed: { x: number; row: number }[] = new Array(items.length);
  for (const { x, width, index } of order) {
    const half = width / 2;
    const centre = width >= span ? span / 2 : Math.min(Math.max(x, half), span - half);
    let row = rowEnds.findIndex((end) => centre - half >= end + gap);
    if (row < 0) { row = rowEnds.length; rowEnds.push(-Infinity); }
    rowEnds[row] = centre + half;
    placed[index] = { x: centre, row };
  }
  return placed;
}

/** Share of iterations finishing by `time`, read off the cumulative curve (linear between its points, as drawn). */
export function cumulativeAt(simulation: Pick<SimulationResult, 'cumulative'>, time: number): number {
  const { time: times, probability } = simulation.cumulative;
  const count = times.length;
  if (count === 0 || Number.isNaN(time)) return Number.NaN;
  if (time < times[0]) return 0;
  if (time >= times[count - 1]) return probability[count - 1];
  let low = 0;
  let high = count - 1;
  while (high - low > 1) { const mid = (low + high) >>> 1; if (times[mid] <= time) low = mid; else high = mid; }
  const span = times[high] - times[low];
  return span > 0 ? probability[low] + (probability[high] - probability[low]) * (time - times[low]) / span : probability[high];
}

/** Total of the histogram's counts: the number of iterations it describes. */
function countTotal(counts: ArrayLike<number>): number {
  let total = 0;
  for (let k = 0; k < counts.length; k++) total += counts[k];
  return total;
}

/**
 * The chart's layout for `simulation` in a `width` × `height` box. The x domain spans the bins
 * and percentiles, and the target too unless it lies more than the results' own span away (then
 * it is marked at the edge with an arrow instead of squeezing the bars into a sliver).
 */
export function histogramLayout(simulation: SimulationResult, target: number, width: number, height: number, mode: ChartMode): ChartLayout {
  const { histogram, percentiles } = simulation;
  const total = countTotal(histogram.counts);
  const dataLow = histogram.start;
  const dataHigh = histogram.start + histogram.counts.length * histogram.binWidth;
  const dataSpan = Math.max(dataHigh - dataLow, histogram.binWidth, 1e-9);
  const targetShown = Number.isFinite(target) && target >= dataLow - dataSpan && target <= dataHigh + dataSpan;
  const low = Math.min(dataLow, targetShown ? target : Infinity);
  const high = Math.max(dataHigh, targetShown ? target : -Infinity);
  const pad = (high - low) * 0.02 || 1;

  const rawMarkers: { key: Marker['key']; label: string; value: number }[] = [
    { key: 'p50', label: 'P50', value: percentiles.p50 },
    { key: 'p80', label: 'P80', value: percentiles.p80 },
    { key: 'p95', label: 'P95', value: percentiles.p95 },
    { key: 'target', label: 'Target', value: target },
  ];
  const shown = rawMarkers.filter((m) => Number.isFinite(m.value) && (total > 0 || m.key === 'target'));
  const offscaleOf = (m: { key: string; value: number }): Marker['offscale'] =>
    m.key !== 'target' || targetShown ? null : m.value < dataLow ? 'left' : 'right';
  const labelText = (m: { key: string; label: string; value: number }) => {
    const text = `${m.label} ${m.key === 'target' ? formatQuantity(m.value) : fixedNumber(m.value, 1)}`;
    const side = offscaleOf(m);
    return side === 'left' ? `← ${text}` : side === 'right' ? `${text} →` : text;
  };

  // Labels are placed before the plot's top is known: their rows decide the top margin.
  const left = 58;
  const right = 16;
  const innerWidth = Math.max(width - left - right, 10);
  const x = scaleLinear().domain([low - pad, high + pad]).range([left, left + innerWidth]).nice();
  const markerX = (m: { key: string; value: number }) => {
    const side = offscaleOf(m);
    return side === 'left' ? left : side === 'right' ? left + innerWidth : x(m.value);
  };
  const labels = shown.map((m) => ({ text: labelText(m), x: markerX(m) - left }));
  const placed = placeLabels(labels.map((l) => ({ x: l.x, width: textWidth(l.text, LABEL_FONT_SIZE) })), innerWidth);
  const rows = placed.reduce((most, p) => Math.max(most, p.row + 1), 0);
  const margin: Margin = { top: 8 + Math.max(rows, 1) * LABEL_ROW_HEIGHT + 6, right, bottom: 40, left };
  const innerHeight = Math.max(height - margin.top - margin.bottom, 10);
  const plot = { left, right: left + innerWidth, top: margin.top, bottom: margin.top + innerHeight };

  let maxShare = 0;
  for (const count of histogram.counts) maxShare = Math.max(maxShare, total ? count / total : 0);
  const y = scaleLinear()
    .domain(mode === 'histogram' ? [0, maxShare > 0 ? Math.min(1, maxShare * 1.08) : 1] : [0, 1])
    .range([plot.bottom, plot.top])
    .nice(4);

  const bars: Bar[] = mode !== 'histogram' || total === 0 ? [] : Array.from(histogram.counts, (count, k) => {
    const start = histogram.start + k * histogram.binWidth;
    const end = start + histogram.binWidth;
    const share = count / total;
    const x0 = x(start);
    const x1 = x(end);
    // A one-pixel gap between bars only when bars are wide enough to spare it.
    const gapPx = x1 - x0 > 4 ? 1 : 0;
    return { x: x0, y: y(share), width: Math.max(x1 - x0 - gapPx, 0.5), height: plot.bottom - y(share), start, end, count, share };
  });

  const { time, probability } = simulation.cumulative;
  const points: [number, number][] = Array.from(time, (t, k) => [x(t), y(probability[k])]);
  const curve = mode === 'cumulative' && points.length ? (line()(points) ?? '') : '';

  const xTickCount = Math.max(2, Math.floor(innerWidth / 80));
  // Ticks are round numbers: six decimals at most only trims floating-point tails (0.30000000000000004).
  const xTicks = x.ticks(xTickCount).map((value) => ({ value, position: x(value), label: upToNumber(value, 6) }));
  const yTicks = y.ticks(4).map((value) => ({ value, position: y(value), label: percentNumber(value, 0) }));

  const markers: Marker[] = shown.map((m, k) => ({
    ...m,
    text: labels[k].text,
    x: markerX(m),
    offscale: offscaleOf(m),
    labelX: placed[k].x + left,
    labelY: 8 + placed[k].row * LABEL_ROW_HEIGHT + LABEL_FONT_SIZE,
    labelRow: placed[k].row,
  }));

  return {
    mode, width, height, margin, plot, bars, curve, xTicks, yTicks, markers,
    yTitle: mode === 'histogram' ? 'Share of iterations' : 'P(finish ≤ time)',
    xScale: x, yScale: y, invertX: (pixel) => x.invert(pixel),
  };
}

export interface Readout { text: string; x: number; y: number | null; bar: number | null }

/**
 * What the pointer at `pixel` reads: in histogram mode the bin under it (range, share and
 * count), on the S-curve the time and P(finish ≤ time) with the point on the curve. Null
 * outside the plot or over an empty stretch.
 */
export function readoutAt(layout: ChartLayout, simulation: SimulationResult, pixel: number, timeUnit: string): Readout | null {
  if (!(pixel >= layout.plot.left && pixel <= layout.plot.right)) return null;
  const time = layout.invertX(pixel);
  if (layout.mode === 'cumulative') {
    const p = cumulativeAt(simulation, time);
    if (!Number.isFinite(p)) return null;
    return { text: `P(finish ≤ ${fixedNumber(time, 1)} ${timeUnit}) = ${percentNumber(p, 1)}`, x: pixel, y: layout.yScale(p), bar: null };
  }
  const bar = layout.bars.findIndex((b) => time >= b.start && time < b.end);
  if (bar < 0) return null;
  const { start, end, share, count } = layout.bars[bar];
  return {
    text: `${formatQuantity(start)}–${formatQuantity(end)} ${timeUnit}: ${percentNumber(share, 1)} of iterations (${countNumber(count)})`,
    x: pixel, y: null, bar,
  };
}
