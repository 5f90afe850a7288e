import { describe, expect, it } from 'vitest';
import { coerceJourney } from '../../../src/engine/journey/coerceJourney.ts';
import { exampleJourney } from '../../../src/engine/journey/exampleJourney.ts';
import { input } from '../referenceCases.ts';

function messages(inputs: Parameters<typeof coerceJourney>[0], sheetRows?: number[]) {
  return coerceJourney(inputs, sheetRows).problems.map((p) => `${p.row}:${p.field}:${p.message}`);
}

describe('coerceJourney', () => {
  it('accepts the example journey without problems', () => {
    const { touchpoints, problems } = coerceJourney(exampleJourney);
    expect(problems).toEqual([]);
    expect(touchpoints).toHaveLength(exampleJourney.length);
    expect(touchpoints[6].dependsOn).toEqual(['RV', 'CM', 'NL', 'TR']);
  });

  it('reports letters in a number cell, naming the touchpoint and field', () => {
    const bad = { ...input('A', 1, 2, 3), mostLikely: 'abc' };
    expect(messages([bad])).toEqual(['0:mostLikely:A: Most likely "abc" is not a number.']);
  });

  it('reports empty and negative times', () => {
    const bad = { ...input('A', 1, 2, 3), optimistic: '', pessimistic: '-4' };
    const found = messages([bad]);
    expect(found).toContain('0:optimistic:A: Optimistic is empty; enter a time.');
    expect(found).toContain('0:pessimistic:A: Pessimistic cannot be negative (-4).');
  });

  it('reports a most likely time outside optimistic..pessimistic', () => {
    expect(messages([input('A', 2, 9, 5, '', '', 'Trial')]))
      .toEqual(['0:mostLikely:Trial: Most likely (9) must lie between Optimistic (2) and Pessimistic (5).']);
    expect(messages([input('A', 6, 6, 5)])).toEqual(['0:pessimistic:A: Pessimistic (5) is below Optimistic (6).']);
  });

  it('accepts a fixed time and a zero-time milestone', () => {
    expect(messages([input('A', 3, 3, 3), input('M', 0, 0, 0, 'A')])).toEqual([]);
  });

  it('reports empty and duplicate ids', () => {
    const found = messages([input('', 1, 2, 3), input('A', 1, 2, 3), input('A', 1, 2, 3)]);
    expect(found).toContain('0:id:Row 1 has no ID: give it a short unique ID such as T1.');
    expect(found).toContain('2:id:ID "A" is used twice (rows 2 and 3): IDs must be unique.');
  });

  it('flags a duplicated id on both of its rows, once on the first however often it is repeated', () => {
    const found = messages([input('A', 1, 2, 3), input('B', 1, 2, 3), input('A', 1, 2, 3), input('A', 1, 2, 3)]).filter((m) => m.includes(':id:'));
    expect(found).toEqual([
      '0:id:ID "A" is used twice (rows 1 and 3): IDs must be unique.',
      '2:id:ID "A" is used twice (rows 1 and 3): IDs must be unique.',
      '3:id:ID "A" is used twice (rows 1 and 4): IDs must be unique.',
    ]);
  });

  it('names the sheet rows it is told the inputs came from', () => {
    // Inputs are sheet rows 2, 5 and 9 (0-based): the messages count rows from 1 as the sheet shows them.
    const found = messages([input('', 1, 2, 3), input('A', 1, 2, 3), input('A', 4, 2, 3)], [2, 5, 9]);
    expect(found).toEqual([
      '2:id:Row 3 has no ID: give it a short unique ID such as T3.',
      '5:id:ID "A" is used twice (rows 6 and 10): IDs must be unique.',
      '9:id:ID "A" is used twice (rows 6 and 10): IDs must be unique.',
      '9:pessimistic:A: Pessimistic (3) is below Optimistic (4).',
    ]);
  });

  it('reports unknown and self dependencies', () => {
    const found = messages([input('A', 1, 2, 3, 'A'), input('B', 1, 2, 3, 'Z')]);
    expect(found).toEqual([
      '0:dependsOn:A depends on itself.',
      '1:dependsOn:B depends on "Z", which is not an ID in the journey.',
    ]);
  });

  it('names every touchpoint of a cycle of three in dependency order, on each of their rows', () => {
    const found = coerceJourney([
      input('C', 1, 2, 3, '', '', 'Consideration'),
      input('T', 1, 2, 3, 'C', '', 'Trial'),
      input('P', 1, 2, 3, 'T', '', 'Purchase'),
      input('X', 1, 2, 3, 'P'),
    ].map((row, i) => (i === 0 ? { ...row, dependsOn: 'P' } : row))).problems;
    expect(found.map((p) => p.row)).toEqual([0, 1, 2]);
    expect(found[0].message).toBe(
      'These touchpoints wait for each other in a circle: Consideration → Trial → Purchase → Consideration. Remove one of the dependencies.');
  });

  it('names a cycle of two', () => {
    const found = coerceJourney([input('C', 1, 2, 3, 'T', '', 'Consideration'), input('T', 1, 2, 3, 'C', '', 'Trial')]).problems;
    expect(found[0].message).toContain('Consideration → Trial → Consideration');
  });

  it('names one shortest circle through 5,000 touchpoints with 40 links each and counts the rest of the tangle', () => {
    // T(k) waits for the 40 before it and T0 for T4999: every circle goes through that back link, and
    // the shortest take jumps of up to 40 from T0 to T4999: 126 touchpoints, 4,874 left.
    const rows = Array.from({ length: 5000 }, (_, k) => input(`T${k}`, 1, 2, 3,
      k === 0 ? 'T4999' : Array.from({ length: Math.min(k, 40) }, (_, back) => `T${k - 1 - back}`).join(' ')));
    const { problems } = coerceJourney(rows);
    expect(problems).toHaveLength(126);
    expect(problems.every((p) => p.field === 'dependsOn' && p.message === problems[0].message)).toBe(true);
    expect(problems[0].message).toMatch(/^These touchpoints wait for each other in a circle: T0 → .* → T4999 → T0, and 4,874 more touchpoints are in cycles with them\. Remove one of the dependencies\.$/);
    expect(problems[0].message.split(' → ')).toHaveLength(127);
  });


  it('reports an unknown distribution and reads common spellings', () => {
    expect(messages([input('A', 1, 2, 3, '', 'lognormal')])[0]).toContain('unknown distribution "lognormal"');
    const { touchpoints } = coerceJourney([input('A', 1, 2, 3, '', 'Triangular'), input('B', 1, 2, 3, '', 'Beta PERT')]);
    expect(touchpoints.map((t) => t.distribution)).toEqual(['triangular', 'beta-pert']);
  });

  it('says an empty journey has nothing to compute', () => {
    expect(messages([])).toEqual(['-1:journey:The journey has no touchpoints yet: add a row to start.']);
  });
});

