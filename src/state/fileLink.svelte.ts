/**
 * The file a person's work lives in, beside the browser's storage. "Save to file…" writes the
 * open scenario (or every scenario) as a .waypoint.json. Where the browser has the File System
 * Access API the file stays linked, and later edits are written to it a second after they stop.
 * The link outlives the page: its handle is kept in IndexedDB (db/fileLinks.ts), and after a
 * reload the browser must let Waypoint write again, which it asks only on a click ("Linked to
 * journey.waypoint.json — click to keep saving"); until then nothing is written and the reminder
 * below counts as for a downloaded file. Elsewhere the file downloads, and the page remembers (in
 * localStorage, per scenario) since when there are edits the last file does not have, to remind
 * the person after a day. "Open file…" and a dropped .waypoint.json go through the one restore path
 * (readWaypointFile) and open as a new local copy: a file never overwrites stored work.
 */
import { saveBlob } from './saveBlob.ts';
import {
  FILE_WRITE_MS, MAX_OPEN_BYTES, fileNameFor, readWaypointFile, recordEdited, recordSaved, reminderDue, scenarioFileText,
} from './fileSave.ts';
import type { FileRecord } from './fileSave.ts';
import type { ScenarioStore } from './scenarios.svelte.ts';
import type { WaypointDatabase } from '../db/database.ts';
import { forgetFileLink, keepFileLink, loadFileLink } from '../db/fileLinks.ts';

const RECORD_PREFIX = 'waypoint:file:';
const BACKUP_NOTICE_KEY = 'waypoint:backup-notice-seen';

interface WritableFile { write(data: string): Promise<void>; close(): Promise<void> }
type Permission = 'granted' | 'denied' | 'prompt';
/** The part of a FileSystemFileHandle used here (permissions and getFile are absent in some browsers). */
export interface FileHandle {
  name: string;
  createWritable(): Promise<WritableFile>;
  queryPermission?(descriptor: { mode: 'readwrite' }): Promise<Permission>;
  requestPermission?(descriptor: { mode: 'readwrite' }): Promise<Permission>;
  getFile?(): Promise<unknown>;
}

/** The linked file as kept between visits. */
export interface KeptLink { handle: FileHandle; name: string; linkedTo: string; linkedAt: number }

/** Where the link is kept between visits (IndexedDB in the app; a fake in tests). */
export interface LinkKeeper {
  load(): Promise<KeptLink | undefined>;
  keep(link: KeptLink): Promise<void>;
  forget(): Promise<void>;
}

/** The keeper on the scenario store's database; no database (a private window), no keeping. */
export function databaseKeeper(database: () => WaypointDatabase | undefined): LinkKeeper {
  return {
    async load() {
      const db = database();
      const kept = db ? await loadFileLink(db) : undefined;
      return kept && isHandle(kept.handle) ? { handle: kept.handle, name: kept.name, linkedTo: kept.linkedTo, linkedAt: kept.linkedAt } : undefined;
    },
    async keep(link) {
      const db = database();
      if (db) await keepFileLink(db, link);
    },
    async forget() {
      const db = database();
      if (db) await forgetFileLink(db);
    },
  };
}

function isHandle(value: unknown): value is FileHandle {
  return typeof (value as FileHandle | null)?.createWritable === 'function' && typeof (value as FileHandle).name === 'string';
}

const errorName = (error: unknown) => (error as { name?: string } | null)?.name ?? '';

/** The plain sentence for a linked file that cannot be written: moved or deleted, or not allowed. */
function writeProblem(name: string, error: unknown): string {
  return errorName(error) === 'NotFoundError'
    ? `${name} is no longer where it was saved (it was moved, renamed or deleted). Your work is still kept here; use Save to file… to choose a file again.`
    : `Could not write to ${name} (the browser no longer allows it). Your work is still kept here; use Save to file… again.`;
}
type SavePicker = (options: { suggestedName: string; types: { description: string; accept: Record<string, string[]> }[] }) => Promise<FileHandle>;

function readRecord(key: string): FileRecord | undefined {
  try {
    const text = localStorage.getItem(RECORD_PREFIX + key);
    return text ? JSON.parse(text) as FileRecord : undefined;
  } catch {
    return undefined;
  }
}

function writeRecord(key: string, record: FileRecord): void {
  try { localStorage.setItem(RECORD_PREFIX + key, JSON.stringify(record)); } catch { /* the reminder is a courtesy: without storage there is none */ }
}

function download(text: string, fileName: string): void {
  saveBlob(new Blob([text], { type: 'application/json' }), fileName);
}

