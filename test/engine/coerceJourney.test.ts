import { describe, expect, it } from 'vitest';
import { coerceJourney, parseDependsOn, parseTime } from '../../src/engine/coerceJourney.ts';
import { exampleJourney } from '../../src/engine/exampleJourney.ts';
import { input } from './referenceCases.ts';

function messages(inputs: Parameters<typeof coerceJourney>[0]) {
  return coerceJourney(inputs).problems.map((p) => `${p.row}:${p.field}:${p.message}`);
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

  it('reports an unknown distribution and reads common spellings', () => {
    expect(messages([input('A', 1, 2, 3, '', 'lognormal')])[0]).toContain('unknown distribution "lognormal"');
    const { touchpoints } = coerceJourney([input('A', 1, 2, 3, '', 'Triangular'), input('B', 1, 2, 3, '', 'Beta PERT')]);
    expect(touchpoints.map((t) => t.distribution)).toEqual(['triangular', 'beta-pert']);
  });

  it('says an empty journey has nothing to compute', () => {
    expect(messages([])).toEqual(['-1:journey:The journey has no touchpoints yet: add a row to start.']);
  });
});

describe('cell parsing', () => {
  it('reads dependencies separated by semicolons, commas or spaces', () => {
    expect(parseDependsOn(' A;B, C  D ')).toEqual(['A', 'B', 'C', 'D']);
    expect(parseDependsOn('')).toEqual([]);
  });

  it('reads times with a decimal point or a decimal comma and rejects the rest', () => {
    expect(parseTime('3.5')).toBe(3.5);
    expect(parseTime(' 3,5 ')).toBe(3.5);
    expect(parseTime('1e2')).toBe(100);
    expect(parseTime('3 days')).toBeNaN();
    expect(parseTime('')).toBeNaN();
  });
});
