/**
 * The open scenario and its saving: autosave to IndexedDB within AUTOSAVE_MS of an edit (and at
 * once when the page is hidden, with a synchronous stash for an unload: pendingEdit.ts), the
 * "Saved / Saving… / Not saved" indicator, and plain words when saving is not possible (the
 * work stays in memory and can be exported). Every scenario shown, whatever brought it, goes
 * on screen through one method, `load`.
 *
 * Two tabs on one scenario work on one scenario, whatever the timing: they hear of each other's
 * saves through tabSync.ts, and a save that finds a newer revision stored merges with it cell by
 * cell (scenarioMerge.ts) inside the save's transaction (db/database.ts), so neither tab's edit
 * is lost and no copy is split off. Where both changed one cell, the later edit wins (each tab
 * notes when it changed each place, editLedger.ts, and saves keep those times for a while), and
 * the tab whose value was replaced is told which, and can put it back (replacedValues.ts).
 * Selecting a touchpoint is not an edit of the scenario: it is kept apart (meta `selected:<id>`)
 * and never makes a save. Saves, and takings-in of another tab's save, run one at a time
 * (`enqueue`). The list of scenarios and what is done with it is scenarios.svelte.ts.
 */
import { WaypointDatabase, describeStorageError, getMeta, setMeta } from '../db/database.ts';
import { createScenario, listScenarios, loadScenario, saveScenario } from '../db/scenarioRecords.ts';
import type { ScenarioSummary, StoredScenario } from '../db/database.ts';
import type { CorrelationInput, TouchpointInput } from '../engine/journey/index.ts';
import { EditLedger } from './editLedger.ts';
import { putBackValues, replacedSentence } from './replacedValues.ts';
import { changedPlaces, mergeCorrelations, mergeRows, mergeScenario, sameScenario, shareUnchanged } from './scenarioMerge.ts';
import type { Replaced } from './scenarioMerge.ts';
import { SCENARIO_VERSION } from '../share/scenarioFormat.ts';
import type { ScenarioPayload } from '../share/scenarioFormat.ts';
import type { TabSync } from './tabSync.ts';
import type { Workbook } from './workbook.svelte.ts';

export const AUTOSAVE_MS = 400;

/** What decides whether there is anything to save: the rows by identity (every edit makes a new array), the rest as text. */
interface ContentKey { rows: unknown; rest: string }

function contentKeyOf(scenario: ScenarioPayload): ContentKey {
  const { target, iterations, seed, timeUnit } = scenario.settings;
  return { rows: scenario.rows, rest: JSON.stringify([target, iterations, seed, timeUnit, scenario.name, scenario.correlations]) };
}

export class OpenScenario {
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
  private timer: ReturnType<typeof setTimeout> | undefined;
  protected tabs: TabSync | undefined;
  /** Saves and takings-in, one at a time. */
  private queue: Promise<void> = Promise.resolve();
  /** The selected touchpoint as last stored, and the timer of its own small save. */
  protected selectionStored: string | null = null;
  private selectionTimer: ReturnType<typeof setTimeout> | undefined;
  /** This tab's own edits, for merging with other tabs' saves. */
  private ledger = new EditLedger();

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

