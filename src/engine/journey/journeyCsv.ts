/**
 * The journey CSV: `id,name,stage,optimistic,most_likely,pessimistic,depends_on[,distribution][,probability][,group]`
 * `[,target,iterations,seed,time_unit]`.
 * Link types and lags stay inside `depends_on` ("B+7; C SS+2"); probability and group are optional
 * columns (empty: 100%, no group). The settings columns carry the scenario's settings on the
 * first row (a file without them is a journey only, read with the settings already open).
 * Reading tolerates common header variants, any of comma / semicolon / tab delimiters, quotes,
 * a byte-order mark and CRLF (papaparse does the tokenising); writing is re-readable and
 * neutralises spreadsheet formulas.
 */
import Papa from 'papaparse';
import { formatLink, parseLinks, parseTime } from './cellText.ts';
import type { Settings, TouchpointField, TouchpointInput } from './types.ts';
import { neutraliseFormula } from '../csv/index.ts';
import { settingProblem, valueSettingProblem } from './settingsProblems.ts';

/** A row or file that could not be read, with its 1-based line number and column name. */
export interface CsvProblem {
  line: number;
  column: string;
  message: string;
}

const HEADER_ALIASES: Record<string, TouchpointField> = {
  id: 'id', touchpointid: 'id', key: 'id', code: 'id', activityid: 'id',
  name: 'name', touchpoint: 'name', activity: 'name', task: 'name', title: 'name', description: 'name',
  stage: 'stage', phase: 'stage',
  optimistic: 'optimistic', a: 'optimistic', o: 'optimistic', min: 'optimistic', best: 'optimistic', optimistictime: 'optimistic',
  mostlikely: 'mostLikely', m: 'mostLikely', likely: 'mostLikely', mode: 'mostLikely', ml: 'mostLikely', mostlikelytime: 'mostLikely',
  pessimistic: 'pessimistic', b: 'pessimistic', p: 'pessimistic', max: 'pessimistic', worst: 'pessimistic', pessimistictime: 'pessimistic',
  dependson: 'dependsOn', depends: 'dependsOn', predecessors: 'dependsOn', predecessor: 'dependsOn', dependencies: 'dependsOn',
  deps: 'dependsOn', after: 'dependsOn',
  distribution: 'distribution', dist: 'distribution',
  probability: 'probability', prob: 'probability', chance: 'probability', likelihood: 'probability', weight: 'probability',
  group: 'group', exclusivegroup: 'group', choice: 'group', branch: 'group',
};

const REQUIRED: TouchpointField[] = ['id', 'optimistic', 'mostLikely', 'pessimistic'];

/** The settings columns, as exported, and the header spellings read for each. */
const SETTING_COLUMNS: { key: keyof Settings; name: string; aliases: string[] }[] = [
  { key: 'target', name: 'target', aliases: ['target', 'targettime', 'deadline'] },
  { key: 'iterations', name: 'iterations', aliases: ['iterations', 'runs'] },
  { key: 'seed', name: 'seed', aliases: ['seed', 'randomseed'] },
  { key: 'timeUnit', name: 'time_unit', aliases: ['timeunit', 'unit'] },
  { key: 'journeyValue', name: 'journey_value', aliases: ['journeyvalue', 'valueperjourney', 'valuepercompletedjourney'] },
  { key: 'journeysPerYear', name: 'journeys_per_year', aliases: ['journeysperyear', 'journeysayear'] },
];

/**
 * The settings a journey CSV carries in its settings columns: for each, the first non-blank
 * cell under it (so sorting the rows in a spreadsheet loses nothing). A value that is not a
 * setting the app takes is left out, with a problem naming its line.
 */
