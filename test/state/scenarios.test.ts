/**
 * The scenario store against a real (in-memory) IndexedDB: restoring the last scenario, share
 * links, export and import all, the import that can be taken back, two stores in step as two
 * tabs are (Node's BroadcastChannel reaches other channels in the same process), and the
 * pending stash in a stand-in localStorage.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import type { DBCore } from 'dexie';
import type { WaypointDatabase } from '../../src/db/database.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { exampleJourney, exampleSettings } from '../../src/engine/journey/index.ts';
import { SCENARIO_VERSION } from '../../src/share/scenarioFormat.ts';
import type { ScenarioPayload } from '../../src/share/scenarioFormat.ts';
import { encodeShareFragment } from '../../src/share/shareLink.ts';
import { ScenarioStore } from '../../src/state/scenarios.svelte.ts';
import { Workbook } from '../../src/state/workbook.svelte.ts';
import fixtureV1 from '../fixtures/scenario-v1.json';

const journey: ScenarioPayload = {
  v: SCENARIO_VERSION, name: 'Two steps', settings: { target: 12, iterations: 2000, seed: 7, timeUnit: 'days' },
  rows: [
    { id: 'A', name: 'Ad', stage: '', optimistic: '1', mostLikely: '2', pessimistic: '3', distribution: '', dependsOn: '', probability: '', group: '' },
    { id: 'B', name: 'Buys', stage: '', optimistic: '1', mostLikely: '2', pessimistic: '4', distribution: '', dependsOn: 'A', probability: '', group: '' },
  ],
  correlations: [{ ids: 'A B', rho: '0.4' }],
};

/** An address bar: the fragment and what replaceState leaves of it. */
function address(hash = '') {
  const location = { hash, pathname: '/', search: '' } as Location;
  const history = { replaceState: () => { location.hash = ''; } } as unknown as History;
  return { location, history };
}

const stores: ScenarioStore[] = [];

async function startStore(hash = ''): Promise<{ store: ScenarioStore; workbook: Workbook }> {
  const workbook = new Workbook();
  const store = new ScenarioStore(workbook);
  stores.push(store);
  const { location, history } = address(hash);
  await store.start(location, history);
  return { store, workbook };
}

async function until(check: () => boolean): Promise<void> {
  for (let tries = 0; tries < 200 && !check(); tries++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
}

/** A localStorage stand-in (Node has none). */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null, setItem: (key, value) => { items.set(key, String(value)); },
    removeItem: (key) => { items.delete(key); }, clear: () => items.clear(), key: () => null, get length() { return items.size; },
  };
}

beforeEach(() => {
  vi.stubGlobal('navigator', {});
  vi.stubGlobal('localStorage', memoryStorage());
});

afterEach(async () => {
  for (const store of stores.splice(0)) store.stop();
  vi.unstubAllGlobals();
  await Dexie.delete('waypoint');
});

