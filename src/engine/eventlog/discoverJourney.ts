/**
 * A journey learned from an event log (case, activity, timestamp): touchpoints, their
 * dependencies, branches and three-point times, as rows the notebook can simulate.
 *
 * 1. Each case's events in time order (ties in file order); a repeated activity is folded into
 *    its first occurrence (a loop becomes one touchpoint), and the cases with repeats are counted.
 * 2. Variants (the folded activity sequences) most frequent first; the fewest that cover
 *    `coverage` of the cases decide which activities are kept. Every case is then read with only
 *    the kept activities.
 * 3. Relations between two kept activities, from the cases holding both (the eventually-follows
 *    counts, which directly-follows noise from parallel work does not confuse): never together —
 *    exclusive; each seen first in at least a tenth of those cases — parallel; otherwise the one
 *    seen first more often precedes the other. Precedence is only allowed forward in one order of
 *    the activities (a Copeland ranking of those pairwise majorities), so the result has no cycle. The alpha algorithm's
 *    footprint relations (van der Aalst, Weijters & Maruster 2004, "Workflow mining", §4) on
 *    eventually-follows counts, as the heuristics miner does for noise (Weijters & van der Aalst
 *    2003).
 * 4. Each activity depends on the activities that precede it, less those that precede another of
 *    them (transitive reduction): parallel activities share predecessors and are not chained.
 * 5. Activities with the same predecessors that are pairwise exclusive form a group whose weights
 *    are their shares of cases; another activity seen in fewer than `optionalBelow` of the cases
 *    is optional, with that share as its probability.
 * 6. Times: for each case, an activity's time is from the latest of its predecessors present in
 *    the case (else the latest earlier event) to it; optimistic / most likely / pessimistic are the
 *    P10 / half-sample mode (Bickel & Frühwirth 2006, clamped into [P10, P90]) / P90 of those times
 *    (quantiles by linear interpolation, Hyndman & Fan type 7). A start activity takes no time.
 *
 * Cost: O(E log E) for the sort plus O(C · A²) for the relations (C cases, A kept activities).
 */
import type { EventTable } from '../csv/index.ts';
import type { TouchpointInput } from '../journey/index.ts';
import { quantileSorted } from '../math/index.ts';
import { halfSampleMode } from './eventLogReport.ts';

export type DiscoveryUnit = 'hours' | 'days';

export interface DiscoveryOptions {
  /** Share of cases whose variants decide the kept activities (0 < coverage ≤ 1); 0.9 by default. */
  coverage?: number;
  /** Time unit of the three-point times; chosen from the data's scale when absent. */
  unit?: DiscoveryUnit;
  /** An activity in fewer than this share of cases is optional; 0.95 by default. */
  optionalBelow?: number;
}

/** One discovered touchpoint, with what it was learned from. */
export interface DiscoveredActivity {
  id: string;
  activity: string;
  /** Cases (of all) holding it. */
  cases: number;
  /** Times into it that its three-point estimate rests on. */
  timed: number;
}

export interface DiscoveredJourney {
  rows: TouchpointInput[];
  activities: DiscoveredActivity[];
  unit: DiscoveryUnit;
  cases: number;
  variants: number;
  /** Variants kept, and the share of cases they cover. */
  keptVariants: number;
  covered: number;
  /** Activities left out (rare: outside the variants kept), with their case counts. */
  leftOut: { activity: string; cases: number }[];
  /** Activities repeated within a case and folded into one touchpoint, with the cases that repeat them. */
  folded: { activity: string; cases: number }[];
  /** Plain sentences on what was done, for the person. */
  notes: string[];
}

const MINUTES = { hours: 60, days: 1440 } as const;
/** Below this many cases a touchpoint's times are said to rest on few cases. */
export const FEW_CASES = 5;

/** Cases as lists of event indexes in time order (ties in file order). */
export function caseTraces(table: EventTable): { caseId: string; events: number[] }[] {
  const byCase = new Map<string, number[]>();
  for (let i = 0; i < table.caseId.length; i++) {
    const list = byCase.get(table.caseId[i]);
    if (list) list.push(i); else byCase.set(table.caseId[i], [i]);
  }
  return [...byCase].map(([caseId, events]) => ({ caseId, events: events.sort((a, b) => table.minute[a] - table.minute[b] || a - b) }));
}

/** A short ID from an activity name: the initials (letters and digits), made unique with a number. */
export function activityIds(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    const words = name.normalize('NFKD').replace(/[^A-Za-z0-9 ]+/g, ' ').trim().split(/\s+/).filter(Boolean);
    let base = words.length > 1 ? words.map((word) => word[0]).join('') : (words[0] ?? 'T').slice(0, 3);
    base = base.toUpperCase().slice(0, 6) || 'T';
    let id = base;
    for (let k = 2; used.has(id); k++) id = `${base}${k}`;
    used.add(id);
    return id;
  });
}

