import { describe, expect, it } from 'vitest';
import type { EventTable } from '../../src/engine/customerData.ts';
import { funnelOf, probabilitiesFromFunnel } from '../../src/engine/funnel.ts';
import { minutesPerUnit, reachP95 } from '../../src/engine/plannedReach.ts';
import { stalledJourneys } from '../../src/engine/stalled.ts';
import type { PlannedReach } from '../../src/engine/stalled.ts';
import type { SimulationResult } from '../../src/engine/types.ts';

const DAY = 1440;
const t0 = Date.UTC(2024, 2, 1) / 60_000;

function events(list: [string, string, number][]): EventTable {
  return {
    caseId: list.map((e) => e[0]), activity: list.map((e) => e[1]), minute: Float64Array.from(list, (e) => t0 + e[2] * DAY),
    line: Int32Array.from(list, (_, i) => i + 2),
  };
}

describe('funnelOf', () => {
  // 10 journeys see the ad; 6 of them search; 3 of those buy; one more buys without a search.
  const list: [string, string, number][] = [];
  for (let c = 0; c < 10; c++) list.push([`j${c}`, 'Ad', 0]);
  for (let c = 0; c < 6; c++) list.push([`j${c}`, 'Search', 1]);
  for (let c = 0; c < 3; c++) list.push([`j${c}`, 'Buy', 2]);
  list.push(['j9', 'Buy', 3], ['j0', 'Ad', 4]); // a repeated ad counts once
  const table = events(list);

  it('counts journeys reaching each step in their usual order, and the drop-off from the step before', () => {
    const f = funnelOf(table);
    expect(f.journeys).toBe(10);
    expect(f.steps.map((s) => [s.activity, s.journeys, s.share])).toEqual([['Ad', 10, 1], ['Search', 6, 0.6], ['Buy', 4, 0.4]]);
    // Ad → Search: 4 of 10 did not search. Search → Buy: of the 6 searchers 3 bought, so half dropped.
    expect(f.steps[0].dropOff).toBeNaN();
    expect(f.steps[1].dropOff).toBeCloseTo(0.4, 12);
    expect(f.steps[2].dropOff).toBeCloseTo(0.5, 12);
  });

  it('follows the plan\'s order when given', () => {
    expect(funnelOf(table, ['Buy', 'Ad', 'Missing']).steps.map((s) => s.activity)).toEqual(['Buy', 'Ad', 'Search']);
  });
});

describe('probabilitiesFromFunnel', () => {
  it('gives each touchpoint the share of journeys reaching it, and a group member its share of the group', () => {
    // 10 journeys: Ad 10, Search 6, Buy 4 (see above). Search and Buy form an exclusive group here: weights 6/10 and 4/10.
    const list: [string, string, number][] = [];
    for (let c = 0; c < 10; c++) list.push([`j${c}`, 'Ad', 0]);
    for (let c = 0; c < 6; c++) list.push([`j${c}`, 'Search', 1]);
    for (let c = 6; c < 10; c++) list.push([`j${c}`, 'Buy', 2]);
    list.push(['j0', 'Later', 3], ['j1', 'Later', 3], ['j2', 'Later', 3]);
    const f = funnelOf(events(list));
    const plain = probabilitiesFromFunnel(f, [{ row: 0, activity: 'Ad', group: '' }, { row: 1, activity: 'Later', group: '' }, { row: 2, activity: 'Gone', group: '' }]);
    expect([...plain]).toEqual([[0, ''], [1, '30%']]);
    const grouped = probabilitiesFromFunnel(f, [{ row: 3, activity: 'Search', group: 'How' }, { row: 4, activity: 'Buy', group: 'How' }]);
    expect([...grouped]).toEqual([[3, '60%'], [4, '40%']]);
  });
});

describe('stalledJourneys', () => {
  // Plan: AD → SE → CA (end). P95 of reaching: AD 1 day, SE 4 days, CA 7 days.
  const plan: PlannedReach[] = [
    { id: 'AD', name: 'Ad', p95Days: 1, next: ['SE'] },
    { id: 'SE', name: 'Search', p95Days: 4, next: ['CA'] },
    { id: 'CA', name: 'Cart', p95Days: 7, next: [] },
  ];
  const touchpointOf = (activity: string) => ({ ad: 'AD', search: 'SE', cart: 'CA' } as Record<string, string>)[activity.toLowerCase()];
  // The data end on day 10.
  const table = events([
    ['done', 'Ad', 0], ['done', 'Search', 2], ['done', 'Cart', 20], // complete: never stalled, however slow
    ['fine', 'Ad', 8], ['fine', 'Search', 9], // 2 days in at the end, under Cart's 7
    ['slow', 'Ad', 3], ['slow', 'Search', 9], // reached Search after 6 days > 4 (ratio 1.5); 7 days in = Cart's 7, not past it
    ['stuck', 'Ad', 0], ['stuck', 'Search', 1], // 10 days in at the end > Cart's 7 (ratio 10/7)
    ['other', 'Ad', 0], ['other', 'Newsletter', 1], // last activity not in the plan: not judged
    ['end', 'Ad', 10],
  ]);
  const found = stalledJourneys(table, plan, touchpointOf, t0 + 10 * DAY);

  it('flags the planted stalled and late journeys only, highest ratio first', () => {
    expect(found.map((a) => a.customer)).toEqual(['slow', 'stuck']);
    expect(found[0].score).toBeCloseTo(6 / 4, 12);
    expect(found[1].score).toBeCloseTo(10 / 7, 12);
  });

  it('says why with the numbers', () => {
    expect(found[0].why).toBe('Reached Search on 2024-03-10, 6.0 days after the journey began; the plan\'s P95 for reaching it is 4.0 days.');
    expect(found[1]).toMatchObject({ kind: 'stalled', date: '2024-03-02', order: 'Search', related: 'Cart' });
    expect(found[1].why).toBe('At Search since 2024-03-02; 10.0 days since the journey began, past the plan\'s P95 of 7.0 days for reaching Cart, and it has not happened.');
  });
});

describe('reachP95', () => {
  const base = { mean: 10, percentiles: { p10: 7, p50: 10, p80: 12, p90: 13, p95: 15 }, meanFinish: Float64Array.of(2, 6, 10) } as unknown as SimulationResult;

  it('uses the simulation\'s per-touchpoint P95 when the run has them', () => {
    const withReach = { ...base, reach: { percentiles: [0.5, 0.95], finish: [Float64Array.of(2, 6, 10), Float64Array.of(3.5, 9, 15)] } };
    expect(reachP95(withReach)).toEqual({ p95: Float64Array.of(3.5, 9, 15), source: 'simulation' });
  });

  it('falls back to mean finish × the journey\'s P95 / mean', () => {
    // 15 / 10 = 1.5: 2 → 3, 6 → 9, 10 → 15.
    expect(reachP95(base)).toEqual({ p95: Float64Array.of(3, 9, 15), source: 'scaled mean' });
  });

  it('reads the journey\'s time unit', () => {
    expect([minutesPerUnit('days'), minutesPerUnit('Weeks'), minutesPerUnit('hours'), minutesPerUnit('touches')]).toEqual([1440, 10080, 60, 1440]);
  });
});
