/**
 * Layout of a customer's timeline: each order a mark at its time (x) and size (y, log scale,
 * cancellations by their magnitude), the anomaly's order and its related order highlighted, and
 * the customer's usual gap shaded after the order before the anomaly (for an overdue customer,
 * after their last order): from the lower to the upper quartile of their gaps between purchase
 * days, so a next order "on rhythm" falls in the band.
 */
import { scaleLog, scaleUtc } from 'd3-scale';
import type { TimelineOrder } from '../../engine/customers/index.ts';
import { quantileSorted } from '../../engine/math/index.ts';
import { fixedNumber } from '../../views/localeNumbers.ts';

export interface TimelineMark {
  x: number; y: number; id: string; label: string; cancelled: boolean; reversed: boolean; highlighted: boolean; related: boolean;
}

export interface TimelineLayout {
  width: number;
  height: number;
  marks: TimelineMark[];
  /** The usual-gap band in pixels, when the customer has 2+ gaps. */
  band: { x0: number; x1: number; label: string } | undefined;
  /** The end of the data. */
  endX: number;
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  margin: { top: number; right: number; bottom: number; left: number };
}

const DAY = 1440;

function usualGapLabel(low: number, high: number): string {
  const a = fixedNumber(low, 0);
  const b = fixedNumber(high, 0);
  return a === b ? `usual gap ${a} days` : `usual gap ${a}–${b} days`;
}

/** Days between consecutive purchase days (orders on one day are one purchase), cancellations and reversed orders left out. */
export function purchaseGaps(orders: readonly TimelineOrder[]): number[] {
  const days = [...new Set(orders.filter((o) => !o.cancelled && !o.reversed).map((o) => Math.floor(o.minute / DAY)))].sort((a, b) => a - b);
  return days.slice(1).map((day, k) => day - days[k]);
}

export function timelineLayout(
  orders: readonly TimelineOrder[], anomaly: { kind: string; order: string; related: string }, endMinute: number, width: number, height = 180,
): TimelineLayout {
  const margin = { top: 12, right: 40, bottom: 28, left: 64 };
  const gaps = purchaseGaps(orders).sort((a, b) => a - b);
  const index = orders.findIndex((o) => o.id === anomaly.order);
  const kept = orders.filter((o) => !o.cancelled && !o.reversed);
  const anchor = anomaly.kind === 'overdue'
    ? kept[kept.length - 1]
    : kept.filter((o) => index >= 0 && o.minute < orders[index].minute && o.id !== anomaly.order).pop();
  const band = anchor && gaps.length >= 2
    ? { from: anchor.minute + quantileSorted(gaps, 0.25) * DAY, to: anchor.minute + quantileSorted(gaps, 0.75) * DAY }
    : undefined;
  const times = [...orders.map((o) => o.minute), endMinute, ...(band ? [band.to] : [])].filter(Number.isFinite);
  const first = Math.min(...times);
  const last = Math.max(...times);
  const pad = Math.max(DAY, (last - first) * 0.03);
  const x = scaleUtc().domain([new Date((first - pad) * 60_000), new Date((last + pad) * 60_000)]).range([margin.left, width - margin.right]);
  // A reversed order is drawn at the value it was placed for.
  const size = (o: TimelineOrder) => Math.abs(o.reversed ? o.gross : o.amount);
  const sizes = orders.map(size).filter((v) => v > 0);
  const low = sizes.length ? Math.min(...sizes) : 1;
  const high = sizes.length ? Math.max(...sizes) : 10;
  const y = scaleLog().domain(low === high ? [low / 2, high * 2] : [low / 1.3, high * 1.3]).range([height - margin.bottom, margin.top]).nice();
  const at = (minute: number) => x(new Date(minute * 60_000));
  const money = (v: number) => fixedNumber(v, 2);
  return {
    width, height, margin,
    marks: orders.map((o) => ({
      x: at(o.minute), y: y(Math.max(size(o), y.domain()[0])), id: o.id, cancelled: o.cancelled, reversed: o.reversed,
      label: `${o.id}: ${o.cancelled ? 'cancellation ' : ''}${money(o.reversed ? o.gross : o.amount)} on ${new Date(o.minute * 60_000).toISOString().slice(0, 16).replace('T', ' ')}`
        + `${o.reversed ? ', reversed' : !o.cancelled && o.gross - o.amount > 0.005 ? `, ${money(o.amount)} after cancellations` : ''}`,
      highlighted: o.id === anomaly.order, related: anomaly.related !== '' && o.id === anomaly.related,
    })),
    band: band && { x0: at(band.from), x1: at(band.to), label: usualGapLabel(quantileSorted(gaps, 0.25), quantileSorted(gaps, 0.75)) },
    endX: at(endMinute),
    xTicks: x.ticks(Math.max(2, Math.floor(width / 120))).map((d) => ({ x: x(d), label: d.toISOString().slice(0, 10) })),
    yTicks: y.ticks(4).filter((_, k, all) => all.length <= 5 || k % Math.ceil(all.length / 4) === 0).map((v) => ({ y: y(v), label: v >= 1000 ? `${v / 1000}k` : String(v) })),
  };
}
