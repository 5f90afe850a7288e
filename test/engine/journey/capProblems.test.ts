import { describe, expect, it } from 'vitest';
import { capProblems, MAX_LISTED_PROBLEMS, problemCount } from '../../../src/engine/journey/capProblems.ts';
import { coerceJourney } from '../../../src/engine/journey/coerceJourney.ts';
import { input } from '../referenceCases.ts';

describe('capProblems', () => {
  it('lists at most a thousand problems and counts the ones left out', () => {
    // 5,000 rows waiting for 40 ids each that are not in the journey: 200,000 problems.
    const rows = Array.from({ length: 5000 }, (_, k) => input(`T${k}`, 1, 2, 3, Array.from({ length: 40 }, (_, d) => `X${k}-${d}`).join(' ')));
    const { problems } = coerceJourney(rows);
    expect(problems).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(problems[MAX_LISTED_PROBLEMS]).toEqual({
      row: -1, id: '', field: 'journey', more: 199_000,
      message: '…and 199,000 more problems not listed; they are listed as these are fixed.',
    });
    expect(problemCount(problems)).toBe(200_000);
  });

  it('leaves a short list of problems as it is', () => {
    const few = [{ row: 0, id: 'A', field: 'id' as const, message: 'x' }];
    expect(capProblems(few)).toBe(few);
    expect(problemCount(few)).toBe(1);
    expect(problemCount([])).toBe(0);
    expect(capProblems([...few, ...few, ...few], 2).map((p) => p.more)).toEqual([undefined, undefined, 1]);
  });
});
