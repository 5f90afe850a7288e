/**
 * The scenario store: keeps the open scenario and the list of stored ones. Autosave to
 * IndexedDB within half a second of an edit (and at once when the page is hidden), restore the
 * last open scenario on start, open share links as new local copies, new / duplicate / delete
 * (with undo) / switch, export and import all (scenarioExport.ts), and an import that can be
 * taken back; it tells the person plainly when saving is not possible (the work stays in
 * memory and can be exported). Every scenario it shows, whatever brought it, arrives restored
 * (migrate → validate) and goes on screen through one method, `load`. Two tabs hear of each
 * other's saves through tabSync.ts; a save never overwrites a newer revision (see
 * db/database.ts); work not yet saved when the page goes away is stashed by pendingEdit.ts.
 */
import {
  StorageProblem, WaypointDatabase, createScenario, deleteScenario, describeStorageError, getMeta, listScenarios, loadScenario,
  putBack, saveScenario, setMeta,
} from '../db/database.ts';
import type { ScenarioSummary, StoredScenario } from '../db/database.ts';
import { exampleJourney, exampleSettings } from '../engine/journey/index.ts';
import { SCENARIO_VERSION } from '../share/scenarioFormat.ts';
import type { ScenarioPayload } from '../share/scenarioFormat.ts';
import { decodeShareFragment, encodeShareFragment } from '../share/shareLink.ts';
import { stashPendingEdit, takePendingEdit } from './pendingEdit.ts';
import { readScenarioExport, scenarioExport } from './scenarioExport.ts';
import { TabSync } from './tabSync.ts';
import type { TabMessage } from './tabSync.ts';
import type { Workbook } from './workbook.svelte.ts';

