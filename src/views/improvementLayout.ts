/**
 * "Where to improve": for each touchpoint, how much the chance of finishing by the target
 * rises if its times (a, m, b) were shortened by the same share, as a ranked bar chart, and
 * one sentence for the top answer. The gains come from the simulation (common random
 * numbers, each with its standard error); this file only ranks, words and lays them out.
 *
 * Ties: the engine marks a touchpoint whose gain is within one standard error of the next
 * one's. A run of such touchpoints shares one rank (standard competition ranking, "1, 2=, 2=,
 * 4"), so a difference smaller than the simulation's noise never reads as an order.
 */
import { scaleLinear } from 'd3-scale';
import type { Improvement } from '../engine/journey/index.ts';
import { BAR_FONT_SIZE as FONT_SIZE, barAxis } from './barAxis.ts';
import type { BarChartLayout } from './barAxis.ts';
import { charactersThatFit, formatQuantity, textWidth, labelLines } from './text.ts';
import { fixedNumber, percentNumber } from './localeNumbers.ts';

/** Which gain ranks the touchpoints: the chance of finishing by the target, or P80 when that chance cannot move. */
export type ImprovementMeasure = 'pTarget' | 'p80';

export interface ImprovementBar {
  id: string;
  name: string;
  /** The name as drawn: on up to two lines, cut with an ellipsis only when even two are too short. */
  label: string;
  /** The lines `label` is drawn on. */
  lines: string[];
  /** Shared by tied touchpoints: 1, 2, 2, 4 … */
  rank: number;
  /** "1", "2=" … as written beside the bar. */
  rankText: string;
  tied: boolean;
  /** The gain in the measure's own unit: percentage points, or time units for P80. */
  value: number;
  /** One standard error of the gain (percentage points; NaN for P80). */
  error: number;
  x: number;
  width: number;
  y: number;
  /** The ± one standard error whisker, in pixels (equal ends when there is none). */
  errorFrom: number;
  errorTo: number;
  valueText: string;
  valueX: number;
  /** The P80 gain in words ("1.2 days shorter"), shown in the tooltip and the list read aloud. */
  p80Text: string;
}

export interface ImprovementLayout extends BarChartLayout {
  measure: ImprovementMeasure;
  bars: ImprovementBar[];
  rankWidth: number;
}

export const IMPROVEMENT_COUNT = 10;

/** 0.9 → "10%": the share by which times were shortened. */
export function shorteningText(factor: number): string {
  return `${formatQuantity(100 * (1 - factor), 1)}%`;
}

/**
 * The chance of finishing by the target ranks touchpoints, unless it cannot move: when every
 * run already finishes in time (or none can come close), no touchpoint changes it by a
 * standard error, and the P80 gain (shorter is better) ranks them instead.
 */
export function improvementMeasure(improvement: readonly Improvement[]): ImprovementMeasure {
  const moves = improvement.some((item) => Number.isFinite(item.pTargetGain) && item.pTargetGain > 0
    && !(item.pTargetGain <= (Number.isFinite(item.pTargetGainSE) ? item.pTargetGainSE : 0)));
  return moves ? 'pTarget' : 'p80';
}

/** Gain of `item` in the measure's unit: percentage points, or time units of P80. */
function gainOf(item: Improvement, measure: ImprovementMeasure): number {
  return measure === 'pTarget' ? 100 * item.pTargetGain : item.p80Gain;
}

export interface RankedImprovement { item: Improvement; rank: number; tied: boolean }

/**
 * The touchpoints best first by `measure` (ties in the value by input order), each with its
 * competition rank; a touchpoint the engine marks `tie` shares its rank with the next one.
 * Touchpoints without a finite gain are left out.
 */
export function rankImprovements(improvement: readonly Improvement[], measure: ImprovementMeasure): RankedImprovement[] {
  const order = improvement
    .map((item, index) => ({ item, index, gain: gainOf(item, measure) }))
    .filter((entry) => Number.isFinite(entry.gain))
    .sort((p, q) => q.gain - p.gain || p.index - q.index);
  const ranked: RankedImprovement[] = [];
  order.forEach(({ item }, k) => {
    const previous = ranked[k - 1];
    // Ties are judged on the chance of finishing by the target; on P80 they are not known.
    const joinsPrevious = measure === 'pTarget' && previous !== undefined && previous.item.tie;
    ranked.push({ item, rank: joinsPrevious ? previous.rank : k + 1, tied: false });
  });
  for (let k = 0; k < ranked.length; k++) {
    ranked[k].tied = (ranked[k - 1]?.rank === ranked[k].rank) || (ranked[k + 1]?.rank === ranked[k].rank);
  }
  return ranked;
}

/** A gain as written on the chart: "+9.0 pts" or "−0.4 pts"; for P80 "2.1 days shorter". */
export function formatGain(value: number, measure: ImprovementMeasure, timeUnit: string): string {
  if (!Number.isFinite(value)) return '–';
  const text = fixedNumber(Math.abs(value), 1);
  const negative = value < 0 && fixedNumber(value, 1) !== text;
  if (measure === 'pTarget') return `${negative ? '−' : '+'}${text} pts`;
  return negative ? `${text} ${timeUnit} longer` : `${text} ${timeUnit} shorter`;
}

/**
 * A chance as a whole percentage, rounded from the one-decimal figure the statistics show, so
 * 72.5% there reads 73% here (and not 72% from 0.72499… in floating point).
 */
const percent = (p: number) => percentNumber(Math.round(Number((100 * p).toFixed(1))) / 100, 0);

/**
 * One sentence for the top answer, e.g. "Shortening Trial by 10% raises the chance of
 * finishing in 30 days from 62% to 71%." Ties at the top are named together; a top gain no
 * larger than its standard error is said to be within the simulation's noise.
 */