/** A time as the cell text of a three-point estimate: up to three decimals, no trailing zeros. */
function timeText(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

/** The journey an event log shows (see the module comment). */
export function discoverJourney(table: EventTable, options: DiscoveryOptions = {}): DiscoveredJourney {
  const coverage = Math.min(1, Math.max(0.01, options.coverage ?? 0.9));
  const optionalBelow = options.optionalBelow ?? 0.95;
  const traces = caseTraces(table);
  const cases = traces.length;

  // 1. Fold repeats: each case as its activities' first occurrences, in order.
  const repeats = new Map<string, number>();
  const folded = traces.map(({ events }) => {
    const seen = new Map<string, number>();
    const again = new Set<string>();
    for (const i of events) {
      const name = table.activity[i];
      if (seen.has(name)) again.add(name); else seen.set(name, i);
    }
    for (const name of again) repeats.set(name, (repeats.get(name) ?? 0) + 1);
    return seen;
  });

  // 2. Variants, most frequent first (ties by sequence), and the activities of those covering `coverage`.
  const variantCount = new Map<string, number>();
  for (const trace of folded) {
    const key = [...trace.keys()].join('\u0000');
    variantCount.set(key, (variantCount.get(key) ?? 0) + 1);
  }
  const variants = [...variantCount].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const kept = new Set<string>();
  let coveredCases = 0;
  let keptVariants = 0;
  for (const [key, count] of variants) {
    if (keptVariants > 0 && coveredCases >= coverage * cases) break;
    for (const name of key.split('\u0000')) if (name !== '') kept.add(name);
    coveredCases += count;
    keptVariants++;
  }
  const caseCount = new Map<string, number>();
  for (const trace of folded) for (const name of trace.keys()) caseCount.set(name, (caseCount.get(name) ?? 0) + 1);
  const leftOut = [...caseCount].filter(([name]) => !kept.has(name)).map(([activity, count]) => ({ activity, cases: count }))
    .sort((x, y) => y.cases - x.cases || (x.activity < y.activity ? -1 : 1));

  // 3. Eventually-follows and co-occurrence counts over the kept activities (in name order first).
  const byName = [...kept].sort();
  const nameIndex = new Map(byName.map((name, k) => [name, k]));
  const n = byName.length;
  const follows = Array.from({ length: n }, () => new Float64Array(n));
  const both = Array.from({ length: n }, () => new Float64Array(n));
  const positions: number[][] = byName.map(() => []);
  const projectedByName = folded.map((trace) => [...trace].filter(([name]) => kept.has(name)).map(([name, event]) => ({ k: nameIndex.get(name)!, event })));
  for (const trace of projectedByName) {
    for (let x = 0; x < trace.length; x++) {
      positions[trace[x].k].push(x / Math.max(1, trace.length - 1));
      for (let y = x + 1; y < trace.length; y++) {
        follows[trace[x].k][trace[y].k]++;
        both[trace[x].k][trace[y].k]++;
        both[trace[y].k][trace[x].k]++;
      }
    }
  }
  // The order precedence must follow: by how many activities each follows more often than it
  // precedes (a Copeland ranking of the pairwise majorities), then by mean relative position, then name.
  const wins = byName.map((_, a) => byName.reduce((sum, __, b) => sum + Math.sign(follows[b][a] - follows[a][b]), 0));
  const meanPosition = positions.map((list) => list.reduce((sum, x) => sum + x, 0) / Math.max(1, list.length));
  const order = byName.map((_, k) => k).sort((x, y) => wins[x] - wins[y] || meanPosition[x] - meanPosition[y] || x - y);
  const names = order.map((k) => byName[k]);
  const before = order.map((x) => Float64Array.from(order, (y) => follows[x][y]));
  const together = order.map((x) => Float64Array.from(order, (y) => both[x][y]));
  const rank = new Map(order.map((k, r) => [k, r]));
  const projected = projectedByName.map((trace) => trace.map(({ k, event }) => ({ k: rank.get(k)!, event })));
  const exclusive = (a: number, b: number) => together[a][b] === 0;
  const parallel = (a: number, b: number) => !exclusive(a, b) && Math.min(before[a][b], before[b][a]) >= Math.max(1, 0.1 * together[a][b]);
  // a precedes b: forward in the order, seen first more often, and neither exclusive nor parallel.
  const precedes = (a: number, b: number) => a < b && !exclusive(a, b) && !parallel(a, b) && before[a][b] > before[b][a];

  // 4. Predecessors by transitive reduction of the precedence relation.
  const predecessors: number[][] = names.map((_, b) => {
    const direct = names.map((__, a) => a).filter((a) => precedes(a, b));
    return direct.filter((a) => !direct.some((c) => c !== a && precedes(a, c)));
  });

  // 5. Exclusive groups (same predecessors, pairwise never together) and optional touchpoints.
  const groupOf = new Array<string>(n).fill('');
  const ids = activityIds(names);
  let groups = 0;
  for (let a = 0; a < n; a++) {
    if (groupOf[a]) continue;
    const key = predecessors[a].join(',');
    const members = [a];
    for (let b = a + 1; b < n; b++) {
      if (!groupOf[b] && predecessors[b].join(',') === key && members.every((m) => exclusive(m, b))) members.push(b);
    }
    if (members.length < 2) continue;
    groups++;
    const label = `Choice ${groups}`;
    for (const m of members) groupOf[m] = label;
  }
  const share = (a: number) => (caseCount.get(names[a]) ?? 0) / Math.max(1, cases);
  const groupShare = new Map<string, number>();
  for (let a = 0; a < n; a++) if (groupOf[a]) groupShare.set(groupOf[a], (groupShare.get(groupOf[a]) ?? 0) + share(a));

  // 6. Times into each activity from its predecessors present in the case.
  const delays: number[][] = names.map(() => []);
  for (const trace of projected) {
    const timeOf = new Map<number, number>();
    for (const { k, event } of trace) timeOf.set(k, table.minute[event]);
    trace.forEach(({ k, event }, position) => {
      if (position === 0 && predecessors[k].length === 0) return;
      let ready = -Infinity;
      for (const p of predecessors[k]) { const t = timeOf.get(p); if (t !== undefined && t > ready) ready = t; }
      if (ready === -Infinity && position > 0) ready = table.minute[trace[position - 1].event];
      if (ready === -Infinity) return;
      delays[k].push(Math.max(0, table.minute[event] - ready));
    });
  }
  const all = Float64Array.from(delays.flat()).sort();
  const unit: DiscoveryUnit = options.unit ?? (all.length && quantileSorted(all, 0.5) < 1440 ? 'hours' : 'days');
  const scale = MINUTES[unit];

  const rows: TouchpointInput[] = names.map((name, a) => {
    const sorted = Float64Array.from(delays[a].map((d) => d / scale)).sort();
    const [o, p] = sorted.length ? [quantileSorted(sorted, 0.1), quantileSorted(sorted, 0.9)] : [0, 0];
    const m = sorted.length ? Math.min(p, Math.max(o, halfSampleMode(sorted))) : 0;
    const probability = groupOf[a]
      ? timeText(share(a) / groupShare.get(groupOf[a])!)
      : share(a) < optionalBelow ? timeText(Math.max(0.001, share(a))) : '';
    return {
      id: ids[a], name, stage: '', optimistic: timeText(o), mostLikely: timeText(m), pessimistic: timeText(p), distribution: '',
      dependsOn: predecessors[a].map((k) => ids[k]).join(', '), probability, group: groupOf[a],
    };
  });

  const activities = names.map((name, a) => ({ id: ids[a], activity: name, cases: caseCount.get(name) ?? 0, timed: delays[a].length }));
  const foldedList = [...repeats].map(([activity, count]) => ({ activity, cases: count })).sort((x, y) => y.cases - x.cases || (x.activity < y.activity ? -1 : 1));
  const notes: string[] = [];
  const percent = (value: number) => `${Math.round(100 * value)}%`;
  notes.push(`${n} touchpoints from the ${keptVariants} most common of ${variants.length} paths, which cover ${percent(coveredCases / Math.max(1, cases))} of ${cases} cases.`);
  if (leftOut.length) notes.push(`Left out as rare: ${leftOut.slice(0, 5).map((x) => `${x.activity} (${x.cases} cases)`).join(', ')}${leftOut.length > 5 ? ` and ${leftOut.length - 5} more` : ''}.`);
  if (foldedList.length) notes.push(`Repeated within a case and folded into one touchpoint (timed at its first occurrence): ${foldedList.slice(0, 5).map((x) => `${x.activity} (${x.cases} cases)`).join(', ')}.`);
  const parallelPairs = names.flatMap((_, a) => names.map((__, b) => b).filter((b) => b > a && parallel(a, b)).map((b) => `${names[a]} and ${names[b]}`));
  if (parallelPairs.length) notes.push(`Seen in both orders, so run side by side: ${parallelPairs.slice(0, 5).join('; ')}.`);
  if (groups) notes.push(`${groups} exclusive choice${groups > 1 ? 's' : ''} (never together in one case), weighted by their shares of cases.`);
  const few = activities.filter((x) => x.timed > 0 && x.timed < FEW_CASES);
  if (few.length) notes.push(`Few cases behind the times of ${few.map((x) => x.activity).join(', ')}: read them as rough.`);
  notes.push(`Times in ${unit}: optimistic, most likely and pessimistic are the P10, the half-sample mode and the P90 of the time from each touchpoint's predecessors to it.`);
  return { rows, activities, unit, cases, variants: variants.length, keptVariants, covered: coveredCases / Math.max(1, cases), leftOut, folded: foldedList, notes };
}
