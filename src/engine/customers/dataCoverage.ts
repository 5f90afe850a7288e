/**
 * Which edge days and months of a file are only partly covered by its data, so per-day and
 * per-month figures can name them as partial (an export cut at noon makes its last day look
 * like a slump; one starting on the 20th makes its first month look small).
 */
import { minutesToIsoDate } from '../csv/index.ts';
import { median } from '../math/index.ts';

export interface DataCoverage {
  /** First and last day with data, as day numbers since 1970-01-01 (NaN when there are none). */
  firstDay: number;
  lastDay: number;
  /** The first day starts, or the last day stops, well inside the shop's usual trading hours. */
  firstDayPartial: boolean;
  lastDayPartial: boolean;
  /** The data start after the 3rd of their first month, or stop 3 or more days before the end of their last month. */
  firstMonthPartial: boolean;
  lastMonthPartial: boolean;
  /** A sentence naming the partial edges ('' when there are none). */
  note: string;
}

/** Minutes a first (last) order may fall after (before) the usual daily first (last) order before its day counts as partial. */
const HOURS_SLACK = 60;

/**
 * The coverage of wall-clock order times (minutes since 1970). A day is judged from times of
 * day: when every time is midnight (dates without times) the edge days count as whole. The
 * usual trading hours are the medians, over the other days, of each day's first and last order.
 * Cost: O(n) plus a sort of the day boundaries.
 */
export function dataCoverage(minutes: ArrayLike<number>): DataCoverage {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  let timed = false;
  for (let i = 0; i < minutes.length; i++) {
    const minute = minutes[i];
    if (!Number.isFinite(minute)) continue;
    const day = Math.floor(minute / 1440);
    const clock = minute - day * 1440;
    if (clock !== 0) timed = true;
    if (!(first.get(day)! <= clock)) first.set(day, clock);
    if (!(last.get(day)! >= clock)) last.set(day, clock);
  }
  if (first.size === 0) {
    return { firstDay: NaN, lastDay: NaN, firstDayPartial: false, lastDayPartial: false, firstMonthPartial: false, lastMonthPartial: false, note: '' };
  }
  const days = [...first.keys()].sort((x, y) => x - y);
  const firstDay = days[0];
  const lastDay = days[days.length - 1];
  let firstDayPartial = false;
  let lastDayPartial = false;
  if (timed && days.length >= 3) {
    const inner = days.slice(1, -1);
    const usualOpen = median(inner.map((d) => first.get(d)!));
    const usualClose = median(inner.map((d) => last.get(d)!));
    firstDayPartial = first.get(firstDay)! > usualOpen + HOURS_SLACK;
    lastDayPartial = last.get(lastDay)! < usualClose - HOURS_SLACK;
  }
  const startDate = new Date(firstDay * 86_400_000);
  const endDate = new Date(lastDay * 86_400_000);
  const daysInLastMonth = new Date(Date.UTC(endDate.getUTCFullYear(), endDate.getUTCMonth() + 1, 0)).getUTCDate();
  const firstMonthPartial = days.length > 1 && startDate.getUTCDate() > 3;
  const lastMonthPartial = days.length > 1 && daysInLastMonth - endDate.getUTCDate() >= 3;
  const parts: string[] = [];
  if (firstDayPartial) parts.push(`the first day (${minutesToIsoDate(firstDay * 1440)}) starts late in the day`);
  if (lastDayPartial) parts.push(`the last day (${minutesToIsoDate(lastDay * 1440)}) stops early in the day`);
  if (firstMonthPartial) parts.push(`the first month (${minutesToIsoDate(firstDay * 1440).slice(0, 7)}) starts on the ${ordinal(startDate.getUTCDate())}`);
  if (lastMonthPartial) parts.push(`the last month (${minutesToIsoDate(lastDay * 1440).slice(0, 7)}) stops on the ${ordinal(endDate.getUTCDate())}`);
  const note = parts.length ? `Partial: ${parts.join('; ')}.` : '';
  return { firstDay, lastDay, firstDayPartial, lastDayPartial, firstMonthPartial, lastMonthPartial, note };
}

function ordinal(day: number): string {
  const suffix = day % 10 === 1 && day !== 11 ? 'st' : day % 10 === 2 && day !== 12 ? 'nd' : day % 10 === 3 && day !== 13 ? 'rd' : 'th';
  return `${day}${suffix}`;
}
