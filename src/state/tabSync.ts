/**
 * Tab sync: the tabs of one browser tell each other about their scenario saves through a
 * BroadcastChannel, so two tabs on the same scenario stay consistent and every tab's list
 * stays current. A message names a scenario and the revision just saved; revision 0 means the
 * list changed (a scenario created, deleted or put back) rather than a save. What a tab does
 * on hearing one is the store's business (scenarios.svelte.ts); this file only carries them.
 * Without BroadcastChannel nothing is sent or heard and each tab works alone.
 */

/** One message between tabs, as it travels. */
export interface TabMessage {
  id: string;
  revision: number;
  deleted?: boolean;
}

const CHANNEL = 'waypoint-scenarios';

export class TabSync {
  private channel: BroadcastChannel | undefined;

  /** Starts listening; `onmessage` hears every other tab's messages (never this tab's own). */
  constructor(onmessage: (message: TabMessage) => void) {
    if (typeof BroadcastChannel === 'undefined') return;
    this.channel = new BroadcastChannel(CHANNEL);
    this.channel.onmessage = (event: MessageEvent<TabMessage>) => onmessage(event.data);
  }

  /** `id` was saved at `revision`. */
  saved(id: string, revision: number): void {
    this.channel?.postMessage({ id, revision });
  }

  /** The list changed: `id` was created, put back or (with `deleted`) deleted; '' for several. */
  listChanged(id: string, deleted = false): void {
    this.channel?.postMessage({ id, revision: 0, deleted });
  }

  /** Stops sending and hearing (a store that is thrown away, as in tests). */
  close(): void {
    this.channel?.close();
    this.channel = undefined;
  }
}
