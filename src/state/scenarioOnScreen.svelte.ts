/**
 * The open scenario as it is on screen, and the stored revision it stands on: its name, the
 * notice for the person and the "Saved" state, the list of scenarios, which one is open, at which
 * revision (`base`, the scenario as this tab last had it from storage: every merge's common
 * ancestor), and this tab's own edits since (editLedger.ts). Every scenario shown, whatever
 * brought it, goes on screen through one method, `load`; a newer revision another tab stored
 * comes on screen through `takeIn`, which keeps what was edited here and carries the undo steps
 * over. Selecting a touchpoint is not an edit of the scenario: it is kept apart (meta
 * `selected:<id>`). Saving all this is openScenario.svelte.ts.
 */
import { WaypointDatabase, describeStorageError, getMeta, setMeta } from '../db/database.ts';
import { createScenario, listScenarios } from '../db/scenarioRecords.ts';
import type { ScenarioSummary, StoredScenario } from '../db/database.ts';
import { SETTING_KEYS } from '../engine/journey/index.ts';
import type { CorrelationInput, TouchpointInput } from '../engine/journey/index.ts';
import { EditLedger } from './editLedger.ts';
import { replacedSentence } from './replacedValues.ts';
import { mergeCorrelations, mergeRows, mergeScenario, sameScenario } from './scenarioMerge.ts';
import type { Replaced } from './scenarioMerge.ts';
import { SCENARIO_VERSION } from '../share/scenarioFormat.ts';
import type { ScenarioPayload } from '../share/scenarioFormat.ts';
import type { TabSync } from './tabSync.ts';
import type { Workbook } from './workbook.svelte.ts';

/**
 * What decides whether there is anything to save: the rows by identity (every edit makes a new
 * array), the rest (every setting, the name, the correlations) as text.
 */
interface ContentKey { rows: unknown; rest: string }

function contentKeyOf(scenario: ScenarioPayload): ContentKey {
  return { rows: scenario.rows, rest: JSON.stringify([...SETTING_KEYS.map((key) => scenario.settings[key]), scenario.name, scenario.correlations]) };
}

export class ScenarioOnScreen {
  name = $state('Subscription journey');
  /** A sentence about storage for the person (saving problems, a link opened, …). */
  notice = $state('');
  noticeKind = $state<'info' | 'error'>('info');
  saved = $state(true);
  /** The last save failed (the work is still here, and can be exported). */
  saveFailed = $state(false);
  /** What the indicator beside the name says. */
  readonly saveStatus = $derived(this.saveFailed ? 'Not saved' : this.saved ? 'Saved' : 'Saving…');
  /** Values of this tab that another tab's edit of the same cells replaced, for "Put back mine". */
  replaced = $state.raw<Replaced[]>([]);
  /** Every stored scenario, newest first. */
  list = $state.raw<ScenarioSummary[]>([]);
  /** The open scenario's id. */
  openId = $state<string | undefined>(undefined);

  protected db: WaypointDatabase | undefined;
  protected id: string | undefined;
  /** The stored revision `base` is, and the scenario as this tab last had it from storage (the merge's common ancestor). */
  protected revision = 0;
  protected base: ScenarioPayload | undefined;
  private baseKey: ContentKey = { rows: undefined, rest: '' };
  protected tabs: TabSync | undefined;
  /** Saves and takings-in, one at a time. */
  private queue: Promise<void> = Promise.resolve();
  /** The selected touchpoint as last stored. */
  protected selectionStored: string | null = null;
  /** This tab's own edits, for merging with other tabs' saves. */
  protected ledger = new EditLedger();

  constructor(protected workbook: Workbook) {}

  /** Current payload (plain data, never a reactive proxy). */
  payload(): ScenarioPayload {
    return {
      v: SCENARIO_VERSION, name: this.name, settings: { ...this.workbook.settings },
      rows: this.workbook.rows.map((row) => ({ ...row })), correlations: this.workbook.correlations.map((c) => ({ ...c })),
    };
  }

  /** What is on screen, sharing the workbook's arrays (which are never changed in place): for comparing and merging. */
  protected current(): ScenarioPayload {
    return { v: SCENARIO_VERSION, name: this.name, settings: { ...this.workbook.settings }, rows: this.workbook.rows, correlations: this.workbook.correlations };
  }

  /** Runs `task` after every save or taking-in queued before it. */
  protected enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  protected say(message: string, kind: 'info' | 'error' = 'info'): void {
    this.notice = message;
    this.noticeKind = kind;
  }

