import { describe, expect, it } from 'vitest';
import { coerceJourney } from '../../../src/engine/journey/coerceJourney.ts';
import { exampleJourney } from '../../../src/engine/journey/exampleJourney.ts';
import { neutraliseFormula } from '../../../src/engine/csv/neutraliseFormula.ts';
import { isJourneyHeader, journeyToCsv, parseJourneyCsv } from '../../../src/engine/journey/journeyCsv.ts';

describe('parseJourneyCsv', () => {
  it('reads the documented columns', () => {
    const { inputs, lines, problems } = parseJourneyCsv(
      'id,name,stage,optimistic,most_likely,pessimistic,depends_on,distribution\nA,Ad,awareness,1,2,3,,\nB,Buy,purchase,2,3,5,A,triangular\n');
    expect(problems).toEqual([]);
    expect(lines).toEqual([2, 3]);
    expect(inputs[1]).toEqual({
      id: 'B', name: 'Buy', stage: 'purchase', optimistic: '2', mostLikely: '3', pessimistic: '5', distribution: 'triangular', dependsOn: 'A',
      probability: '', group: '',
    });
  });

  it('tolerates a BOM, CRLF, semicolons, quotes and header variants', () => {
    const text = '\uFEFFID;Touchpoint;Stage;Optimistic;Most likely;Pessimistic;Predecessors\r\n'
      + 'A;"Ad; social";awareness;1;2;3;\r\nB;"Say ""hi""";x;1;2;3;"A"\r\n';
    const { inputs, problems } = parseJourneyCsv(text);
    expect(problems).toEqual([]);
    expect(inputs.map((t) => t.name)).toEqual(['Ad; social', 'Say "hi"']);
    expect(inputs[1].dependsOn).toBe('A');
  });

  it('reads tab-separated files and a/m/b headers', () => {
    const { inputs, problems } = parseJourneyCsv('id\ta\tm\tb\tdepends on\nA\t1\t2\t3\t\n');
    expect(problems).toEqual([]);
    expect(inputs[0]).toMatchObject({ optimistic: '1', mostLikely: '2', pessimistic: '3' });
  });

  it('names the missing columns when the header is wrong', () => {
    const { inputs, problems } = parseJourneyCsv('foo,bar\n1,2\n');
    expect(inputs).toEqual([]);
    expect(problems[0].message).toContain('no id, optimistic, most_likely, pessimistic column');
  });

  it('reports a ragged row by its line number and keeps the good rows', () => {
    const { inputs, problems } = parseJourneyCsv('id,optimistic,most_likely,pessimistic\nA,1,2,3\nB,1,2,3,9,9\n\nC,1,2,3\n');
    expect(inputs.map((t) => t.id)).toEqual(['A', 'C']);
    expect(problems).toEqual([{ line: 3, column: '', message: 'Line 3 has 6 cells but the header has 4.' }]);
  });

  it('counts lines inside quoted cells when numbering rows', () => {
    const { lines } = parseJourneyCsv('id,name,optimistic,most_likely,pessimistic\nA,"two\nlines",1,2,3\nB,b,1,2,3\n');
    expect(lines).toEqual([2, 4]);
  });

  it('says an empty file is empty', () => {
    expect(parseJourneyCsv('').problems[0].message).toBe('The file is empty.');
  });
});

