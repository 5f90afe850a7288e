/**
 * The sensitivity tornado: the touchpoints whose durations move the finish most, by |Spearman
 * ρ| of duration with finish, as bars either side of a centre line at zero. The scale is
 * symmetric and reaches the largest |ρ| rounded up to a quarter, so weak correlations are not
 * blown up into long bars and strong ones fill the chart.
 */
import { fixedNumber } from './localeNumbers.ts';
import { scaleLinear } from 'd3-scale';
import { BAR_FONT_SIZE as FONT_SIZE, barAxis } from './barAxis.ts';
import type { BarChartLayout } from './barAxis.ts';
import { charactersThatFit, textWidth, labelLines } from './text.ts';

export interface TornadoBar {
  /** Input row of the touchpoint. */
  index: number;
  name: string;
  /** The name as drawn: on up to two lines, cut with an ellipsis only when even two are too short. */
  label: string;
  /** The lines `label` is drawn on. */
  lines: string[];
  value: number;
  x: number;
  width: number;
  y: number;
  valueX: number;
  valueAnchor: 'start' | 'end';
}

export interface TornadoLayout extends BarChartLayout {
  bars: TornadoBar[];
  /** x of ρ = 0, where the bars grow from. */
  centre: number;
}

export const TORNADO_COUNT = 10;

/** Indices of the `count` largest finite |values|, largest first; ties by index so the order is stable. */
export function topByMagnitude(values: ArrayLike<number>, count: number): number[] {
  return Array.from({ length: values.length }, (_, i) => i)
    .filter((i) => Number.isFinite(values[i]))
    .sort((i, j) => Math.abs(values[j]) - Math.abs(values[i]) || i - j)
    .slice(0, count);
}

/**
 * Bars for the most influential touchpoints in a `width`-pixel chart. `names[i]` names input
 * row i; a missing name falls back to `fallback[i]` (the id). Names get up to a third of the
 * width; the value is written beyond the bar's end, outside towards the edge.
 */
export function tornadoLayout(
  sensitivity: ArrayLike<number>, names: readonly string[], width: number,
  options: { fallback?: readonly string[]; count?: number; rowHeight?: number } = {},
): TornadoLayout {
  const top = topByMagnitude(sensitivity, options.count ?? TORNADO_COUNT);
  const nameOf = (index: number) => names[index] || options.fallback?.[index] || `#${index + 1}`;
  const longest = Math.max(0, ...top.map((index) => textWidth(nameOf(index), FONT_SIZE)));
  const room = Math.max(width * 0.4, 90);
  const fits = longest <= room;
  // Rows grow to two lines when a name needs them.
  const rowHeight = options.rowHeight ?? (fits ? 24 : 32);
  const barHeight = Math.min(rowHeight - 6, 18);
  const labelWidth = Math.min(Math.max(longest, 60), room) + 10;
  const valueRoom = textWidth('−0.00', FONT_SIZE) + 8;
  const reach = tornadoReach(top.map((index) => sensitivity[index]));
  const x = scaleLinear().domain([-reach, reach]).range([labelWidth + valueRoom, Math.max(width - valueRoom, labelWidth + valueRoom + 40)]);
  const characters = fits ? Infinity : charactersThatFit(room, FONT_SIZE);
  const bars: TornadoBar[] = top.map((index, k) => {
    const value = sensitivity[index];
    const end = x(value);
    const name = nameOf(index);
    return {
      index, name, ...labelLines(name, characters), value,
      x: Math.min(x(0), end), width: Math.abs(end - x(0)), y: k * rowHeight,
      valueX: value >= 0 ? end + 4 : end - 4, valueAnchor: value >= 0 ? 'start' : 'end',
    };
  });
  return {
    bars, width, rowHeight, barHeight, labelWidth, centre: x(0),
    ...barAxis(x, {
      rows: top.length, rowHeight, width, title: 'Spearman ρ of duration with finish', titleCentre: x(0),
      label: (v) => (v < 0 ? `−${Math.abs(v)}` : String(v)),
    }),
  };
}

/** Half-width of the tornado's scale: the largest |ρ| rounded up to a quarter, between 0.25 and 1. */
export function tornadoReach(values: readonly number[]): number {
  const largest = Math.max(0, ...values.map(Math.abs));
  return Math.min(1, Math.max(0.25, Math.ceil(largest * 4 - 1e-9) / 4));
}

/** A correlation as written on the chart: two decimals (in the page's locale) with a true minus sign. */
export function formatCorrelation(value: number): string {
  const text = fixedNumber(Math.abs(value), 2);
  return value < 0 && fixedNumber(value, 2) !== text ? `−${text}` : text;
}
