/**
 * `stalled` anomalies from an event log: journeys still in progress that are slower than the
 * plan allows. A journey is in progress when its last event is at a touchpoint that has
 * touchpoints after it in the plan. It is stalled when
 * - it reached its current touchpoint later (from its first event) than the plan's P95 for
 *   reaching that touchpoint, or
 * - by the end of the data it has been going longer than the plan's P95 for reaching even the
 *   quickest of the touchpoints that come next, and none has happened.
 * The P95s come from the simulation of the open journey (finish time of each touchpoint). The
 * score is elapsed ÷ P95 (1.5 = half as long again as the plan's 95th percentile).
 */
import type { Anomaly } from './anomalies.ts';
import type { EventTable } from './customerData.ts';
import { minutesToIsoDate } from './dates.ts';
import { eventsByCase } from './eventLog.ts';

export interface PlannedReach {
  /** Touchpoint id. */
  id: string;
  name: string;
  /** The simulated P95 of the time from the journey's start to reaching this touchpoint, in days. */
  p95Days: number;
  /** Ids of the touchpoints that depend on this one. */
  next: string[];
}

/**
 * `touchpointOf` maps an activity of the log to a planned touchpoint id (or undefined when the
 * activity is not in the plan); `endMinute` is the end of the data.
 */
export function stalledJourneys(
  table: EventTable, plan: readonly PlannedReach[], touchpointOf: (activity: string) => string | undefined, endMinute: number,
): Anomaly[] {
  const byId = new Map(plan.map((t) => [t.id, t]));
  const days = (minutes: number) => minutes / 1440;
  const fmt = (value: number) => value.toFixed(1);
  const result: Anomaly[] = [];
  for (const [caseId, events] of eventsByCase(table)) {
    const last = events[events.length - 1];
    const current = byId.get(touchpointOf(table.activity[last]) ?? '');
    if (!current || current.next.length === 0) continue; // unplanned activity, or the journey is complete
    const start = table.minute[events[0]];
    const reachedAfter = days(table.minute[last] - start);
    const goingFor = days(endMinute - start);
    const next = current.next.map((id) => byId.get(id)).filter((t): t is PlannedReach => !!t && Number.isFinite(t.p95Days));
    const soonest = next.reduce<PlannedReach | undefined>((best, t) => (!best || t.p95Days < best.p95Days ? t : best), undefined);
    const lateRatio = current.p95Days > 0 ? reachedAfter / current.p95Days : 0;
    const waitRatio = soonest && soonest.p95Days > 0 ? goingFor / soonest.p95Days : 0;
    if (lateRatio <= 1 && waitRatio <= 1) continue;
    const lastDate = minutesToIsoDate(table.minute[last]);
    const why = waitRatio >= lateRatio
      ? `At ${current.name} since ${lastDate}; ${fmt(goingFor)} days since the journey began, past the plan's P95 of ${fmt(soonest!.p95Days)} days for reaching ${soonest!.name}, and it has not happened.`
      : `Reached ${current.name} on ${lastDate}, ${fmt(reachedAfter)} days after the journey began; the plan's P95 for reaching it is ${fmt(current.p95Days)} days.`;
    result.push({
      kind: 'stalled', customer: caseId, date: lastDate, order: current.name, related: waitRatio >= lateRatio ? soonest!.name : '',
      score: Math.max(lateRatio, waitRatio), why,
    });
  }
  return result.sort((x, y) => y.score - x.score);
}
