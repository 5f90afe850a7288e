/**
 * The funnel of an event log: how many journeys (cases) reach each touchpoint, and of those that
 * reached the step before, how many go on to reach this one, with steps in journey order (the
 * plan's order when given, else the order journeys usually take: the median position at which
 * each activity first occurs in a case).
 */
import type { EventTable } from './customerData.ts';
import { eventsByCase } from './eventLog.ts';
import { median } from './robust.ts';

export interface FunnelStep {
  activity: string;
  /** Journeys with at least one event of this activity. */
  journeys: number;
  /** journeys ÷ all journeys. */
  share: number;
  /** Of the journeys that reached the previous step, the share that did not reach this one (NaN for the first). */
  dropOff: number;
}

export interface Funnel {
  journeys: number;
  steps: FunnelStep[];
}

/**
 * `order`: activity names in journey order (the plan's); activities not in it follow in their
 * usual order. Cost: O(events log events).
 */
export function funnelOf(table: EventTable, order: readonly string[] = []): Funnel {
  const byCase = eventsByCase(table);
  const reached = new Map<string, Set<string>>();
  const positions = new Map<string, number[]>();
  for (const [id, events] of byCase) {
    const seen = new Set<string>();
    for (const i of events) {
      const activity = table.activity[i];
      if (seen.has(activity)) continue;
      (positions.get(activity) ?? positions.set(activity, []).get(activity)!).push(seen.size);
      seen.add(activity);
      (reached.get(activity) ?? reached.set(activity, new Set()).get(activity)!).add(id);
    }
  }
  const planned = order.filter((activity) => reached.has(activity));
  const rest = [...reached.keys()].filter((activity) => !planned.includes(activity))
    .sort((a, b) => median(positions.get(a)!) - median(positions.get(b)!) || reached.get(b)!.size - reached.get(a)!.size || a.localeCompare(b));
  const sequence = [...planned, ...rest];
  const journeys = byCase.size;
  return {
    journeys,
    steps: sequence.map((activity, k) => {
      const here = reached.get(activity)!;
      let dropOff = NaN;
      if (k > 0) {
        const before = reached.get(sequence[k - 1])!;
        let onward = 0;
        for (const id of before) if (here.has(id)) onward++;
        dropOff = before.size ? 1 - onward / before.size : NaN;
      }
      return { activity, journeys: here.size, share: journeys ? here.size / journeys : NaN, dropOff };
    }),
  };
}

/**
 * A probability for each planned touchpoint from the funnel: the share of journeys that reach
 * it; for a member of a mutually exclusive group, its weight, the share of the group's matched
 * journeys that took it (the members' weights then sum to 1). Written as the journey's
 * Probability column reads it: "86%", or '' for 100%. Journeys still in progress count as not
 * (yet) reaching the later touchpoints, so shares from a log of recent journeys run low.
 */
export function probabilitiesFromFunnel(
  funnel: Funnel, planned: readonly { row: number; activity: string; group: string }[],
): Map<number, string> {
  const byActivity = new Map(funnel.steps.map((s) => [s.activity, s]));
  const groupTotals = new Map<string, number>();
  for (const p of planned) {
    const step = byActivity.get(p.activity);
    if (step && p.group) groupTotals.set(p.group, (groupTotals.get(p.group) ?? 0) + step.journeys);
  }
  const result = new Map<number, string>();
  for (const p of planned) {
    const step = byActivity.get(p.activity);
    if (!step || funnel.journeys === 0) continue;
    const share = p.group ? step.journeys / groupTotals.get(p.group)! : step.share;
    result.set(p.row, share >= 0.9995 ? '' : `${Math.round(1000 * share) / 10}%`);
  }
  return result;
}
