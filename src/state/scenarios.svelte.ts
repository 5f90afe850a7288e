/**
 * The scenario store: keeps the open scenario and the list of stored ones. Autosave to
 * IndexedDB within half a second of an edit (and at once when the page is hidden), restore the
 * last open scenario on start, open share links as new local copies, new / duplicate / delete
 * (with undo) / switch, export and import all (scenarioExport.ts), and an import that can be
 * taken back; it tells the person plainly when saving is not possible (the work stays in
 * memory and can be exported). Every scenario it shows, whatever brought it, arrives restored
 * (migrate → validate) and goes on screen through one method, `load`. A share link already
 * opened here (same journey, settings and correlations) opens the copy made then instead of
 * another. Work not yet saved when the page goes away is stashed by pendingEdit.ts.
 *
 * Two tabs on one scenario work on one scenario, whatever the timing: they hear of each other's
 * saves through tabSync.ts, and a save that finds a newer revision stored merges with it cell by
 * cell (scenarioMerge.ts) inside the save's transaction (db/database.ts), so neither tab's edit
 * is lost and no copy is split off. Where both changed one cell, the later edit wins (each tab
 * notes when it changed each place, and saves keep those times for a while), and the tab whose
 * value was replaced is told which, and can put it back. Selecting a touchpoint is
 * not an edit of the scenario: it is kept apart (meta `selected:<id>`) and never makes a save.
 * Saves, and takings-in of another tab's save, run one at a time (`enqueue`).
 */
import {
  StorageProblem, WaypointDatabase, createScenario, deleteScenario, describeStorageError, getMeta, listScenarios, loadScenario,
  markShared, openSharedScenario, putBack, saveScenario, setMeta,
} from '../db/database.ts';
import type { ScenarioSummary, StoredScenario } from '../db/database.ts';
import { exampleJourney, exampleSettings } from '../engine/journey/index.ts';
import type { CorrelationInput, Settings, TouchpointInput } from '../engine/journey/index.ts';
import { COLUMNS } from './gridModel.ts';
import { changedPlaces, mergeCorrelations, mergeRows, mergeScenario, sameScenario, shareUnchanged } from './scenarioMerge.ts';
import type { Replaced } from './scenarioMerge.ts';
import { SCENARIO_VERSION } from '../share/scenarioFormat.ts';
import type { ScenarioPayload } from '../share/scenarioFormat.ts';
import { decodeShareFragment, encodeShareFragment } from '../share/shareLink.ts';
import { stashPendingEdit, takePendingEdit } from './pendingEdit.ts';
import { readScenarioExport, scenarioExport } from './scenarioExport.ts';
import { TabSync } from './tabSync.ts';
import type { TabMessage } from './tabSync.ts';
import type { Workbook } from './workbook.svelte.ts';

export const AUTOSAVE_MS = 400;
/** How many of its own changed places a tab remembers, to know a replaced value was its own. */
const WRITTEN_LIMIT = 20_000;

/** What decides whether there is anything to save: the rows by identity (every edit makes a new array), the rest as text. */
interface ContentKey { rows: unknown; rest: string }

function contentKeyOf(scenario: ScenarioPayload): ContentKey {
  const { target, iterations, seed, timeUnit } = scenario.settings;
  return { rows: scenario.rows, rest: JSON.stringify([target, iterations, seed, timeUnit, scenario.name, scenario.correlations]) };
}

/** Where a replaced value was, for a sentence: 'Pessimistic of "Reads reviews"', 'the Target'. */
function placeOf(item: Replaced): string {
  if (item.where === 'row') {
    const column = COLUMNS.find((c) => c.key === item.field)?.label ?? item.field;
    return `${column} of "${item.rowName || item.rowId || `touchpoint ${(item.index ?? 0) + 1}`}"`;
  }
  if (item.where === 'setting') return `the ${({ target: 'Target', iterations: 'Iterations', seed: 'Seed', timeUnit: 'time unit' } as Record<string, string>)[item.field] ?? item.field}`;
  if (item.where === 'name') return 'the scenario\'s name';
  return `correlation ${(item.index ?? 0) + 1}`;
}

