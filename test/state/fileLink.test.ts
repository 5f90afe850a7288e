/**
 * The linked file across a reload, with fakes for the file handle, the browser's permission
 * prompt, the store and the place the link is kept: nothing is written until the person's click
 * lets the browser allow it, the reminder keeps counting meanwhile, and a file that is gone is
 * said plainly.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FileLink } from '../../src/state/fileLink.svelte.ts';
import type { FileHandle, KeptLink, LinkKeeper } from '../../src/state/fileLink.svelte.ts';
import { FILE_WRITE_MS } from '../../src/state/fileSave.ts';
import type { ScenarioStore } from '../../src/state/scenarios.svelte.ts';

type Permission = 'granted' | 'denied' | 'prompt';

/** A file handle whose writes are kept, whose permission the test sets, and whose file can be deleted. */
function fakeHandle(name = 'journey.waypoint.json') {
  const state = { written: [] as string[], permission: 'prompt' as Permission, answer: 'granted' as Permission, asked: 0, deleted: false };
  const notFound = () => Object.assign(new Error('gone'), { name: 'NotFoundError' });
  const handle: FileHandle = {
    name,
    async createWritable() {
      if (state.deleted) throw notFound();
      if (state.permission !== 'granted') throw Object.assign(new Error('no'), { name: 'NotAllowedError' });
      let text = '';
      return { write: async (data: string) => { text += data; }, close: async () => { state.written.push(text); } };
    },
    queryPermission: async () => state.permission,
    requestPermission(): Promise<Permission> {
      state.asked++;
      state.permission = state.answer;
      return Promise.resolve(state.answer);
    },
    async getFile() {
      if (state.deleted) throw notFound();
      return {};
    },
  };
  return { handle, state };
}

/** A keeper holding the link in memory, as IndexedDB holds it between visits. */
function memoryKeeper(): LinkKeeper & { link: KeptLink | undefined } {
  const keeper = {
    link: undefined as KeptLink | undefined,
    load: async () => keeper.link,
    keep: async (link: KeptLink) => { keeper.link = link; },
    forget: async () => { keeper.link = undefined; },
  };
  return keeper;
}

/** The few things of the scenario store the file link reads: the open scenario and its payload. */
function fakeStore(openId = 's1') {
  const store = { openId, pessimistic: '21', notice: '', noticeKind: 'info', payload: () => ({ v: 4, name: 'Plan', settings: {}, rows: [{ id: 'A', pessimistic: store.pessimistic }], correlations: [] }), exportAll: async () => '{"all":true}' };
  return store;
}

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), removeItem: (key: string) => void items.delete(key), items };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
let storage: ReturnType<typeof memoryStorage>;

beforeEach(() => {
  storage = memoryStorage();
  vi.stubGlobal('localStorage', storage);
});
afterEach(() => { vi.unstubAllGlobals(); vi.useRealTimers(); });

/** A page that saved to the picked `handle` (its first visit); returns what the next visit needs. */
async function firstVisit(handle: FileHandle, store = fakeStore()) {
  const keeper = memoryKeeper();
  vi.stubGlobal('showSaveFilePicker', async () => handle);
  const link = new FileLink(store as unknown as ScenarioStore, keeper);
  link.changed();
  await link.save();
  return { keeper, store, link };
}

