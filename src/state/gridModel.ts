/**
 * The journey sheet as data: its columns, cell addresses and ranges, and every edit as a pure
 * function from rows to new rows (inputs are never modified). Copy and paste use TSV as Excel
 * and Google Sheets do: tab between cells, newline between rows, cells holding a tab, newline
 * or quote wrapped in quotes with quotes doubled.
 */
import type { TouchpointField, TouchpointInput } from '../engine/journey/index.ts';

export type ComputedColumn =
  | 'expected' | 'sd' | 'earliestStart' | 'latestStart' | 'slack' | 'critical' | 'criticality' | 'sensitivity';

export interface Column {
  key: TouchpointField | ComputedColumn;
  label: string;
  editable: boolean;
  numeric: boolean;
}

export const INPUT_COLUMNS: Column[] = [
  { key: 'id', label: 'ID', editable: true, numeric: false },
  { key: 'name', label: 'Touchpoint', editable: true, numeric: false },
  { key: 'stage', label: 'Stage', editable: true, numeric: false },
  { key: 'optimistic', label: 'Optimistic', editable: true, numeric: true },
  { key: 'mostLikely', label: 'Most likely', editable: true, numeric: true },
  { key: 'pessimistic', label: 'Pessimistic', editable: true, numeric: true },
  { key: 'distribution', label: 'Distribution', editable: true, numeric: false },
  { key: 'dependsOn', label: 'Depends on', editable: true, numeric: false },
  { key: 'probability', label: 'Probability', editable: true, numeric: true },
  { key: 'group', label: 'Group', editable: true, numeric: false },
];

export const COMPUTED_COLUMNS: Column[] = [
  { key: 'expected', label: 'Expected', editable: false, numeric: true },
  { key: 'sd', label: 'SD', editable: false, numeric: true },
  { key: 'earliestStart', label: 'Earliest start', editable: false, numeric: true },
  { key: 'latestStart', label: 'Latest start', editable: false, numeric: true },
  { key: 'slack', label: 'Slack', editable: false, numeric: true },
  { key: 'critical', label: 'Critical', editable: false, numeric: false },
  { key: 'criticality', label: 'Criticality', editable: false, numeric: true },
  { key: 'sensitivity', label: 'Sensitivity', editable: false, numeric: true },
];

export const COLUMNS: Column[] = [...INPUT_COLUMNS, ...COMPUTED_COLUMNS];

/** What the newer input columns take, shown under the sheet while one of their cells is active. */
export const COLUMN_HELP: Partial<Record<TouchpointField, string>> = {
  dependsOn: 'IDs it waits for, separated by spaces. B+7 starts 7 after B finishes, B-2 two before; B SS+2 starts 2 after B starts.',
  probability: 'Share of journeys in which it happens: 25% or 0.25; empty means always. In a group, its weight.',
  group: 'Touchpoints with the same group name are a choice: exactly one of them happens in each journey.',
};

export interface Cell { row: number; col: number }

/** A selection: the anchor where it started and the focus where it ends (the active cell). */
export interface Selection { anchor: Cell; focus: Cell }

export interface Range { top: number; left: number; bottom: number; right: number }

export function rangeOf(selection: Selection): Range {
  return {
    top: Math.min(selection.anchor.row, selection.focus.row), bottom: Math.max(selection.anchor.row, selection.focus.row),
    left: Math.min(selection.anchor.col, selection.focus.col), right: Math.max(selection.anchor.col, selection.focus.col),
  };
}

export function clampCell(cell: Cell, rowCount: number): Cell {
  return {
    row: Math.max(0, Math.min(Math.max(rowCount - 1, 0), cell.row)),
    col: Math.max(0, Math.min(COLUMNS.length - 1, cell.col)),
  };
}

/** The cell reached from `cell` by a navigation key; Tab wraps to the next row. */
export function moveCell(cell: Cell, key: string, rowCount: number, shift = false): Cell {
  const lastCol = COLUMNS.length - 1;
  switch (key) {
    case 'ArrowUp': return clampCell({ row: cell.row - 1, col: cell.col }, rowCount);
    case 'ArrowDown': case 'Enter': return clampCell({ row: cell.row + 1, col: cell.col }, rowCount);
    case 'ArrowLeft': return clampCell({ row: cell.row, col: cell.col - 1 }, rowCount);
    case 'ArrowRight': return clampCell({ row: cell.row, col: cell.col + 1 }, rowCount);
    case 'Home': return { row: cell.row, col: 0 };
    case 'End': return { row: cell.row, col: lastCol };
    case 'Tab':
      if (shift) return cell.col > 0 ? { row: cell.row, col: cell.col - 1 } : clampCell({ row: cell.row - 1, col: lastCol }, rowCount);
      return cell.col < lastCol ? { row: cell.row, col: cell.col + 1 } : clampCell({ row: cell.row + 1, col: 0 }, rowCount);
    default: return cell;
  }
}

