import type { Orders } from '../cleaning/cleanTransactions.ts';
import { minutesToIsoDate } from '../../csv/index.ts';
import { median, scaledMad } from '../../math/index.ts';
import { dataCoverage } from '../dataCoverage.ts';
import type { Anomaly, AnomalyThresholds } from './findAnomalies.ts';
import { money, times, WHOLE } from './wording.ts';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** Weeks either side of a day whose same weekday make its local baseline. */
const LOCAL_WEEKS = 4;
/** Same-weekday trading days a local baseline needs. */
const LOCAL_MINIMUM = 3;
/** A weekday with fewer trading days than this share of the busiest weekday's is one the shop does not trade on. */
const TRADING_SHARE = 0.25;
/** Residuals a weekday needs for a spread of its own (else all weekdays' residuals are pooled). */
const WEEKDAY_SPREAD_MINIMUM = 8;

interface JudgedDay {
  day: number;
  weekday: number;
  revenue: number;
  count: number;
  baselineRevenue: number;
  baselineCount: number;
  neighbours: number;
  /** √revenue − √baseline revenue, and the same for the order count. */
  revenueResidual: number;
  countResidual: number;
}

/**
 * Trading days whose revenue or order count is far above or below their local baseline: the
 * median of the same weekday over the LOCAL_WEEKS weeks either side (the day itself left out),
 * taken on the log scale — a running median as a robust smoother (Tukey, Exploratory Data
 * Analysis, 1977, ch. 7), per weekday as STL smooths each cycle-subseries apart (Cleveland et
 * al. 1990, J. Official Statistics 6:3–73) — so a growing or seasonal shop is compared with the
 * weeks around each day, not with the whole file.
 *
 * The residual, day − baseline, is taken on the square-root scale, which stabilises the spread
 * of counts (Anscombe 1948, Biometrika 35:246–254: √N has a spread of about 1/2 whatever a
 * Poisson N's mean) and of a day's total of that many orders: on the log scale a quiet day's
 * residuals spread as 1/√orders, and its chance drops reach 3.5 robust z several times a year.
 * Each weekday's residuals give their own robust spread around zero (scaled MAD, Hampel 1974;
 * all weekdays pooled when one has fewer than WEEKDAY_SPREAD_MINIMUM), floored at the Poisson
 * spread (1/2 for counts, 1/2 × √(median order) for revenue). A day is odd when the larger |z| of
 * revenue and order count reaches `oddDay`, above or below. Money at stake:
 * |revenue − baseline revenue|; ranked by it.
 *
 * Not judged: days without orders (not trading days), weekdays the shop does not trade on (fewer
 * trading days than TRADING_SHARE of the busiest weekday's), days with fewer than LOCAL_MINIMUM
 * same-weekday trading days around them, and partial edge days (an export cut at noon, see
 * dataCoverage), which are also left out of their neighbours' baselines. Near the data's edges
 * the weeks are on one side only, so a steep trend there leans the baseline its way.
 * Cost: O(d) medians of at most 2 × LOCAL_WEEKS values, for d trading days.
 */
export function oddDays(orders: Orders, thresholds: AnomalyThresholds): Anomaly[] {
  const revenue = new Map<number, number>();
  const count = new Map<number, number>();
  const positive: number[] = [];
  for (let i = 0; i < orders.id.length; i++) {
    if (!(orders.amount[i] > 0)) continue;
    const day = Math.floor(orders.minute[i] / 1440);
    revenue.set(day, (revenue.get(day) ?? 0) + orders.amount[i]);
    count.set(day, (count.get(day) ?? 0) + 1);
    positive.push(orders.amount[i]);
  }
  const coverage = dataCoverage(orders.minute);
  const partial = new Set<number>();
  if (coverage.firstDayPartial) partial.add(coverage.firstDay);
  if (coverage.lastDayPartial) partial.add(coverage.lastDay);
  const weekdayOf = (day: number) => (day + 4) % 7; // 1970-01-01 was a Thursday
  const tradingDays = new Array<number>(7).fill(0);
  for (const day of revenue.keys()) if (!partial.has(day)) tradingDays[weekdayOf(day)]++;
  const busiest = Math.max(...tradingDays);

  const judged: JudgedDay[] = [];
  for (const [day, dayRevenue] of revenue) {
    const weekday = weekdayOf(day);
    if (partial.has(day) || tradingDays[weekday] < TRADING_SHARE * busiest) continue;
    const logRevenues: number[] = [];
    const logCounts: number[] = [];
    for (let week = -LOCAL_WEEKS; week <= LOCAL_WEEKS; week++) {
      const other = day + 7 * week;
      if (week === 0 || partial.has(other) || !revenue.has(other)) continue;
      logRevenues.push(Math.log(revenue.get(other)!));
      logCounts.push(Math.log(count.get(other)!));
    }
    if (logRevenues.length < LOCAL_MINIMUM) continue;
    const baselineRevenue = Math.exp(median(logRevenues));
    const baselineCount = Math.exp(median(logCounts));
    const dayCount = count.get(day)!;
    judged.push({
      day, weekday, revenue: dayRevenue, count: dayCount, neighbours: logRevenues.length, baselineRevenue, baselineCount,
      revenueResidual: Math.sqrt(dayRevenue) - Math.sqrt(baselineRevenue), countResidual: Math.sqrt(dayCount) - Math.sqrt(baselineCount),
    });
  }
  const floor = { revenue: 0.5 * Math.sqrt(median(positive)), count: 0.5 };
  const spreadOf = (rows: JudgedDay[]) => ({
    revenue: Math.max(scaledMad(rows.map((r) => r.revenueResidual), 0), floor.revenue),
    count: Math.max(scaledMad(rows.map((r) => r.countResidual), 0), floor.count),
  });
  const pooled = spreadOf(judged);
  const spreads = WEEKDAYS.map((_, weekday) => {
    const rows = judged.filter((r) => r.weekday === weekday);
    return rows.length >= WEEKDAY_SPREAD_MINIMUM ? spreadOf(rows) : pooled;
  });

  const result: Anomaly[] = [];
  for (const row of judged) {
    const spread = spreads[row.weekday];
    const score = Math.max(Math.abs(row.revenueResidual) / spread.revenue, Math.abs(row.countResidual) / spread.count);
    if (score < thresholds.oddDay) continue;
    const date = minutesToIsoDate(row.day * 1440);
    const name = WEEKDAYS[row.weekday];
    const around = row.neighbours === 2 * LOCAL_WEEKS
      ? `the median of the ${name}s ${NUMBER_WORDS[LOCAL_WEEKS] ?? LOCAL_WEEKS} weeks either side`
      : `the median of the ${row.neighbours} ${name}s with orders within ${NUMBER_WORDS[LOCAL_WEEKS] ?? LOCAL_WEEKS} weeks either side`;
    result.push({
      kind: 'odd-day', customer: '', date, order: '', related: '', score, atStake: Math.abs(row.revenue - row.baselineRevenue),
      why: `Revenue ${money(row.revenue)} on ${name} ${date}, ${times(row.revenue / row.baselineRevenue)} the local baseline (${money(row.baselineRevenue)}, ${around});`
        + ` ${WHOLE.format(row.count)} orders against ${WHOLE.format(Math.round(row.baselineCount))}.`,
    });
  }
  return result;
}