  /**
   * Puts a restored scenario on screen: its name, and its rows, settings and correlations in
   * the workbook (whose undo history starts again). Every load comes through here.
   */
  protected load(scenario: ScenarioPayload): void {
    this.name = scenario.name;
    this.workbook.replaceAll(scenario);
  }

  async refresh(): Promise<void> {
    if (!this.db) return;
    try {
      this.list = await listScenarios(this.db);
    } catch (error) {
      this.say(describeStorageError(error).message, 'error');
    }
  }

  /** Makes a loaded scenario the open one, with the touchpoint that was selected in it. */
  protected async show({ record, scenario }: { record: StoredScenario; scenario: ScenarioPayload }): Promise<void> {
    this.id = record.id;
    this.openId = record.id;
    this.load(scenario);
    this.synced(record.revision);
    this.ledger.reset();
    this.replaced = [];
    const selected = this.db ? ((await getMeta<string | null>(this.db, `selected:${record.id}`).catch(() => null)) ?? null) : null;
    this.workbook.selectedId = selected;
    this.selectionStored = selected;
  }

  /** What is on screen is the stored scenario at `revision` (after a load, a creation). */
  protected synced(revision: number): void {
    this.setBase(this.current(), revision);
    this.ledger.lastSeen = this.base;
    this.saved = true;
    this.saveFailed = false;
  }

  /** `scenario` is what is stored at `revision`. */
  protected setBase(scenario: ScenarioPayload, revision: number): void {
    this.base = scenario;
    this.baseKey = contentKeyOf(scenario);
    this.revision = revision;
  }

  /** Stores what is on screen as a new scenario, which becomes the open one. */
  protected async createFromCurrent(): Promise<void> {
    if (!this.db) return;
    try {
      const record = await createScenario(this.db, this.payload());
      this.id = record.id;
      this.openId = record.id;
      this.synced(record.revision);
      this.ledger.reset();
      await setMeta(this.db, 'lastOpen', record.id);
      this.tabs?.listChanged(record.id);
    } catch (error) {
      this.say(describeStorageError(error).message, 'error');
    }
  }

  /** Stops hearing other tabs and closes storage (for a store that is thrown away, as in tests). */
  stop(): void {
    this.tabs?.close();
    this.tabs = undefined;
    this.db?.close();
    this.db = undefined;
  }

  /** Says which of this tab's values another tab's later edits replaced, offering to put them back. */
  protected tellReplaced(items: Replaced[]): void {
    if (items.length === 0) return;
    this.replaced = items;
    this.say(replacedSentence(items), 'error');
  }

  /**
   * Puts `to` on screen in place of `from` (both stored revisions), keeping whatever was edited
   * here since `from`, and carries every undo step over onto it.
   */
  protected takeIn(from: ScenarioPayload, to: ScenarioPayload): void {
    const now = this.current();
    let next = to;
    if (!sameScenario(now, from)) {
      const merged = mergeScenario(from, now, to, 'mine');
      next = merged.scenario;
      this.ledger.noteUnreported(merged.replaced);
    }
    this.name = next.name;
    this.workbook.takeIn(next, (step) => ({
      rows: mergeRows(from.rows, step.rows, to.rows, 'theirs').items as TouchpointInput[],
      correlations: mergeCorrelations(from.correlations, step.correlations, to.correlations, 'theirs').items as CorrelationInput[],
    }));
    // What came in is no edit of this tab's.
    this.ledger.lastSeen = this.current();
  }

  /**
   * Whether `after` differs from `before` in what autosave watches: the rows and the
   * correlations by identity (every edit makes new arrays), every setting and the name as text.
   */
  protected differs(before: ScenarioPayload, after: ScenarioPayload): boolean {
    return before.rows !== after.rows || before.correlations !== after.correlations || contentKeyOf(before).rest !== contentKeyOf(after).rest;
  }

  /**
   * Whether what is on screen is what is stored at `revision`: the rows (compared by identity),
   * the correlations, every setting and the name; the selected touchpoint is no part of it (it is
   * kept locally and is no edit of the scenario). Cheap enough to run on every keystroke of a
   * 1,000-row journey.
   */
  protected isSaved(): boolean {
    const key = contentKeyOf(this.current());
    return key.rows === this.baseKey.rows && key.rest === this.baseKey.rest;
  }

  /** The list after this tab saved `id`: it moves to the top, without reading storage. */
  protected listSaved(id: string, name: string, updatedAt: number): void {
    const entry = { id, name, updatedAt };
    this.list = [entry, ...this.list.filter((s) => s.id !== id)];
  }
}
