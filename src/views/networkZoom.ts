/**
 * The network's zoom and pan, worked out as numbers for NetworkView to apply to its own svg:
 * the box's size and first view (the whole journey at a readable size when it fits, its start
 * at the left), Fit (the whole journey, however small), whether a node is in view, and the
 * d3-zoom behaviour (the wheel scrolls the page; Ctrl or ⌘ + wheel, or a pinch, zooms; dragging pans).
 */
import { zoom, zoomIdentity } from 'd3-zoom';
import type { ZoomBehavior, ZoomTransform } from 'd3-zoom';
import { NODE_HEIGHT, NODE_WIDTH } from './networkShapes.ts';
import type { LaidOutNode } from './networkShapes.ts';

/** The box is as tall as the drawing, up to this (px); past that, drag to pan. */
export const MAX_VIEW_HEIGHT = 2400;

/** How far out and in the view zooms. */
export const SCALE_EXTENT: [number, number] = [0.05, 4];

interface Size { width: number; height: number }

/**
 * The first view's scale: full size (text 11 px or more) when the drawing fits the box `width`
 * px wide, as it does once wrapped unless it is very deep; a band wider than the box (a phone)
 * is shrunk to the box, down to half size.
 */
export function startScale(width: number, layout: Size): number {
  return Math.max(0.5, Math.min(1.1, (width - 2) / layout.width));
}

/** The box's height (px): the drawing's at `scale`, between 160 and MAX_VIEW_HEIGHT. */
export function viewHeightOf(layout: Size, scale: number): number {
  return Math.round(Math.min(MAX_VIEW_HEIGHT, Math.max(160, layout.height * scale + 4)));
}

/** Fit: the whole journey centred in a box `width` × `viewHeight`, however small that makes it (never over 1.1). */
export function fitTransform(layout: Size, width: number, viewHeight: number): ZoomTransform {
  const scale = Math.min(1.1, (width - 20) / layout.width, (viewHeight - 20) / layout.height);
  return zoomIdentity.translate((width - layout.width * scale) / 2, (viewHeight - layout.height * scale) / 2).scale(scale);
}

/**
 * The first view ("Actual size"): at `scale`, centred where the drawing fits the box, else
 * the start of the journey at the left and its first touchpoints (the critical path's first,
 * `firstId`, or else the first layer) in the middle, never past the drawing's edge.
 */
export function startTransform(
  layout: Size & { nodes: readonly LaidOutNode[] }, width: number, viewHeight: number, scale: number, firstId: string | undefined,
): ZoomTransform {
  const x = layout.width * scale <= width ? (width - layout.width * scale) / 2 : 0;
  const starts = layout.nodes.filter((node) => (firstId === undefined ? node.layer === 0 : node.id === firstId));
  const middle = starts.length ? starts.reduce((sum, node) => sum + node.y, 0) / starts.length : layout.height / 2;
  const y = layout.height * scale <= viewHeight
    ? (viewHeight - layout.height * scale) / 2
    : Math.min(10, Math.max(viewHeight - 10 - layout.height * scale, viewHeight / 2 - middle * scale));
  return zoomIdentity.translate(x, y).scale(scale);
}

/** Whether a node at (x, y) in the drawing shows whole, with 10 px to spare, in a box `width` × `viewHeight` seen through `transform`. */
export function isInView(transform: ZoomTransform, node: { x: number; y: number }, width: number, viewHeight: number): boolean {
  const [x, y] = transform.apply([node.x, node.y]);
  const marginX = (NODE_WIDTH / 2) * transform.k + 10;
  const marginY = (NODE_HEIGHT / 2) * transform.k + 10;
  return x >= marginX && x <= width - marginX && y >= marginY && y <= viewHeight - marginY;
}

/**
 * Whether an event zooms or pans: a wheel only with Ctrl or ⌘ (a pinch arrives as one), so
 * scrolling down the notebook never gets stuck zooming when the pointer passes over the
 * network; a drag with the main button and no Ctrl.
 */
export function zoomsOn(event: { type: string; ctrlKey: boolean; metaKey: boolean; button: number }): boolean {
  return event.type === 'wheel' ? event.ctrlKey || event.metaKey : !event.ctrlKey && !event.button;
}

/** How much a wheel event zooms (a power of two): by line, by page or by pixel. */
export function wheelZoom(event: { deltaY: number; deltaMode: number }): number {
  return -event.deltaY * (event.deltaMode === 1 ? 0.05 : event.deltaMode ? 1 : 0.002);
}

/** The d3-zoom behaviour of the network's svg, calling `onzoom` with each new transform. */
export function networkZoom(onzoom: (transform: ZoomTransform) => void): ZoomBehavior<SVGSVGElement, unknown> {
  return zoom<SVGSVGElement, unknown>()
    .scaleExtent(SCALE_EXTENT)
    .filter(zoomsOn)
    .wheelDelta(wheelZoom)
    .on('zoom', (event: { transform: ZoomTransform }) => onzoom(event.transform));
}
