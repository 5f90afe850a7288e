/**
 * Turning typed-in touchpoints (text cells from the grid or a CSV) into numbers, and checking
 * that the journey can be computed. Problems are data, one per cell, each naming the touchpoint
 * and the field with a sentence a person can act on.
 */
import { cycleTangles, predecessorIndices } from './graph.ts';
import { DISTRIBUTION_KINDS } from './types.ts';
import type {
  Dependency, DistributionKind, LinkType, Problem, Touchpoint, TouchpointField, TouchpointInput,
} from './types.ts';

const FIELD_LABELS: Record<TouchpointField, string> = {
  id: 'ID', name: 'Touchpoint', stage: 'Stage', optimistic: 'Optimistic', mostLikely: 'Most likely',
  pessimistic: 'Pessimistic', distribution: 'Distribution', dependsOn: 'Depends on', probability: 'Probability', group: 'Group',
};

const DISTRIBUTION_ALIASES: Record<string, DistributionKind> = {
  '': 'beta-pert', 'beta-pert': 'beta-pert', 'betapert': 'beta-pert', 'pert': 'beta-pert', 'beta': 'beta-pert',
  'triangular': 'triangular', 'triangle': 'triangular', 'tri': 'triangular',
  'uniform': 'uniform', 'normal': 'normal', 'gaussian': 'normal',
};

/** Reads a distribution name as typed ("Beta-PERT", "triangular", "" …); undefined when unknown. */
export function parseDistribution(text: string): DistributionKind | undefined {
  return DISTRIBUTION_ALIASES[text.trim().toLowerCase().replace(/[\s_]+/g, '-')];
}

/** A link as read from a "Depends on" cell; `error` says what could not be read (the link is then left out). */
export interface ParsedLink extends Dependency {
  /** The text this link was read from, for messages. */
  text: string;
  error?: string;
}

const NUMBER = '(?:\\d+\\.?\\d*|\\.\\d+)';
/** A link type with an optional lag ("SS", "fs+7", "SS-2.5"), as a separate word. */
const TYPE_WORD = new RegExp(`^(FS|SS)(?:([+-])(.*))?$`, 'i');
/** An id with a lag glued on ("B+7", "B-2"). */
const GLUED_LAG = new RegExp(`^(.+?)([+-])(${NUMBER}|[^+-]*)$`);
const WHOLE_NUMBER = new RegExp(`^${NUMBER}$`);

function readLag(sign: string | undefined, text: string | undefined): number | undefined {
  if (sign === undefined) return 0;
  const cleaned = (text ?? '').trim();
  if (!WHOLE_NUMBER.test(cleaned)) return undefined;
  const value = Number(cleaned);
  return sign === '-' ? -value : value;
}

/**
 * Reads a "Depends on" cell into links. Links are separated by `;` or `,`; within one, words are
 * separated by white space, and a word that is a link type ("FS", "SS", "SS+2") or a bare lag
 * ("+7") belongs to the id before it, so "A B" is still two links and "B SS+2" one. A lag may be
 * glued to the id ("B+7", "B-2") or to the type ("B FS+7"); spaces around the sign are allowed
 * ("B + 7"). An id that is itself in `knownIds` is taken whole, so ids such as "T-1" keep working.
 */
export function parseLinks(text: string, knownIds?: ReadonlySet<string>): ParsedLink[] {
  const links: ParsedLink[] = [];
  // Links that already took a type or lag word (kept aside: a property deleted afterwards would slow every link object down).
  const typed = new Set<ParsedLink>();
  for (const part of text.split(/[;,]/)) {
    const partStart = links.length;
    const words = part.trim().replace(/\s*([+-])\s*/g, '$1').split(/\s+/).filter((word) => word.length > 0);
    for (const word of words) {
      // A known id is taken whole, never as a type or lag of the link before it.
      if (knownIds?.has(word)) { links.push({ id: word, type: 'FS', lag: 0, text: word }); continue; }
      const last = links.length > partStart ? links[links.length - 1] : undefined;
      const typeMatch = TYPE_WORD.exec(word);
      const lagOnly = /^[+-]/.test(word);
      if (last && !last.error && !typed.has(last) && (typeMatch || lagOnly)) {
        const sign = typeMatch ? typeMatch[2] : word[0];
        const lagText = typeMatch ? typeMatch[3] : word.slice(1);
        const lag = readLag(sign, lagText);
        last.text = `${last.text} ${word}`;
        typed.add(last);
        if (typeMatch) last.type = typeMatch[1].toUpperCase() as LinkType;
        if (lag === undefined) last.error = `the lag "${sign}${lagText ?? ''}" after ${last.id} is not a number`;
        else last.lag += lag;
        continue;
      }
      const glued = GLUED_LAG.exec(word);
      if (glued && (!knownIds || knownIds.has(glued[1]) || WHOLE_NUMBER.test(glued[3]))) {
        const lag = readLag(glued[2], glued[3]);
        links.push({
          id: glued[1], type: 'FS', lag: lag ?? 0, text: word,
          ...(lag === undefined ? { error: `the lag "${glued[2]}${glued[3]}" after ${glued[1]} is not a number` } : {}),
        });
        continue;
      }
      links.push({ id: word, type: 'FS', lag: 0, text: word });
    }
  }
  return links;
}

