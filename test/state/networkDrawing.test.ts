import { describe, expect, it } from 'vitest';
import { coerceJourney } from '../../src/engine/journey/coerceJourney.ts';
import { exampleJourney } from '../../src/engine/journey/exampleJourney.ts';
import { NetworkDrawingState, needsLayout } from '../../src/state/networkDrawing.svelte.ts';
import type { DrawingOptions, NetworkDrawing } from '../../src/views/networkDrawing.ts';
import type { LayoutReply } from '../../src/worker/protocol.ts';

/** A layout lane whose replies the test gives: `answer(k, simplified)` answers the k-th request; undefined stands for a stale one. */
function fakeLayouts() {
  const calls: { packed: string; options: DrawingOptions; resolve: (reply: LayoutReply | undefined) => void }[] = [];
  const client = {
    layoutNetwork: (packed: string, options: DrawingOptions) => new Promise<LayoutReply | undefined>((resolve) => { calls.push({ packed, options, resolve }); }),
  };
  const drawing = (simplified: boolean) => ({ nodes: [], simplified: simplified ? { links: 1, reducedLinks: 1, drawnLinks: 1, boxes: 0 } : null }) as unknown as NetworkDrawing;
  const answer = async (k: number, simplified: boolean) => { calls[k].resolve({ requestId: k, ok: true, drawing: drawing(simplified) }); await Promise.resolve(); };
  return { client, calls, answer };
}

const { touchpoints } = coerceJourney(exampleJourney);

describe('needsLayout', () => {
  const shown = { packed: 'p', everything: false, emphasis: 'A', simplified: false };
  it('asks again for a new structure or the other mode, and for a new critical path only when the drawing is simplified', () => {
    expect(needsLayout(undefined, { packed: 'p', everything: false, emphasis: '' })).toBe(true);
    expect(needsLayout(shown, { packed: 'q', everything: false, emphasis: 'A' })).toBe(true);
    expect(needsLayout(shown, { packed: 'p', everything: true, emphasis: 'A' })).toBe(true);
    expect(needsLayout(shown, { packed: 'p', everything: false, emphasis: 'B' })).toBe(false);
    expect(needsLayout({ ...shown, simplified: true }, { packed: 'p', everything: false, emphasis: 'B' })).toBe(true);
  });
});

describe('NetworkDrawingState', () => {
  it('asks for one layout per structure: an edit of a time asks for none, an edit of a link for a new one', async () => {
    const fake = fakeLayouts();
    const state = new NetworkDrawingState(fake.client);
    state.update(touchpoints, undefined);
    expect(state.pending).toBe(true);
    await fake.answer(0, false);
    expect(state.pending).toBe(false);
    expect(state.drawing?.simplified).toBeNull();
    state.update(touchpoints.map((t) => ({ ...t, pessimistic: t.pessimistic + 1 })), ['SA']);
    expect(fake.calls).toHaveLength(1);
    state.update(touchpoints.map((t, k) => (k === 2 ? { ...t, dependsOn: [], links: [] } : t)), ['SA']);
    expect(fake.calls).toHaveLength(2);
  });

  it('follows the critical path in a simplified drawing, asking again when it changes, even while the first is being made', async () => {
    const fake = fakeLayouts();
    const state = new NetworkDrawingState(fake.client);
    state.update(touchpoints, undefined);
    state.update(touchpoints, ['SA', 'RP']); // the results arrive while the first layout is made
    expect(fake.calls).toHaveLength(1);
    await fake.answer(0, true);
    expect(fake.calls).toHaveLength(2);
    expect(fake.calls[1].options).toEqual({ everything: false, emphasis: ['SA', 'RP'] });
    await fake.answer(1, true);
    state.update(touchpoints, ['SA', 'RP']);
    expect(fake.calls).toHaveLength(2);
  });

  it('draws every touchpoint when asked, and goes back to the simplified drawing', async () => {
    const fake = fakeLayouts();
    const state = new NetworkDrawingState(fake.client);
    state.update(touchpoints, ['SA']);
    await fake.answer(0, true);
    state.drawEverything(true);
    expect(fake.calls[1].options.everything).toBe(true);
    await fake.answer(1, false);
    expect(state.everything).toBe(true);
    state.drawEverything(false);
    expect(fake.calls[2].options.everything).toBe(false);
  });

  it('keeps the drawing it has while a stale reply is dropped, and says plainly when a layout failed', async () => {
    const fake = fakeLayouts();
    const state = new NetworkDrawingState(fake.client);
    state.update(touchpoints, undefined);
    await fake.answer(0, false);
    const first = state.drawing;
    state.update(touchpoints.map((t, k) => (k === 2 ? { ...t, dependsOn: [], links: [] } : t)), undefined);
    fake.calls[1].resolve(undefined);
    await Promise.resolve();
    expect(state.drawing).toBe(first);
    expect(state.pending).toBe(true);
    state.update(touchpoints, undefined);
    fake.calls[2].resolve({ requestId: 3, ok: false, message: 'The network could not be drawn: out of memory' });
    await Promise.resolve();
    expect(state.error).toBe('The network could not be drawn: out of memory');
    expect(state.pending).toBe(false);
  });
});
