/**
 * What the network drawing is made of: a touchpoint to draw (NetworkInput), the laid-out
 * nodes, edges, labels and group frames, and the sizes every part of the drawing shares.
 */
import type { Dependency } from '../engine/journey/index.ts';

/**
 * A touchpoint to draw. `probability` (default 1) and `group` (default none) mark optional
 * touchpoints and exclusive choices; `links` carry each dependency's type and lag.
 */
export interface NetworkInput {
  id: string; name: string; dependsOn: readonly string[];
  probability?: number; group?: string; links?: readonly Dependency[];
}

export interface LaidOutNode {
  id: string; name: string; index: number; layer: number; x: number; y: number;
  /** Share of journeys in which an optional touchpoint (not in a group) happens; null when it always does. */
  optional: number | null;
  /** The exclusive group the touchpoint is a choice in, '' when none. */
  group: string;
  /** Drawn as a small mark rather than a box with its name (a simplified drawing, see simplifiedNetwork.ts). */
  mark?: boolean;
}

/** Words written on an edge: the member's weight when it leads into an exclusive choice, and the link's type and lag. */
export interface EdgeLabel { text: string; x: number; y: number; width: number }

/** A dependency drawn from `from` to `to` (indices into the input); `cut` marks an edge removed to break a cycle. */
export interface LaidOutEdge { from: number; to: number; points: [number, number][]; path: string; cut: boolean; label: EdgeLabel | null }

/** The frame around the members of an exclusive group that share a column: "one of these happens". */
export interface GroupBracket { group: string; layer: number; x: number; y: number; width: number; height: number; label: string; labelX: number; labelY: number }

export interface NetworkLayout {
  nodes: LaidOutNode[];
  edges: LaidOutEdge[];
  groups: GroupBracket[];
  width: number;
  height: number;
  layerCount: number;
  /** Crossings between layers after ordering (dummy points included). */
  crossings: number;
  /** True when the dependencies had a cycle; its closing edges are the `cut` ones. */
  cyclic: boolean;
}

export const NODE_WIDTH = 150;
export const NODE_HEIGHT = 38;
/** Distance between layer columns: the gap left for edges to bend in is LAYER_GAP − NODE_WIDTH. */
export const LAYER_GAP = 240;
/** Pitch of touchpoints stacked in a column. */
export const ROW_GAP = 56;
/** Pitch of an edge passing through a column: narrower than a touchpoint so long edges cost little height. */
export const DUMMY_GAP = 14;
/** Extra room above and below an exclusive group's members, for its frame and name. */
export const GROUP_PAD = 20;
export const EDGE_LABEL_SIZE = 11;
export const EDGE_LABEL_HEIGHT = 13;
