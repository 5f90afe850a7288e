/**
 * Keeping a journey's problem list readable: at most MAX_LISTED_PROBLEMS listed, the rest counted
 * in one closing line, and the number a capped list stands for.
 */
import type { Problem } from './types.ts';

/** Most problems listed for one journey; the rest are counted in a closing line (see capProblems). */
export const MAX_LISTED_PROBLEMS = 1_000;

/**
 * The first MAX_LISTED_PROBLEMS problems and, when there were more, a closing journey-wide
 * problem that counts the others (its `more`). A sheet of 5,000 rows each naming 40 unknown ids
 * would otherwise carry 200,000 sentences to the page.
 */
export function capProblems(problems: Problem[], limit = MAX_LISTED_PROBLEMS): Problem[] {
  if (problems.length <= limit) return problems;
  const more = problems.length - limit;
  return [...problems.slice(0, limit), {
    row: -1, id: '', field: 'journey', more,
    message: `…and ${more.toLocaleString('en')} more problem${more === 1 ? '' : 's'} not listed; they are listed as these are fixed.`,
  }];
}

/** How many problems a (capped) list stands for: its entries, with the closing line's count in place of the line itself. */
export function problemCount(problems: readonly Problem[]): number {
  const last = problems[problems.length - 1];
  return last?.more === undefined ? problems.length : problems.length - 1 + last.more;
}
