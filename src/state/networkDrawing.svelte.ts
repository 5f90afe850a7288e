/**
 * The network's drawing: asked of the compute service's layout lane whenever what it depends
 * on changes, so the page never lays out a journey itself. What it depends on is the journey's
 * structure (ids, names, links, probabilities, groups — packed once, which is both the key and
 * the message), whether every touchpoint was asked for, and, for a simplified drawing only, the
 * critical path it draws in full. Editing a time changes none of these and redraws nothing. The
 * drawing on screen stays until the next one arrives; `pending` says one is being made.
 */
import { untrack } from 'svelte';
import type { Touchpoint } from '../engine/journey/index.ts';
import { packNetworkInputs } from '../views/networkDrawing.ts';
import type { DrawingOptions, NetworkDrawing } from '../views/networkDrawing.ts';
import type { LayoutReply } from '../worker/protocol.ts';

/** The part of the compute service the drawing needs (tests pass a fake). */
export interface LayoutClient {
  layoutNetwork(packed: string, options: DrawingOptions): Promise<LayoutReply | undefined>;
}

/** Whether the drawing must be asked for again: a new structure, the other mode, or a new critical path for a simplified drawing. */
export function needsLayout(
  shown: { packed: string; everything: boolean; emphasis: string; simplified: boolean } | undefined,
  wanted: { packed: string; everything: boolean; emphasis: string },
): boolean {
  if (!shown) return true;
  if (shown.packed !== wanted.packed || shown.everything !== wanted.everything) return true;
  return shown.simplified && shown.emphasis !== wanted.emphasis;
}

export class NetworkDrawingState {
  drawing = $state.raw<NetworkDrawing | null>(null);
  /** True while a drawing for the journey as it is now is being laid out. */
  pending = $state(false);
  error = $state('');
  /** "Draw every touchpoint (slow)" chosen: the full layout even above the budget. */
  everything = $state(false);

  /** What the drawing on screen (or on its way) was asked for with. */
  private asked: { packed: string; everything: boolean; emphasis: string; simplified: boolean } | undefined;
  private wanted: { packed: string; everything: boolean; emphasis: readonly string[] } | undefined;
  /** The last touchpoints packed, and their packing: a new critical path for the same rows packs nothing again. */
  private lastPacked: { touchpoints: readonly Touchpoint[]; packed: string } | undefined;

  constructor(private readonly client: LayoutClient) {}

  /**
   * Called whenever the journey or its critical path changes (an effect passes them in); reads
   * its own state untracked.
   */
  update(touchpoints: readonly Touchpoint[], criticalPath: readonly string[] | undefined): void {
    untrack(() => {
      if (this.lastPacked?.touchpoints !== touchpoints) this.lastPacked = { touchpoints, packed: packNetworkInputs(touchpoints) };
      const { packed } = this.lastPacked;
      const emphasis = criticalPath ?? [];
      this.wanted = { packed, everything: this.everything, emphasis };
      this.request();
    });
  }

  /** Draws every touchpoint (true) or goes back to the simplified drawing (false). */
  drawEverything(everything: boolean): void {
    this.everything = everything;
    if (!this.wanted) return;
    this.wanted = { ...this.wanted, everything };
    this.request();
  }

  private request(): void {
    const wanted = this.wanted!;
    const key = { packed: wanted.packed, everything: wanted.everything, emphasis: wanted.emphasis.join('\u0001') };
    if (!needsLayout(this.asked, key)) return;
    // Until the reply says otherwise, the new drawing is taken to be of the same kind as the last.
    this.asked = { ...key, simplified: this.asked?.simplified ?? false };
    this.pending = true;
    void this.client.layoutNetwork(wanted.packed, { everything: wanted.everything, emphasis: wanted.emphasis }).then((reply) => {
      if (!reply) return; // a newer request is on its way
      this.pending = false;
      if (!reply.ok) { this.error = reply.message; return; }
      this.error = '';
      this.drawing = reply.drawing;
      const simplified = reply.drawing.simplified !== null;
      this.asked = { ...key, simplified };
      // A simplified drawing follows the critical path: ask again if it changed while this one was made.
      if (simplified && this.wanted && this.wanted.packed === key.packed) this.request();
    });
  }
}