const shown = (value: string | number) => (value === '' ? 'an empty cell' : `"${value}"`);

/** A new notebook's scenario: the example journey (or `rows`) with the example settings. */
function newScenario(name: string, rows = exampleJourney): ScenarioPayload {
  return { v: SCENARIO_VERSION, name, settings: { ...exampleSettings }, rows, correlations: [] };
}

export class ScenarioStore {
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
  /** Whether the browser promised not to evict our storage (navigator.storage.persist). */
  persisted = $state<boolean | undefined>(undefined);
  /** The last deleted scenario, for Undo. */
  deleted = $state.raw<StoredScenario | undefined>(undefined);

  private db: WaypointDatabase | undefined;
  private id: string | undefined;
  /** The stored revision `base` is, and the scenario as this tab last had it from storage (the merge's common ancestor). */
  private revision = 0;
  private base: ScenarioPayload | undefined;
  private baseKey: ContentKey = { rows: undefined, rest: '' };
  private timer: ReturnType<typeof setTimeout> | undefined;
  private tabs: TabSync | undefined;
  /** Saves and takings-in, one at a time. */
  private queue: Promise<void> = Promise.resolve();
  /** The selected touchpoint as last stored, and the timer of its own small save. */
  private selectionStored: string | null = null;
  private selectionTimer: ReturnType<typeof setTimeout> | undefined;
  /** The places this tab changed in its saves and the values it wrote there (see changedPlaces). */
  private written = new Map<string, string | number>();
  /** Another tab's values this tab's edits replaced while taking its save in, to be told with this tab's next save. */
  private unreported: Replaced[] = [];
  /** When each place was last changed here and not yet saved, and what was on screen when changed() last looked. */
  private editTimes = new Map<string, number>();
  private lastSeen: ScenarioPayload | undefined;

  constructor(private workbook: Workbook) {}

  /** Current payload (plain data, never a reactive proxy). */
  payload(): ScenarioPayload {
    return {
      v: SCENARIO_VERSION, name: this.name, settings: { ...this.workbook.settings },
      rows: this.workbook.rows.map((row) => ({ ...row })), correlations: this.workbook.correlations.map((c) => ({ ...c })),
    };
  }

  /** What is on screen, sharing the workbook's arrays (which are never changed in place): for comparing and merging. */
  private current(): ScenarioPayload {
    return { v: SCENARIO_VERSION, name: this.name, settings: { ...this.workbook.settings }, rows: this.workbook.rows, correlations: this.workbook.correlations };
  }

  /** Runs `task` after every save or taking-in queued before it. */
  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private say(message: string, kind: 'info' | 'error' = 'info'): void {
    this.notice = message;
    this.noticeKind = kind;
  }

  /**
   * Puts a restored scenario on screen: its name, and its rows, settings and correlations in
   * the workbook (whose undo history starts again). Every load comes through here.
   */
  private load(scenario: ScenarioPayload): void {
    this.name = scenario.name;
    this.workbook.replaceAll(scenario);
  }

  /** Opens storage, then a share link in the address if there is one, else the last scenario. */
  async start(location: Location, history: History): Promise<void> {
    this.synced(0);
    try {
      this.db = new WaypointDatabase();
      this.db.on('blocked', () => this.say('Waypoint was updated. Close its other tabs so the new version can open its storage.', 'error'));
      await this.db.open();
    } catch (error) {
      this.db = undefined;
      this.saveFailed = true;
      this.say(describeStorageError(error).message, 'error');
    }
    const opened = location.hash.length > 1 && await this.openLink(location, history);
    if (!opened) {
      await this.restoreLast();
      await this.restorePending();
    }
    this.tabs = new TabSync((message) => this.heard(message));
    await this.refresh();
    // A link pasted into the address bar of this tab changes only the fragment: no reload.
    globalThis.addEventListener?.('hashchange', () => {
      if (location.hash.length <= 1) return;
      void this.flush().then(() => this.openLink(location, history)).then(() => this.refresh());
    });
    void navigator.storage?.persist?.().then((granted) => { this.persisted = granted; }, () => { this.persisted = false; });
  }

