import { describe, expect, it } from 'vitest';
import { minutesPerUnit, reachP95 } from '../../../src/engine/montecarlo/plannedReach.ts';
import { stalledJourneys } from '../../../src/engine/eventlog/stalled.ts';
import type { PlannedReach } from '../../../src/engine/eventlog/stalled.ts';
import type { SimulationResult } from '../../../src/engine/journey/types.ts';
import { DAY, events, t0 } from './events.ts';

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

describe('stalledJourneys with optional next touchpoints', () => {
  // Plan: Visit → Purchase → Upsell (10% of journeys). P95 of reaching: Visit 0.5, Purchase 2, Upsell 5 days.
  const plan = (upsell: number, purchaseP95 = 2): PlannedReach[] => [
    { id: 'V', name: 'Visit', p95Days: 0.5, next: ['P'], probability: 1 },
    { id: 'P', name: 'Purchase', p95Days: purchaseP95, next: ['U'], probability: 1 },
    { id: 'U', name: 'Upsell', p95Days: 5, next: [], probability: upsell },
  ];
  const touchpointOf = (activity: string) => ({ visit: 'V', purchase: 'P', upsell: 'U' } as Record<string, string>)[activity.toLowerCase()];
  // Bought on day 1; the data end on day 31: 31 days in, far past Upsell's 5 — but most journeys never upsell.
  const table = events([['buyer', 'Visit', 0], ['buyer', 'Purchase', 1]]);

  it('a journey whose only next touchpoints are optional is not stalled', () => {
    expect(stalledJourneys(table, plan(0.1), touchpointOf, t0 + 31 * DAY)).toEqual([]);
  });

  it('when the next touchpoint must happen, the same journey is stalled (31 / 5 = 6.2)', () => {
    const found = stalledJourneys(table, plan(1), touchpointOf, t0 + 31 * DAY);
    expect(found.map((a) => a.customer)).toEqual(['buyer']);
    expect(found[0].score).toBeCloseTo(31 / 5, 12);
  });

  it('the soonest is taken over the next touchpoints that must happen only', () => {
    // After Purchase: Upsell (10%, P95 5) and Receipt (always, P95 40). 31 days in < 40: not stalled;
    // taking the optional Upsell's 5 would flag it.
    const withReceipt: PlannedReach[] = [
      ...plan(0.1).map((t) => (t.id === 'P' ? { ...t, next: ['U', 'R'] } : t)),
      { id: 'R', name: 'Receipt', p95Days: 40, next: [], probability: 1 },
    ];
    expect(stalledJourneys(table, withReceipt, touchpointOf, t0 + 31 * DAY)).toEqual([]);
    // On day 41, 41 / 40 > 1: stalled, waiting for Receipt.
    const late = stalledJourneys(table, withReceipt, touchpointOf, t0 + 41 * DAY);
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({ related: 'Receipt' });
    expect(late[0].score).toBeCloseTo(41 / 40, 12);
  });

  it('a choice whose members are all next must happen: the soonest member counts', () => {
    // After Purchase, a group Pay: Card 70% (P95 3) or Invoice 30% (P95 20); one of them must happen.
    const choice: PlannedReach[] = [
      ...plan(1).slice(0, 2).map((t) => (t.id === 'P' ? { ...t, next: ['C', 'I'] } : t)),
      { id: 'C', name: 'Card', p95Days: 3, next: [], probability: 0.7, group: 'Pay' },
      { id: 'I', name: 'Invoice', p95Days: 20, next: [], probability: 0.3, group: 'Pay' },
    ];
    const found = stalledJourneys(table, choice, touchpointOf, t0 + 31 * DAY);
    expect(found[0]).toMatchObject({ customer: 'buyer', related: 'Card' });
    expect(found[0].score).toBeCloseTo(31 / 3, 12);
  });

  it('a touchpoint without a P95 (it never happened in the simulation) is skipped with a reason, never a NaN score', () => {
    // Reached Purchase on day 1 with Purchase's P95 unknown; Upsell always happens, P95 5; day 31.
    const skipped: string[] = [];
    const found = stalledJourneys(table, plan(1, NaN), touchpointOf, t0 + 31 * DAY, skipped);
    // The wait for Upsell is still judged (31 / 5); the lateness at Purchase cannot be.
    expect(found.every((a) => Number.isFinite(a.score))).toBe(true);
    expect(found[0].score).toBeCloseTo(31 / 5, 12);
    const unknown = stalledJourneys(events([['buyer', 'Visit', 0], ['buyer', 'Purchase', 1]]),
      plan(1).map((t) => (t.id === 'U' ? { ...t, p95Days: NaN } : { ...t, p95Days: NaN })), touchpointOf, t0 + 31 * DAY, skipped);
    expect(unknown).toEqual([]);
    expect(skipped.join(' ')).toMatch(/1 journey at Purchase was not checked: the plan has no P95 for reaching Purchase/);
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