describe('the linked file after a reload', () => {
  it('waits for the click, writes nothing before it and keeps counting edits for the reminder', async () => {
    const { handle, state } = fakeHandle();
    state.permission = 'granted';
    const { keeper, store } = await firstVisit(handle);
    expect(state.written).toHaveLength(1);
    expect(keeper.link).toMatchObject({ name: 'journey.waypoint.json', linkedTo: 's1' });

    // The reload: the browser forgets its permission; the kept handle waits.
    state.permission = 'prompt';
    vi.useFakeTimers();
    const link = new FileLink(store as unknown as ScenarioStore, keeper);
    link.changed();
    await link.restore();
    expect(link.waiting).toBe('journey.waypoint.json');
    expect(link.linkedName).toBeUndefined();
    expect(state.asked).toBe(0);
    store.pessimistic = '60';
    link.changed();
    await vi.advanceTimersByTimeAsync(5 * FILE_WRITE_MS);
    expect(state.written).toHaveLength(1);
    expect(JSON.parse(storage.getItem('waypoint:file:s1')!).dirtySince).toBeTypeOf('number');
  });

  it('asks for permission within the click, then writes what is open now and is linked again', async () => {
    const { handle, state } = fakeHandle();
    state.permission = 'granted';
    const { keeper, store } = await firstVisit(handle);
    state.permission = 'prompt';
    const link = new FileLink(store as unknown as ScenarioStore, keeper);
    link.changed();
    await link.restore();
    store.pessimistic = '60';
    link.changed();
    const resuming = link.resume();
    // Asked before anything is awaited, so the browser still sees the click.
    expect(state.asked).toBe(1);
    await resuming;
    expect(state.written).toHaveLength(2);
    expect(JSON.parse(state.written[1]).rows[0].pessimistic).toBe('60');
    expect(link.status).toBe('Saved to journey.waypoint.json');
    expect(link.waiting).toBeUndefined();
    expect(link.linkedName).toBe('journey.waypoint.json');
    expect(JSON.parse(storage.getItem('waypoint:file:s1')!).dirtySince).toBeUndefined();
    // Later edits are written as before.
    vi.useFakeTimers();
    store.pessimistic = '70';
    link.changed();
    await vi.advanceTimersByTimeAsync(FILE_WRITE_MS + 10);
    expect(JSON.parse(state.written[2]).rows[0].pessimistic).toBe('70');
  });

  it('links again at once where the browser still allows writing', async () => {
    const { handle, state } = fakeHandle();
    state.permission = 'granted';
    const { keeper, store } = await firstVisit(handle);
    const link = new FileLink(store as unknown as ScenarioStore, keeper);
    await link.restore();
    expect(link.waiting).toBeUndefined();
    expect(link.linkedName).toBe('journey.waypoint.json');
    expect(state.asked).toBe(0);
  });

  it('says so when the browser refuses, writes nothing, and lets the person click again', async () => {
    const { handle, state } = fakeHandle();
    state.permission = 'granted';
    const { keeper, store } = await firstVisit(handle);
    state.permission = 'prompt';
    state.answer = 'denied';
    const link = new FileLink(store as unknown as ScenarioStore, keeper);
    await link.restore();
    await link.resume();
    expect(link.statusIsError).toBe(true);
    expect(link.status).toMatch(/^The browser did not allow writing to journey\.waypoint\.json\. Your edits are kept in this browser/);
    expect(link.waiting).toBe('journey.waypoint.json');
    expect(state.written).toHaveLength(1);
    state.answer = 'granted';
    await link.resume();
    expect(state.written).toHaveLength(2);
    expect(link.waiting).toBeUndefined();
  });

  it('tells plainly that a file moved or deleted since is gone, and forgets it', async () => {
    const { handle, state } = fakeHandle();
    state.permission = 'granted';
    const { keeper, store } = await firstVisit(handle);
    state.permission = 'prompt';
    state.deleted = true;
    const link = new FileLink(store as unknown as ScenarioStore, keeper);
    await link.restore();
    await link.resume();
    expect(link.status).toBe('journey.waypoint.json is no longer where it was saved (it was moved, renamed or deleted). Your work is still kept here; use Save to file… to choose a file again.');
    expect(link.statusIsError).toBe(true);
    expect(link.waiting).toBeUndefined();
    expect(link.linkedName).toBeUndefined();
    await settle();
    expect(keeper.link).toBeUndefined();
  });

  it('says the same when a linked file disappears while the page is open', async () => {
    const { handle, state } = fakeHandle();
    state.permission = 'granted';
    const { keeper, store, link } = await firstVisit(handle);
    state.deleted = true;
    vi.useFakeTimers();
    store.pessimistic = '60';
    link.changed();
    await vi.advanceTimersByTimeAsync(FILE_WRITE_MS + 10);
    expect(link.status).toMatch(/^journey\.waypoint\.json is no longer where it was saved/);
    expect(link.linkedName).toBeUndefined();
    expect(keeper.link).toBeUndefined();
  });

  it('forgets the link for later visits when the person stops writing to the file', async () => {
    const { handle, state } = fakeHandle();
    state.permission = 'granted';
    const { keeper, store, link } = await firstVisit(handle);
    link.unlink();
    await settle();
    const next = new FileLink(store as unknown as ScenarioStore, keeper);
    await next.restore();
    expect(next.waiting).toBeUndefined();
    expect(next.linkedName).toBeUndefined();
  });

  it('keeps a file of every scenario linked to all of them, written whichever is open', async () => {
    const { handle, state } = fakeHandle('all.waypoint.json');
    state.permission = 'granted';
    const store = fakeStore();
    const keeper = memoryKeeper();
    vi.stubGlobal('showSaveFilePicker', async () => handle);
    await new FileLink(store as unknown as ScenarioStore, keeper).save(true);
    expect(keeper.link?.linkedTo).toBe('all');
    state.permission = 'prompt';
    store.openId = 's2';
    const link = new FileLink(store as unknown as ScenarioStore, keeper);
    await link.restore();
    await link.resume();
    expect(state.written).toEqual(['{"all":true}', '{"all":true}']);
  });
});
