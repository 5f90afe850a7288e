/**
 * The network's zoom and pan as numbers: the box's size, Fit, the first view, whether a node
 * is in view, and which events zoom. Expected values are worked out by hand from the formulas.
 */
import { describe, expect, it } from 'vitest';
import { MAX_VIEW_HEIGHT, fitTransform, isInView, startScale, startTransform, viewHeightOf, wheelZoom, zoomsOn } from '../../src/views/networkZoom.ts';
import { zoomIdentity } from 'd3-zoom';
import type { LaidOutNode } from '../../src/views/networkShapes.ts';

const node = (id: string, layer: number, x: number, y: number): LaidOutNode => ({ id, name: id, index: 0, layer, x, y, optional: null, group: '' });

describe('startScale and viewHeightOf', () => {
  it('start at 1.1 when the drawing fits, shrink a wider one to the box, never below half size', () => {
    expect(startScale(802, { width: 400, height: 100 })).toBe(1.1);
    // (802 − 2) / 1000 = 0.8.
    expect(startScale(802, { width: 1000, height: 100 })).toBeCloseTo(0.8);
    expect(startScale(402, { width: 4000, height: 100 })).toBe(0.5);
  });

  it('make the box as tall as the drawing plus 4 px, between 160 px and MAX_VIEW_HEIGHT', () => {
    // 300 × 0.8 + 4 = 244.
    expect(viewHeightOf({ width: 1000, height: 300 }, 0.8)).toBe(244);
    expect(viewHeightOf({ width: 1000, height: 50 }, 1)).toBe(160);
    expect(viewHeightOf({ width: 1000, height: 10_000 }, 1)).toBe(MAX_VIEW_HEIGHT);
  });
});

describe('fitTransform', () => {
  it('centres the whole drawing at the scale that fits it with 10 px each side', () => {
    // min(1.1, (820 − 20) / 1600, (420 − 20) / 400) = 0.5; x = (820 − 800) / 2 = 10, y = (420 − 200) / 2 = 110.
    const t = fitTransform({ width: 1600, height: 400 }, 820, 420);
    expect([t.x, t.y, t.k]).toEqual([10, 110, 0.5]);
  });

  it('never enlarges past 1.1', () => {
    expect(fitTransform({ width: 100, height: 100 }, 800, 400).k).toBe(1.1);
  });
});

describe('startTransform', () => {
  const nodes = [node('A', 0, 50, 100), node('B', 0, 50, 300), node('C', 1, 300, 900)];

  it('centres a drawing that fits the box', () => {
    // (800 − 400) / 2 = 200 across, (500 − 200) / 2 = 150 down.
    const t = startTransform({ width: 400, height: 200, nodes }, 800, 500, 1, undefined);
    expect([t.x, t.y, t.k]).toEqual([200, 150, 1]);
  });

  it('puts the start at the left and the first layer in the middle of a drawing taller than the box', () => {
    // The first layer's middle is y = 200: 500 / 2 − 200 = 50, kept between 500 − 10 − 2000 and 10 → 10.
    const t = startTransform({ width: 2000, height: 2000, nodes }, 800, 500, 1, undefined);
    expect([t.x, t.y]).toEqual([0, 10]);
  });

  it('centres on the critical path\'s first touchpoint when there is one', () => {
    // C at y = 900: 250 − 900 = −650, within [−1510, 10].
    const t = startTransform({ width: 2000, height: 2000, nodes }, 800, 500, 1, 'C');
    expect(t.y).toBe(-650);
  });
});

describe('isInView', () => {
  it('says whether a node shows whole with 10 px to spare', () => {
    // At scale 1 a node needs 75 + 10 px across and 19 + 10 px down from each edge.
    expect(isInView(zoomIdentity, { x: 85, y: 29 }, 800, 400)).toBe(true);
    expect(isInView(zoomIdentity, { x: 84, y: 200 }, 800, 400)).toBe(false);
    expect(isInView(zoomIdentity.translate(-1000, 0), { x: 1400, y: 200 }, 800, 400)).toBe(true);
    expect(isInView(zoomIdentity, { x: 400, y: 372 }, 800, 400)).toBe(false);
  });
});

describe('zoomsOn and wheelZoom', () => {
  const event = (type: string, ctrlKey = false, metaKey = false, button = 0) => ({ type, ctrlKey, metaKey, button });

  it('zoom on Ctrl or ⌘ + wheel only, and pan on a plain drag with the main button', () => {
    expect(zoomsOn(event('wheel'))).toBe(false);
    expect(zoomsOn(event('wheel', true))).toBe(true);
    expect(zoomsOn(event('wheel', false, true))).toBe(true);
    expect(zoomsOn(event('mousedown'))).toBe(true);
    expect(zoomsOn(event('mousedown', true))).toBe(false);
    expect(zoomsOn(event('mousedown', false, false, 2))).toBe(false);
  });

  it('zoom a step per line, per page or per 500 pixels of wheel', () => {
    expect(wheelZoom({ deltaY: 100, deltaMode: 0 })).toBeCloseTo(-0.2);
    expect(wheelZoom({ deltaY: 3, deltaMode: 1 })).toBeCloseTo(-0.15);
    expect(wheelZoom({ deltaY: -1, deltaMode: 2 })).toBe(1);
  });
});
