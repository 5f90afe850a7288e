/**
 * The value axis under a chart of horizontal bars (the sensitivity tornado and Where to
 * improve): ticks with grid lines up through the bars, the zero line, and the axis title
 * under it all. Pure: the chart's layout gives its scale and rows, this returns pixels.
 */
import type { ScaleLinear } from 'd3-scale';
import { textWidth } from './text.ts';
import { upToNumber } from './localeNumbers.ts';

export interface AxisTick { x: number; label: string }

export interface BarAxisLayout {
  /** The ticks, left to right. */
  axis: AxisTick[];
  /** Baseline of the tick labels; grid lines and the zero line stop 10 px above it. */
  axisY: number;
  /** x of zero on the scale. */
  zero: number;
  title: string;
  /** Centre of the title, moved in so that it is never cut by the chart's edges. */
  titleX: number;
  /** The chart's height: the bars, the axis and its title. */
  height: number;
}

/** A chart of horizontal bars, one row each with its label on the left, over the axis. */
export interface BarChartLayout extends BarAxisLayout {
  width: number;
  rowHeight: number;
  barHeight: number;
  /** Where the bars' area starts: the labels are right-aligned before it. */
  labelWidth: number;
}

/** The font size of the labels, the ticks and the title, in px. */
export const BAR_FONT_SIZE = 11;

/**
 * The axis for `rows` bars of `rowHeight` px drawn on `x` in a `width`-pixel chart: two ticks
 * when the scale is narrower than 160 px, else about four, each labelled by `label` (which gets
 * d3's tick format for these ticks, to use or not); the title centred on `titleCentre`.
 */
export function barAxis(
  x: ScaleLinear<number, number>,
  options: { rows: number; rowHeight: number; width: number; title: string; titleCentre: number; label: (value: number, format: (value: number) => string) => string },
): BarAxisLayout {
  const [left, right] = x.range();
  const tickCount = right - left < 160 ? 2 : 4;
  // In the page's locale; ticks are round numbers, so six decimals only trim floating-point tails.
  const format = (value: number) => upToNumber(value, 6);
  const axisY = options.rows * options.rowHeight + 14;
  const half = textWidth(options.title, BAR_FONT_SIZE) / 2;
  return {
    axis: x.ticks(tickCount).map((value) => ({ x: x(value), label: options.label(value, format) })),
    axisY,
    zero: x(0),
    title: options.title,
    titleX: Math.min(Math.max(options.titleCentre, half), options.width - half),
    height: axisY + 32,
  };
}
