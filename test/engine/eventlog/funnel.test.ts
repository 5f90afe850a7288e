import { describe, expect, it } from 'vitest';
import { funnelOf, probabilitiesFromFunnel } from '../../../src/engine/eventlog/funnel.ts';
import { events } from './events.ts';

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
    expect(funnelOf(table, ['Buy', 'Ad', 'Missing']).steps.map((s) => s.activity)).toEqual(['Buy', 'Ad', 'Missing', 'Search']);
  });

  it('shows a planned step no journey reaches with 0 journeys instead of leaving it out', () => {
    const f = funnelOf(table, ['Ad', 'Missing', 'Search']);
    expect(f.steps.map((s) => [s.activity, s.journeys, s.share])).toEqual([['Ad', 10, 1], ['Missing', 0, 0], ['Search', 6, 0.6], ['Buy', 4, 0.4]]);
    // Ad → Missing: all 10 dropped; Missing → Search: none reached Missing, so no drop-off to speak of.
    expect(f.steps[1].dropOff).toBe(1);
    expect(f.steps[2].dropOff).toBeNaN();
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

  it('writes a share under 1% with 3 significant digits, never "0%"', () => {
    // 3,000 journeys, 1 reaches B: 1/3000 = 0.000333… = 0.0333%; 29 reach C: 0.9667% → 0.967%; 2,400 reach D: 80%.
    const list: [string, string, number][] = [];
    for (let c = 0; c < 3000; c++) list.push([`j${c}`, 'A', 0]);
    list.push(['j0', 'B', 1]);
    for (let c = 0; c < 29; c++) list.push([`j${c}`, 'C', 2]);
    for (let c = 0; c < 2400; c++) list.push([`j${c}`, 'D', 3]);
    const f = funnelOf(events(list));
    const shares = probabilitiesFromFunnel(f, ['A', 'B', 'C', 'D'].map((activity, row) => ({ row, activity, group: '' })));
    expect([...shares]).toEqual([[0, ''], [1, '0.0333%'], [2, '0.967%'], [3, '80%']]);
  });

  it('gives a group member no journey reached half a journey\'s share, so the group still adds up to 100%, and says so', () => {
    // Search 6, Buy 4, Phone 0 of a group "How": the counts plus ½ for Phone, over 10.5:
    // Search 6/10.5 = 57.14% → 57.1%, Buy 4/10.5 = 38.10% → 38.1%, Phone 0.5/10.5 = 4.76% → 4.8%; sum 100.0%.
    const list: [string, string, number][] = [];
    for (let c = 0; c < 6; c++) list.push([`j${c}`, 'Search', 1]);
    for (let c = 6; c < 10; c++) list.push([`j${c}`, 'Buy', 2]);
    const f = funnelOf(events(list), ['Search', 'Buy', 'Phone']);
    const notes: string[] = [];
    const grouped = probabilitiesFromFunnel(f, [
      { row: 0, activity: 'Search', group: 'How' }, { row: 1, activity: 'Buy', group: 'How' }, { row: 2, activity: 'Phone', group: 'How' },
      { row: 3, activity: 'Never', group: '' },
    ], notes);
    expect([...grouped]).toEqual([[0, '57.1%'], [1, '38.1%'], [2, '4.8%']]);
    expect(notes.join(' ')).toMatch(/Phone: no journey reached it; .*half a journey.*4\.8%/);
    // A touchpoint outside a group that no journey reaches keeps its Probability (0% would mean it never happens).
    expect(notes.join(' ')).toMatch(/No journey reached Never; its Probability is left as it was/);
  });
});