export function improvementSentence(
  improvement: readonly Improvement[], names: ReadonlyMap<string, string>, options: { factor: number; target: number; timeUnit: string },
): string {
  if (improvement.length === 0) return '';
  const measure = improvementMeasure(improvement);
  const ranked = rankImprovements(improvement, measure);
  if (ranked.length === 0) return '';
  const by = shorteningText(options.factor);
  const nameOf = (item: Improvement) => names.get(item.id) || item.id;
  const top = ranked.filter((entry) => entry.rank === 1).map((entry) => entry.item);
  const listed = top.length === 1 ? nameOf(top[0])
    : top.length === 2 ? `${nameOf(top[0])} or ${nameOf(top[1])}`
      : `${top.slice(0, -1).map(nameOf).join(', ')} or ${nameOf(top[top.length - 1])}`;
  const first = top[0];
  const target = `${formatQuantity(options.target)} ${options.timeUnit}`.trim();
  if (measure === 'pTarget') {
    const tie = top.length > 1 ? ` (a tie: the difference between them is within the simulation's noise)` : '';
    return `Shortening ${listed} by ${by} raises the chance of finishing in ${target} from ${percent(first.pTargetBase)} to ${percent(first.pTargetImproved)}${tie}.`;
  }
  const best = ranked[0].item;
  const reason = first.pTargetBase >= 0.995
    ? `Nearly every run already finishes in ${target}`
    : `No single touchpoint shortened by ${by} moves the chance of finishing in ${target} by more than the simulation's noise`;
  if (!(best.p80Gain > 0)) return `${reason}, and none shortens P80 either.`;
  return `${reason}; shortening ${nameOf(best)} by ${by} brings P80 from ${fixedNumber(best.p80Base, 1)} to ${fixedNumber(best.p80Improved, 1)} ${options.timeUnit}.`.replace(/ \.$/, '.');
}

/**
 * Bars for the `count` best touchpoints in a `width`-pixel chart: rank, name, a bar from zero
 * to the gain with a ± one standard error whisker, and the value past the bar's end. The scale
 * starts at zero (or at the most negative gain, a touchpoint whose shortening made things
 * worse by noise) and reaches the largest gain plus its error.
 */
export function improvementLayout(
  improvement: readonly Improvement[], names: ReadonlyMap<string, string>, width: number,
  options: { timeUnit?: string; count?: number; rowHeight?: number } = {},
): ImprovementLayout {
  const timeUnit = options.timeUnit ?? '';

  const measure = improvementMeasure(improvement);
  const ranked = rankImprovements(improvement, measure).slice(0, options.count ?? IMPROVEMENT_COUNT);
  const nameOf = (item: Improvement) => names.get(item.id) || item.id;
  const rankTexts = ranked.map((entry) => `${entry.rank}${entry.tied ? '=' : ''}`);
  const rankWidth = Math.max(0, ...rankTexts.map((t) => textWidth(t, FONT_SIZE))) + 8;
  const longest = Math.max(0, ...ranked.map((entry) => textWidth(nameOf(entry.item), FONT_SIZE)));
  const room = Math.max(width * 0.35, 80);
  const labelWidth = rankWidth + Math.min(Math.max(longest, 50), room) + 10;
  const fits = longest <= room;
  const characters = fits ? Infinity : charactersThatFit(room, FONT_SIZE);
  // Rows grow to two lines when a name needs them.
  const rowHeight = options.rowHeight ?? (fits ? 24 : 32);
  const barHeight = Math.min(rowHeight - 8, 16);
  const values = ranked.map((entry) => gainOf(entry.item, measure));
  const errors = ranked.map((entry) => (measure === 'pTarget' ? 100 * entry.item.pTargetGainSE : Number.NaN));
  const valueTexts = values.map((value) => formatGain(value, measure, timeUnit));
  const valueRoom = Math.max(0, ...valueTexts.map((t) => textWidth(t, FONT_SIZE))) + 10;
  const high = Math.max(0, ...values.map((v, k) => v + (Number.isFinite(errors[k]) ? errors[k] : 0)));
  const low = Math.min(0, ...values.map((v, k) => v - (Number.isFinite(errors[k]) ? errors[k] : 0)));
  const x = scaleLinear()
    .domain([low, high > low ? high : low + 1])
    .range([labelWidth, Math.max(width - valueRoom, labelWidth + 40)])
    .nice(4);
  const [left, right] = x.range();
  const zero = x(0);
  const bars: ImprovementBar[] = ranked.map((entry, k) => {
    const value = values[k];
    const error = errors[k];
    const end = x(value);
    const hasError = Number.isFinite(error) && error > 0;
    const whiskerTo = hasError ? x(value + error) : end;
    const name = nameOf(entry.item);
    return {
      id: entry.item.id, name, ...labelLines(name, characters), rank: entry.rank, rankText: rankTexts[k], tied: entry.tied,
      value, error, x: Math.min(zero, end), width: Math.abs(end - zero), y: k * rowHeight,
      errorFrom: hasError ? x(value - error) : end, errorTo: whiskerTo,
      valueText: valueTexts[k], valueX: Math.max(end, whiskerTo, zero) + 5,
      p80Text: `P80 ${formatGain(entry.item.p80Gain, 'p80', timeUnit)}`,
    };
  });
  return {
    measure, bars, width, rowHeight, barHeight, rankWidth, labelWidth,
    ...barAxis(x, {
      rows: ranked.length, rowHeight, width, titleCentre: (left + right) / 2,
      title: measure === 'pTarget' ? 'Gain in P(finish by target), points (± 1 SE)' : `P80 shorter by (${timeUnit})`,
      label: (v, format) => format(v).replace('-', '−'),
    }),
  };
}
