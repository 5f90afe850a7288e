/**
 * The journey CSV: `id,name,stage,optimistic,most_likely,pessimistic,depends_on[,distribution][,probability][,group]`.
 * Link types and lags stay inside `depends_on` ("B+7; C SS+2"); probability and group are optional
 * columns (empty: 100%, no group).
 * Reading tolerates common header variants, any of comma / semicolon / tab delimiters, quotes,
 * a byte-order mark and CRLF (papaparse does the tokenising); writing is re-readable and
 * neutralises spreadsheet formulas.
 */
import Papa from 'papaparse';
import { formatLink, parseLinks } from './cellText.ts';
import type { TouchpointField, TouchpointInput } from './types.ts';
import { neutraliseFormula } from '../csv/index.ts';

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
 * the header, or `mapping` when given (field → column index). Blank lines are skipped.
 */
export function parseJourneyCsv(
  text: string, mapping?: Partial<Record<TouchpointField, number>>,
): { inputs: TouchpointInput[]; lines: number[]; problems: CsvProblem[]; header: string[]; mapping: Partial<Record<TouchpointField, number>> } {
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
    return { inputs: [], lines: [], problems: [{ line: 1, column: '', message: 'The file is empty.' }], header: [], mapping: {} };
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
      inputs: [], lines: [], header, mapping: usedMapping,
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
  return { inputs, lines, problems, header, mapping: usedMapping };
}

/** The CSV column name used for a field when reporting problems and exporting. */
export function headerName(field: TouchpointField): string {
  return {
    id: 'id', name: 'name', stage: 'stage', optimistic: 'optimistic', mostLikely: 'most_likely',
    pessimistic: 'pessimistic', dependsOn: 'depends_on', distribution: 'distribution', probability: 'probability', group: 'group',
  }[field];
}

/**
 * Writes a journey as CSV in the documented column order (CRLF line ends, RFC 4180 quoting).
 * Links are written in one spelling ("B+7; C SS+2"); a link that cannot be read is kept as typed.
 * The probability and group columns are written only when some row uses them.
 */
export function journeyToCsv(inputs: readonly TouchpointInput[]): string {
  const branched = inputs.some((t) => (t.probability ?? '').trim() !== '' || (t.group ?? '').trim() !== '');
  const header = ['id', 'name', 'stage', 'optimistic', 'most_likely', 'pessimistic', 'depends_on', 'distribution',
    ...(branched ? ['probability', 'group'] : [])];
  const ids = new Set(inputs.map((t) => t.id.trim()));
  const rows = inputs.map((t) => {
    const links = parseLinks(t.dependsOn, ids);
    const dependsOn = links.some((link) => link.error) ? t.dependsOn.trim() : links.map(formatLink).join(';');
    return [
      t.id, t.name, t.stage, t.optimistic, t.mostLikely, t.pessimistic, dependsOn, t.distribution,
      ...(branched ? [t.probability ?? '', t.group ?? ''] : []),
    ].map(neutraliseFormula);
  });
  return Papa.unparse({ fields: header, data: rows }, { newline: '\r\n', quotes: false }) + '\r\n';
}
