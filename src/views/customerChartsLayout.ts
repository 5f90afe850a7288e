/**
 * Layouts, in pixels, of the Customers section's charts, computed before anything is drawn:
 * the frequency/recency heatmap, predicted-versus-actual bars per frequency bucket, predicted
 * and actual cumulative repeat purchases over time, and the segment chart (size, revenue share
 * and average CLV side by side). Pure functions of data and size.
 */
import { countNumber, fixedNumber, percentNumber, upToNumber } from './localeNumbers.ts';
import { scaleBand, scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { charactersThatFit, textWidth, truncate } from './text.ts';

export interface Tick { position: number; label: string }

export interface HeatCell {
  row: number; column: number; x: number; y: number; width: number; height: number;
  value: number; fill: string; ink: string;
  /** Text drawn in the cell ('' when the cell is too small; the value is then in its title). */
  label: string;
}

export interface HeatmapLayout {
  width: number; height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  cells: HeatCell[];
  rowTicks: Tick[];
  columnTicks: Tick[];
  max: number;
}

const HEAT_COLOUR = '47 111 214';

/**
 * A grid of `values[row][column]`, row 0 at the bottom. Cells shade from white (0) to blue at
 * `max` (the largest finite value, or the one given); labels go in cells at least 30 × 14 px.
 */
export function heatmapLayout(
  values: readonly (readonly number[])[], rowLabels: readonly string[], columnLabels: readonly string[], width: number,
  { max, rowHeight = 16, format = (v: number) => fixedNumber(v, 1) }: { max?: number; rowHeight?: number; format?: (v: number) => string } = {},
): HeatmapLayout {
  const rows = values.length;
  const columns = values[0]?.length ?? 0;
  const left = 34;
  const right = width - 8;
  const top = 6;
  const bottom = top + rows * rowHeight;
  const height = bottom + 30;
  const top1 = max ?? values.flat().reduce((m, v) => (Number.isFinite(v) ? Math.max(m, v) : m), 0);
  const cellWidth = columns > 0 ? (right - left) / columns : 0;
  const cells: HeatCell[] = [];
  values.forEach((row, r) => row.forEach((value, c) => {
    const share = top1 > 0 && Number.isFinite(value) ? Math.min(1, Math.max(0, value / top1)) : 0;
    const label = cellWidth >= 30 && rowHeight >= 14 && Number.isFinite(value) ? format(value) : '';
    cells.push({
      row: r, column: c, x: left + c * cellWidth, y: bottom - (r + 1) * rowHeight, width: cellWidth, height: rowHeight, value,
      fill: `rgb(${HEAT_COLOUR} / ${share.toFixed(3)})`, ink: share > 0.55 ? 'white' : 'var(--ink)',
      label: textWidth(label, 9) <= cellWidth - 2 ? label : '',
    });
  }));
  // Row labels every row when they fit, else every other; column labels spaced to not touch.
  const rowStep = rowHeight >= 12 ? 1 : 2;
  const rowTicks = rowLabels.flatMap((text, r) => (r % rowStep === 0 ? [{ position: bottom - (r + 0.5) * rowHeight, label: text }] : []));
  const widest = columnLabels.reduce((m, t) => Math.max(m, textWidth(t, 10)), 0);
  const columnStep = Math.max(1, Math.ceil((widest + 8) / Math.max(cellWidth, 1)));
  const columnTicks = columnLabels.flatMap((text, c) => (c % columnStep === 0 ? [{ position: left + (c + 0.5) * cellWidth, label: text }] : []));
  return { width, height, plot: { left, right, top, bottom }, cells, rowTicks, columnTicks, max: top1 };
}

export interface PairedBar { label: string; x: number; width: number; actualY: number; actualHeight: number; predictedY: number; predictedHeight: number; actual: number; predicted: number }

export interface PairedBarsLayout {
  width: number; height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  groups: PairedBar[];
  yTicks: Tick[];
}

/** Actual and predicted bars side by side per group, from a shared zero. */
export function pairedBarsLayout(groups: readonly { label: string; actual: number; predicted: number }[], width: number, height: number): PairedBarsLayout {
  const plot = { left: 44, right: width - 8, top: 8, bottom: height - 24 };
  const x = scaleBand().domain(groups.map((g) => g.label)).range([plot.left, plot.right]).paddingInner(0.25).paddingOuter(0.1);
  const top = groups.reduce((m, g) => Math.max(m, g.actual, g.predicted), 0);
  const y = scaleLinear().domain([0, top > 0 ? top : 1]).range([plot.bottom, plot.top]).nice();
  const half = x.bandwidth() / 2;
  return {
    width, height, plot,
    groups: groups.map((g) => ({
      label: g.label, x: x(g.label)!, width: half, actual: g.actual, predicted: g.predicted,
      actualY: y(g.actual), actualHeight: plot.bottom - y(g.actual), predictedY: y(g.predicted), predictedHeight: plot.bottom - y(g.predicted),
    })),
    yTicks: y.ticks(5).map((v) => ({ position: y(v), label: upToNumber(v, 6) })),
  };
}

export interface LinesLayout {
  width: number; height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  actual: string;
  predicted: string;
  /** x of the calibration end, or NaN when outside the data. */
  marker: number;
  xTicks: Tick[];
  yTicks: Tick[];
}

/**
 * Two cumulative curves over the same x values (e.g. weeks since the first date), with a
 * vertical marker (the calibration end).
 */
export function cumulativeLinesLayout(
  x: readonly number[], actual: readonly number[], predicted: readonly number[], markerAt: number, width: number, height: number,
  formatX: (value: number) => string = String,
): LinesLayout {
  const plot = { left: 52, right: width - 10, top: 8, bottom: height - 24 };
  const xScale = scaleLinear().domain([Math.min(...x, 0), Math.max(...x, 1)]).range([plot.left, plot.right]);
  const top = Math.max(1, ...actual, ...predicted);
  const y = scaleLinear().domain([0, top]).range([plot.bottom, plot.top]).nice();
  const path = (values: readonly number[]) => line<number>().x((_, i) => xScale(x[i])).y((v) => y(v))(values as number[]) ?? '';
  const xTicks = xScale.ticks(Math.max(2, Math.floor((plot.right - plot.left) / 70))).map((v) => ({ position: xScale(v), label: formatX(v) }));
  return {
    width, height, plot, actual: path(actual), predicted: path(predicted),
    marker: markerAt >= xScale.domain()[0] && markerAt <= xScale.domain()[1] ? xScale(markerAt) : NaN,
    xTicks, yTicks: y.ticks(5).map((v) => ({ position: y(v), label: upToNumber(v, 3) })),
  };
}

export interface SegmentBar {
  x: number; width: number; text: string;
  /** Where the figure's text starts, and whether it sits inside the bar (white) or after it. */
  textX: number; inside: boolean;
}

export interface SegmentRow { segment: string; label: string; y: number; bars: SegmentBar[] }

export interface SegmentChartLayout {
  width: number; height: number; rowHeight: number;
  /** Left edge and width of each of the three panels, with its title. */
  panels: { x: number; width: number; title: string }[];
  rows: SegmentRow[];
}

/**
 * One row per segment and three panels — customers, share of revenue, average CLV — each bar
 * scaled to its panel's largest value, its figure written after it (inside when it would
 * overflow the panel).
 */
export function segmentChartLayout(
  segments: readonly { segment: string; customers: number; revenueShare: number; averageClv: number }[], width: number,
  formatMoney: (value: number) => string = (v) => fixedNumber(v, 2),
): SegmentChartLayout {
  const rowHeight = 22;
  const labelWidth = Math.min(140, Math.max(90, width * 0.2));
  const gap = 14;
  const panelWidth = (width - labelWidth - 3 * gap) / 3;
  const panels = ['Customers', 'Share of revenue', 'Average CLV'].map((title, k) => ({ x: labelWidth + gap + k * (panelWidth + gap), width: panelWidth, title }));
  const maxima = [
    Math.max(1, ...segments.map((s) => s.customers)),
    Math.max(1e-9, ...segments.map((s) => s.revenueShare)),
    Math.max(1e-9, ...segments.map((s) => (Number.isFinite(s.averageClv) ? s.averageClv : 0))),
  ];
  const rows = segments.map((s, r) => {
    const values = [s.customers, s.revenueShare, Number.isFinite(s.averageClv) ? s.averageClv : 0];
    const texts = [countNumber(s.customers), percentNumber(s.revenueShare, 1), Number.isFinite(s.averageClv) ? formatMoney(s.averageClv) : '—'];
    return {
      segment: s.segment, label: truncate(s.segment, charactersThatFit(labelWidth - 4, 11)), y: 22 + r * rowHeight,
      bars: values.map((v, k) => {
        const barWidth = Math.max(0, (panels[k].width - 4) * (v / maxima[k]));
        const inside = barWidth + 4 + textWidth(texts[k], 11) > panels[k].width;
        return { x: panels[k].x, width: barWidth, text: texts[k], inside, textX: inside ? panels[k].x + barWidth - 4 - textWidth(texts[k], 11) : panels[k].x + barWidth + 4 };
      }),
    };
  });
  return { width, height: 22 + segments.length * rowHeight + 4, rowHeight, panels, rows };
}