  /**
   * Opens the share link in the address as a new local copy, or the copy already made of it
   * when that still holds the same journey, and cleans the address so a reload does not import
   * it twice. False (with a plain message) when the link is unreadable.
   */
  private async openLink(location: Location, history: History): Promise<boolean> {
    const result = await decodeShareFragment(location.hash);
    history.replaceState(null, '', location.pathname + location.search);
    if (!result.ok) {
      this.say(`${result.message} ${this.id ? 'The notebook below is unchanged.' : 'The notebook below is your last scenario.'}`, 'error');
      return false;
    }
    const opened = `Opened "${result.scenario.name}" from a share link as a new local copy; your other scenarios are unchanged.`;
    if (!this.db) {
      this.load(result.scenario);
      this.say(opened);
      return true;
    }
    try {
      const shared = await openSharedScenario(this.db, result.scenario);
      if (!shared.created && shared.record.id === this.id) {
        this.say(`This share link holds "${shared.record.name}", which is open here already; no copy was made.`);
        return true;
      }
      await this.show(shared);
      await setMeta(this.db, 'lastOpen', shared.record.id);
      if (shared.created) {
        this.tabs?.listChanged(shared.record.id);
        this.say(opened);
      } else {
        const when = new Date(shared.record.updatedAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
        this.say(`"${shared.record.name}" (last changed ${when}) already holds this share link's journey, so it is open now; no copy was made.`);
      }
    } catch (error) {
      this.say(describeStorageError(error).message, 'error');
    }
    return true;
  }

  /** A stored scenario's payload (for comparing), or a plain problem. */
  async loadPayload(id: string): Promise<ScenarioPayload | string> {
    if (!this.db) return 'Storage is not available in this browser.';
    if (id === this.id) return this.payload();
    try {
      return (await loadScenario(this.db, id)).scenario;
    } catch (error) {
      return describeStorageError(error).message;
    }
  }

  /** Reloads the scenario list. */
  async refresh(): Promise<void> {
    if (!this.db) return;
    try {
      this.list = await listScenarios(this.db);
    } catch (error) {
      this.say(describeStorageError(error).message, 'error');
    }
  }

  /** Switches to another stored scenario (the open one is saved first). */
  async open(id: string): Promise<void> {
    if (!this.db || id === this.id) return;
    await this.flush();
    try {
      await this.show(await loadScenario(this.db, id));
      await setMeta(this.db, 'lastOpen', id);
      this.say('');
    } catch (error) {
      this.say(describeStorageError(error).message, 'error');
    }
    await this.refresh();
  }

  /** A new scenario, from the example journey or empty. */
  async createNew(from: 'example' | 'blank'): Promise<void> {
    await this.flush();
    this.load(from === 'example' ? newScenario('Subscription journey') : newScenario('New journey', []));
    await this.createFromCurrent();
    await this.refresh();
  }

  /** A copy of the open scenario, which becomes the open one. */
  async duplicate(): Promise<void> {
    await this.flush();
    this.name = `${this.name} (copy)`;
    await this.createFromCurrent();
    await this.refresh();
  }

  /** Deletes a scenario (Undo puts it back); deleting the open one opens the next, or a new example. */
  async remove(id: string): Promise<void> {
    if (!this.db) return;
    await this.flush();
    try {
      this.deleted = await deleteScenario(this.db, id);
      this.tabs?.listChanged(id, true);
      this.say(`Deleted "${this.deleted?.name ?? 'scenario'}".`);
    } catch (error) {
      this.say(describeStorageError(error).message, 'error');
      return;
    }
    await this.refresh();
    if (id === this.id) {
      this.id = undefined;
      this.openId = undefined;
      const next = this.list[0];
      if (next) await this.open(next.id);
      else await this.createNew('example');
    }
  }

  async undoDelete(): Promise<void> {
    if (!this.db || !this.deleted) return;
    const record = this.deleted;
    this.deleted = undefined;
    try {
      await putBack(this.db, record);
      this.tabs?.listChanged(record.id);
      this.say(`Restored "${record.name}".`);
    } catch (error) {
      this.say(describeStorageError(error).message, 'error');
    }
    await this.refresh();
  }

  /** Every stored scenario as one JSON file ({ v, scenarios }), for safekeeping. */
  async exportAll(): Promise<string> {
    await this.flush();
    const scenarios: ScenarioPayload[] = [];
    if (this.db) {
      for (const summary of await listScenarios(this.db)) {
        try { scenarios.push((await loadScenario(this.db, summary.id)).scenario); } catch { /* a damaged record is left out */ }
      }
    } else {
      scenarios.push(this.payload());
    }
    return scenarioExport(scenarios);
  }

  /**
   * Imports scenarios from an "Export all" file (or a single scenario JSON) as new scenarios.
   * A file that is not JSON, or an export of a version this app does not know, imports nothing.
   */
  async importAll(text: string): Promise<void> {
    const reading = readScenarioExport(text);
    if (!reading.ok) {
      this.say(reading.message, 'error');
      return;
    }
    let imported = 0;
    const problems = [...reading.problems];
    for (const scenario of reading.scenarios) {
      if (!this.db) break;
      try { await createScenario(this.db, scenario); imported++; } catch (error) { problems.push(describeStorageError(error).message); break; }
    }
    if (imported) this.tabs?.listChanged('');
    await this.refresh();
    this.say(`Imported ${imported} scenario${imported === 1 ? '' : 's'}${problems.length ? `; ${problems.length} could not be read (${problems[0]})` : ''}.`, problems.length ? 'error' : 'info');
  }

  /** Makes a loaded scenario the open one, with the touchpoint that was selected in it. */
  private async show({ record, scenario }: { record: StoredScenario; scenario: ScenarioPayload }): Promise<void> {
    this.id = record.id;
    this.openId = record.id;
    this.load(scenario);
    this.synced(record.revision);
    this.written.clear();
    this.editTimes.clear();
    this.unreported = [];
    this.replaced = [];
    const selected = this.db ? ((await getMeta<string | null>(this.db, `selected:${record.id}`).catch(() => null)) ?? null) : null;
    this.workbook.selectedId = selected;
    this.selectionStored = selected;
  }

  /** What is on screen is the stored scenario at `revision` (after a load, a creation). */
  private synced(revision: number): void {
    this.setBase(this.current(), revision);
    this.lastSeen = this.base;
    this.saved = true;
    this.saveFailed = false;
  }

  private setBase(scenario: ScenarioPayload, revision: number): void {
    this.base = scenario;
    this.baseKey = contentKeyOf(scenario);
    this.revision = revision;
  }

  private async restoreLast(): Promise<void> {
    if (!this.db) return;
    try {
      const lastId = await getMeta<string>(this.db, 'lastOpen');
      if (lastId) {
        await this.show(await loadScenario(this.db, lastId));
        return;
      }
    } catch (error) {
      if (!(error instanceof StorageProblem && error.kind === 'missing')) this.say(describeStorageError(error).message, 'error');
    }
    this.load(newScenario(this.name));
    await this.createFromCurrent();
  }

  private async createFromCurrent(): Promise<void> {
    if (!this.db) return;
    try {
      const record = await createScenario(this.db, this.payload());
      this.id = record.id;
      this.openId = record.id;
      this.synced(record.revision);
      this.written.clear();
      this.editTimes.clear();
      await setMeta(this.db, 'lastOpen', record.id);
      this.tabs?.listChanged(record.id);
    } catch (error) {
      this.say(describeStorageError(error).message, 'error');
    }
  }

  /** What this tab does when another one saved, created or deleted a scenario. */
  private heard(message: TabMessage): void {
    if (message.id === this.id && message.deleted) {
      this.say('This scenario was deleted in another tab. It stays open here; your next edit saves it as a new scenario.', 'error');
    } else if (message.id === this.id && message.revision > this.revision) {
      const id = message.id;
      void this.enqueue(() => this.takeInSaved(id, message.replaced ?? []));
    }
    void this.refresh();
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
  private async takeInSaved(id: string, replaced: Replaced[]): Promise<void> {
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
    const mine = replaced.filter((item) => this.written.get(item.key) === item.replaced);
    for (const item of mine) this.written.delete(item.key);
    this.tellReplaced(mine);
  }

  /** Says which of this tab's values another tab's later edits replaced, offering to put them back. */
  private tellReplaced(items: Replaced[]): void {
    if (items.length === 0) return;
    this.replaced = items;
    const [first] = items;
    const more = items.length > 1 ? `, and ${items.length - 1} more of your values` : '';
    this.say(`Another tab changed ${placeOf(first)} at the same time as this one: its ${shown(first.by)} replaced your ${shown(first.replaced)}${more}.`, 'error');
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
      this.unreported.push(...merged.replaced);
    }
    this.name = next.name;
    this.workbook.takeIn(next, (step) => ({
      rows: mergeRows(from.rows, step.rows, to.rows, 'theirs').items as TouchpointInput[],
      correlations: mergeCorrelations(from.correlations, step.correlations, to.correlations, 'theirs').items as CorrelationInput[],
    }));
    // What came in is no edit of this tab's.
    this.lastSeen = this.current();
  }

  /** Puts back the values another tab's edit replaced (each an edit of this tab, saved as usual). */
  putBackMine(): void {
    const items = this.replaced;
    this.replaced = [];
    for (const item of items) {
      const value = item.replaced;
      if (item.where === 'row') {
        const rows = this.workbook.rows;
        const index = rows[item.index ?? -1]?.id === item.rowId ? item.index! : rows.findIndex((row) => row.id === item.rowId);
        const col = COLUMNS.findIndex((column) => column.key === item.field);
        if (index >= 0 && col >= 0) this.workbook.setCell({ row: index, col }, String(value));
      } else if (item.where === 'setting') {
        this.workbook.setSetting(item.field as keyof Settings, value as never);
      } else if (item.where === 'name') {
        this.name = String(value);
      } else if (item.index !== undefined && this.workbook.correlations[item.index]) {
        this.workbook.setCorrelations(this.workbook.correlations.map((c, k) => (k === item.index ? { ...c, [item.field]: String(value) } : c)));
      }
    }
    this.say(items.length === 1 ? `Put back your ${shown(items[0].replaced)} in ${placeOf(items[0])}.` : `Put back your ${items.length} values.`);
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
  private isSaved(): boolean {
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
    const seen = this.lastSeen;
    const now = this.current();
    this.lastSeen = now;
    if (seen && (seen.rows !== now.rows || seen.correlations !== now.correlations || contentKeyOf(seen).rest !== contentKeyOf(now).rest) && !this.isSaved()) {
      const time = Date.now();
      for (const place of changedPlaces(seen, now).keys()) this.editTimes.set(place, time);
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
  private async saveSelection(): Promise<void> {
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

  /**
   * When the page is going away: IndexedDB writes are asynchronous and may be cut off by the
   * unload, so unsaved work is also put in localStorage, synchronously, and picked up on the
   * next start (restorePending).
   */
  stash(): void {
    if (!this.id || (this.isSaved() && this.workbook.selectedId === this.selectionStored)) return;
    stashPendingEdit({ id: this.id, revision: this.revision, scenario: this.payload(), base: this.base, selectedId: this.workbook.selectedId });
    void this.flush();
  }

  /**
   * Applies work stashed by `stash` if it belongs to the open scenario: as it is when nothing
   * newer was saved since, else merged with what was (another tab's later save winning a cell
   * both changed, and this tab told of its values that lost).
   */
  private async restorePending(): Promise<void> {
    const pending = takePendingEdit();
    if (!pending || pending.id !== this.id || !this.base) return;
    let replaced: Replaced[] = [];
    if (pending.revision === this.revision) {
      this.load(pending.scenario);
    } else if (pending.base && pending.revision < this.revision) {
      const merged = mergeScenario(pending.base, pending.scenario, this.base, 'theirs');
      replaced = merged.replaced.filter((item) => item.loser === 'mine');
      this.load(merged.scenario);
    } else {
      return;
    }
    if (pending.selectedId !== null) this.workbook.selectedId = pending.selectedId;
    this.saved = false;
    await this.flush();
    this.tellReplaced(replaced);
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
    const editedAt: Record<string, number> = {};
    for (const place of places.keys()) editedAt[place] = this.editTimes.get(place) ?? now;
    try {
      const { revision, written } = await saveScenario(this.db, id, mine, this.revision, now, (theirs, theirTimes) => {
        const later = (place: string) => ((editedAt[place] ?? now) >= (theirTimes[place] ?? 0) ? 'mine' : 'theirs');
        const merged = mergeScenario(from, mine, theirs, later);
        replaced = merged.replaced;
        return merged.scenario;
      }, editedAt);
      if (id !== this.id) return;
      const lost = replaced.filter((item) => item.loser === 'mine');
      for (const [place, value] of places) {
        if (this.editTimes.get(place) === editedAt[place]) this.editTimes.delete(place);
        if (!lost.some((item) => item.key === place)) this.remember(place, value);
      }
      this.setBase(written, revision);
      if (written !== mine) this.takeIn(mine, written);
      this.afterSync();
      this.saveFailed = false;
      if (written !== mine) this.say('Updated with changes saved in another tab.');
      else if (this.noticeKind === 'error' && !this.replaced.length) this.say('');
      this.tabs?.saved(id, revision, [...replaced.filter((item) => item.loser === 'theirs'), ...this.unreported.splice(0)]);
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

  /** Notes a place this tab wrote (forgetting the oldest past WRITTEN_LIMIT). */
  private remember(place: string, value: string | number): void {
    this.written.delete(place);
    this.written.set(place, value);
    if (this.written.size > WRITTEN_LIMIT) this.written.delete(this.written.keys().next().value!);
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

  /**
   * The share link for the open scenario (journey and settings only; customer data never). The
   * scenario is saved and marked as the link's, so opening the link in this browser opens it
   * (while it holds the same journey) instead of making a copy of it.
   */
  async shareLink(base: string): Promise<string> {
    const link = `${base.split('#')[0]}#${await encodeShareFragment(this.payload())}`;
    await this.flush();
    const id = this.id;
    if (this.db && id && this.isSaved()) await markShared(this.db, id, this.current()).catch(() => undefined);
    return link;
  }

  /** Set after an import, so it can be undone (the new scenario deleted, the previous reopened). */
  private beforeImport = $state<string | undefined>(undefined);
  readonly canUndoImport = $derived(this.beforeImport !== undefined);

  /** The scenario the last import created (which may no longer be the open one). */
  private importedId: string | undefined;

  async undoImport(): Promise<void> {
    const previous = this.beforeImport;
    const imported = this.importedId;
    this.beforeImport = undefined;
    this.importedId = undefined;
    if (!imported) return;
    const wasOpen = imported === this.id;
    await this.remove(imported);
    this.deleted = undefined;
    if (wasOpen && previous) await this.open(previous);
    this.say('Import undone.');
  }

  /** Replaces the open notebook with an imported journey, named `name`, as a new scenario. */
  async importJourney(name: string, payload: ScenarioPayload): Promise<void> {
    await this.flush();
    this.beforeImport = this.id;
    this.load({ ...payload, name });
    await this.createFromCurrent();
    this.importedId = this.id;
    await this.refresh();
  }
}
