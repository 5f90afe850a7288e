/**
 * What a key does in the journey sheet and in a cell's editor, as the sheet carries it out.
 * COLUMNS has 18 columns: the last is column 17.
 */
import { describe, expect, it } from 'vitest';
import { editorKeyAction, gridKeyAction } from '../../src/ui/gridKeys.ts';
import type { KeyPress } from '../../src/ui/gridKeys.ts';
import { COLUMNS } from '../../src/state/gridModel.ts';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });
const at = { row: 2, col: 3 };
const last = COLUMNS.length - 1;

describe('gridKeyAction', () => {
  it('undoes, redoes and fills down with Ctrl or ⌘, and leaves copy and paste to the clipboard events', () => {
    expect(gridKeyAction(press('z', { ctrlKey: true }), at, 5)).toEqual({ do: 'undo' });
    expect(gridKeyAction(press('Z', { metaKey: true, shiftKey: true }), at, 5)).toEqual({ do: 'redo' });
    expect(gridKeyAction(press('y', { ctrlKey: true }), at, 5)).toEqual({ do: 'redo' });
    expect(gridKeyAction(press('d', { ctrlKey: true }), at, 5)).toEqual({ do: 'fillDown' });
    expect(gridKeyAction(press('c', { ctrlKey: true }), at, 5)).toBeUndefined();
    expect(gridKeyAction(press('v', { metaKey: true }), at, 5)).toBeUndefined();
  });

  it('inserts a row below with Alt + Enter, above with Alt + Shift + Enter', () => {
    expect(gridKeyAction(press('Enter', { altKey: true }), at, 5)).toEqual({ do: 'addRow', where: 'below' });
    expect(gridKeyAction(press('Enter', { altKey: true, shiftKey: true }), at, 5)).toEqual({ do: 'addRow', where: 'above' });
  });

  it('moves with the arrows, Home and End, and selects with Shift + arrows only', () => {
    expect(gridKeyAction(press('ArrowDown'), at, 5)).toEqual({ do: 'select', cell: { row: 3, col: 3 }, extend: false });
    expect(gridKeyAction(press('ArrowLeft', { shiftKey: true }), at, 5)).toEqual({ do: 'select', cell: { row: 2, col: 2 }, extend: true });
    expect(gridKeyAction(press('End', { shiftKey: true }), at, 5)).toEqual({ do: 'select', cell: { row: 2, col: last }, extend: false });
    expect(gridKeyAction(press('ArrowDown'), { row: 4, col: 0 }, 5)).toEqual({ do: 'select', cell: { row: 4, col: 0 }, extend: false });
  });

  it('moves along the row with Tab and leaves the sheet at the row\'s end, or with Shift + Tab at its start', () => {
    expect(gridKeyAction(press('Tab'), at, 5)).toEqual({ do: 'select', cell: { row: 2, col: 4 }, extend: false });
    expect(gridKeyAction(press('Tab', { shiftKey: true }), at, 5)).toEqual({ do: 'select', cell: { row: 2, col: 2 }, extend: false });
    expect(gridKeyAction(press('Tab'), { row: 2, col: last }, 5)).toBeUndefined();
    expect(gridKeyAction(press('Tab', { shiftKey: true }), { row: 2, col: 0 }, 5)).toBeUndefined();
  });

  it('edits with Enter or F2, starts an edit with a typed key, and clears with Delete or Backspace', () => {
    expect(gridKeyAction(press('Enter'), at, 5)).toEqual({ do: 'edit' });
    expect(gridKeyAction(press('F2'), at, 5)).toEqual({ do: 'edit' });
    expect(gridKeyAction(press('7'), at, 5)).toEqual({ do: 'edit', initial: '7' });
    expect(gridKeyAction(press('Delete'), at, 5)).toEqual({ do: 'clear' });
    expect(gridKeyAction(press('Backspace'), at, 5)).toEqual({ do: 'clear' });
  });

  it('leaves other keys, and Alt with a letter, to the browser', () => {
    expect(gridKeyAction(press('x', { altKey: true }), at, 5)).toBeUndefined();
    expect(gridKeyAction(press('Escape'), at, 5)).toBeUndefined();
    expect(gridKeyAction(press('PageDown'), at, 5)).toBeUndefined();
  });
});

describe('editorKeyAction', () => {
  it('commits and moves on with Enter (down) and Tab (along, back with Shift), cancels with Escape, and lets other keys type', () => {
    expect(editorKeyAction(press('Enter', { shiftKey: true }))).toEqual({ do: 'commit', move: 'Enter', shift: false });
    expect(editorKeyAction(press('Tab', { shiftKey: true }))).toEqual({ do: 'commit', move: 'Tab', shift: true });
    expect(editorKeyAction(press('Escape'))).toEqual({ do: 'cancel' });
    expect(editorKeyAction(press('a'))).toBeUndefined();
    expect(editorKeyAction(press('ArrowLeft'))).toBeUndefined();
  });
});
