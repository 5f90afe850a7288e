/**
 * The open workbook: the journey's rows as typed, the correlations between touchpoints' times
 * (as typed), the settings, the selected touchpoint and the undo history. Edits of rows and
 * correlations go through methods so each is one undo step; the validated journey is derived,
 * never stored. Each row has a key (`keys`, in memory only) that stays with it through edits,
 * inserts, deletes and undo: the selection names a row by its key, never by its ID, which two
 * rows may share while a person is typing.
 */
import { SETTING_KEYS, exampleJourney, exampleSettings } from '../engine/journey/index.ts';
import type { CorrelationInput, Settings, TouchpointInput } from '../engine/journey/index.ts';
import { correlationStatus } from './correlationStatus.ts';
import * as grid from './gridModel.ts';
import type { Cell, History, Range } from './gridModel.ts';
import type { ScenarioPayload } from '../share/scenarioFormat.ts';
import { sheetJourney } from './sheetJourney.ts';

/**
 * What one undo step restores: the rows and the correlations, together, and the rows' keys (a
 * step made elsewhere may come without them: the rows then keep the keys they can, see carryRowKeys).
 */
export interface WorkbookSnapshot { rows: TouchpointInput[]; correlations: CorrelationInput[]; keys?: string[] }

/** What a scenario payload puts in the workbook (its name and version stay with the scenario store). */
export type WorkbookContent = Pick<ScenarioPayload, 'rows' | 'settings' | 'correlations'>;

/** A row with every cell present: rows from older code or files may lack the newer cells. */
export function completeRow(row: Partial<TouchpointInput>): TouchpointInput {
  return {
    id: row.id ?? '', name: row.name ?? '', stage: row.stage ?? '', optimistic: row.optimistic ?? '', mostLikely: row.mostLikely ?? '',
    pessimistic: row.pessimistic ?? '', distribution: row.distribution ?? '', dependsOn: row.dependsOn ?? '',
    probability: row.probability ?? '', group: row.group ?? '',
  };
}

export class Workbook {
  rows = $state.raw<TouchpointInput[]>([]);
  /** Each row's key, in the rows' order. */
  keys = $state.raw<string[]>([]);
  /** Correlations between touchpoints' times, as typed in the Correlations editor. */
  correlations = $state.raw<CorrelationInput[]>([]);
  settings = $state<Settings>({ ...exampleSettings });
  /** The key of the row selected in the sheet or the network. */
  selectedKey = $state<string | null>(null);
  private history = $state.raw<History<WorkbookSnapshot>>({ past: [], future: [] });

  /**
   * The ID of the selected row. Setting it (the network, a restored scenario) selects the first
   * row with that ID, unless the selected row already has it: with two rows sharing an ID, the
   * one a person chose stays chosen.
   */
  get selectedId(): string | null {
    const index = this.selectedKey === null ? -1 : this.keys.indexOf(this.selectedKey);
    return index >= 0 ? this.rows[index].id : null;
  }

  set selectedId(id: string | null) {
    if (id === null) { this.selectedKey = null; return; }
    if (this.selectedId === id) return;
    const index = this.rows.findIndex((row) => row.id === id);
    this.selectedKey = index >= 0 ? this.keys[index] : null;
  }

  /** The sheet's journey, with the key of each touchpoint's row (rows without times are left out). */
  readonly journey = $derived.by(() => {
    const journey = sheetJourney(this.rows);
    return { ...journey, keys: journey.touchpointRows.map((row) => this.keys[row]) };
  });
  /** The journey's ids as one string: unchanged by edits of times, so the check below is not redone for them. */
  private readonly idList = $derived(this.journey.touchpoints.map((t) => t.id).join('\u0001'));
  /**
   * The correlations read and checked against the journey's ids; `usable` is what the
   * simulation gets. The check (an eigen-decomposition) reruns only when the correlations or the
   * ids change.
   */
  readonly correlationStatus = $derived(correlationStatus(this.correlations, this.idList === '' ? [] : this.idList.split('\u0001')));
  readonly canUndo = $derived(this.history.past.length > 0);
  readonly canRedo = $derived(this.history.future.length > 0);

  constructor(rows: TouchpointInput[] = exampleJourney, settings: Settings = exampleSettings, correlations: CorrelationInput[] = []) {
    this.rows = rows.map(completeRow);
    this.keys = grid.freshRowKeys(this.rows.length);
    this.settings = { ...settings };
    this.correlations = correlations.map((c) => ({ ...c }));
  }

