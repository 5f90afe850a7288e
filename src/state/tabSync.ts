/**
 * Tab sync: the tabs of one browser tell each other about their scenario saves through a
 * BroadcastChannel, so two tabs on the same scenario stay consistent and every tab's list
 * stays current. A message names a scenario and the revision just saved; revision 0 means the
 * list changed (a scenario created, deleted or put back) rather than a save. What a tab does
 * on hearing one is the store's business (scenarios.svelte.ts); this file only carries them.
 * A save that merged with another tab's lists the values of that tab it replaced, so the tab
 * whose values they were can say so. Messages carry `v`: a tab of another version (an old tab
 * open while the app updates) hears only that something changed. Without BroadcastChannel
 * nothing is sent or heard and each tab works alone.
 */
import type { Replaced } from './scenarioMerge.ts';

export const TAB_MESSAGE_VERSION = 1;

/** One message between tabs, as it travels. */
export interface TabMessage {
  v?: number;
  id: string;
  revision: number;
  deleted?: boolean;
  /** Values this save replaced where two tabs changed the same place. */
  replaced?: Replaced[];
}

const CHANNEL = 'waypoint-scenarios';

export class TabSync {
  private channel: BroadcastChannel | undefined;

  /** Starts listening; `onmessage` hears every other tab's messages (never this tab's own). */
  constructor(onmessage: (message: TabMessage) => void) {
    if (typeof BroadcastChannel === 'undefined') return;
    this.channel = new BroadcastChannel(CHANNEL);
    this.channel.onmessage = (event: MessageEvent<TabMessage>) => {
      const message = event.data;
      if (typeof message !== 'object' || message === null || typeof message.id !== 'string') return;
      // Messages from before `v` had the same shape; one of another version says only that `id` changed.
      if (message.v !== undefined && message.v !== TAB_MESSAGE_VERSION) onmessage({ id: '', revision: 0 });
      else onmessage(message);
    };
  }

  /** `id` was saved at `revision`, replacing `replaced` of another tab. */
  saved(id: string, revision: number, replaced: Replaced[] = []): void {
    this.channel?.postMessage({ v: TAB_MESSAGE_VERSION, id, revision, ...(replaced.length ? { replaced } : {}) } satisfies TabMessage);
  }

  /** The list changed: `id` was created, put back or (with `deleted`) deleted; '' for several. */
  listChanged(id: string, deleted = false): void {
    this.channel?.postMessage({ v: TAB_MESSAGE_VERSION, id, revision: 0, deleted } satisfies TabMessage);
  }

  /** Stops sending and hearing (a store that is thrown away, as in tests). */
  close(): void {
    this.channel?.close();
    this.channel = undefined;
  }
}