export class FileLink {
  /** "Saved to journey.waypoint.json", a problem writing, or empty. */
  status = $state('');
  statusIsError = $state(false);
  /** The linked file's name while one is linked. */
  linkedName = $state<string | undefined>(undefined);
  /** Edits older than a day are not in a file (and no file is linked). */
  remind = $state(false);
  /** The once-only notice that browser storage is not a backup. */
  backupNotice = $state(false);
  /** The name of a file linked on an earlier visit, waiting for the person's click to be written again. */
  waiting = $state<string | undefined>(undefined);

  private handle: FileHandle | undefined;
  /** What the linked file holds: the scenario with this id, or every scenario. */
  private linkedTo: string | 'all' | undefined;
  private seenId: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private kept: KeptLink | undefined;

  constructor(private store: ScenarioStore, private keeper: LinkKeeper = databaseKeeper(() => store.database)) {
    try { this.backupNotice = localStorage.getItem(BACKUP_NOTICE_KEY) === null; } catch { this.backupNotice = true; }
  }

  /** Whether the browser can keep a file linked (File System Access API). */
  get canLink(): boolean {
    return typeof (globalThis as { showSaveFilePicker?: unknown }).showSaveFilePicker === 'function';
  }

  dismissBackupNotice(): void {
    this.backupNotice = false;
    try { localStorage.setItem(BACKUP_NOTICE_KEY, String(Date.now())); } catch { /* shown again next visit */ }
  }