/**
 * The links of a cell that is only known ids separated by `;`, `,` or spaces (no sign anywhere,
 * so no lag and no type word can be in it): what parseLinks gives for it, read with one split,
 * the common case in a big sheet. Undefined for any other cell.
 */
function plainLinks(text: string, knownIds: ReadonlySet<string>): Dependency[] | undefined {
  if (text.includes('+') || text.includes('-')) return undefined;
  const links: Dependency[] = [];
  for (const word of text.split(/[\s;,]+/)) {
    if (word === '') continue;
    if (!knownIds.has(word)) return undefined;
    links.push({ id: word, type: 'FS', lag: 0 });
  }
  return links;
}

/** Splits a "Depends on" cell into ids (types and lags left out): see parseLinks. */
export function parseDependsOn(text: string): string[] {
  return parseLinks(text).map((link) => link.id);
}

/** A link as text that parseLinks reads back: "B", "B+7", "B-2", "B SS", "B SS+2". */
export function formatLink(link: Dependency): string {
  const lag = link.lag === 0 ? '' : `${link.lag > 0 ? '+' : '-'}${Math.abs(link.lag)}`;
  return link.type === 'SS' ? `${link.id} SS${lag}` : `${link.id}${lag}`;
}

/** Links as one "Depends on" cell, separated by "; ". */
export function formatLinks(links: readonly Dependency[]): string {
  return links.map(formatLink).join('; ');
}

/**
 * A probability cell as a number: "" → 1, "25%" / "25 %" / "0.25" / "0,25" → 0.25. A bare
 * number above 1 is not guessed at (is "25" 25% or a typo?): it comes back with an error.
 */
export function parseProbability(text: string | undefined): { value: number; error?: string } {
  const cleaned = (text ?? '').trim();
  if (cleaned === '') return { value: 1 };
  const percent = /^(.*?)\s*%$/.exec(cleaned);
  const value = parseTime(percent ? percent[1] : cleaned);
  if (Number.isNaN(value)) return { value: NaN, error: `"${cleaned}" is not a probability; write it as 25% or 0.25` };
  const share = percent ? value / 100 : value;
  if (!percent && share > 1) return { value: NaN, error: `${cleaned} is above 1; write ${cleaned}% or ${value / 100}` };
  if (share > 1) return { value: NaN, error: `${cleaned} is above 100%` };
  if (share < 0) return { value: NaN, error: `${cleaned} cannot be negative` };
  return { value: share };
}

/** A time cell as a number: accepts "3", "3.5", " 3,5 " (decimal comma); NaN when not a number. */
export function parseTime(text: string): number {
  const cleaned = text.trim().replace(/^(\d+),(\d+)$/, '$1.$2');
  if (cleaned === '' || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cleaned)) return NaN;
  return Number(cleaned);
}

/**
 * Coerces and validates a journey. `touchpoints` always has one entry per input row (numbers
 * may be NaN where the text was not a number); compute results only when `problems` is empty.
 * Checks: empty and duplicate ids; non-numeric, negative or non-finite times; a ≤ m ≤ b;
 * unknown distribution; unknown and self dependencies and unreadable lags; cycles, one shortest
 * cycle per tangle named in dependency order ("Consideration → Trial → Consideration") with the
 * rest of the tangle counted; probabilities outside (0, 100%];
 * exclusive groups whose weights do not add up to 100% (± 0.5 point). A fixed time (a = m = b)
 * is valid. Cells missing from older saved journeys (probability, group) read as empty. At most
 * MAX_LISTED_PROBLEMS problems are listed, then one line counts the rest. Linear in rows plus
 * links.
 */
