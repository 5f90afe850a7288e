/**
 * What one tab knows of its own edits of the open scenario, so that a save merging with
 * another tab's (scenarioMerge.ts) can let the later edit of each place win and tell the right
 * tab whose value lost: when each place was last changed here and not yet saved, the values
 * this tab wrote in its saves (to know a replaced value was its own), and other tabs' values
 * that this tab's edits replaced while taking their save in, to be told with its next save.
 */
import { changedPlaces } from './scenarioMerge.ts';
import type { Replaced } from './scenarioMerge.ts';
import type { ScenarioPayload } from '../share/scenarioFormat.ts';

/** How many of its own changed places a tab remembers, to know a replaced value was its own. */
const WRITTEN_LIMIT = 20_000;

export class EditLedger {
  /** The places this tab changed in its saves and the values it wrote there (see changedPlaces). */
  private written = new Map<string, string | number>();
  /** When each place was last changed here and not yet saved. */
  private editTimes = new Map<string, number>();
  /** Another tab's values this tab's edits replaced while taking its save in. */
  private unreported: Replaced[] = [];
  /** What was on screen when the ledger last looked (an edit is what changed since). */
  lastSeen: ScenarioPayload | undefined;

  /** A scenario newly open (or created): nothing of this tab's is known about it. */
  reset(): void {
    this.written.clear();
    this.editTimes.clear();
    this.unreported = [];
  }

  /** Notes `time` as when every place that differs between `seen` and `now` was changed. */
  noteEdits(seen: ScenarioPayload, now: ScenarioPayload, time: number): void {
    for (const place of changedPlaces(seen, now).keys()) this.editTimes.set(place, time);
  }

  /** When each of `places` was changed here (`now` for a place with no time noted). */
  editedAt(places: Iterable<string>, now: number): Record<string, number> {
    const times: Record<string, number> = {};
    for (const place of places) times[place] = this.editTimes.get(place) ?? now;
    return times;
  }

  /**
   * After a save of `places` (each with the value written) with the times `editedAt`: the
   * times of places not edited again since are forgotten, and the values that were not
   * replaced by another tab's (`lost`) are remembered as this tab's.
   */
  saved(places: ReadonlyMap<string, string | number>, editedAt: Record<string, number>, lost: readonly Replaced[]): void {
    for (const [place, value] of places) {
      if (this.editTimes.get(place) === editedAt[place]) this.editTimes.delete(place);
      if (!lost.some((item) => item.key === place)) this.remember(place, value);
    }
  }

  /** Of the values another tab's save replaced, the ones this tab wrote (which it then forgets). */
  mine(replaced: readonly Replaced[]): Replaced[] {
    const mine = replaced.filter((item) => this.written.get(item.key) === item.replaced);
    for (const item of mine) this.written.delete(item.key);
    return mine;
  }

  /** Keeps other tabs' replaced values to be told with this tab's next save. */
  noteUnreported(items: readonly Replaced[]): void {
    this.unreported.push(...items);
  }

  /** The values to tell other tabs of with this save, forgotten here. */
  takeUnreported(): Replaced[] {
    return this.unreported.splice(0);
  }

  /** Notes a place this tab wrote (forgetting the oldest past WRITTEN_LIMIT). */
  private remember(place: string, value: string | number): void {
    this.written.delete(place);
    this.written.set(place, value);
    if (this.written.size > WRITTEN_LIMIT) this.written.delete(this.written.keys().next().value!);
  }
}