  /**
   * Called whenever the notebook may have changed. A change of the open scenario is a load, not
   * an edit; an edit starts the reminder's count or, with a linked file, writes it a moment after
   * the edits stop. Nothing here reads the whole scenario unless a file is to be written.
   */
  changed(): void {
    const id = this.store.openId;
    if (!id) return;
    if (id !== this.seenId) {
      this.seenId = id;
      this.remind = !this.handle && reminderDue(readRecord(id), Date.now());
      return;
    }
    if (this.handle && (this.linkedTo === id || this.linkedTo === 'all')) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.writeLinked(id), FILE_WRITE_MS);
      return;
    }
    const record = readRecord(id);
    if (record?.dirtySince === undefined) writeRecord(id, recordEdited(record, Date.now()));
    this.remind = reminderDue(readRecord(id), Date.now());
  }

  private async writeLinked(id: string): Promise<void> {
    if (this.store.openId !== id) return;
    await this.write(this.linkedTo === 'all' ? await this.store.exportAll() : scenarioFileText(this.store.payload()), id);
  }

  private write(text: string, id: string): Promise<void> {
    const run = this.writing.then(async () => {
      const handle = this.handle;
      if (!handle) return;
      try {
        const writable = await handle.createWritable();
        await writable.write(text);
        await writable.close();
        if (id) writeRecord(id, recordSaved(handle.name, Date.now()));
        this.say(`Saved to ${handle.name}`);
        this.remind = false;
      } catch (error) {
        this.handle = undefined;
        this.linkedName = undefined;
        this.forget();
        this.say(writeProblem(handle.name, error), true);
      }
    });
    this.writing = run.catch(() => undefined);
    return run;
  }

  private say(message: string, error = false): void {
    this.status = message;
    this.statusIsError = error;
  }

  /** "Save to file…": the open scenario, or every scenario when `all`. */
  async save(all = false): Promise<void> {
    this.dismissBackupNotice();
    const id = this.store.openId;
    const payload = this.store.payload();
    const text = all ? await this.store.exportAll() : scenarioFileText(payload);
    const suggestedName = all ? 'waypoint-scenarios.waypoint.json' : fileNameFor(payload.name);
    const picker = (globalThis as { showSaveFilePicker?: SavePicker }).showSaveFilePicker;
    if (picker) {
      let handle: FileHandle;
      try {
        handle = await picker({ suggestedName, types: [{ description: 'Waypoint file', accept: { 'application/json': ['.json'] } }] });
      } catch (error) {
        if ((error as { name?: string })?.name === 'AbortError') return;
        this.say('The browser did not let Waypoint choose a file; the file is downloaded instead.');
        return this.saveByDownload(text, suggestedName, id);
      }
      this.adopt(handle, all ? 'all' : id);
      this.seenId = id;
      // A handle that cannot be stored (or no storage) links for this visit only.
      if (this.linkedTo) void this.keeper.keep({ handle, name: handle.name, linkedTo: this.linkedTo, linkedAt: Date.now() }).catch(() => undefined);
      await this.write(text, id ?? '');
      return;
    }
    this.saveByDownload(text, suggestedName, id);
  }

  private saveByDownload(text: string, fileName: string, id: string | undefined): void {
    download(text, fileName);
    if (id) writeRecord(id, recordSaved(fileName, Date.now()));
    this.remind = false;
    this.say(`Downloaded ${fileName}. Later edits are kept in this browser; save again to update the file.`);
  }

  private adopt(handle: FileHandle, linkedTo: string | undefined): void {
    this.handle = handle;
    this.linkedTo = linkedTo;
    this.linkedName = handle.name;
    this.kept = undefined;
    this.waiting = undefined;
  }

  private forget(): void {
    this.kept = undefined;
    this.waiting = undefined;
    void this.keeper.forget().catch(() => undefined);
  }

  /** Stops writing to the linked file, now and on later visits (the file itself stays as it is). */
  unlink(): void {
    this.handle = undefined;
    this.linkedTo = undefined;
    this.linkedName = undefined;
    this.forget();
    this.say('');
  }

  /**
   * After the page opens: the file linked on an earlier visit, if any. Where the browser still
   * allows writing to it (an installed app the person told to remember), it is linked again at
   * once; otherwise it waits for resume(), on the person's click.
   */
  async restore(): Promise<void> {
    let kept: KeptLink | undefined;
    try { kept = await this.keeper.load(); } catch { return; }
    // A file chosen meanwhile wins over the one from the last visit.
    if (!kept || this.handle) return;
    let permission: Permission = 'prompt';
    try { permission = (await kept.handle.queryPermission?.({ mode: 'readwrite' })) ?? 'prompt'; } catch { /* ask on the click */ }
    if (this.handle) return;
    if (permission === 'granted') {
      this.adopt(kept.handle, kept.linkedTo);
      this.remind = false;
      return;
    }
    this.kept = kept;
    this.waiting = kept.name;
  }

  /**
   * "Linked to journey.waypoint.json — click to keep saving": asks the browser for permission to
   * write (it must be asked within the click, so nothing is awaited before), checks the file is
   * still there, links it again and writes what is open now, edits made since the reload included.
   */
  resume(): Promise<void> {
    const kept = this.kept;
    if (!kept) return Promise.resolve();
    let asking: Promise<Permission>;
    try {
      asking = kept.handle.requestPermission?.({ mode: 'readwrite' }) ?? Promise.resolve('granted');
    } catch (error) {
      asking = Promise.reject(error);
    }
    return this.afterPermission(kept, asking);
  }

  private async afterPermission(kept: KeptLink, asking: Promise<Permission>): Promise<void> {
    const permission = await asking.catch(() => 'denied' as const);
    if (this.kept !== kept) return;
    if (permission !== 'granted') {
      this.say(`The browser did not allow writing to ${kept.name}. Your edits are kept in this browser; click to try again, or use Save to file… to choose a file.`, true);
      return;
    }
    try {
      await kept.handle.getFile?.();
    } catch (error) {
      if (errorName(error) === 'NotFoundError') {
        this.forget();
        this.say(writeProblem(kept.name, error), true);
        return;
      }
    }
    if (this.kept !== kept) return;
    this.adopt(kept.handle, kept.linkedTo);
    const id = this.store.openId;
    if (id && (kept.linkedTo === id || kept.linkedTo === 'all')) {
      this.seenId = id;
      await this.writeLinked(id);
    } else {
      this.say(`Linked to ${kept.name} again; it is written when the scenario it holds is edited.`);
    }
  }

  /**
   * "Open file…" or a dropped .waypoint.json: one scenario opens as a new local copy; a file of
   * several adds them all to the scenario list. A damaged file is refused and changes nothing.
   */
  async open(file: File): Promise<void> {
    if (file.size > MAX_OPEN_BYTES) {
      this.store.notice = `${file.name} is ${(file.size / 1e6).toFixed(0)} MB, far more than a Waypoint file holds. Nothing was opened; your notebook is unchanged.`;
      this.store.noticeKind = 'error';
      return;
    }
    const text = await file.text();
    const reading = readWaypointFile(file.name, text);
    if (!reading.ok) {
      this.store.notice = reading.message;
      this.store.noticeKind = 'error';
      return;
    }
    if (reading.scenarios.length > 1) {
      await this.store.importAll(text);
      return;
    }
    const [scenario] = reading.scenarios;
    await this.store.importJourney(scenario.name, scenario);
    this.store.notice = `Opened ${file.name}: "${scenario.name}", as a new scenario in this browser.`;
    this.store.noticeKind = 'info';
  }
}
