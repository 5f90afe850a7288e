import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coerceJourney } from '../../../src/engine/journey/index.ts';
import type { EventTable } from '../../../src/engine/csv/index.ts';
import { activityIds, discoverJourney } from '../../../src/engine/eventlog/discoverJourney.ts';

/** An event log from cases written as "A@0 B@60 C@180" (activity @ minutes), one string per case. */
function log(cases: readonly string[]): EventTable {
  const table: EventTable = { caseId: [], activity: [], minute: new Float64Array(0), line: new Int32Array(0) };
  const minutes: number[] = [];
  cases.forEach((text, c) => {
    for (const event of text.split(/\s+/)) {
      const [activity, at] = event.split('@');
      table.caseId.push(`case ${c + 1}`);
      table.activity.push(activity);
      minutes.push(Number(at));
    }
  });
  table.minute = Float64Array.from(minutes);
  table.line = Int32Array.from(minutes.map((_, k) => k + 2));
  return table;
}

const byName = (journey: ReturnType<typeof discoverJourney>) => new Map(journey.rows.map((row) => [row.name, row]));
const depends = (journey: ReturnType<typeof discoverJourney>, name: string) => {
  const ids = new Map(journey.rows.map((row) => [row.id, row.name]));
  return byName(journey).get(name)!.dependsOn.split(/,\s*/).filter(Boolean).map((id) => ids.get(id)).sort();
};