describe('ScenarioStore', () => {
  it('starts a first visit with the example journey, stored, and comes back to the last open scenario', async () => {
    const first = await startStore();
    expect(first.workbook.rows.map((row) => row.id)).toEqual(exampleJourney.map((row) => row.id));
    expect(first.store.list.map((s) => s.name)).toEqual(['Subscription journey']);
    first.workbook.setCell({ row: 0, col: 1 }, 'Sees a video ad');
    first.store.changed();
    expect(first.store.saved).toBe(false);
    await first.store.flush();
    expect(first.store.saved).toBe(true);
    first.store.stop();

    const again = await startStore();
    expect(again.workbook.rows[0].name).toBe('Sees a video ad');
    expect(again.store.list).toHaveLength(1);
  });

  it('saves a change of a value setting alone, and restores it on the next start', async () => {
    const first = await startStore();
    first.workbook.setSetting('journeyValue', 120);
    first.store.changed();
    expect(first.store.saved).toBe(false);
    await first.store.flush();
    expect(first.store.saved).toBe(true);
    first.store.stop();

    const again = await startStore();
    expect(again.workbook.settings.journeyValue).toBe(120);
  });

  it('opens a share link as a new local copy with its rows, settings, correlations and name', async () => {
    const link = await encodeShareFragment(journey);
    const { store, workbook } = await startStore(`#${link}`);
    expect(store.name).toBe('Two steps');
    expect(workbook.rows.map((row) => row.id)).toEqual(['A', 'B']);
    expect(workbook.settings).toEqual(journey.settings);
    expect(workbook.correlations).toEqual(journey.correlations);
    expect(store.notice).toMatch(/^Opened "Two steps" from a share link as a new local copy/);
    expect(store.list.map((s) => s.name)).toEqual(['Two steps']);
  });

  it('exports every scenario and imports them into another browser as new scenarios', async () => {
    const { store } = await startStore();
    await store.duplicate();
    const file = await store.exportAll();
    expect(JSON.parse(file).v).toBe(1);
    store.stop();
    await Dexie.delete('waypoint');

    // The other browser starts with the example, identical to the exported original: only the copy is new there.
    const other = await startStore();
    await other.store.importAll(file);
    expect(other.store.notice).toBe('Imported 1 scenario; 1 was already here.');
    expect(other.store.list.map((s) => s.name).sort()).toEqual(['Subscription journey', 'Subscription journey (copy)']);
    // The same file picked again adds nothing.
    await other.store.importAll(file);
    expect(other.store.notice).toBe('Imported 0 scenarios; 2 were already here.');
    expect(other.store.list).toHaveLength(2);
  });

  it('imports a scenario that differs from the one here by a single cell', async () => {
    const { store } = await startStore();
    const file = JSON.parse(await store.exportAll());
    file.scenarios[0].rows[0].pessimistic = '4';
    await store.importAll(JSON.stringify(file));
    expect(store.notice).toBe('Imported 1 scenario.');
    expect(store.list).toHaveLength(2);
  });

  it('imports an old single scenario through the restore path', async () => {
    const { store } = await startStore();
    await store.importAll(JSON.stringify(fixtureV1));
    expect(store.notice).toBe('Imported 1 scenario.');
    expect(await store.loadPayload(store.list.find((s) => s.name === fixtureV1.name)!.id)).toMatchObject({ v: SCENARIO_VERSION, correlations: [] });
  });

  it('refuses an export of a newer version plainly and changes nothing', async () => {
    const { store, workbook } = await startStore();
    const before = { list: store.list, rows: workbook.rows, name: store.name };
    await store.importAll(JSON.stringify({ v: 2, scenarios: [journey] }));
    expect(store.notice).toBe('That file was exported by a newer Waypoint (export version 2); reload the app to update it, then import again. Nothing was imported.');
    expect(store.noticeKind).toBe('error');
    expect(store.list).toBe(before.list);
    expect(workbook.rows).toBe(before.rows);
    expect(store.name).toBe(before.name);
    await store.refresh();
    expect(store.list).toHaveLength(1);
  });

  it('imports a journey as a new scenario and takes it back, reopening the one before', async () => {
    const { store, workbook } = await startStore();
    await store.importJourney('journey', { ...journey, name: 'journey.csv' });
    expect(store.name).toBe('journey');
    expect(workbook.rows.map((row) => row.id)).toEqual(['A', 'B']);
    expect(store.canUndoImport).toBe(true);
    expect(store.list).toHaveLength(2);
    await store.undoImport();
    expect(store.notice).toBe('Import undone.');
    expect(store.name).toBe('Subscription journey');
    expect(workbook.rows).toHaveLength(exampleJourney.length);
    expect(store.list).toHaveLength(1);
    expect(store.deleted).toBeUndefined();
  });

  it('shows an edit saved in another tab, and says so when that tab deletes the scenario', async () => {
    const first = await startStore();
    const second = await startStore();
    expect(second.store.openId).toBe(first.store.openId);
    first.workbook.setCell({ row: 0, col: 1 }, 'Sees a video ad');
    first.store.changed();
    await first.store.flush();
    await until(() => second.workbook.rows[0].name === 'Sees a video ad');
    expect(second.store.notice).toBe('Updated with changes saved in another tab.');

    await first.store.remove(first.store.openId!);
    await until(() => second.store.notice.startsWith('This scenario was deleted in another tab.'));
    expect(second.workbook.rows[0].name).toBe('Sees a video ad');
  });

  it('puts back work stashed as the page went away, unless something newer was saved since', async () => {
    const first = await startStore();
    first.workbook.setCell({ row: 0, col: 1 }, 'Stashed name');
    first.workbook.selectedId = 'RV';
    first.store.changed();
    // The page goes away and its IndexedDB save never happens: only the stash survives.
    first.store.stop();
    first.store.stash();
    expect(localStorage.getItem('waypoint-pending-edit')).toContain('Stashed name');

    const again = await startStore();
    expect(again.workbook.rows[0].name).toBe('Stashed name');
    expect(again.workbook.selectedId).toBe('RV');
    expect(localStorage.getItem('waypoint-pending-edit')).toBeNull();
    again.store.stop();

    // A stash made on an older revision is dropped.
    localStorage.setItem('waypoint-pending-edit', JSON.stringify({ v: 1, id: again.store.openId, revision: 0, payload: { ...journey }, selectedId: null }));
    const third = await startStore();
    expect(third.workbook.rows[0].name).toBe('Stashed name');
    expect(localStorage.getItem('waypoint-pending-edit')).toBeNull();
  });

  it('opens the same share link again, in another tab or after a reload, as the copy made the first time, and says so', async () => {
    const link = await encodeShareFragment(journey);
    const first = await startStore(`#${link}`);
    const second = await startStore(`#${link}`);
    expect(second.store.openId).toBe(first.store.openId);
    expect(second.store.notice).toMatch(/^"Two steps" \(last changed [^)]+\) already holds this share link's journey, so it is open now; no copy was made\.$/);
    expect(second.workbook.rows.map((row) => row.id)).toEqual(['A', 'B']);
    expect(second.store.list).toHaveLength(1);
    // Once the copy holds an edit, the link's journey is no longer here: a new copy is made.
    second.workbook.setCell({ row: 0, col: 1 }, 'Changed here');
    second.store.changed();
    await second.store.flush();
    const third = await startStore(`#${link}`);
    expect(third.store.openId).not.toBe(first.store.openId);
    expect(third.store.notice).toMatch(/as a new local copy/);
    expect(third.store.list).toHaveLength(2);
  });

  it('opens a link made here as the scenario it was made of, while that still holds the same journey', async () => {
    const { store } = await startStore();
    const link = await store.shareLink('https://example.org/waypoint/');
    const other = await startStore(link.slice(link.indexOf('#')));
    expect(other.store.openId).toBe(store.openId);
    expect(other.store.notice).toMatch(/^"Subscription journey" \(last changed [^)]+\) already holds this share link's journey/);
    expect(other.store.list).toHaveLength(1);
  });

  it('saves no selection as an edit: a click in one tab while the other edits keeps one scenario, holding the edit', async () => {
    const a = await startStore();
    const b = await startStore();
    a.workbook.setCell({ row: 0, col: 1 }, 'Edited in A');
    a.store.changed();
    b.workbook.selectedId = 'RV';
    b.store.changed();
    expect(b.store.saved).toBe(true);
    expect(b.store.saveStatus).toBe('Saved');
    await Promise.all([a.store.flush(), b.store.flush()]);
    await until(() => b.workbook.rows[0].name === 'Edited in A');
    expect(a.store.list.map((s) => s.name)).toEqual(['Subscription journey']);
    expect(b.store.list.map((s) => s.name)).toEqual(['Subscription journey']);
    expect(b.store.noticeKind).toBe('info');
    a.store.stop();
    b.store.stop();
    const again = await startStore();
    expect(again.workbook.rows[0].name).toBe('Edited in A');
    expect(again.workbook.selectedId).toBe('RV');
  });

  it('merges edits of different cells made in two tabs before either heard of the other into one scenario, as a reload shows', async () => {
    const a = await startStore();
    const b = await startStore();
    a.workbook.setCell({ row: 0, col: 1 }, 'Edited in A');
    a.store.changed();
    b.workbook.setCell({ row: 14, col: 5 }, '60');
    b.store.changed();
    await Promise.all([a.store.flush(), b.store.flush()]);
    for (const tab of [a, b]) await until(() => tab.workbook.rows[0].name === 'Edited in A' && tab.workbook.rows[14].pessimistic === '60');
    expect(a.store.list).toHaveLength(1);
    // The edit of this tab is still one undo step, and undoing it leaves the other tab's edit.
    b.workbook.undo();
    expect(b.workbook.rows[14].pessimistic).toBe('21');
    expect(b.workbook.rows[0].name).toBe('Edited in A');
    b.workbook.redo();
    a.store.stop();
    b.store.stop();
    const again = await startStore();
    expect(again.workbook.rows[0].name).toBe('Edited in A');
    expect(again.workbook.rows[14].pessimistic).toBe('60');
    expect(again.store.list).toHaveLength(1);
  });

  it('lets the later edit win a cell both tabs changed, tells the other tab which of its values was replaced, and puts it back on request', async () => {
    const a = await startStore();
    const b = await startStore();
    a.workbook.setCell({ row: 14, col: 5 }, '40');
    a.store.changed();
    b.workbook.setCell({ row: 14, col: 5 }, '45');
    b.store.changed();
    await a.store.flush();
    await b.store.flush();
    await until(() => a.store.replaced.length === 1);
    expect(a.workbook.rows[14].pessimistic).toBe('45');
    expect(a.store.notice).toBe('Another tab changed Pessimistic of "Re-purchase reminder" at the same time as this one: its "45" replaced your "40".');
    expect(b.store.replaced).toEqual([]);
    expect(b.store.noticeKind).toBe('info');
    a.store.putBackMine();
    expect(a.workbook.rows[14].pessimistic).toBe('40');
    expect(a.store.notice).toBe('Put back your "40" in Pessimistic of "Re-purchase reminder".');
    await a.store.flush();
    await until(() => b.workbook.rows[14].pessimistic === '40');
    // Putting back is an edit after the other's, not at the same time: nobody is told of a replaced value.
    expect(b.store.replaced).toEqual([]);
    expect(a.store.list).toHaveLength(1);
  });

  it('lets the later edit of a cell win even when its tab saves first, and tells the tab whose earlier value lost', async () => {
    const a = await startStore();
    const b = await startStore();
    a.workbook.setCell({ row: 14, col: 5 }, '40');
    a.store.changed();
    await new Promise((resolve) => setTimeout(resolve, 20));
    b.workbook.setCell({ row: 14, col: 5 }, '45');
    b.store.changed();
    // The later edit's tab saves first; the earlier one's save merges and finds its value older.
    await b.store.flush();
    await a.store.flush();
    for (const tab of [a, b]) await until(() => tab.workbook.rows[14].pessimistic === '45');
    expect(a.store.notice).toBe('Another tab changed Pessimistic of "Re-purchase reminder" at the same time as this one: its "45" replaced your "40".');
    expect(a.store.replaced).toHaveLength(1);
    expect(b.store.replaced).toEqual([]);
    a.store.stop();
    b.store.stop();
    expect((await startStore()).workbook.rows[14].pessimistic).toBe('45');
  });

  it('says Not saved when saving fails, and keeps the work on screen', async () => {
    const { store, workbook } = await startStore();
    (store as unknown as { db: WaypointDatabase }).db.close();
    workbook.setCell({ row: 0, col: 1 }, 'Kept in memory');
    store.changed();
    expect(store.saveStatus).toBe('Saving…');
    await store.flush();
    expect(store.saveStatus).toBe('Not saved');
    expect(store.noticeKind).toBe('error');
    expect(store.notice).toMatch(/Your work is still open here; use Export to keep a copy\./);
    expect(workbook.rows[0].name).toBe('Kept in memory');
  });

  it('costs the same for an edit however many scenarios are stored: a save reads no payload and no list', async () => {
    // Every database opened from here on counts its reads (Dexie applies addons as a database is made).
    const reads = new Map<string, number>();
    const addon = (db: Dexie) => db.use({
      stack: 'dbcore', name: 'countReads',
      create: (down: DBCore): DBCore => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          const count = (kind: string) => reads.set(`${name}.${kind}`, (reads.get(`${name}.${kind}`) ?? 0) + 1);
          return { ...table, get: (r) => { count('get'); return table.get(r); }, getMany: (r) => { count('getMany'); return table.getMany(r); }, query: (r) => { count('query'); return table.query(r); }, openCursor: (r) => { count('cursor'); return table.openCursor(r); } };
        },
      }),
    });
    Dexie.addons.push(addon);
    const { store, workbook } = await startStore().finally(() => Dexie.addons.splice(Dexie.addons.indexOf(addon), 1));
    await store.importAll(JSON.stringify({ v: 1, scenarios: Array.from({ length: 60 }, (_, k) => ({ ...journey, name: `Stored ${k}` })) }));
    expect(reads.get('scenarios.query')).toBeGreaterThan(0);
    reads.clear();
    for (let edit = 0; edit < 5; edit++) {
      workbook.setCell({ row: 0, col: 1 }, `Edit ${edit}`);
      store.changed();
      await store.flush();
    }
    // Each save reads the open scenario's index record and its recent edit times, both small: nothing else.
    expect(Object.fromEntries(reads)).toEqual({ 'scenarios.get': 5, 'scenarioEdits.get': 5 });
    expect(store.list).toHaveLength(61);
    expect(store.list[0].name).toBe('Subscription journey');
  });

  it('merges work stashed as a page went away with what another tab saved since, instead of dropping it', async () => {
    const a = await startStore();
    const b = await startStore();
    a.workbook.setCell({ row: 0, col: 1 }, 'Stashed in A');
    a.workbook.setCell({ row: 2, col: 5 }, '30');
    a.store.changed();
    // Tab A goes away before its save; tab B saves edits of its own meanwhile.
    a.store.stop();
    a.store.stash();
    b.workbook.setCell({ row: 14, col: 5 }, '60');
    b.workbook.setCell({ row: 2, col: 5 }, '25');
    b.store.changed();
    await b.store.flush();
    b.store.stop();
    const again = await startStore();
    expect(again.workbook.rows[0].name).toBe('Stashed in A');
    expect(again.workbook.rows[14].pessimistic).toBe('60');
    // Both changed Reads reviews' Pessimistic: the stored (later) value stays, and this tab says which of its values lost.
    expect(again.workbook.rows[2].pessimistic).toBe('25');
    expect(again.store.notice).toBe('Another tab changed Pessimistic of "Reads reviews" at the same time as this one: its "25" replaced your "30".');
    expect(again.store.saveStatus).toBe('Saved');
    expect(again.store.list).toHaveLength(1);
  });

  it('makes a new scenario from the example or blank, and a duplicate of the open one', async () => {
    const { store, workbook } = await startStore();
    await store.createNew('blank');
    expect(store.name).toBe('New journey');
    expect(workbook.rows).toEqual([]);
    expect(workbook.settings).toEqual(exampleSettings);
    await store.duplicate();
    expect(store.name).toBe('New journey (copy)');
    expect(store.list.map((s) => s.name).sort()).toEqual(['New journey', 'New journey (copy)', 'Subscription journey']);
  });
});