function tsvCell(text: string): string {
  return /[\t\n\r"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The range as TSV, from a function giving each cell's text. */
export function rangeToTsv(range: Range, text: (row: number, col: number) => string): string {
  const lines: string[] = [];
  for (let row = range.top; row <= range.bottom; row++) {
    const cells: string[] = [];
    for (let col = range.left; col <= range.right; col++) cells.push(tsvCell(text(row, col)));
    lines.push(cells.join('\t'));
  }
  return lines.join('\n');
}

/** Cells of a TSV block copied from a spreadsheet (quoted cells, CRLF and a trailing newline handled). */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const body = text.replace(/\r\n?/g, '\n');
  while (i < body.length) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') { cell += '"'; i += 2; continue; }
      if (ch === '"') { quoted = false; i++; continue; }
      cell += ch; i++; continue;
    }
    if (ch === '"' && cell === '') { quoted = true; i++; continue; }
    if (ch === '\t') { row.push(cell); cell = ''; i++; continue; }
    if (ch === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; continue; }
    cell += ch; i++;
  }
  if (cell !== '' || row.length > 0) { row.push(cell); rows.push(row); }
  return rows;
}

/** An empty touchpoint with an id T1, T2, … not used yet. */
export function newRow(rows: readonly TouchpointInput[]): TouchpointInput {
  const taken = new Set(rows.map((r) => r.id));
  let k = rows.length + 1;
  while (taken.has(`T${k}`)) k++;
  return { id: `T${k}`, name: '', stage: '', optimistic: '', mostLikely: '', pessimistic: '', distribution: 'beta-pert', dependsOn: '', probability: '', group: '' };
}

export function setCell(rows: readonly TouchpointInput[], cell: Cell, value: string): TouchpointInput[] {
  const column = COLUMNS[cell.col];
  if (!column?.editable || cell.row < 0 || cell.row >= rows.length) return rows.slice();
  return rows.map((row, index) => (index === cell.row ? { ...row, [column.key]: value } : row));
}

const headerText = (text: string) => text.trim().toLowerCase().replace(/[^a-z]/g, '');

/** Names a pasted header may give a column: its label and the journey CSV's name, in any case and spacing ("Most likely", "most_likely"). */
const COLUMN_BY_NAME = new Map(COLUMNS.flatMap((column, index) => [[headerText(column.label), index], [headerText(column.key), index]] as [string, number][]));

/**
 * The column of each cell of a pasted block's first row when that row is a header (every cell
 * that is not blank names a column of the sheet, and rows follow it), or undefined when it is data.
 * A blank header cell gives undefined: that column of the block is not pasted.
 */
export function pastedHeader(block: readonly string[][]): (number | undefined)[] | undefined {
  if (block.length < 2) return undefined;
  const named = block[0].map((text) => (text.trim() === '' ? undefined : COLUMN_BY_NAME.get(headerText(text)) ?? -1));
  if (named.some((column) => column === -1) || named.every((column) => column === undefined)) return undefined;
  return named;
}

/**
 * Pastes a block with its top-left at `at`. A block that begins with a header row (see
 * pastedHeader) goes into the columns its header names, from the row of `at`, its header
 * dropped; any other block goes in from `at`'s column on. Rows past the end are added as new
 * rows, which get only the cells the block carries (and a fresh ID when it carries none); cells
 * beyond the input columns, or under a computed column's name, are ignored.
 */
export function pasteBlock(rows: readonly TouchpointInput[], at: Cell, block: string[][]): TouchpointInput[] {
  const header = pastedHeader(block);
  const body = header ? block.slice(1) : block;
  const columnOf = (c: number) => (header ? header[c] : at.col + c);
  const next = rows.slice();
  body.forEach((cells, r) => {
    const rowIndex = at.row + r;
    while (next.length <= rowIndex) next.push(newRow(next));
    const updated = { ...next[rowIndex] };
    cells.forEach((value, c) => {
      const index = columnOf(c);
      const column = index === undefined ? undefined : COLUMNS[index];
      if (column?.editable) (updated as Record<string, string>)[column.key] = value.trim();
    });
    next[rowIndex] = updated;
  });
  return next;
}