function settingsOfCsv(header: readonly string[], rows: readonly string[][], rowLines: readonly number[], from: number): { settings: Partial<Settings>; problems: CsvProblem[] } {
  const settings: Partial<Settings> = {};
  const problems: CsvProblem[] = [];
  for (const { key, name, aliases } of SETTING_COLUMNS) {
    const column = header.findIndex((cell) => aliases.includes(cell.trim().toLowerCase().replace(/[^a-z]/g, '')));
    if (column < 0) continue;
    let r = from;
    while (r < rows.length && (rows[r][column] ?? '').trim() === '') r++;
    if (r >= rows.length) continue;
    const text = rows[r][column].trim();
    if (key === 'timeUnit') {
      if (text.length <= 20) settings.timeUnit = text;
      else problems.push({ line: rowLines[r], column: name, message: `the time unit "${text.slice(0, 20)}…" is longer than 20 characters; the open scenario's unit is kept.` });
      continue;
    }
    const value = text === '' ? NaN : Number(text);
    const problem = key === 'journeyValue' || key === 'journeysPerYear' ? valueSettingProblem(key, value) : settingProblem(key, value);
    if (problem) problems.push({ line: rowLines[r], column: name, message: `${name} "${text}": ${problem} The open scenario's setting is kept.` });
    else settings[key] = value;
  }
  return { settings, problems };
}

/** The field a header cell names ("Most likely", "most_likely", "Depends on" …), or undefined. */
export function journeyFieldForHeader(header: string): TouchpointField | undefined {
  return HEADER_ALIASES[header.trim().toLowerCase().replace(/[^a-z]/g, '')];
}

/**
 * Whether a header row (as split into cells) is a journey's: it names an id and the three times,
 * the columns a journey cannot be read without. A dropped file is told apart from customer data
 * by this.
 */
export function isJourneyHeader(header: readonly string[]): boolean {
  const fields = new Set(header.map(journeyFieldForHeader));
  return REQUIRED.every((field) => fields.has(field));
}

/**
 * Reads a journey CSV. Returns the rows that could be read as TouchpointInput (text cells, to
 * be checked by coerceJourney), the 1-based file line of each, problems for what could not be
 * read (missing columns, ragged rows), the header and the column mapping used — detected from
 * the header, or `mapping` when given (field → column index) — and the settings its settings
 * columns carry (none for an older file), with `settingProblems` for values it could not take.
 * Blank lines are skipped.
 */
