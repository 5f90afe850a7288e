/**
 * Which drawing of the network a journey gets, and the journey in the form it crosses to the
 * worker that lays it out (the compute service's `layoutNetwork`; the page never lays out).
 *
 * A journey whose full layout would take more than about a second (its `layoutWork` above
 * FULL_LAYOUT_WORK) gets the simplified drawing of simplifiedNetwork.ts unless every touchpoint
 * is asked for. The limit was measured with bench/networkBudget.ts: the full layout costs about
 * 5 µs per unit of work on the development machine (2 cores, shared), so a second is about
 * 200,000 units; 150,000 (about 750 ms — a 5,000-touchpoint journey with 1.5 links each is just
 * over it, 1,000 touchpoints with 10 links each under it) leaves the page time to draw it.
 * Asked for every touchpoint, a journey is laid out in full up to MAX_FULL_LAYOUT_WORK (about
 * ten seconds in the worker); beyond that every touchpoint is drawn as a box in the simplified
 * layout, its links still reduced, since every link of it would take minutes and gigabytes.
 */
import { countNumber } from './localeNumbers.ts';
import { layoutWork } from './networkLayers.ts';
import { networkLayout } from './networkLayout.ts';
import type { NetworkInput, NetworkLayout } from './networkShapes.ts';
import { simplifiedNetworkLayout } from './simplifiedNetwork.ts';
import type { SimplifiedSummary } from './simplifiedNetwork.ts';
import type { Dependency } from '../engine/journey/index.ts';

/** Layout work (see layoutWork) above which the drawing is simplified unless every touchpoint is asked for. */
export const FULL_LAYOUT_WORK = 150_000;
/** Units of layout work laid out per second on the development machine (bench/networkBudget.ts). */
export const LAYOUT_WORK_PER_SECOND = 200_000;
/** Layout work above which even a drawing of every touchpoint keeps its links reduced (about ten seconds' work). */
export const MAX_FULL_LAYOUT_WORK = 2_000_000;

export interface NetworkDrawing extends NetworkLayout {
  /** What a full layout would cost (see layoutWork), so the page can say whether the full one is the slow one. */
  work: number;
  /** null when every touchpoint and link is drawn; else what the simplified drawing shows and left out. */
  simplified: SimplifiedSummary | null;
}

export interface DrawingOptions {
  /** Draw every touchpoint, however long it takes. */
  everything?: boolean;
  /** Ids drawn in full in a simplified drawing, in order: the critical path. */
  emphasis?: readonly string[];
}

/**
 * The drawing of a journey: in full when that is affordable or asked for (up to
 * MAX_FULL_LAYOUT_WORK), else simplified — with every touchpoint as a box when every touchpoint
 * was asked for.
 */
export function networkDrawing(inputs: readonly NetworkInput[], { everything = false, emphasis = [] }: DrawingOptions = {}): NetworkDrawing {
  const { work } = layoutWork(inputs);
  if (work <= FULL_LAYOUT_WORK || (everything && work <= MAX_FULL_LAYOUT_WORK)) return { ...networkLayout(inputs), work, simplified: null };
  const { summary, ...layout } = simplifiedNetworkLayout(inputs, emphasis, everything ? Infinity : undefined);
  return { ...layout, work, simplified: summary };
}

/**
 * The line above a drawing that is not the plain full one: what a simplified drawing shows and
 * leaves out, or that a big journey is drawn whole (slowly); '' for a journey drawn in full
 * within the budget.
 */
export function drawingNote(drawing: NetworkDrawing): string {
  const number = countNumber;
  const count = drawing.nodes.length;
  const { simplified } = drawing;
  if (!simplified) return drawing.work > FULL_LAYOUT_WORK ? `Every touchpoint and link is drawn, which is slow for a journey this size.` : '';
  const links = `${number(simplified.reducedLinks)} of the ${number(simplified.links)} links are needed to show who waits for whom`;
  const drawn = simplified.drawnLinks < simplified.reducedLinks ? `; ${number(simplified.drawnLinks)} of them are drawn` : '';
  if (simplified.boxes === count) {
    return `Every touchpoint is drawn, in ${number(drawing.layerCount)} layers by depth; ${links}, and only those are drawn${drawn}: `
      + `a drawing of every link would take about ${number(Math.round(drawing.work / LAYOUT_WORK_PER_SECOND))} s here.`;
  }
  const path = simplified.boxes > 0 ? `the critical path and its neighbours are drawn in full (${number(simplified.boxes)} touchpoints)`
    : 'the critical path is drawn in full once there are results';
  return `Simplified drawing: ${number(count)} touchpoints are too many to lay out in full quickly. They stand in ${number(drawing.layerCount)} layers by depth, `
    + `as marks; ${links}${drawn}, and ${path}.`;
}

/** Up to this many edges, a full drawing crosses with its edges' points, from which the page wraps it into bands (networkWrap.ts). */
export const POINTS_SENT_UP_TO = 2000;

/**
 * The drawing as it crosses to the page. Each edge's points, already turned into its path, are
 * left out of a simplified drawing or one with more than POINTS_SENT_UP_TO edges (thousands of
 * small arrays would cost the page more to receive than the rest of the drawing; such a drawing
 * is not wrapped). A smaller full drawing keeps them: the page folds it into bands from them.
 */
export function drawingForTransfer(drawing: NetworkDrawing): NetworkDrawing {
  if (!drawing.simplified && drawing.edges.length <= POINTS_SENT_UP_TO) return drawing;
  return { ...drawing, edges: drawing.edges.map((edge) => ({ ...edge, points: [] })) };
}

/** A row as it crosses: id, name, dependsOn, probability, group, and the links that are not plain finish-to-start without a lag. */
type PackedRow = [string, string, string[], number, string, [string, 'FS' | 'SS', number][]];

/**
 * What the drawing depends on, as one JSON text: ids, names, dependencies (with types and
 * lags), probabilities and groups — not the times, so editing a time changes nothing here. It
 * is both the key that says whether the drawing must be redone and the message sent to the
 * worker (one string copies far faster than thousands of objects).
 */
export function packNetworkInputs(inputs: readonly NetworkInput[]): string {
  return JSON.stringify(inputs.map((input): PackedRow => [
    input.id, input.name, [...input.dependsOn], input.probability ?? 1, input.group ?? '',
    (input.links ?? []).filter((link) => link.type !== 'FS' || link.lag !== 0).map((link) => [link.id, link.type, link.lag]),
  ]));
}

/** The inputs back from packNetworkInputs (a plain link for every dependency without an entry). */
export function unpackNetworkInputs(packed: string): NetworkInput[] {
  return (JSON.parse(packed) as PackedRow[]).map(([id, name, dependsOn, probability, group, special]) => {
    const byId = new Map(special.map(([link, type, lag]) => [link, { id: link, type, lag } as Dependency]));
    return {
      id, name, dependsOn, probability: probability ?? Number.NaN, group,
      links: dependsOn.map((dep) => byId.get(dep) ?? { id: dep, type: 'FS' as const, lag: 0 }),
    };
  });
}