describe('links with types and lags', () => {

  it('fills links, probability and group on coerced touchpoints', () => {
    const { touchpoints, problems } = coerceJourney([
      input('A', 1, 2, 3), input('B', 1, 2, 3, 'A+7', '', 'B', '25%'), input('C', 1, 2, 3, 'A SS+2;B', '', 'C'),
    ]);
    expect(problems).toEqual([]);
    expect(touchpoints[1]).toMatchObject({ probability: 0.25, group: '', dependsOn: ['A'], links: [{ id: 'A', type: 'FS', lag: 7 }] });
    expect(touchpoints[2].dependsOn).toEqual(['A', 'B']);
    expect(touchpoints[2].links).toEqual([{ id: 'A', type: 'SS', lag: 2 }, { id: 'B', type: 'FS', lag: 0 }]);
    expect(touchpoints[0].probability).toBe(1);
  });

  it('reports a lag that is not a number and an unknown link target on the Depends on cell', () => {
    expect(messages([input('A', 1, 2, 3), input('B', 1, 2, 3, 'A SS+x')])).toEqual([
      '1:dependsOn:B: in "Depends on", the lag "+x" after A is not a number (write it like A+7 or A SS+2).',
    ]);
    expect(messages([input('A', 1, 2, 3), input('B', 1, 2, 3, 'Q+7')])).toEqual([
      '1:dependsOn:B depends on "Q", which is not an ID in the journey.',
    ]);
  });

  it('reports the same predecessor linked twice in different ways', () => {
    expect(messages([input('A', 1, 2, 3), input('B', 1, 2, 3, 'A; A SS')])).toEqual([
      '1:dependsOn:B depends on A twice, in different ways (A and A SS): keep one.',
    ]);
  });

  it('still finds a cycle through lagged links', () => {
    const found = messages([input('A', 1, 2, 3, 'B+2'), input('B', 1, 2, 3, 'A SS')]);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^0:dependsOn:These touchpoints wait for each other in a circle: A → B → A/);
  });
});

