/**
 * Layout of the completion-time chart, in pixels, computed before anything is drawn:
 * scales, bars, the cumulative (S-curve) path, axis ticks, and the P50/P80/P95/target markers
 * with their labels moved apart so none overlap.
 */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { SimulationResult } from '../engine/types.ts';

export type ChartMode = 'histogram' | 'cumulative';

export interface Marker { key: string; label: string; value: number; x: number; labelX: number; labelRow: number }

export interface ChartLayout {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  bars: { x: number; y: number; width: number; height: number; start: number; end: number; share: number }[];
  curve: string;
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  markers: Marker[];
  xScale: (value: number) => number;
  yScale: (value: number) => number;
  invertX: (pixel: number) => number;
}

const LABEL_WIDTH = 64;

/**
 * Places labels left to right, each on the first row where it does not overlap a label already
 * there; returns the row per label (0 = top). Labels are also kept inside [0, width].
 */
export function placeLabels(xs: number[], width: number, labelWidth = LABEL_WIDTH): { x: number; row: number }[] {
  const order = xs.map((x, index) => ({ x, index })).sort((p, q) => p.x - q.x);
  const rowEnds: number[] = [];
  const placed: { x: number; row: number }[] = new Array(xs.length);
  for (const { x, index } of order) {
    const centre = Math.min(Math.max(x, labelWidth / 2), width - labelWidth / 2);
    let row = rowEnds.findIndex((end) => centre - labelWidth / 2 >= end + 4);
    if (row < 0) { row = rowEnds.length; rowEnds.push(-Infinity); }
    rowEnds[row] = centre + labelWidth / 2;
    placed[index] = { x: centre, row };
  }
  return placed;
}

export function histogramLayout(simulation: SimulationResult, target: number, width: number, height: number, mode: ChartMode): ChartLayout {
  const margin = { top: 44, right: 18, bottom: 42, left: 52 };
  const innerWidth = Math.max(width - margin.left - margin.right, 10);
  const innerHeight = Math.max(height - margin.top - margin.bottom, 10);
  const { histogram, percentiles, iterations } = simulation;
  const end = histogram.start + histogram.counts.length * histogram.binWidth;
  const low = Math.min(histogram.start, Number.isFinite(target) ? target : Infinity);
  const high = Math.max(end, Number.isFinite(target) ? target : -Infinity);
  const pad = (high - low) * 0.02;
  const x = scaleLinear().domain([low - pad, high + pad]).range([margin.left, margin.left + innerWidth]).nice();
  let maxShare = 0;
  for (const count of histogram.counts) maxShare = Math.max(maxShare, count / iterations);
  const y = scaleLinear().domain(mode === 'histogram' ? [0, maxShare * 1.08 || 1] : [0, 1]).range([margin.top + innerHeight, margin.top]);
  const bars = mode === 'histogram'
    ? Array.from(histogram.counts, (count, k) => {
      const start = histogram.start + k * histogram.binWidth;
      const share = count / iterations;
      const x0 = x(start);
      return { x: x0 + 0.5, y: y(share), width: Math.max(x(start + histogram.binWidth) - x0 - 1, 0.5), height: y(0) - y(share), start, end: start + histogram.binWidth, share };
    })
    : [];
  const points: [number, number][] = Array.from(simulation.cumulative.time, (t, k) => [x(t), y(simulation.cumulative.probability[k])]);
  const curve = mode === 'cumulative' ? (line()(points) ?? '') : '';
  const xTicks = x.ticks(Math.max(2, Math.floor(innerWidth / 80))).map((value) => ({ x: x(value), label: String(value) }));
  const yTicks = y.ticks(4).map((value) => ({ y: y(value), label: `${Math.round(value * 100)}%` }));
  const raw = [
    { key: 'p50', label: 'P50', value: percentiles.p50 },
    { key: 'p80', label: 'P80', value: percentiles.p80 },
    { key: 'p95', label: 'P95', value: percentiles.p95 },
    ...(Number.isFinite(target) ? [{ key: 'target', label: 'Target', value: target }] : []),
  ];
  const placed = placeLabels(raw.map((m) => x(m.value) - margin.left), innerWidth);
  const markers = raw.map((m, k) => ({ ...m, x: x(m.value), labelX: placed[k].x + margin.left, labelRow: placed[k].row }));
  return { width, height, margin, bars, curve, xTicks, yTicks, markers, xScale: x, yScale: y, invertX: (pixel) => x.invert(pixel) };
}

/** Share of iterations finishing by `time`, read from the cumulative curve (step function). */
export function cumulativeAt(simulation: SimulationResult, time: number): number {
  const { time: times, probability } = simulation.cumulative;
  let answer = 0;
  for (let k = 0; k < times.length && times[k] <= time; k++) answer = probability[k];
  return answer;
}