  private snapshot(): WorkbookSnapshot {
    return { rows: this.rows, correlations: this.correlations, keys: this.keys };
  }

  /** Makes `next` the rows, one undo step; `keys` are its rows' keys (by default: the same rows, then fresh keys for rows added at the end). */
  private apply(next: TouchpointInput[], keys?: string[]): void {
    this.history = grid.record(this.history, this.snapshot());
    this.keys = keys ?? [...this.keys.slice(0, next.length), ...grid.freshRowKeys(next.length - this.keys.length)];
    this.rows = next;
  }

  /** The row that has `key`, or -1. */
  rowOfKey(key: string | null): number {
    return key === null ? -1 : this.keys.indexOf(key);
  }

  /** Replaces the correlations list: one undo step (adding, editing or removing a row, or using the nearest valid matrix). */
  setCorrelations(next: CorrelationInput[]): void {
    const same = next.length === this.correlations.length
      && next.every((c, k) => c.ids === this.correlations[k].ids && c.rho === this.correlations[k].rho);
    if (same) return;
    this.history = grid.record(this.history, this.snapshot());
    this.correlations = next.map((c) => ({ ids: c.ids, rho: c.rho }));
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

  /** Inserts a new row before row `at` (at the end when `at` is past it); returns where it went. */
  insertRow(at: number): number {
    const place = Math.max(0, Math.min(at, this.rows.length));
    const keys = this.keys.slice();
    keys.splice(place, 0, ...grid.freshRowKeys(1));
    this.apply(grid.insertRow(this.rows, place), keys);
    return place;
  }

  deleteRows(top: number, bottom: number): void {
    if (this.rows.length > 0) this.apply(grid.deleteRows(this.rows, top, bottom), this.keys.filter((_, index) => index < top || index > bottom));
  }

  /** Sets the three times of several rows at once: one undo step (used by "Calibrate estimates from data"). */
  setTimes(updates: { row: number; optimistic: string; mostLikely: string; pessimistic: string; probability?: string }[]): void {
    if (updates.length === 0) return;
    const next = this.rows.slice();
    for (const { row, ...times } of updates) if (next[row]) next[row] = { ...next[row], ...times };
    this.apply(next);
  }

  /** Replaces everything with a scenario's journey, settings and correlations (when one is loaded); clears the history. */
  replaceAll({ rows, settings, correlations }: WorkbookContent): void {
    this.keys = grid.freshRowKeys(rows.length);
    this.selectedKey = null;
    this.rows = rows.map(completeRow);
    this.settings = { ...settings };
    this.correlations = correlations.map((c) => ({ ids: c.ids, rho: c.rho }));
    this.history = { past: [], future: [] };
  }

  /**
   * Takes in changes made elsewhere (another tab's save): `content` becomes what is shown, and
   * `rebase` carries every undo and redo step over onto the changes, so undoing an edit of this
   * tab never takes another tab's work back with it. Records no undo step of its own.
   */
  takeIn(content: WorkbookContent, rebase: (step: WorkbookSnapshot) => WorkbookSnapshot): void {
    const rebaseKeyed = (step: WorkbookSnapshot): WorkbookSnapshot => {
      const next = rebase(step);
      return { ...next, keys: next.keys ?? grid.carryRowKeys(step.rows, step.keys ?? [], next.rows) };
    };
    this.history = { past: this.history.past.map(rebaseKeyed), future: this.history.future.map(rebaseKeyed) };
    if (content.rows !== this.rows) {
      this.keys = grid.carryRowKeys(this.rows, this.keys, content.rows);
      this.rows = content.rows;
    }
    if (content.correlations !== this.correlations) this.correlations = content.correlations;
    for (const key of SETTING_KEYS) {
      if (this.settings[key] !== content.settings[key]) this.setSetting(key, content.settings[key]);
    }
  }

  private restore(step: { history: History<WorkbookSnapshot>; value: WorkbookSnapshot } | undefined): void {
    if (!step) return;
    this.history = step.history;
    if (step.value.rows !== this.rows) {
      this.keys = step.value.keys ?? grid.carryRowKeys(this.rows, this.keys, step.value.rows);
      this.rows = step.value.rows;
    }
    if (step.value.correlations !== this.correlations) this.correlations = step.value.correlations;
  }

  undo(): void {
    this.restore(grid.undo(this.history, this.snapshot()));
  }

  redo(): void {
    this.restore(grid.redo(this.history, this.snapshot()));
  }

  setSetting<K extends keyof Settings>(key: K, value: Settings[K]): void {
    this.settings[key] = value;
  }
}