describe('discoverJourney', () => {
  it('learns a chain, with times from each predecessor as P10 / mode / P90 in hours', () => {
    // B always 60 min after A except one case at 120; C 180 min after B.
    const cases = Array.from({ length: 10 }, (_, k) => `A@0 B@${k === 9 ? 120 : 60} C@${(k === 9 ? 120 : 60) + 180}`);
    const journey = discoverJourney(log(cases), { unit: 'hours' });
    expect(journey.rows.map((row) => row.name)).toEqual(['A', 'B', 'C']);
    expect(depends(journey, 'A')).toEqual([]);
    expect(depends(journey, 'B')).toEqual(['A']);
    expect(depends(journey, 'C')).toEqual(['B']);
    const b = byName(journey).get('B')!;
    // Nine times of 1 h and one of 2 h: P10 = 1, P90 = 1 + 0.1 × (2 − 1) = 1.1 (type 7: position 8.1), mode 1.
    expect([b.optimistic, b.mostLikely, b.pessimistic]).toEqual(['1', '1', '1.1']);
    expect(byName(journey).get('C')!.mostLikely).toBe('3');
    expect(byName(journey).get('A')!.pessimistic).toBe('0');
    expect(journey.rows.every((row) => row.probability === '' && row.group === '')).toBe(true);
  });

  it('makes activities seen in both orders concurrent, not chained', () => {
    const cases = Array.from({ length: 20 }, (_, k) => (k % 2 ? 'A@0 B@60 C@90 D@200' : 'A@0 C@30 B@70 D@200'));
    const journey = discoverJourney(log(cases), { unit: 'hours' });
    expect(depends(journey, 'B')).toEqual(['A']);
    expect(depends(journey, 'C')).toEqual(['A']);
    expect(depends(journey, 'D')).toEqual(['B', 'C']);
    expect(journey.notes.some((note) => note.startsWith('Seen in both orders, so run side by side: '))).toBe(true);
    // D waits for the later of B and C: 200 − 90 = 110 min or 200 − 70 = 130 min.
    const d = byName(journey).get('D')!;
    expect(Number(d.optimistic)).toBeCloseTo(110 / 60, 2);
    expect(Number(d.pessimistic)).toBeCloseTo(130 / 60, 2);
  });

  it('groups exclusive alternatives with their shares as weights, and their successor waits for either', () => {
    const cases = Array.from({ length: 20 }, (_, k) => (k < 15 ? 'A@0 B@60 D@120' : 'A@0 C@30 D@120'));
    const journey = discoverJourney(log(cases), { unit: 'hours' });
    const rows = byName(journey);
    expect(rows.get('B')!.group).toBe('Choice 1');
    expect(rows.get('C')!.group).toBe('Choice 1');
    expect([rows.get('B')!.probability, rows.get('C')!.probability]).toEqual(['0.75', '0.25']);
    expect(depends(journey, 'D')).toEqual(['B', 'C']);
    expect(rows.get('A')!.group).toBe('');
  });

  it('makes a rare activity optional with its share of cases, and times its successor from what came before when it is skipped', () => {
    const cases = Array.from({ length: 20 }, (_, k) => (k < 6 ? 'A@0 X@30 C@90' : 'A@0 C@60'));
    const journey = discoverJourney(log(cases), { unit: 'hours' });
    const rows = byName(journey);
    expect(rows.get('X')!.probability).toBe('0.3');
    expect(depends(journey, 'X')).toEqual(['A']);
    expect(depends(journey, 'C')).toEqual(['X']);
    // C: 60 min after X in 6 cases, 60 min after A (X skipped) in 14: always 1 h.
    expect(rows.get('C')!.mostLikely).toBe('1');
  });

  it('folds a loop into one touchpoint timed at its first occurrence, and says so', () => {
    const cases = Array.from({ length: 10 }, (_, k) => (k < 4 ? 'A@0 B@60 C@120 B@180 C@240 D@300' : 'A@0 B@60 C@120 D@300'));
    const journey = discoverJourney(log(cases), { unit: 'hours' });
    expect(journey.rows.map((row) => row.name)).toEqual(['A', 'B', 'C', 'D']);
    expect(depends(journey, 'D')).toEqual(['C']);
    expect(journey.folded).toEqual([{ activity: 'B', cases: 4 }, { activity: 'C', cases: 4 }]);
    expect(journey.notes.some((note) => note.startsWith('Repeated within a case and folded into one touchpoint'))).toBe(true);
  });

  it('keeps the activities of the paths that cover the share of cases asked, and names what it left out', () => {
    const cases = [...Array.from({ length: 19 }, () => 'A@0 B@60'), 'A@0 Z@10 B@60'];
    const journey = discoverJourney(log(cases), { coverage: 0.9, unit: 'hours' });
    expect(journey.rows.map((row) => row.name)).toEqual(['A', 'B']);
    expect(journey.leftOut).toEqual([{ activity: 'Z', cases: 1 }]);
    expect(journey.covered).toBeCloseTo(0.95, 9);
    expect(discoverJourney(log(cases), { coverage: 1 }).rows.map((row) => row.name)).toEqual(['A', 'Z', 'B']);
  });

  it('picks hours or days from the scale of the times, and gives unique short IDs', () => {
    expect(discoverJourney(log(['A@0 B@30', 'A@0 B@40'])).unit).toBe('hours');
    expect(discoverJourney(log(['A@0 B@3000', 'A@0 B@4000'])).unit).toBe('days');
    expect(activityIds(['register request', 'Register Request', 'pay', 'check ticket', ''])).toEqual(['RR', 'RR2', 'PAY', 'CT', 'T']);
  });
});

describe('discoverJourney on any log', () => {
  it('always gives a journey the notebook takes: no cycle, no problem, one row per kept activity', () => {
    fc.assert(fc.property(
      fc.array(fc.array(fc.record({ activity: fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F'), gap: fc.integer({ min: 0, max: 5000 }) }), { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 40 }),
      fc.double({ min: 0.05, max: 1, noNaN: true }),
      (cases, coverage) => {
        const texts = cases.map((events) => { let t = 0; return events.map(({ activity, gap }) => `${activity}@${(t += gap)}`).join(' '); });
        const journey = discoverJourney(log(texts), { coverage });
        expect(coerceJourney(journey.rows).problems).toEqual([]);
        expect(new Set(journey.rows.map((row) => row.id)).size).toBe(journey.rows.length);
        for (const row of journey.rows) expect(Number(row.optimistic) <= Number(row.mostLikely) && Number(row.mostLikely) <= Number(row.pessimistic)).toBe(true);
      },
    ), { numRuns: 200, seed: 15 });
  });
});
