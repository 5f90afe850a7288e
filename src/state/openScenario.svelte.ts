/**
 * The open scenario and its saving: autosave to IndexedDB within AUTOSAVE_MS of an edit (and at
 * once when the page is hidden, with a synchronous stash for an unload: pendingEdit.ts, taken
 * back on the next start), the "Saved / Saving… / Not saved" indicator, and plain words when
 * saving is not possible (the work stays in memory and can be exported). What is on screen, and
 * the stored revision it stands on, is scenarioOnScreen.svelte.ts.
 *
 * Two tabs on one scenario work on one scenario, whatever the timing: they hear of each other's
 * saves through tabSync.ts, and a save that finds a newer revision stored merges with it cell by
 * cell (scenarioMerge.ts) inside the save's transaction (db/database.ts), so neither tab's edit
 * is lost and no copy is split off. Where both changed one cell, the later edit wins (each tab
 * notes when it changed each place, editLedger.ts, and saves keep those times for a while), and
 * the tab whose value was replaced is told which, and can put it back (replacedValues.ts).
 * Selecting a touchpoint never makes a save: it has a small record of its own. Saves, and
 * takings-in of another tab's save, run one at a time (`enqueue`). The list of scenarios and
 * what is done with it is scenarios.svelte.ts.
 */
import { describeStorageError, setMeta } from '../db/database.ts';
import { loadScenario, saveScenario } from '../db/scenarioRecords.ts';
import { putBackValues } from './replacedValues.ts';
import { changedPlaces, mergeScenario, sameScenario, shareUnchanged } from './scenarioMerge.ts';
import type { Replaced } from './scenarioMerge.ts';
import { stashPendingEdit, takePendingEdit } from './pendingEdit.ts';
import { ScenarioOnScreen } from './scenarioOnScreen.svelte.ts';

export const AUTOSAVE_MS = 400;

export class OpenScenario extends ScenarioOnScreen {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The timer of the selected touchpoint's own small save. */
  private selectionTimer: ReturnType<typeof setTimeout> | undefined;

  /** Stops hearing other tabs and closes storage (for a store that is thrown away, as in tests). */
  override stop(): void {
    clearTimeout(this.timer);
    clearTimeout(this.selectionTimer);
    super.stop();
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

  /** Puts back the values another tab's edit replaced (each an edit of this tab, saved as usual). */
  putBackMine(): void {
    const items = this.replaced;
    this.replaced = [];
    this.say(putBackValues(this.workbook, items, (name) => { this.name = name; }));
    this.changed();
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

  /**
   * Called whenever the workbook may have changed: saves within AUTOSAVE_MS if it did, noting
   * when each place changed. The selected touchpoint is watched apart, and stored on its own.
   */
  changed(): void {
    const seen = this.ledger.lastSeen;
    const now = this.current();
    this.ledger.lastSeen = now;
    if (seen && this.differs(seen, now) && !this.isSaved()) {
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

  /** Renames the open scenario (saved like any edit). */
  rename(name: string): void {
    this.name = name.trim() || 'Untitled journey';
    this.changed();
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
  protected async restorePending(): Promise<void> {
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
}
