/**
 * Keeping the open scenario: autosave to IndexedDB within half a second of an edit (and at
 * once when the page is hidden), restore the last open scenario on start, open share links as
 * new local copies, and tell the person plainly when saving is not possible (the work stays
 * in memory and can be exported). Two tabs hear of each other's saves through a
 * BroadcastChannel; a save never overwrites a newer revision (see db/database.ts).
 */
import {
  StorageProblem, WaypointDatabase, createScenario, deleteScenario, describeStorageError, getMeta, listScenarios, loadScenario,
  putBack, saveScenario, setMeta,
} from '../db/database.ts';
import type { ScenarioSummary, StoredScenario } from '../db/database.ts';
import { exampleJourney, exampleSettings } from '../engine/journey/index.ts';
import { SCENARIO_VERSION, restoreScenario } from '../share/scenarioFormat.ts';
import type { ScenarioPayload } from '../share/scenarioFormat.ts';
import { decodeShareFragment, encodeShareFragment } from '../share/shareLink.ts';
import type { Workbook } from './workbook.svelte.ts';

export const AUTOSAVE_MS = 400;
const PENDING_KEY = 'waypoint-pending-edit';

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
  private channel: BroadcastChannel | undefined;
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
    this.listen();
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
    this.workbook.replaceAll(result.scenario.rows, result.scenario.settings, result.scenario.correlations);
    this.name = result.scenario.name;
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
    this.name = from === 'example' ? 'Subscription journey' : 'New journey';
    this.workbook.replaceAll(from === 'example' ? exampleJourney : [], exampleSettings);
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
      this.announce(id, true);
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
      this.announce(record.id);
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
    return JSON.stringify({ v: 1, scenarios }, null, 1);
  }

  /** Imports scenarios from an "Export all" file (or a single scenario JSON) as new scenarios. */
  async importAll(text: string): Promise<void> {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      this.say('That file is not a Waypoint export (it is not JSON). Nothing was imported.', 'error');
      return;
    }
    const items = (data && typeof data === 'object' && Array.isArray((data as { scenarios?: unknown }).scenarios))
      ? (data as { scenarios: unknown[] }).scenarios : [data];
    let imported = 0;
    const problems: string[] = [];
    for (const item of items.slice(0, 1000)) {
      const restored = restoreScenario(item);
      if (!restored.ok) { problems.push(restored.message); continue; }
      if (this.db) {
        try { await createScenario(this.db, restored.scenario); imported++; } catch (error) { problems.push(describeStorageError(error).message); break; }
      }
    }
    if (imported) this.announce('');
    await this.refresh();
    this.say(`Imported ${imported} scenario${imported === 1 ? '' : 's'}${problems.length ? `; ${problems.length} could not be read (${problems[0]})` : ''}.`, problems.length ? 'error' : 'info');
  }

  /** Makes a loaded scenario the open one, with the touchpoint that was selected in it. */
  private async show({ record, scenario }: { record: StoredScenario; scenario: ScenarioPayload }): Promise<void> {
    this.id = record.id;
    this.openId = record.id;
    this.revision = record.revision;
    this.name = scenario.name;
    this.workbook.replaceAll(scenario.rows, scenario.settings, scenario.correlations);
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
    this.workbook.replaceAll(exampleJourney, exampleSettings);
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
      this.announce(record.id);
    } catch (error) {
      this.say(describeStorageError(error).message, 'error');
    }
  }

  private listen(): void {
    if (typeof BroadcastChannel === 'undefined') return;
    this.channel = new BroadcastChannel('waypoint-scenarios');
    this.channel.onmessage = (event: MessageEvent<{ id: string; revision: number; deleted?: boolean }>) => {
      if (event.data.id === this.id && event.data.deleted) {
        this.say('This scenario was deleted in another tab. It stays open here; your next edit saves it as a new scenario.', 'error');
      } else if (event.data.id === this.id && event.data.revision > this.revision && this.saved) {
        void this.reloadCurrent();
      }
      void this.refresh();
    };
  }

  /** Tells the other tabs that the list changed (a scenario created, deleted or put back). */
  private announce(id: string, deleted = false): void {
    this.channel?.postMessage({ id, revision: 0, deleted });
  }

  private async reloadCurrent(): Promise<void> {
    if (!this.db || !this.id) return;
    try {
      const { record, scenario } = await loadScenario(this.db, this.id);
      this.revision = record.revision;
      this.name = scenario.name;
      this.workbook.replaceAll(scenario.rows, scenario.settings, scenario.correlations);
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
    try {
      localStorage.setItem(PENDING_KEY, JSON.stringify({ id: this.id, revision: this.revision, payload: this.payload(), selectedId: this.workbook.selectedId }));
    } catch {
      // Storage full or unavailable: the IndexedDB flush below is all there is.
    }
    void this.flush();
  }

  /** Applies work stashed by `stash` if it belongs to the open scenario and nothing newer was saved since. */
  private async restorePending(): Promise<void> {
    let pending: { id?: unknown; revision?: unknown; payload?: unknown; selectedId?: unknown } | undefined;
    try {
      const text = localStorage.getItem(PENDING_KEY);
      localStorage.removeItem(PENDING_KEY);
      pending = text ? JSON.parse(text) : undefined;
    } catch {
      pending = undefined;
    }
    if (!pending || pending.id !== this.id || pending.revision !== this.revision) return;
    const restored = restoreScenario(pending.payload);
    if (!restored.ok) return;
    this.name = restored.scenario.name;
    this.workbook.replaceAll(restored.scenario.rows, restored.scenario.settings, restored.scenario.correlations);
    if (typeof pending.selectedId === 'string') this.workbook.selectedId = pending.selectedId;
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
      this.channel?.postMessage({ id: this.id, revision: this.revision });
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

  /** The share link for the open scenario (journey and settings only; customer data never). */
  /** Renames the open scenario (saved like any edit). */
  rename(name: string): void {
    this.name = name.trim() || 'Untitled journey';
    this.changed();
  }

  async shareLink(base: string): Promise<string> {
    return `${base.split('#')[0]}#${await encodeShareFragment(this.payload())}`;
  }

  /** Replaces the open notebook with an imported journey as a new scenario. */
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

  async importJourney(name: string, payload: ScenarioPayload): Promise<void> {
    await this.flush();
    this.beforeImport = this.id;
    this.name = name;
    this.workbook.replaceAll(payload.rows, payload.settings, payload.correlations);
    await this.createFromCurrent();
    this.importedId = this.id;
    await this.refresh();
  }
}
