/**
 * What a key does in the journey sheet, as data for JourneyGrid.svelte to carry out: arrows,
 * Home and End move (Shift + arrows select), Tab moves along the row and leaves the sheet at its
 * end, Enter or F2 edits, typing starts an edit with the key typed, Delete or Backspace clears,
 * Ctrl (⌘) + Z / Shift + Z / Y / D undo, redo and fill down, Alt + Enter inserts a row below
 * (with Shift, above). Copy and paste arrive as clipboard events, not as keys. In a cell's
 * editor, Enter and Tab commit and move on, Escape cancels.
 */
import { COLUMNS, moveCell } from '../state/gridModel.ts';
import type { Cell } from '../state/gridModel.ts';

/** The parts of a key press that decide what it does. */
export interface KeyPress { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }

export type GridKeyAction =
  | { do: 'undo' | 'redo' | 'fillDown' | 'clear' }
  | { do: 'addRow'; where: 'above' | 'below' }
  | { do: 'select'; cell: Cell; extend: boolean }
  /** Edit the active cell, starting from `initial` (the key typed) or else its text. */
  | { do: 'edit'; initial?: string };

export type EditorKeyAction = { do: 'commit'; move: 'Enter' | 'Tab'; shift: boolean } | { do: 'cancel' };

const MOVES = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End'];

/**
 * What `press` does in a sheet of `rowCount` rows whose active cell is `focus`; undefined when
 * the sheet leaves the key to the browser (Tab at the row's end, Shift + Tab at its start, so a
 * keyboard user is never more than one row of stops away from the rest of the page).
 */
export function gridKeyAction(press: KeyPress, focus: Cell, rowCount: number): GridKeyAction | undefined {
  const mod = press.ctrlKey || press.metaKey;
  const key = press.key;
  if (mod && key.toLowerCase() === 'z') return { do: press.shiftKey ? 'redo' : 'undo' };
  if (mod && key.toLowerCase() === 'y') return { do: 'redo' };
  if (mod && key.toLowerCase() === 'd') return { do: 'fillDown' };
  if (mod) return undefined; // copy and paste arrive as clipboard events
  if (press.altKey && key === 'Enter') return { do: 'addRow', where: press.shiftKey ? 'above' : 'below' };
  if (MOVES.includes(key)) return { do: 'select', cell: moveCell(focus, key, rowCount), extend: press.shiftKey && key.startsWith('Arrow') };
  if (key === 'Tab') {
    const atEdge = press.shiftKey ? focus.col === 0 : focus.col === COLUMNS.length - 1;
    return atEdge ? undefined : { do: 'select', cell: moveCell(focus, 'Tab', rowCount, press.shiftKey), extend: false };
  }
  if (key === 'Enter' || key === 'F2') return { do: 'edit' };
  if (key === 'Delete' || key === 'Backspace') return { do: 'clear' };
  if (key.length === 1 && !press.altKey) return { do: 'edit', initial: key };
  return undefined;
}

/** What `press` does in a cell's editor; undefined for a key that only types. */
export function editorKeyAction(press: KeyPress): EditorKeyAction | undefined {
  if (press.key === 'Enter') return { do: 'commit', move: 'Enter', shift: false };
  if (press.key === 'Tab') return { do: 'commit', move: 'Tab', shift: press.shiftKey };
  if (press.key === 'Escape') return { do: 'cancel' };
  return undefined;
}