/** Copies the top row of the range down through the rest of it (editable columns only). */
export function fillDown(rows: readonly TouchpointInput[], range: Range): TouchpointInput[] {
  return rows.map((row, index) => {
    if (index <= range.top || index > range.bottom) return row;
    const updated = { ...row };
    for (let col = range.left; col <= range.right; col++) {
      const column = COLUMNS[col];
      if (column.editable && column.key !== 'id') (updated as Record<string, string>)[column.key] = rows[range.top][column.key as TouchpointField];
    }
    return updated;
  });
}

/** Empties the editable cells of the range (ids stay: a row needs one). */
export function clearRange(rows: readonly TouchpointInput[], range: Range): TouchpointInput[] {
  return rows.map((row, index) => {
    if (index < range.top || index > range.bottom) return row;
    const updated = { ...row };
    for (let col = range.left; col <= range.right; col++) {
      const column = COLUMNS[col];
      if (column.editable && column.key !== 'id') (updated as Record<string, string>)[column.key] = '';
    }
    return updated;
  });
}

export function insertRow(rows: readonly TouchpointInput[], at: number): TouchpointInput[] {
  const next = rows.slice();
  next.splice(Math.max(0, Math.min(at, rows.length)), 0, newRow(rows));
  return next;
}

export function deleteRows(rows: readonly TouchpointInput[], top: number, bottom: number): TouchpointInput[] {
  return rows.filter((_, index) => index < top || index > bottom);
}

/** Undo/redo as two stacks of whole snapshots (rows are small; one paste or fill is one step). */
export interface History<T> { past: T[]; future: T[] }

export const HISTORY_LIMIT = 200;

export function record<T>(history: History<T>, before: T): History<T> {
  return { past: [...history.past.slice(-(HISTORY_LIMIT - 1)), before], future: [] };
}

export function undo<T>(history: History<T>, current: T): { history: History<T>; value: T } | undefined {
  if (history.past.length === 0) return undefined;
  return { history: { past: history.past.slice(0, -1), future: [current, ...history.future] }, value: history.past[history.past.length - 1] };
}

export function redo<T>(history: History<T>, current: T): { history: History<T>; value: T } | undefined {
  if (history.future.length === 0) return undefined;
  return { history: { past: [...history.past, current], future: history.future.slice(1) }, value: history.future[0] };
}

/**
 * Row keys: each row of the sheet has one for as long as the page is open, whatever its ID says,
 * so the selection, the network's choice and the computed columns follow the row a person
 * typed in even while two rows share an ID. Keys live in memory only; they are never saved.
 */
let lastRowKey = 0;

export function freshRowKeys(count: number): string[] {
  return Array.from({ length: Math.max(0, count) }, () => `row-${++lastRowKey}`);
}

/**
 * Keys for `next`, rows that replaced `previous` (keyed `previousKeys`) by a change made
 * elsewhere (another tab, a merge): the same row object keeps its key, then a row with the same
 * ID, then the row at the same place; a row with none of these gets a fresh key. Never gives two
 * rows one key.
 */
export function carryRowKeys(previous: readonly TouchpointInput[], previousKeys: readonly string[], next: readonly TouchpointInput[]): string[] {
  if (next === previous && previousKeys.length === previous.length) return previousKeys.slice();
  const byObject = new Map<TouchpointInput, number[]>();
  const byId = new Map<string, number[]>();
  previous.forEach((row, index) => {
    (byObject.get(row) ?? byObject.set(row, []).get(row)!).push(index);
    (byId.get(row.id) ?? byId.set(row.id, []).get(row.id)!).push(index);
  });
  const used = new Uint8Array(previous.length);
  const keys: (string | undefined)[] = new Array(next.length).fill(undefined);
  const take = (candidates: number[] | undefined, at: number) => {
    const index = candidates?.find((k) => !used[k] && previousKeys[k] !== undefined);
    if (index === undefined) return;
    used[index] = 1;
    keys[at] = previousKeys[index];
  };
  next.forEach((row, at) => take(byObject.get(row), at));
  next.forEach((row, at) => { if (keys[at] === undefined) take(byId.get(row.id), at); });
  next.forEach((_, at) => { if (keys[at] === undefined && at < previous.length && !used[at]) take([at], at); });
  return keys.map((key) => key ?? freshRowKeys(1)[0]);
}
