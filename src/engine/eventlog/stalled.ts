/**
 * `stalled` anomalies from an event log: journeys still in progress that are slower than the
 * plan allows. A journey is in progress when its last event is at a touchpoint that has
 * touchpoints after it in the plan. It is stalled when
 * - it reached its current touchpoint later (from its first event) than the plan's P95 for
 *   reaching that touchpoint, or
 * - by the end of the data it has been going longer than the plan's P95 for reaching even the
 *   quickest of the next touchpoints that must happen, and none has happened. A next touchpoint
 *   must happen when its probability is 100%, or when it belongs to a choice (group) all of
 *   whose weight is among the next touchpoints (one of them must happen). A journey whose next
 *   touchpoints are all optional may simply be complete (bought, no upsell): it is never flagged
 *   for waiting.
 * A P95 that is not a number (a touchpoint that never happened in the simulation) cannot be
 * judged against: that check is skipped, and a journey with neither check possible is named in
 * `skipped` with the reason.
 * The P95s come from the simulation of the open journey (finish time of each touchpoint). The
 * score is elapsed ÷ P95 (1.5 = half as long again as the plan's 95th percentile).
 */
import type { EventTable } from '../csv/index.ts';
import { minutesToIsoDate } from '../csv/index.ts';
import { eventsByCase } from './eventLogReport.ts';

/** A journey past the plan: the shape of an anomaly row (kind 'stalled'), so the tables that list anomalies list it too. */
export interface StalledJourney {
  kind: 'stalled';
  /** The case id. */
  customer: string;
  date: string;
  /** The touchpoint it is at, and the one it is waiting for. */
  order: string;
  related: string;
  /** Times the plan's P95 it has taken. */
  score: number;
  atStake: number;
  why: string;
}

export interface PlannedReach {
  /** Touchpoint id. */
  id: string;
  name: string;
  /** The simulated P95 of the time from the journey's start to reaching this touchpoint, in days. */
  p95Days: number;
  /** Ids of the touchpoints that depend on this one. */
  next: string[];
  /** Chance the touchpoint happens in a journey (its weight for a group member); 1 when left out. */
  probability?: number;
  /** Exclusive group it belongs to, if any. */
  group?: string;
}

/** The next touchpoints that must happen: probability 100%, or a group whose whole weight is among them. */
function requiredNext(next: readonly PlannedReach[]): PlannedReach[] {
  const groupWeight = new Map<string, number>();
  for (const t of next) if (t.group) groupWeight.set(t.group, (groupWeight.get(t.group) ?? 0) + (t.probability ?? 1));
  return next.filter((t) => (t.group ? groupWeight.get(t.group)! >= 1 - 1e-9 : (t.probability ?? 1) >= 1));
}

/**
 * `touchpointOf` maps an activity of the log to a planned touchpoint id (or undefined when the
 * activity is not in the plan); `endMinute` is the end of the data.
 */
export function stalledJourneys(
  table: EventTable, plan: readonly PlannedReach[], touchpointOf: (activity: string) => string | undefined, endMinute: number,
  skipped?: string[],
): StalledJourney[] {
  const unchecked = new Map<string, number>();
  const byId = new Map(plan.map((t) => [t.id, t]));
  const days = (minutes: number) => minutes / 1440;
  const fmt = (value: number) => value.toFixed(1);
  const result: StalledJourney[] = [];
  for (const [caseId, events] of eventsByCase(table)) {
    const last = events[events.length - 1];
    const current = byId.get(touchpointOf(table.activity[last]) ?? '');
    if (!current || current.next.length === 0) continue; // unplanned activity, or the journey is complete
    const start = table.minute[events[0]];
    const reachedAfter = days(table.minute[last] - start);
    const goingFor = days(endMinute - start);
    const required = requiredNext(current.next.map((id) => byId.get(id)).filter((t): t is PlannedReach => !!t));
    // One required next touchpoint without a P95 is enough to leave the wait unjudged: it might be the soonest.
    const waitKnown = required.length > 0 && required.every((t) => Number.isFinite(t.p95Days));
    const lateKnown = Number.isFinite(current.p95Days);
    if (!waitKnown && !lateKnown) {
      unchecked.set(current.name, (unchecked.get(current.name) ?? 0) + 1);
      continue;
    }
    const soonest = waitKnown
      ? required.reduce<PlannedReach | undefined>((best, t) => (!best || t.p95Days < best.p95Days ? t : best), undefined)
      : undefined;
    const lateRatio = lateKnown && current.p95Days > 0 ? reachedAfter / current.p95Days : 0;
    const waitRatio = soonest && soonest.p95Days > 0 ? goingFor / soonest.p95Days : 0;
    if (lateRatio <= 1 && waitRatio <= 1) continue;
    const lastDate = minutesToIsoDate(table.minute[last]);
    const why = waitRatio >= lateRatio
      ? `At ${current.name} since ${lastDate}; ${fmt(goingFor)} days since the journey began, past the plan's P95 of ${fmt(soonest!.p95Days)} days for reaching ${soonest!.name}, and it has not happened.`
      : `Reached ${current.name} on ${lastDate}, ${fmt(reachedAfter)} days after the journey began; the plan's P95 for reaching it is ${fmt(current.p95Days)} days.`;
    result.push({
      kind: 'stalled', customer: caseId, date: lastDate, order: current.name, related: waitRatio >= lateRatio ? soonest!.name : '',
      score: Math.max(lateRatio, waitRatio), atStake: 0, why,
    });
  }
  for (const [name, n] of unchecked) {
    skipped?.push(`${n.toLocaleString('en')} journey${n === 1 ? '' : 's'} at ${name} ${n === 1 ? 'was' : 'were'} not checked: the plan has no P95 `
      + `for reaching ${name} or what must follow it (it never happened in the simulation; check its probability and group).`);
  }
  return result.sort((x, y) => y.score - x.score);
}
