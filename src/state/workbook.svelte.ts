/**
 * The open workbook: the journey's rows as typed, the settings, the selected touchpoint and
 * the undo history. Edits go through methods so each is one undo step; the validated journey
 * is derived, never stored.
 */
import { coerceJourney } from '../engine/coerceJourney.ts';
import { exampleJourney, exampleSettings } from '../engine/exampleJourney.ts';
import type { Settings, TouchpointInput } from '../engine/types.ts';
import * as grid from './gridModel.ts';
import type { Cell, History, Range } from './gridModel.ts';

export class Workbook {
  rows = $state.raw<TouchpointInput[]>([]);
  settings = $state<Settings>({ ...exampleSettings });
  /** The touchpoint selected in the sheet or the network. */
  selectedId = $state<string | null>(null);
  private history = $state.raw<History<TouchpointInput[]>>({ past: [], future: [] });

  readonly journey = $derived(coerceJourney(this.rows));
  readonly canUndo = $derived(this.history.past.length > 0);
  readonly canRedo = $derived(this.history.future.length > 0);

  constructor(rows: TouchpointInput[] = exampleJourney, settings: Settings = exampleSettings) {
    this.rows = rows.map((row) => ({ ...row }));
    this.settings = { ...settings };
  }

  private apply(next: TouchpointInput[]): void {
    this.history = grid.record(this.history, this.rows);
    this.rows = next;
  }

  setCell(cell: Cell, value: string): void {
    const column = grid.COLUMNS[cell.col];
    if (!column?.editable || this.rows[cell.row]?.[column.key as keyof TouchpointInput] === value) return;
    this.apply(grid.setCell(this.rows, cell, value));
  }

  paste(at: Cell, text: string): void {
    const block = grid.parseTsv(text);
    if (block.length > 0) this.apply(grid.pasteBlock(this.rows, at, block));
  }

  fillDown(range: Range): void {
    if (range.bottom > range.top) this.apply(grid.fillDown(this.rows, range));
  }

  clear(range: Range): void {
    this.apply(grid.clearRange(this.rows, range));
  }

  insertRow(at: number): void {
    this.apply(grid.insertRow(this.rows, at));
  }

  deleteRows(top: number, bottom: number): void {
    if (this.rows.length > 0) this.apply(grid.deleteRows(this.rows, top, bottom));
  }

  /** Sets the three times of several rows at once: one undo step (used by "Calibrate estimates from data"). */
  setTimes(updates: { row: number; optimistic: string; mostLikely: string; pessimistic: string }[]): void {
    if (updates.length === 0) return;
    const next = this.rows.slice();
    for (const { row, ...times } of updates) if (next[row]) next[row] = { ...next[row], ...times };
    this.apply(next);
  }

  /** Replaces everything, e.g. when a scenario is loaded; clears the history. */
  replaceAll(rows: TouchpointInput[], settings: Settings): void {
    this.rows = rows.map((row) => ({ ...row }));
    this.settings = { ...settings };
    this.history = { past: [], future: [] };
  }

  undo(): void {
    const step = grid.undo(this.history, this.rows);
    if (step) { this.history = step.history; this.rows = step.value; }
  }

  redo(): void {
    const step = grid.redo(this.history, this.rows);
    if (step) { this.history = step.history; this.rows = step.value; }
  }

  setSetting<K extends keyof Settings>(key: K, value: Settings[K]): void {
    this.settings[key] = value;
  }
}