export function parseJourneyCsv(
  text: string, mapping?: Partial<Record<TouchpointField, number>>,
): {
  inputs: TouchpointInput[]; lines: number[]; problems: CsvProblem[]; header: string[]; mapping: Partial<Record<TouchpointField, number>>;
  settings: Partial<Settings>; settingProblems: CsvProblem[];
} {
  const problems: CsvProblem[] = [];
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = Papa.parse<string[]>(body, { skipEmptyLines: false, delimitersToGuess: [',', ';', '\t', '|'] });
  // Line numbers: papaparse gives rows, not lines; count the newlines each row spans (quoted cells may hold some).
  const rows = parsed.data;
  const rowLines: number[] = [];
  let line = 1;
  for (const row of rows) {
    rowLines.push(line);
    line += 1 + row.reduce((extra, cell) => extra + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
  }
  const headerIndex = rows.findIndex((row) => row.some((cell) => cell.trim() !== ''));
  if (headerIndex < 0) {
    return { inputs: [], lines: [], problems: [{ line: 1, column: '', message: 'The file is empty.' }], header: [], mapping: {}, settings: {}, settingProblems: [] };
  }
  const header = rows[headerIndex];
  const columnOf = new Map<TouchpointField, number>();
  if (mapping) {
    for (const [field, index] of Object.entries(mapping)) if (index !== undefined && index >= 0) columnOf.set(field as TouchpointField, index);
  } else {
    header.forEach((cell, index) => {
      const field = journeyFieldForHeader(cell);
      if (field && !columnOf.has(field)) columnOf.set(field, index);
    });
  }
  const usedMapping = Object.fromEntries(columnOf) as Partial<Record<TouchpointField, number>>;
  const missing = REQUIRED.filter((field) => !columnOf.has(field));
  if (missing.length > 0) {
    return {
      inputs: [], lines: [], header, mapping: usedMapping, settings: {}, settingProblems: [],
      problems: [{
        line: rowLines[headerIndex], column: '',
        message: `The header has no ${missing.map(headerName).join(', ')} column; expected `
          + 'id,name,stage,optimistic,most_likely,pessimistic,depends_on[,distribution][,probability][,group].',
      }],
    };
  }
  const inputs: TouchpointInput[] = [];
  const lines: number[] = [];
  for (let r = headerIndex + 1; r < rows.length; r++) {
    const row = rows[r];
    if (row.every((cell) => cell.trim() === '')) continue;
    if (row.length > header.length && row.slice(header.length).some((cell) => cell.trim() !== '')) {
      problems.push({ line: rowLines[r], column: '', message: `Line ${rowLines[r]} has ${row.length} cells but the header has ${header.length}.` });
      continue;
    }
    const cell = (field: TouchpointField) => {
      const index = columnOf.get(field);
      return index === undefined ? '' : (row[index] ?? '').trim();
    };
    inputs.push({
      id: cell('id'), name: cell('name'), stage: cell('stage'), optimistic: cell('optimistic'),
      mostLikely: cell('mostLikely'), pessimistic: cell('pessimistic'), distribution: cell('distribution'),
      dependsOn: cell('dependsOn'), probability: cell('probability'), group: cell('group'),
    });
    lines.push(rowLines[r]);
  }
  const carried = settingsOfCsv(header, rows, rowLines, headerIndex + 1);
  return { inputs, lines, problems, header, mapping: usedMapping, settings: carried.settings, settingProblems: carried.problems };
}

/** The CSV column name used for a field when reporting problems and exporting. */
export function headerName(field: TouchpointField): string {
  return {
    id: 'id', name: 'name', stage: 'stage', optimistic: 'optimistic', mostLikely: 'most_likely',
    pessimistic: 'pessimistic', dependsOn: 'depends_on', distribution: 'distribution', probability: 'probability', group: 'group',
  }[field];
}

/**
 * A time cell for the CSV: as typed, except that a decimal comma ("2,5", as a German reader
 * types it) is written with a dot, so the file holds plain numbers whatever the typist's locale.
 */
function plainTime(text: string): string {
  if (!text.includes(',')) return text;
  const value = parseTime(text);
  return Number.isNaN(value) ? text : String(value);
}

/**
 * Writes a journey as CSV in the documented column order (CRLF line ends, RFC 4180 quoting).
 * Links are written in one spelling ("B+7; C SS+2"); a link that cannot be read is kept as typed.
 * The probability and group columns are written only when some row uses them; with `settings`,
 * the settings columns follow, filled on the first row.
 */
export function journeyToCsv(inputs: readonly TouchpointInput[], settings?: Settings): string {
  const branched = inputs.some((t) => (t.probability ?? '').trim() !== '' || (t.group ?? '').trim() !== '');
  const header = ['id', 'name', 'stage', 'optimistic', 'most_likely', 'pessimistic', 'depends_on', 'distribution',
    ...(branched ? ['probability', 'group'] : []), ...(settings ? SETTING_COLUMNS.map((c) => c.name) : [])];
  const ids = new Set(inputs.map((t) => t.id.trim()));
  const rows = inputs.map((t) => {
    const links = parseLinks(t.dependsOn, ids);
    const dependsOn = links.some((link) => link.error) ? t.dependsOn.trim() : links.map(formatLink).join(';');
    return [
      t.id, t.name, t.stage, plainTime(t.optimistic), plainTime(t.mostLikely), plainTime(t.pessimistic), dependsOn, t.distribution,
      ...(branched ? [t.probability ?? '', t.group ?? ''] : []),
    ].map(neutraliseFormula);
  });
  if (settings) rows.forEach((row, k) => row.push(...SETTING_COLUMNS.map(({ key }) => (k === 0 ? neutraliseFormula(String(settings[key] ?? '')) : ''))));
  return Papa.unparse({ fields: header, data: rows }, { newline: '\r\n', quotes: false }) + '\r\n';
}
