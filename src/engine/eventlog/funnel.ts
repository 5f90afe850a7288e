/**
 * The funnel of an event log: how many journeys (cases) reach each touchpoint, and of those that
 * reached the step before, how many go on to reach this one, with steps in journey order (the
 * plan's order when given, else the order journeys usually take: the median position at which
 * each activity first occurs in a case).
 */
import type { EventTable } from '../csv/index.ts';
import { eventsByCase } from './eventLogReport.ts';
import { median } from '../math/index.ts';

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
 * usual order; a planned activity no journey reached is a step with 0 journeys. Cost: O(events log events).
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
  // Planned steps stay in the funnel even when no journey reached them (0 journeys).
  const planned = [...new Set(order)];
  for (const activity of planned) if (!reached.has(activity)) reached.set(activity, new Set());
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
 * Probability column reads it: "86%", "0.0333%" (under 1%, three significant digits, so a rare
 * step is not written as "0%", which means never), or '' for 100%. Journeys still in progress
 * count as not (yet) reaching the later touchpoints, so shares from a log of recent journeys run low.
 *
 * No journey reached a touchpoint: 0% is not a probability the journey takes (it would never
 * happen), so
 * - a member of a group that other members' journeys did reach counts as half a journey (the
 *   add-one-half rule for an empty cell, as in Haldane's and Jeffreys' estimators): weights
 *   n_i / (T + U/2), and ½ / (T + U/2) for each of the U unreached members, T the group's
 *   journeys, so the group still adds up to 100%;
 * - any other touchpoint keeps the Probability it has.
 * Either way a plain sentence goes into `notes`.
 */
export function probabilitiesFromFunnel(
  funnel: Funnel, planned: readonly { row: number; activity: string; group: string }[], notes?: string[],
): Map<number, string> {
  const result = new Map<number, string>();
  if (funnel.journeys === 0) return result;
  const kept: string[] = [];
  const reachedBy = (activity: string) => funnel.steps.find((s) => s.activity === activity)?.journeys ?? 0;
  const groupTotals = new Map<string, { journeys: number; unreached: number }>();
  for (const p of planned) {
    if (!p.group) continue;
    const total = groupTotals.get(p.group) ?? { journeys: 0, unreached: 0 };
    const n = reachedBy(p.activity);
    total.journeys += n;
    if (n === 0) total.unreached++;
    groupTotals.set(p.group, total);
  }
  for (const p of planned) {
    const n = reachedBy(p.activity);
    const total = p.group ? groupTotals.get(p.group)! : undefined;
    if (n === 0 && !(total && total.journeys > 0)) {
      kept.push(p.activity);
      continue;
    }
    const share = total ? (n === 0 ? 0.5 : n) / (total.journeys + total.unreached / 2) : n / funnel.journeys;
    const text = percentText(share);
    result.set(p.row, text);
    if (n === 0) {
      notes?.push(`${p.activity}: no journey reached it; as a member of "${p.group}" it is given half a journey's share, ${text}, `
        + 'so the group\'s weights still add up to 100%. Set it yourself if you know better.');
    }
  }
  if (kept.length > 0) {
    const named = kept.length <= 4 ? kept.join(', ') : `${kept.slice(0, 3).join(', ')} and ${kept.length - 3} more`;
    notes?.push(kept.length === 1
      ? `No journey reached ${named}; its Probability is left as it was (0% would mean it never happens).`
      : `No journey reached ${named}; their Probabilities are left as they were (0% would mean they never happen).`);
  }
  return result;
}

/** A share as the Probability column reads it: '' for 100%, 0.1-point steps from 1%, three significant digits below. */
function percentText(share: number): string {
  if (share >= 0.9995) return '';
  if (share >= 0.00995) return `${Math.round(1000 * share) / 10}%`;
  return `${Number((100 * share).toPrecision(3))}%`;
}
