/**
 * The scenario store: the open scenario (openScenario.svelte.ts: autosave, two tabs, the stash;
 * what is on screen is scenarioOnScreen.svelte.ts) and the list of stored ones. On start it
 * restores the last open scenario, or opens a share link in the address as a new local copy (a
 * link already opened here, same journey, settings and correlations, opens the copy made then
 * instead of another); new / duplicate / delete (with undo) / switch; export and import all
 * (scenarioExport.ts); and an import that can be taken back. Every scenario it shows arrives
 * restored (migrate → validate). */
import { StorageProblem, describeStorageError, getMeta, setMeta, WaypointDatabase } from '../db/database.ts';
import { createScenario, deleteScenario, loadEveryScenario, loadScenario, markShared, openSharedScenario, putBack } from '../db/scenarioRecords.ts';
import type { StoredScenario } from '../db/database.ts';
import { exampleJourney, exampleSettings } from '../engine/journey/index.ts';
import { SCENARIO_VERSION } from '../share/scenarioFormat.ts';
import type { ScenarioPayload } from '../share/scenarioFormat.ts';
import { decodeShareFragment, encodeShareFragment } from '../share/shareLink.ts';
import { OpenScenario } from './openScenario.svelte.ts';
import { readScenarioExport, scenarioExport, scenariosNotHere } from './scenarioExport.ts';
import { TabSync } from './tabSync.ts';
import type { TabMessage } from './tabSync.ts';

export { AUTOSAVE_MS } from './openScenario.svelte.ts';

/** A new notebook's scenario: the example journey (or `rows`) with the example settings. */
function newScenario(name: string, rows = exampleJourney): ScenarioPayload {
  return { v: SCENARIO_VERSION, name, settings: { ...exampleSettings }, rows, correlations: [] };
}

export class ScenarioStore extends OpenScenario {
  /** Whether the browser promised not to evict our storage (navigator.storage.persist). */
  persisted = $state<boolean | undefined>(undefined);
  /** The last deleted scenario, for Undo. */
  deleted = $state.raw<StoredScenario | undefined>(undefined);

  /** The open database, once start() has opened it (undefined without storage). */
  get database(): WaypointDatabase | undefined {
    return this.db;
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
    return scenarioExport(this.db ? await loadEveryScenario(this.db) : [this.payload()]);
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
    // A scenario identical to one stored here (the example in a fresh browser, a second import of one file) is not added again.
    const { fresh, alreadyHere } = scenariosNotHere(reading.scenarios, await this.storedPayloads());
    for (const scenario of fresh) {
      if (!this.db) break;
      try { await createScenario(this.db, scenario); imported++; } catch (error) { problems.push(describeStorageError(error).message); break; }
    }
    if (imported) this.tabs?.listChanged('');
    await this.refresh();
    const here = alreadyHere === 0 ? '' : `; ${alreadyHere} ${alreadyHere === 1 ? 'was' : 'were'} already here`;
    this.say(`Imported ${imported} scenario${imported === 1 ? '' : 's'}${here}${problems.length ? `; ${problems.length} could not be read (${problems[0]})` : ''}.`, problems.length ? 'error' : 'info');
  }

  /** Every stored scenario's payload (a damaged one is left out); the open one as it is on screen. */
  private async storedPayloads(): Promise<ScenarioPayload[]> {
    if (!this.db) return [this.payload()];
    await this.flush();
    return loadEveryScenario(this.db);
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
}
