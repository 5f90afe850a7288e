import { describe, expect, it } from 'vitest';
import { coerceJourney } from '../../src/engine/journey/coerceJourney.ts';
import { exampleJourney } from '../../src/engine/journey/exampleJourney.ts';
import {
  FULL_LAYOUT_WORK, MAX_FULL_LAYOUT_WORK, POINTS_SENT_UP_TO, drawingForTransfer, drawingNote, networkDrawing, packNetworkInputs, unpackNetworkInputs,
} from '../../src/views/networkDrawing.ts';
import { layoutWork } from '../../src/views/networkLayers.ts';
import { networkLayout } from '../../src/views/networkLayout.ts';
import type { NetworkInput } from '../../src/views/networkShapes.ts';

/** `count` touchpoints T0…, each waiting for the `window` just before it. */
function denseChain(count: number, window: number): NetworkInput[] {
  return Array.from({ length: count }, (_, k) => ({
    id: `T${k}`, name: `Touchpoint ${k}`, dependsOn: Array.from({ length: Math.min(k, window) }, (_, back) => `T${k - 1 - back}`),
  }));
}

describe('networkDrawing', () => {
  it('draws a journey within the budget in full, as networkLayout does', () => {
    const { touchpoints } = coerceJourney(exampleJourney);
    const drawing = networkDrawing(touchpoints);
    expect(drawing.simplified).toBeNull();
    expect(drawing.work).toBe(layoutWork(touchpoints).work);
    expect(drawing).toEqual({ ...networkLayout(touchpoints), work: drawing.work, simplified: null });
  });

  it('simplifies a journey whose full layout would cost more than the budget, unless every touchpoint is asked for', () => {
    // 400 touchpoints with 20 links each: every link spans up to 20 layers, so the layout work is in the hundreds of thousands.
    const inputs = denseChain(400, 20);
    expect(layoutWork(inputs).work).toBeGreaterThan(FULL_LAYOUT_WORK);
    const simplified = networkDrawing(inputs, { emphasis: ['T0'] });
    expect(simplified.simplified).toMatchObject({ reducedLinks: 399 });
    expect(simplified.nodes.map((n) => n.id)).toEqual(inputs.map((t) => t.id));
    expect(networkDrawing(denseChain(60, 20), { everything: true }).simplified).toBeNull();
  });

  it('draws every touchpoint when asked: in full up to ten seconds of layout work, beyond that each as a box with its links reduced', () => {
    const mid = denseChain(400, 20);
    expect(networkDrawing(mid, { everything: true }).simplified).toBeNull();
    // 2,600 touchpoints each waiting for the 40 before: each link spans up to 40 layers, over two million units of work.
    const huge = denseChain(2600, 40);
    expect(layoutWork(huge).work).toBeGreaterThan(MAX_FULL_LAYOUT_WORK);
    const drawing = networkDrawing(huge, { everything: true });
    expect(drawing.simplified).toMatchObject({ boxes: 2600, reducedLinks: 2599 });
    expect(drawing.nodes.some((n) => n.mark)).toBe(false);
    expect(drawingNote(drawing)).toBe(`Every touchpoint is drawn, in 2,600 layers by depth; 2,599 of the 103,180 links are needed to show who waits for whom, and only those are drawn: a drawing of every link would take about ${Math.round(drawing.work / 200_000)} s here.`);
  });

  it('says nothing above a journey drawn in full within the budget, and that a big one drawn whole is slow', () => {
    const { touchpoints } = coerceJourney(exampleJourney);
    expect(drawingNote(networkDrawing(touchpoints))).toBe('');
    expect(drawingNote(networkDrawing(denseChain(400, 20), { everything: true }))).toBe('Every touchpoint and link is drawn, which is slow for a journey this size.');
    expect(drawingNote(networkDrawing(denseChain(400, 20)))).toBe('Simplified drawing: 400 touchpoints are too many to lay out in full quickly. They stand in 400 layers by depth, '
      + 'as marks; 399 of the 7,790 links are needed to show who waits for whom, and the critical path is drawn in full once there are results.');
  });

  it('counts the layout work: touchpoints, dummy points and links between adjacent layers', () => {
    // A → B → C and A → C: A → C spans two layers, so it needs one dummy point and counts twice.
    const inputs = [{ id: 'A', name: 'A', dependsOn: [] }, { id: 'B', name: 'B', dependsOn: ['A'] }, { id: 'C', name: 'C', dependsOn: ['A', 'B'] }];
    expect(layoutWork(inputs)).toEqual({ touchpoints: 3, links: 4, dummies: 1, work: 8 });
  });
});

describe('packNetworkInputs', () => {
  it('carries what the drawing reads, so the drawing of the unpacked inputs is the same', () => {
    const { touchpoints } = coerceJourney(exampleJourney);
    const unpacked = unpackNetworkInputs(packNetworkInputs(touchpoints));
    expect(networkLayout(unpacked)).toEqual(networkLayout(touchpoints));
    expect(unpacked.map((t) => t.links)).toEqual(touchpoints.map((t) => t.links));
  });

  it('is the same for an edit of a time and different for an edit of a link', () => {
    const { touchpoints } = coerceJourney(exampleJourney);
    const slower = touchpoints.map((t, k) => (k === 3 ? { ...t, pessimistic: t.pessimistic + 5 } : t));
    expect(packNetworkInputs(slower)).toBe(packNetworkInputs(touchpoints));
    const relinked = touchpoints.map((t, k) => (k === 3 ? { ...t, dependsOn: [], links: [] } : t));
    expect(packNetworkInputs(relinked)).not.toBe(packNetworkInputs(touchpoints));
  });

  it('crosses with the edges\' points when the drawing is full and small enough for the page to wrap it', () => {
    const { touchpoints } = coerceJourney(exampleJourney);
    const drawing = networkDrawing(touchpoints);
    expect(drawingForTransfer(drawing)).toBe(drawing);
    expect(drawing.edges.every((edge) => edge.points.length >= 2)).toBe(true);
  });

  it('crosses without the edges\' points past POINTS_SENT_UP_TO edges, keeping every path', () => {
    const drawing = networkDrawing(denseChain(260, 10));
    expect(drawing.edges.length).toBeGreaterThan(POINTS_SENT_UP_TO);
    const sent = drawingForTransfer(drawing);
    expect(sent.edges.every((edge) => edge.points.length === 0)).toBe(true);
    expect(sent.edges.map((edge) => edge.path)).toEqual(drawing.edges.map((edge) => edge.path));
  });
});
