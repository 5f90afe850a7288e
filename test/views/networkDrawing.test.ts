import { describe, expect, it } from 'vitest';
import { coerceJourney } from '../../src/engine/journey/coerceJourney.ts';
import { exampleJourney } from '../../src/engine/journey/exampleJourney.ts';
import { FULL_LAYOUT_WORK, drawingForTransfer, networkDrawing, packNetworkInputs, unpackNetworkInputs } from '../../src/views/networkDrawing.ts';
import { layoutWork, networkLayout } from '../../src/views/networkLayout.ts';
import type { NetworkInput } from '../../src/views/networkLayout.ts';

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

  it('crosses without the edges\' points, which the page never reads', () => {
    const { touchpoints } = coerceJourney(exampleJourney);
    const drawing = networkDrawing(touchpoints);
    const sent = drawingForTransfer(drawing);
    expect(sent.edges.every((edge) => edge.points.length === 0)).toBe(true);
    expect(sent.edges.map((edge) => edge.path)).toEqual(drawing.edges.map((edge) => edge.path));
  });
});