  private setBase(scenario: ScenarioPayload, revision: number): void {
    this.base = scenario;
    this.baseKey = contentKeyOf(scenario);
    this.revision = revision;
  }

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
    clearTimeout(this.timer);
    clearTimeout(this.selectionTimer);
    this.tabs?.close();
    this.tabs = undefined;
    this.db?.close();
    this.db = undefined;
  }

  /**
   * Takes in a save another tab made of the open scenario (`id`): when this tab has edits of
   * its own, by saving them (which merges); else by loading the newer revision and showing it,
   * with the undo steps carried over. Then, if that save replaced values this tab had written
   * (`replaced`, as the other tab's merge listed them), says which, offering to put them back.
   */
  protected async takeInSaved(id: string, replaced: Replaced[]): Promise<void> {
    if (!this.db || id !== this.id) return;
    if (!this.isSaved()) {
      await this.save();
    } else {
      try {
        const { record, scenario: stored } = await loadScenario(this.db, id);
        if (id !== this.id || record.revision <= this.revision || !this.base) return;
        const from = this.base;
        const scenario = shareUnchanged(from, stored);
        this.setBase(scenario, record.revision);
        this.takeIn(from, scenario);
        this.afterSync();
        this.say('Updated with changes saved in another tab.');
      } catch (error) {
        this.say(describeStorageError(error).message, 'error');
        return;
      }
    }
    this.tellReplaced(this.ledger.mine(replaced));
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
  private takeIn(from: ScenarioPayload, to: ScenarioPayload): void {
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

  /** Puts back the values another tab's edit replaced (each an edit of this tab, saved as usual). */
  putBackMine(): void {
    const items = this.replaced;
    this.replaced = [];
    this.say(putBackValues(this.workbook, items, (name) => { this.name = name; }));
    this.changed();
  }

  /**
   * What autosave watches: the rows (compared by identity: every edit makes a new array), the
   * correlations, the settings and the name. The selected touchpoint is watched apart (it is
   * kept locally and is no edit of the scenario). Cheap enough to run on every keystroke of a
   * 1,000-row journey.
   */
  private stateKey(): ContentKey {
    return contentKeyOf(this.current());
  }

  /** Whether what is on screen is what is stored at `revision`. */
  protected isSaved(): boolean {
    const key = this.stateKey();
    return key.rows === this.baseKey.rows && key.rest === this.baseKey.rest;
  }

  /** After a save or a taking-in: saved, or (when edits came in meanwhile) a save scheduled. */
  private afterSync(): void {
    if (this.isSaved()) {
      this.saved = true;
    } else {
      this.saved = false;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.flush(), AUTOSAVE_MS);
    }
  }

  /** Called whenever the workbook may have changed: saves within AUTOSAVE_MS if it did, noting when each place changed. */
  changed(): void {
    const seen = this.ledger.lastSeen;
    const now = this.current();
    this.ledger.lastSeen = now;
    if (seen && (seen.rows !== now.rows || seen.correlations !== now.correlations || contentKeyOf(seen).rest !== contentKeyOf(now).rest) && !this.isSaved()) {
      const time = Date.now();
      this.ledger.noteEdits(seen, now, time);
    }
    if (this.workbook.selectedId !== this.selectionStored) {
      clearTimeout(this.selectionTimer);
      this.selectionTimer = setTimeout(() => void this.saveSelection(), AUTOSAVE_MS);
    }
    if (this.isSaved()) {
      // Back to what is stored (an undo, say): nothing to save. A save under way checks again when it ends.
      if (!this.saved) { clearTimeout(this.timer); this.saved = true; }
      if (this.db) this.saveFailed = false;
      return;
    }
    this.saved = false;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), AUTOSAVE_MS);
  }

  /** Stores the selected touchpoint of the open scenario (a small record of its own; never a save of the scenario). */
  protected async saveSelection(): Promise<void> {
    clearTimeout(this.selectionTimer);
    const selected = this.workbook.selectedId;
    if (!this.db || !this.id || selected === this.selectionStored) return;
    try {
      await setMeta(this.db, `selected:${this.id}`, selected);
      this.selectionStored = selected;
    } catch {
      // Only the selection is lost; the next save of the scenario reports storage problems.
    }
  }

  /** Saves now (also on pagehide / visibilitychange), the selection with it. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    await this.saveSelection();
    await this.enqueue(() => this.save());
  }

  /**
   * Saves what is on screen over the revision it was made from; when another tab saved
   * meanwhile, merges with that (mergeScenario; where both changed a place, the later edit of
   * it wins, this save's on a tie), shows the merged scenario, and tells the other tabs which
   * of their values were replaced, or says here which of this tab's were. Only through `enqueue`.
   */
  private async save(): Promise<void> {
    clearTimeout(this.timer);
    if (!this.db || !this.id || !this.base) return;
    const mine = this.current();
    if (sameScenario(mine, this.base)) {
      // Nothing new (a stash put back, say): no write, no new revision.
      this.setBase(mine, this.revision);
      this.afterSync();
      return;
    }
    const id = this.id;
    const from = this.base;
    const now = Date.now();
    let replaced: Replaced[] = [];
    const places = changedPlaces(from, mine);
    const editedAt = this.ledger.editedAt(places.keys(), now);
    try {
      const { revision, written } = await saveScenario(this.db, id, mine, this.revision, now, (theirs, theirTimes) => {
        const later = (place: string) => ((editedAt[place] ?? now) >= (theirTimes[place] ?? 0) ? 'mine' : 'theirs');
        const merged = mergeScenario(from, mine, theirs, later);
        replaced = merged.replaced;
        return merged.scenario;
      }, editedAt);
      if (id !== this.id) return;
      const lost = replaced.filter((item) => item.loser === 'mine');
      this.ledger.saved(places, editedAt, lost);
      this.setBase(written, revision);
      if (written !== mine) this.takeIn(mine, written);
      this.afterSync();
      this.saveFailed = false;
      if (written !== mine) this.say('Updated with changes saved in another tab.');
      else if (this.noticeKind === 'error' && !this.replaced.length) this.say('');
      this.tabs?.saved(id, revision, [...replaced.filter((item) => item.loser === 'theirs'), ...this.ledger.takeUnreported()]);
      this.tellReplaced(lost);
      this.listSaved(id, written.name, now);
    } catch (error) {
      const problem = describeStorageError(error);
      if (problem.kind === 'missing') {
        // Deleted in another tab: the work here is kept as a new scenario rather than lost.
        await this.createFromCurrent();
        await this.refresh();
        this.say('This scenario was deleted in another tab; your edits here were saved as a new scenario.', 'error');
      } else {
        this.saveFailed = true;
        this.say(problem.message, 'error');
      }
    }
  }

  /** The list after this tab saved `id`: it moves to the top, without reading storage. */
  private listSaved(id: string, name: string, updatedAt: number): void {
    const entry = { id, name, updatedAt };
    this.list = [entry, ...this.list.filter((s) => s.id !== id)];
  }

  /** Renames the open scenario (saved like any edit). */
  rename(name: string): void {
    this.name = name.trim() || 'Untitled journey';
    this.changed();
  }
}