describe('journeyToCsv', () => {
  it('round-trips the example journey', () => {
    const again = parseJourneyCsv(journeyToCsv(exampleJourney)).inputs;
    expect(coerceJourney(again).touchpoints).toEqual(coerceJourney(exampleJourney).touchpoints);
  });

  it('neutralises spreadsheet formulas in text cells but not numbers', () => {
    expect(neutraliseFormula('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(neutraliseFormula('@SUM(A1)')).toBe('\'@SUM(A1)');
    expect(neutraliseFormula('+1+2')).toBe('\'+1+2');
    expect(neutraliseFormula('\tx')).toBe('\'\tx');
    expect(neutraliseFormula('-3')).toBe('-3');
    expect(neutraliseFormula('Reads reviews')).toBe('Reads reviews');
    const csv = journeyToCsv([{ ...exampleJourney[0], name: '=1+1' }]);
    expect(csv.split('\r\n')[1]).toContain(',\'=1+1,');
  });
});

describe('journey CSV with branches and link lags', () => {
  it('round-trips probability, group and link types and lags', () => {
    const rows = [
      { ...exampleJourney[0], id: 'A', dependsOn: '' },
      { ...exampleJourney[1], id: 'B', dependsOn: 'A+7', probability: '25%' },
      { ...exampleJourney[2], id: 'C', dependsOn: 'A SS+2, B-1.5', group: 'Signup', probability: '70%' },
      { ...exampleJourney[3], id: 'D', dependsOn: 'A fs + 3', group: 'Signup', probability: '0.3' },
      { ...exampleJourney[4], id: 'E', dependsOn: 'C;D SS', probability: '' },
    ];
    const csv = journeyToCsv(rows);
    expect(csv.split('\r\n')[0]).toBe('id,name,stage,optimistic,most_likely,pessimistic,depends_on,distribution,probability,group');
    const { inputs, problems } = parseJourneyCsv(csv);
    expect(problems).toEqual([]);
    expect(inputs.map((t) => [t.dependsOn, t.probability, t.group])).toEqual([
      ['', '', ''], ['A+7', '25%', ''], ['A SS+2;B-1.5', '70%', 'Signup'], ['A+3', '0.3', 'Signup'], ['C;D SS', '', ''],
    ]);
    // Read back, the links mean the same as the cells typed first.
    const before = coerceJourney(rows);
    const after = coerceJourney(inputs);
    expect(before.problems).toEqual([]);
    expect(after.problems).toEqual([]);
    expect(after.touchpoints.map((t) => [t.links, t.probability, t.group])).toEqual(before.touchpoints.map((t) => [t.links, t.probability, t.group]));
    expect(after.touchpoints[2].links).toEqual([{ id: 'A', type: 'SS', lag: 2 }, { id: 'B', type: 'FS', lag: -1.5 }]);
  });

  it('leaves out the probability and group columns when no row uses them, and keeps an unreadable link as typed', () => {
    const rows = [{ ...exampleJourney[0], id: 'A' }, { ...exampleJourney[1], id: 'B', dependsOn: 'A+x' }];
    const csv = journeyToCsv(rows);
    expect(csv.split('\r\n')[0]).toBe('id,name,stage,optimistic,most_likely,pessimistic,depends_on,distribution');
    expect(parseJourneyCsv(csv).inputs[1].dependsOn).toBe('A+x');
  });

  it('reads probability and group header variants', () => {
    const { inputs } = parseJourneyCsv('id,a,m,b,depends on,Chance,Exclusive group\nA,1,2,3,,40 %,Pay\n');
    expect(inputs[0]).toMatchObject({ probability: '40 %', group: 'Pay' });
  });
});

describe('isJourneyHeader', () => {
  it('knows a journey by an id and the three times, under any of their usual names', () => {
    expect(isJourneyHeader(['id', 'name', 'stage', 'optimistic', 'most_likely', 'pessimistic', 'depends_on'])).toBe(true);
    expect(isJourneyHeader(['id', 'name', 'optimistic', 'most_likely', 'pessimistic'])).toBe(true);
    expect(isJourneyHeader(['ID', 'Touchpoint', 'a', 'm', 'b'])).toBe(true);
  });

  it('does not take customer data, or a journey missing a time, for one', () => {
    expect(isJourneyHeader(['customer', 'date', 'amount'])).toBe(false);
    expect(isJourneyHeader(['case', 'activity', 'timestamp'])).toBe(false);
    expect(isJourneyHeader(['id', 'optimistic', 'pessimistic'])).toBe(false);
    expect(isJourneyHeader([])).toBe(false);
  });
});

describe('the settings in a journey CSV', () => {
  const settings = { target: 42.5, iterations: 20_000, seed: 7, timeUnit: 'hours' };

  it('writes the settings in their own columns on the first row and reads them back with the journey', () => {
    const csv = journeyToCsv(exampleJourney, settings);
    const [header, first, second] = csv.split('\r\n');
    expect(header.endsWith(',target,iterations,seed,time_unit,journey_value,journeys_per_year')).toBe(true);
    // A value setting that is not set is a blank cell, and reads back as not set.
    expect(first.endsWith(',42.5,20000,7,hours,,')).toBe(true);
    expect(second.endsWith(',,,,,,')).toBe(true);
    const read = parseJourneyCsv(csv);
    expect(read.settings).toEqual(settings);
    expect(read.settingProblems).toEqual([]);
    expect(read.problems).toEqual([]);
    expect(read.inputs.map((row) => [row.id, row.optimistic, row.mostLikely, row.pessimistic, row.probability]))
      .toEqual(exampleJourney.map((row) => [row.id, row.optimistic, row.mostLikely, row.pessimistic, row.probability]));
    expect(coerceJourney(read.inputs).problems).toEqual([]);
  });

  it('carries the value per completed journey and journeys a year, and reports a negative value by line', () => {
    const worth = { ...settings, journeyValue: 120.5, journeysPerYear: 12_000 };
    expect(parseJourneyCsv(journeyToCsv(exampleJourney, worth)).settings).toEqual(worth);
    const read = parseJourneyCsv('id,optimistic,most_likely,pessimistic,Value per journey\nA,1,2,3,-4\n');
    expect(read.settings).toEqual({});
    expect(read.settingProblems).toEqual([
      { line: 2, column: 'journey_value', message: 'journey_value "-4": Value per completed journey must be blank or a number from 0 to 1,000,000,000,000. The open scenario\'s setting is kept.' },
    ]);
  });

  it('reads an older CSV without settings columns as a journey only', () => {
    const read = parseJourneyCsv(journeyToCsv(exampleJourney));
    expect(read.settings).toEqual({});
    expect(read.inputs).toHaveLength(exampleJourney.length);
  });

  it('finds a setting on whichever row holds it, and reports one it cannot take by line', () => {
    const csv = 'id,optimistic,most_likely,pessimistic,Iterations,Seed,Unit\nA,1,2,3,,,\nB,1,2,3,50,x,weeks\n';
    const read = parseJourneyCsv(csv);
    expect(read.settings).toEqual({ timeUnit: 'weeks' });
    expect(read.settingProblems).toEqual([
      { line: 3, column: 'iterations', message: 'iterations "50": Iterations must be a whole number from 100 to 1,000,000. The open scenario\'s setting is kept.' },
      { line: 3, column: 'seed', message: 'seed "x": Seed must be a whole number from 0 to 2,147,483,648. The open scenario\'s setting is kept.' },
    ]);
    expect(read.inputs.map((row) => row.id)).toEqual(['A', 'B']);
  });
});