export function coerceJourney(inputs: readonly TouchpointInput[]): { touchpoints: Touchpoint[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const problem = (row: number, id: string, field: TouchpointField | 'journey', message: string) =>
    problems.push({ row, id, field, message });

  if (inputs.length === 0) problem(-1, '', 'journey', 'The journey has no touchpoints yet: add a row to start.');

  const firstRowById = new Map<string, number>();
  inputs.forEach((input, row) => {
    const id = input.id.trim();
    if (id !== '' && !firstRowById.has(id)) firstRowById.set(id, row);
  });

  const knownIds = new Set(firstRowById.keys());
  const linkedBy = new Int32Array(inputs.length);
  const touchpoints = inputs.map((input, row): Touchpoint => {
    const id = input.id.trim();
    const label = id === '' ? `Row ${row + 1}` : `${input.name.trim() || id}`;
    if (id === '') problem(row, id, 'id', `Row ${row + 1} has no ID: give it a short unique ID such as T${row + 1}.`);
    else if (firstRowById.get(id) !== row) {
      problem(row, id, 'id', `ID "${id}" is used twice (rows ${firstRowById.get(id)! + 1} and ${row + 1}): IDs must be unique.`);
    }

    const times = (['optimistic', 'mostLikely', 'pessimistic'] as const).map((field) => {
      const text = input[field];
      const value = parseTime(text);
      if (text.trim() === '') problem(row, id, field, `${label}: ${FIELD_LABELS[field]} is empty; enter a time.`);
      else if (Number.isNaN(value)) problem(row, id, field, `${label}: ${FIELD_LABELS[field]} "${text.trim()}" is not a number.`);
      else if (!Number.isFinite(value)) problem(row, id, field, `${label}: ${FIELD_LABELS[field]} is too large.`);
      else if (value < 0) problem(row, id, field, `${label}: ${FIELD_LABELS[field]} cannot be negative (${value}).`);
      return value;
    });
    const [optimistic, mostLikely, pessimistic] = times;
    if (times.every((value) => Number.isFinite(value) && value >= 0)) {
      if (optimistic > pessimistic) {
        problem(row, id, 'pessimistic', `${label}: Pessimistic (${pessimistic}) is below Optimistic (${optimistic}).`);
      } else if (mostLikely < optimistic || mostLikely > pessimistic) {
        problem(row, id, 'mostLikely',
          `${label}: Most likely (${mostLikely}) must lie between Optimistic (${optimistic}) and Pessimistic (${pessimistic}).`);
      }
    }

    const distribution = parseDistribution(input.distribution);
    if (distribution === undefined) {
      problem(row, id, 'distribution',
        `${label}: unknown distribution "${input.distribution.trim()}"; use ${DISTRIBUTION_KINDS.join(', ')}.`);
    }

    const links: Dependency[] = [];
    const plain = plainLinks(input.dependsOn ?? '', knownIds);
    if (plain) {
      // Known ids only, all finish-to-start without a lag: a repeat is the same link, dropped.
      for (const link of plain) {
        const target = firstRowById.get(link.id)!;
        if (link.id === id) problem(row, id, 'dependsOn', `${label} depends on itself.`);
        else if (linkedBy[target] !== row + 1) { linkedBy[target] = row + 1; links.push(link); }
      }
    }
    for (const link of plain ? [] : parseLinks(input.dependsOn ?? '', knownIds)) {
      if (link.error) { problem(row, id, 'dependsOn', `${label}: in "Depends on", ${link.error} (write it like ${link.id}+7 or ${link.id} SS+2).`); continue; }
      if (link.id === id) { problem(row, id, 'dependsOn', `${label} depends on itself.`); continue; }
      if (!firstRowById.has(link.id)) { problem(row, id, 'dependsOn', `${label} depends on "${link.id}", which is not an ID in the journey.`); continue; }
      // linkedBy[first row of the id] = 1 + this row once linked: a repeat is looked up only when there is one.
      const target = firstRowById.get(link.id)!;
      const earlier = linkedBy[target] === row + 1 ? links.find((other) => other.id === link.id)! : undefined;
      if (!earlier) {
        linkedBy[target] = row + 1;
        links.push({ id: link.id, type: link.type, lag: link.lag });
      } else if (earlier.type !== link.type || earlier.lag !== link.lag) {
        problem(row, id, 'dependsOn', `${label} depends on ${link.id} twice, in different ways (${formatLink(earlier)} and ${formatLink(link)}): keep one.`);
      }
    }

    const group = (input.group ?? '').trim();
    const probabilityText = (input.probability ?? '').trim();
    const parsed = parseProbability(probabilityText);
    let probability = parsed.value;
    if (parsed.error) problem(row, id, 'probability', `${label}: Probability ${parsed.error}.`);
    else if (probability === 0) {
      problem(row, id, 'probability', `${label}: Probability is 0%, so it never happens; remove the row or give it a chance above 0.`);
    }
    if (group !== '' && probabilityText === '') probability = NaN; // a weight to be shared out below

    return {
      id, name: input.name.trim(), stage: input.stage.trim(), optimistic, mostLikely, pessimistic,
      distribution: distribution ?? 'beta-pert', dependsOn: links.map((link) => link.id), probability, group, links,
    };
  });

  checkGroups(inputs, touchpoints, problem);

  const ids = touchpoints.map((touchpoint) => touchpoint.id);
  // Self-dependencies are reported above; leave them out so a cycle of one is not named twice.
  const predecessors = predecessorIndices(ids, touchpoints.map((t) => t.dependsOn));
  // One shortest cycle named per tangle, however many cycles run through it: its rows are
  // marked, and the rest of the tangle is counted rather than listed.
  for (const { members, cycle } of cycleTangles(predecessors)) {
    const names = [...cycle, cycle[0]].map((index) => touchpoints[index].name || touchpoints[index].id);
    const rest = members.length - cycle.length;
    const more = rest === 0 ? '' : `, and ${rest.toLocaleString('en')} more touchpoint${rest === 1 ? ' is' : 's are'} in cycles with them`;
    const message = `These touchpoints wait for each other in a circle: ${names.join(' → ')}${more}. Remove one of the dependencies.`;
    for (const index of cycle) problem(index, touchpoints[index].id, 'dependsOn', message);
  }

  return { touchpoints, problems: capProblems(problems) };
}

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

/**
 * Exclusive groups: each member's probability cell is its weight. Blank weights share what the
 * typed ones leave of 100% equally (all blank: equal weights). The weights must add up to 100%
 * within half a point; they are then normalised to sum to exactly 1.
 */
function checkGroups(
  inputs: readonly TouchpointInput[], touchpoints: Touchpoint[],
  problem: (row: number, id: string, field: TouchpointField | 'journey', message: string) => void,
): void {
  const members = new Map<string, number[]>();
  touchpoints.forEach((t, row) => {
    if (t.group === '') return;
    const list = members.get(t.group) ?? [];
    list.push(row);
    members.set(t.group, list);
  });
  // Members are alternatives — exactly one happens — so one cannot wait for another.
  for (const [group, rows] of members) {
    const ids = new Set(rows.map((row) => touchpoints[row].id));
    for (const row of rows) {
      const other = touchpoints[row].dependsOn.find((id) => ids.has(id) && id !== touchpoints[row].id);
      if (other === undefined) continue;
      problem(row, touchpoints[row].id, 'dependsOn',
        `${touchpoints[row].name || touchpoints[row].id} and ${other} are alternatives in group "${group}" (exactly one happens per journey), `
        + `so ${touchpoints[row].id} cannot depend on ${other}; take one of them out of the group or remove the link.`);
    }
  }
  for (const [group, rows] of members) {
    const typed = rows.filter((row) => !Number.isNaN(touchpoints[row].probability) || (inputs[row].probability ?? '').trim() !== '');
    if (typed.some((row) => Number.isNaN(touchpoints[row].probability))) {
      for (const row of rows) if (Number.isNaN(touchpoints[row].probability) && !typed.includes(row)) touchpoints[row].probability = 1 / rows.length;
      continue; // a bad weight is already reported on its own row
    }
    const typedSum = typed.reduce((sum, row) => sum + touchpoints[row].probability, 0);
    const blank = rows.filter((row) => !typed.includes(row));
    const remainder = 1 - typedSum;
    const names = rows.map((row) => `${touchpoints[row].name || touchpoints[row].id} ${percentText(touchpoints[row].probability)}`);
    if (blank.length > 0) {
      if (remainder < 0.005) {
        for (const row of blank) {
          touchpoints[row].probability = NaN;
          problem(row, touchpoints[row].id, 'probability',
            `${touchpoints[row].name || touchpoints[row].id}: the other members of group "${group}" already take ${percentText(typedSum)}, `
            + 'so no weight is left for this one; give every member a weight, adding up to 100%.');
        }
        continue;
      }
      for (const row of blank) touchpoints[row].probability = remainder / blank.length;
    } else if (Math.abs(typedSum - 1) > 0.005) {
      for (const row of rows) {
        problem(row, touchpoints[row].id, 'group',
          `Group "${group}": exactly one member happens per journey, so the weights must add up to 100%; `
          + `they add up to ${percentText(typedSum)} (${names.join(', ')}).`);
      }
      continue;
    }
    const total = rows.reduce((sum, row) => sum + touchpoints[row].probability, 0);
    for (const row of rows) touchpoints[row].probability /= total;
  }
}

function percentText(share: number): string {
  return `${Number((share * 100).toFixed(1))}%`;
}
