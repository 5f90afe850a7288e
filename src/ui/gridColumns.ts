/**
 * The sheet's column widths. The sheet lays out at fixed widths (table-layout: fixed), so an edit
 * never re-measures every cell; these are worked out from the longest text of each number column
 * instead, so a number is never cut: its column widens, and the Touchpoint column gives way (down
 * to a minimum; past that the sheet scrolls sideways) or takes whatever room is left over. Long
 * text in the other columns ends in an ellipsis and shows whole on hover and when its cell is active.
 */
import type { PertAnalysis, SimulationResult, TouchpointInput } from '../engine/journey/index.ts';
import { COLUMNS } from '../state/gridModel.ts';
import { computedCellText } from './gridCells.ts';

/** Widths (px) each column starts from: all fit a 1,440 px window with the example's numbers. */
export const BASE_WIDTHS: Readonly<Record<string, number>> = {
  id: 38, name: 162, stage: 106, optimistic: 80, mostLikely: 50, pessimistic: 86, distribution: 91, dependsOn: 100,
  probability: 84, group: 54, expected: 72, sd: 44, earliestStart: 62, latestStart: 54, slack: 48, critical: 58,
  criticality: 76, sensitivity: 82,
};

/** The Touchpoint column never gets narrower than this. */
export const NAME_MIN_WIDTH = 110;

/** A cell's horizontal padding and border (px). */
export const CELL_FRAME = 14;

/**
 * Width in px that `text` needs in a number cell whose digits are `digitWidth` px wide (tabular
 * figures): a digit each, a point or comma half of one, a percent sign or minus one and a half,
 * anything else one; plus the cell's frame and a pixel to spare.
 */
export function numberTextWidth(text: string, digitWidth: number): number {
  let digits = 0;
  for (const ch of text) digits += ch === '.' || ch === ',' ? 0.5 : ch === '%' || ch === '−' || ch === '-' ? 1.5 : 1;
  return Math.ceil(digits * digitWidth) + CELL_FRAME + 1;
}

/**
 * Each column's width: the base width, or wider where a number column's longest text
 * (`longest[key]`) needs it; the Touchpoint column takes what `available` px leave over, between
 * NAME_MIN_WIDTH and whatever is left.
 */
export function columnWidths(
  keys: readonly string[], longest: Readonly<Record<string, string>>, available: number, digitWidth: number,
): Record<string, number> {
  const widths: Record<string, number> = {};
  for (const key of keys) {
    const text = longest[key];
    widths[key] = Math.max(BASE_WIDTHS[key] ?? 60, text ? numberTextWidth(text, digitWidth) : 0);
  }
  if ('name' in widths) {
    const others = keys.reduce((sum, key) => (key === 'name' ? sum : sum + widths[key]), 0);
    widths.name = Math.max(NAME_MIN_WIDTH, Math.floor(available - others));
  }
  return widths;
}

/** The longest of `texts` (the first of equal length), or ''. */
export function longestText(texts: Iterable<string>): string {
  let best = '';
  for (const text of texts) if (text.length > best.length) best = text;
  return best;
}

/**
 * The longest text among `count` figures written to fixed decimals (`text(i)` writes figure i),
 * found from only its largest and smallest values (`value(i)`, NaN skipped): with fixed decimals
 * no other figure is written longer. Linear, and formats two figures, not `count`.
 */
export function longestFigure(count: number, value: (index: number) => number, text: (index: number) => string): string {
  let high = -1;
  let low = -1;
  for (let index = 0; index < count; index++) {
    const v = value(index);
    if (!Number.isFinite(v)) continue;
    if (high < 0 || v > value(high)) high = index;
    if (low < 0 || v < value(low)) low = index;
  }
  return high < 0 ? '' : longestText([text(high), text(low)]);
}

/** The longest text of each typed number column (Optimistic, Most likely, …) of `rows`. */
export function longestTyped(rows: readonly TouchpointInput[]): Record<string, string> {
  const longest: Record<string, string> = {};
  for (const column of COLUMNS) {
    if (column.editable && column.numeric) longest[column.key] = longestText(rows.map((row) => row[column.key as keyof TouchpointInput]));
  }
  return longest;
}

/**
 * The longest text of each computed number column (Expected, SD, …) over the first `count`
 * results, as computedCellText writes them; none for a column whose results are not there.
 */
export function longestComputed(count: number, pert: PertAnalysis | null, simulation: SimulationResult | null): Record<string, string> {
  const longest: Record<string, string> = {};
  // The figure each computed number column writes (SD by its variance: the same order).
  const values: Record<string, ArrayLike<number> | undefined> = {
    expected: pert?.expected, sd: pert?.touchpointVariance, earliestStart: pert?.earliestStart, latestStart: pert?.latestStart,
    slack: pert?.slack, criticality: simulation?.criticality, sensitivity: simulation?.sensitivity,
  };
  for (const column of COLUMNS) {
    const figures = values[column.key];
    if (column.editable || !column.numeric || !figures) continue;
    longest[column.key] = longestFigure(Math.min(count, figures.length), (index) => figures[index], (index) => computedCellText(column.key, index, pert, simulation));
  }
  return longest;
}

/** The width (px) of a digit in `element`'s font, measured on a canvas; undefined where there is none to measure with. */
export function measuredDigitWidth(element: Element): number | undefined {
  const style = getComputedStyle(element);
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return undefined;
  context.font = `${style.fontSize} ${style.fontFamily}`;
  const measured = context.measureText('0').width;
  return measured > 0 ? measured : undefined;
}
