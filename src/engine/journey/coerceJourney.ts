/**
 * Turning typed-in touchpoints (text cells from the grid or a CSV) into numbers, and checking
 * that the journey can be computed. Problems are data, one per cell, each naming the touchpoint
 * and the field with a sentence a person can act on.
 */
import { capProblems } from './capProblems.ts';
import { formatLink, parseDistribution, parseLinks, parseProbability, parseTime, plainLinks } from './cellText.ts';
import { cycleTangles, predecessorIndices } from './graph.ts';
import { DISTRIBUTION_KINDS } from './types.ts';
import type {
  Dependency, DistributionKind, LinkType, Problem, Touchpoint, TouchpointField, TouchpointInput,
} from './types.ts';

const FIELD_LABELS: Record<TouchpointField, string> = {
  id: 'ID', name: 'Touchpoint', stage: 'Stage', optimistic: 'Optimistic', mostLikely: 'Most likely',
  pessimistic: 'Pessimistic', distribution: 'Distribution', dependsOn: 'Depends on', probability: 'Probability', group: 'Group',
};

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
 * links. A duplicated id is reported on every row that has it, the first one included.
 * For a journey made of some of a sheet's rows: `sheetRows` is the sheet's row index of each
 * input (problems and their messages name those rows), and `leftOutIds` the ids of the rows left
 * out, so a dependency on one says that row has no times yet rather than that the id is unknown.
 */
export function coerceJourney(
  inputs: readonly TouchpointInput[], sheetRows?: readonly number[], leftOutIds?: ReadonlySet<string>,
): { touchpoints: Touchpoint[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const sheetRow = (row: number) => (row >= 0 && sheetRows ? sheetRows[row] : row);
  const problem = (row: number, id: string, field: TouchpointField | 'journey', message: string) =>
    problems.push({ row: sheetRow(row), id, field, message });

  if (inputs.length === 0) problem(-1, '', 'journey', 'The journey has no touchpoints yet: add a row to start.');

  const firstRowById = new Map<string, number>();
  inputs.forEach((input, row) => {
    const id = input.id.trim();
    if (id !== '' && !firstRowById.has(id)) firstRowById.set(id, row);
  });

  const knownIds = new Set(firstRowById.keys());
  const firstFlagged = new Set<string>();
  const linkedBy = new Int32Array(inputs.length);
  const touchpoints = inputs.map((input, row): Touchpoint => {
    const id = input.id.trim();
    const label = id === '' ? `Row ${sheetRow(row) + 1}` : `${input.name.trim() || id}`;
    if (id === '') problem(row, id, 'id', `Row ${sheetRow(row) + 1} has no ID: give it a short unique ID such as T${sheetRow(row) + 1}.`);
    else if (firstRowById.get(id) !== row) {
      const first = firstRowById.get(id)!;
      const message = `ID "${id}" is used twice (rows ${sheetRow(first) + 1} and ${sheetRow(row) + 1}): IDs must be unique.`;
      if (!firstFlagged.has(id)) { firstFlagged.add(id); problem(first, id, 'id', message); }
      problem(row, id, 'id', message);
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
      if (!firstRowById.has(link.id)) {
        problem(row, id, 'dependsOn', leftOutIds?.has(link.id)
          ? `${label} depends on "${link.id}", which has no times yet: enter its times, or remove the dependency.`
          : `${label} depends on "${link.id}", which is not an ID in the journey.`);
        continue;
      }
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