export const AUTOSAVE_MS = 400;

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
  private revision = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private tabs: TabSync | undefined;
  /** The payload as last loaded or saved, so loading does not count as an edit. */
  private knownKey: { rows: unknown; rest: string } = { rows: undefined, rest: '' };

  constructor(private workbook: Workbook) {}

  /** Current payload (plain data, never a reactive proxy). */
  payload(): ScenarioPayload {
    return {
      v: SCENARIO_VERSION, name: this.name, settings: { ...this.workbook.settings },
      rows: this.workbook.rows.map((row) => ({ ...row })), correlations: this.workbook.correlations.map((c) => ({ ...c })),
    };
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
    try {
      this.db = new WaypointDatabase();
      this.db.on('blocked', () => this.say('Waypoint was updated. Close its other tabs so the new version can open its storage.', 'error'));
      await this.db.open();
    } catch (error) {
      this.db = undefined;
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
   * Opens the share link in the address as a new local copy, and cleans the address so a
   * reload does not import it twice. False (with a plain message) when the link is unreadable.
   */
  private async openLink(location: Location, history: History): Promise<boolean> {
    const result = await decodeShareFragment(location.hash);
    history.replaceState(null, '', location.pathname + location.search);
    if (!result.ok) {
      this.say(`${result.message} ${this.id ? 'The notebook below is unchanged.' : 'The notebook below is your last scenario.'}`, 'error');
      return false;
    }
    this.load(result.scenario);
    await this.createFromCurrent();
    this.say(`Opened "${result.scenario.name}" from a share link as a new local copy; your other scenarios are unchanged.`);
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
    this.revision = record.revision;
    this.load(scenario);
    this.workbook.selectedId = this.db ? ((await getMeta<string | null>(this.db, `selected:${record.id}`).catch(() => null)) ?? null) : null;
    this.remember();
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
      this.revision = record.revision;
      this.remember();
      await setMeta(this.db, 'lastOpen', record.id);
      this.saved = true;
      this.tabs?.listChanged(record.id);
    } catch (error) {
      this.say(describeStorageError(error).message, 'error');
    }
  }

  /** What this tab does when another one saved, created or deleted a scenario. */
  private heard(message: TabMessage): void {
    if (message.id === this.id && message.deleted) {
      this.say('This scenario was deleted in another tab. It stays open here; your next edit saves it as a new scenario.', 'error');
    } else if (message.id === this.id && message.revision > this.revision && this.saved) {
      void this.reloadCurrent();
    }
    void this.refresh();
  }

  /** Stops hearing other tabs and closes storage (for a store that is thrown away, as in tests). */
  stop(): void {
    clearTimeout(this.timer);
    this.tabs?.close();
    this.tabs = undefined;
    this.db?.close();
    this.db = undefined;
  }

  private async reloadCurrent(): Promise<void> {
    if (!this.db || !this.id) return;
    try {
      const { record, scenario } = await loadScenario(this.db, this.id);
      this.revision = record.revision;
      this.load(scenario);
      this.remember();
      this.say('Updated with changes saved in another tab.');
    } catch (error) {
      this.say(describeStorageError(error).message, 'error');
    }
  }

  /**
   * What autosave watches: the rows (compared by identity: every edit makes a new array), the
   * correlations, the settings, the name and the selected touchpoint (kept locally, never
   * shared). Cheap enough to run on every keystroke of a 1,000-row journey.
   */
  private stateKey(): { rows: unknown; rest: string } {
    return {
      rows: this.workbook.rows,
      rest: JSON.stringify([this.workbook.settings, this.name, this.workbook.selectedId, this.workbook.correlations]),
    };
  }

  private remember(): void {
    this.knownKey = this.stateKey();
  }

  /** Called whenever the workbook may have changed: saves within AUTOSAVE_MS if it did. */
  changed(): void {
    const key = this.stateKey();
    if (key.rows === this.knownKey.rows && key.rest === this.knownKey.rest) return;
    this.saved = false;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), AUTOSAVE_MS);
  }

  /**
   * When the page is going away: IndexedDB writes are asynchronous and may be cut off by the
   * unload, so unsaved work is also put in localStorage, synchronously, and picked up on the
   * next start (restorePending).
   */
  stash(): void {
    if (this.saved || !this.id) return;
    stashPendingEdit({ id: this.id, revision: this.revision, scenario: this.payload(), selectedId: this.workbook.selectedId });
    void this.flush();
  }

  /** Applies work stashed by `stash` if it belongs to the open scenario and nothing newer was saved since. */
  private async restorePending(): Promise<void> {
    const pending = takePendingEdit();
    if (!pending || pending.id !== this.id || pending.revision !== this.revision) return;
    this.load(pending.scenario);
    if (pending.selectedId !== null) this.workbook.selectedId = pending.selectedId;
    this.saved = false;
    await this.flush();
  }

  /** Saves now (also on pagehide / visibilitychange). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    if (this.saved || !this.db || !this.id) return;
    try {
      const payload = this.payload();
      const key = this.stateKey();
      this.revision = await saveScenario(this.db, this.id, payload, this.revision);
      await setMeta(this.db, `selected:${this.id}`, this.workbook.selectedId);
      this.knownKey = key;
      this.saved = true;
      if (this.noticeKind === 'error') this.say('');
      this.tabs?.saved(this.id, this.revision);
      void this.refresh();
    } catch (error) {
      const problem = describeStorageError(error);
      if (problem.kind === 'conflict') {
        // Keep both: this tab's work becomes its own scenario instead of overwriting the newer one.
        this.name = `${this.name} (this tab)`;
        await this.createFromCurrent();
        this.say('This scenario was changed in another tab meanwhile; your edits here were saved as a separate copy.', 'error');
      } else if (problem.kind === 'missing') {
        // Deleted in another tab: the work here is kept as a new scenario rather than lost.
        await this.createFromCurrent();
        await this.refresh();
        this.say('This scenario was deleted in another tab; your edits here were saved as a new scenario.', 'error');
      } else {
        this.say(problem.message, 'error');
      }
    }
  }

  /** Renames the open scenario (saved like any edit). */
  rename(name: string): void {
    this.name = name.trim() || 'Untitled journey';
    this.changed();
  }

  /** The share link for the open scenario (journey and settings only; customer data never). */
  async shareLink(base: string): Promise<string> {
    return `${base.split('#')[0]}#${await encodeShareFragment(this.payload())}`;
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