describe('probability and exclusive groups', () => {

  it('reports a bad probability on its row and field with what to write', () => {
    expect(messages([input('A', 1, 2, 3, '', '', 'Ticket', 'often')]))
      .toEqual(['0:probability:Ticket: Probability "often" is not a probability; write it as 25% or 0.25.']);
    expect(messages([input('A', 1, 2, 3, '', '', 'Ticket', '25')]))
      .toEqual(['0:probability:Ticket: Probability 25 is above 1; write 25% or 0.25.']);
    expect(messages([input('A', 1, 2, 3, '', '', 'Ticket', '120%')]))
      .toEqual(['0:probability:Ticket: Probability 120% is above 100%.']);
    expect(messages([input('A', 1, 2, 3, '', '', 'Ticket', '0%')]))
      .toEqual(['0:probability:Ticket: Probability is 0%, so it never happens; remove the row or give it a chance above 0.']);
  });

  it('normalises a group whose weights add up to 100% (within half a point)', () => {
    const { touchpoints, problems } = coerceJourney([
      input('S', 1, 2, 3, '', '', 'Self-serve', '70%', 'Signup'), input('A', 1, 2, 3, '', '', 'Sales', '30.3%', 'Signup'),
    ]);
    expect(problems).toEqual([]);
    // 0.70 / 1.003 and 0.303 / 1.003
    expect(touchpoints[0].probability).toBeCloseTo(0.697906, 6);
    expect(touchpoints[1].probability).toBeCloseTo(0.302094, 6);
    expect(touchpoints[0].group).toBe('Signup');
  });

  it('shares what is left of 100% among blank weights, and splits an all-blank group equally', () => {
    const shared = coerceJourney([
      input('S', 1, 2, 3, '', '', 'S', '50%', 'G'), input('A', 1, 2, 3, '', '', 'A', '', 'G'), input('B', 1, 2, 3, '', '', 'B', '', 'G'),
    ]);
    expect(shared.problems).toEqual([]);
    expect(shared.touchpoints.map((t) => t.probability)).toEqual([0.5, 0.25, 0.25]);
    const equal = coerceJourney([input('S', 1, 2, 3, '', '', 'S', '', 'G'), input('A', 1, 2, 3, '', '', 'A', '', 'G')]);
    expect(equal.touchpoints.map((t) => t.probability)).toEqual([0.5, 0.5]);
  });

  it('reports a group whose weights do not add up to 100% on every member', () => {
    expect(messages([
      input('S', 1, 2, 3, '', '', 'Self-serve', '70%', 'Signup'), input('A', 1, 2, 3, '', '', 'Sales', '20%', 'Signup'),
    ])).toEqual([0, 1].map((row) => `${row}:group:Group "Signup": exactly one member happens per journey, so the weights must add up to 100%; `
      + 'they add up to 90% (Self-serve 70%, Sales 20%).'));
  });

  it('reports a member of a group that depends on another member of the same group', () => {
    expect(messages([
      input('SE', 1, 2, 3, '', '', 'Search', '50%', 'choice'), input('RV', 1, 2, 3, 'SE', '', 'Reviews', '50%', 'choice'),
    ])).toEqual(['1:dependsOn:Reviews and SE are alternatives in group "choice" (exactly one happens per journey), '
      + 'so RV cannot depend on SE; take one of them out of the group or remove the link.']);
  });

  it('reports a blank weight when the others already take 100%', () => {
    expect(messages([input('S', 1, 2, 3, '', '', 'S', '100%', 'G'), input('A', 1, 2, 3, '', '', 'A', '', 'G')])).toEqual([
      '1:probability:A: the other members of group "G" already take 100%, so no weight is left for this one; give every member a weight, adding up to 100%.',
    ]);
  });

  it('reads rows saved before these cells existed', () => {
    const old = { id: 'A', name: 'A', stage: '', optimistic: '1', mostLikely: '2', pessimistic: '3', distribution: '', dependsOn: '' };
    const { touchpoints, problems } = coerceJourney([old as Parameters<typeof coerceJourney>[0][number]]);
    expect(problems).toEqual([]);
    expect(touchpoints[0]).toMatchObject({ probability: 1, group: '', links: [] });
  });
});

