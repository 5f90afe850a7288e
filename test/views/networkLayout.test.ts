import { describe, expect, it } from 'vitest';
import { coerceJourney } from '../../src/engine/journey/coerceJourney.ts';
import { exampleJourney } from '../../src/engine/journey/exampleJourney.ts';
import { linkSentence, linkText, shareText } from '../../src/views/edgeLabels.ts';
import { countCrossings } from '../../src/views/layerOrdering.ts';
import { acyclicPredecessors, assignLayers } from '../../src/views/networkLayers.ts';
import { networkLayout } from '../../src/views/networkLayout.ts';
import { DUMMY_GAP, EDGE_LABEL_HEIGHT, NODE_HEIGHT, NODE_WIDTH, type NetworkInput } from '../../src/views/networkShapes.ts';
import { randomLayeredJourney } from '../../bench/randomJourney.ts';
import { allNumbers } from './fixtures.ts';
import { textWidth } from '../../src/views/text.ts';

const node = (id: string, ...dependsOn: string[]): NetworkInput => ({ id, name: `Touchpoint ${id}`, dependsOn });

/** Crossings counted the slow, obvious way: every pair of links between the same two layers, by their y. */
function bruteCrossings(layout: ReturnType<typeof networkLayout>, inputs: readonly NetworkInput[]): number {
  const y = new Map(layout.nodes.map((n) => [n.id, n.y]));
  const layer = new Map(layout.nodes.map((n) => [n.id, n.layer]));
  const links = inputs.flatMap((input) => input.dependsOn.filter((d) => y.has(d)).map((d) => [d, input.id] as const));
  let crossings = 0;
  for (let i = 0; i < links.length; i++) {
    for (let j = i + 1; j < links.length; j++) {
      const [a, b] = links[i];
      const [c, d] = links[j];
      if (layer.get(a) !== layer.get(c) || layer.get(b) !== layer.get(d)) continue;
      if ((y.get(a)! - y.get(c)!) * (y.get(b)! - y.get(d)!) < 0) crossings++;
    }
  }
  return crossings;
}

function expectLayersAfterPredecessors(inputs: readonly NetworkInput[]): void {
  const layout = networkLayout(inputs);
  const layerOf = new Map(layout.nodes.map((n) => [n.id, n.layer]));
  for (const input of inputs) for (const dep of input.dependsOn) expect(layerOf.get(input.id)!).toBeGreaterThan(layerOf.get(dep)!);
}

function expectNoOverlapInLayers(layout: ReturnType<typeof networkLayout>): void {
  const byLayer = new Map<number, number[]>();
  for (const n of layout.nodes) byLayer.set(n.layer, [...(byLayer.get(n.layer) ?? []), n.y]);
  for (const ys of byLayer.values()) {
    ys.sort((a, b) => a - b);
    for (let k = 1; k < ys.length; k++) expect(ys[k] - ys[k - 1]).toBeGreaterThanOrEqual(NODE_HEIGHT);
  }
}

describe('networkLayout', () => {
  const example = coerceJourney(exampleJourney).touchpoints;
  const big = randomLayeredJourney(200);

  it('puts every touchpoint in a later layer than each of its predecessors', () => {
    expectLayersAfterPredecessors(example);
    expectLayersAfterPredecessors(big);
  });

  it('draws layers left to right, one column per layer', () => {
    const layout = networkLayout(example);
    for (const n of layout.nodes) expect(n.x).toBeCloseTo(layout.nodes.find((m) => m.layer === n.layer)!.x, 9);
    const columns = [...new Set(layout.nodes.map((n) => n.layer))].sort((a, b) => a - b);
    expect(columns).toEqual(Array.from({ length: layout.layerCount }, (_, k) => k));
  });

  it('never overlaps two touchpoints of a layer', () => {
    expectNoOverlapInLayers(networkLayout(example));
    expectNoOverlapInLayers(networkLayout(big));
  });

  it('keeps the touchpoints of a layer evenly spaced when no edge passes between them', () => {
    // A fans out to B, C, D: one column of three, one row pitch apart.
    const layout = networkLayout([node('A'), node('B', 'A'), node('C', 'A'), node('D', 'A')]);
    const ys = layout.nodes.filter((n) => n.layer === 1).map((n) => n.y).sort((a, b) => a - b);
    expect(ys[1] - ys[0]).toBeCloseTo(ys[2] - ys[1], 9);
    // And A sits level with the middle of its three successors.
    expect(layout.nodes[0].y).toBeCloseTo(ys[1], 9);
  });

  it('layers by longest path from the starts: a touchpoint waits for its slowest chain', () => {
    const layers = assignLayers([[], [0], [1], [0, 2]]);
    expect(layers).toEqual([0, 1, 2, 3]);
  });

  it('gives the same layers when the input order is not a topological one (the engine orders them)', () => {
    // The journey above with its rows reversed: D (waits for C and A), C (B), B (A), A — layers 3, 2, 1, 0.
    expect(assignLayers([[1, 3], [2], [3], []])).toEqual([3, 2, 1, 0]);
  });

  it('refuses predecessors with a cycle: acyclicPredecessors cuts them first', () => {
    expect(() => assignLayers([[1], [0]])).toThrow(/acyclic/);
  });

  it('moves a start that feeds only a late touchpoint next to it, instead of the first column', () => {
    // S feeds only D, which waits for A → B → C → D; S belongs in layer 2, beside C.
    const inputs = [node('A'), node('B', 'A'), node('C', 'B'), node('S'), node('D', 'C', 'S')];
    const layout = networkLayout(inputs);
    expect(layout.nodes.map((n) => n.layer)).toEqual([0, 1, 2, 2, 3]);
  });

  it('routes an edge that skips layers through one level lane per layer it crosses', () => {
    const layout = networkLayout([node('A'), node('B', 'A'), node('C', 'B', 'A')]);
    const long = layout.edges.find((e) => e.from === 0 && e.to === 2)!;
    // Start, in and out of layer 1's column, end.
    expect(long.points).toHaveLength(4);
    const middleX = layout.nodes[1].x;
    expect(long.points[1][0]).toBeCloseTo(middleX - NODE_WIDTH / 2, 9);
    expect(long.points[2][0]).toBeCloseTo(middleX + NODE_WIDTH / 2, 9);
    expect(long.points[1][1]).toBe(long.points[2][1]);
    // Its lane keeps clear of B's box.
    expect(Math.abs(long.points[1][1] - layout.nodes[1].y)).toBeGreaterThanOrEqual(NODE_HEIGHT / 2 + DUMMY_GAP / 2 - 1e-9);
    expect(long.path).toMatch(/^M/);
  });

  it('starts edges on the right side of a touchpoint and ends them on the left side of the next', () => {
    const layout = networkLayout(example);
    for (const edge of layout.edges) {
      const from = layout.nodes[edge.from];
      const to = layout.nodes[edge.to];
      expect(edge.points[0][0]).toBeCloseTo(from.x + NODE_WIDTH / 2, 9);
      expect(edge.points[edge.points.length - 1][0]).toBeCloseTo(to.x - NODE_WIDTH / 2, 9);
      expect(Math.abs(edge.points[0][1] - from.y)).toBeLessThan(NODE_HEIGHT / 2);
      expect(Math.abs(edge.points[edge.points.length - 1][1] - to.y)).toBeLessThan(NODE_HEIGHT / 2);
    }
  });

  it('uncrosses a twisted pair of edges (1 crossing in input order, 0 after ordering)', () => {
    // Input order puts C above D in layer 1, but C follows B and D follows A: the edges cross.
    const inputs = [node('A'), node('B'), node('C', 'B'), node('D', 'A')];
    expect(countCrossings([[0, 3], [1, 2]], [0, 1, 0, 1])).toBe(1);
    const layout = networkLayout(inputs);
    expect(layout.crossings).toBe(0);
    expect(bruteCrossings(layout, inputs)).toBe(0);
  });

  it('reverses a fully twisted 3 × 3 matching (3 crossings in input order) to none', () => {
    const inputs = [node('A'), node('B'), node('C'), node('X', 'C'), node('Y', 'B'), node('Z', 'A')];
    expect(countCrossings([[0, 5], [1, 4], [2, 3]], [0, 1, 2, 0, 1, 2])).toBe(3);
    const layout = networkLayout(inputs);
    expect(layout.crossings).toBe(0);
    expect(bruteCrossings(layout, inputs)).toBe(0);
  });

  it('leaves the one crossing a complete 2 × 2 join cannot avoid', () => {
    const inputs = [node('A'), node('B'), node('C', 'A', 'B'), node('D', 'A', 'B')];
    expect(networkLayout(inputs).crossings).toBe(1);
  });

  it('cuts the crossings of a 60-touchpoint journey to less than half of its input order', () => {
    const inputs = randomLayeredJourney(60, 3);
    const layout = networkLayout(inputs);
    // Input order, for comparison: the layout's own layers with rows in input order.
    const { predecessors } = acyclicPredecessors(inputs);
    const layers = assignLayers(predecessors);
    const inputOrder = networkLayoutInInputOrder(inputs, layers);
    // Measured: 666 crossings in input order, 221 after ordering.
    expect(layout.crossings).toBeLessThan(inputOrder / 2);
  });

  it('is deterministic: the same journey gives the same drawing', () => {
    expect(networkLayout(big)).toEqual(networkLayout(big.map((t) => ({ ...t, dependsOn: [...t.dependsOn] }))));
  });

  it('ignores unknown, repeated and self dependencies', () => {
    const layout = networkLayout([node('A', 'nowhere'), node('B', 'A', 'A', 'B')]);
    expect(layout.nodes.map((n) => n.layer)).toEqual([0, 1]);
    expect(layout.edges.filter((e) => !e.cut)).toHaveLength(1);
  });

  it('breaks a cycle instead of hanging, flags it and keeps the closing edge as a cut edge', () => {
    const layout = networkLayout([node('A', 'C'), node('B', 'A'), node('C', 'B'), node('D', 'C')]);
    expect(layout.cyclic).toBe(true);
    expect(layout.nodes.map((n) => n.layer)).toEqual([0, 1, 2, 3]);
    const cut = layout.edges.filter((e) => e.cut);
    expect(cut.map((e) => [e.from, e.to])).toEqual([[2, 0]]);
    expect(layout.edges.filter((e) => !e.cut)).toHaveLength(3);
    expect(allNumbers(layout).every(Number.isFinite)).toBe(true);
  });

  it('does not flag a journey without cycles', () => {
    expect(networkLayout(example).cyclic).toBe(false);
  });

  it('gives an empty journey an empty, finite drawing', () => {
    const layout = networkLayout([]);
    expect(layout.nodes).toEqual([]);
    expect(layout.edges).toEqual([]);
    expect(allNumbers(layout).every(Number.isFinite)).toBe(true);
  });

  it('keeps every coordinate finite and inside the drawing', () => {
    const layout = networkLayout(big);
    for (const n of layout.nodes) {
      expect(n.x - NODE_WIDTH / 2).toBeGreaterThanOrEqual(0);
      expect(n.x + NODE_WIDTH / 2).toBeLessThanOrEqual(layout.width);
      expect(n.y - NODE_HEIGHT / 2).toBeGreaterThanOrEqual(0);
      expect(n.y + NODE_HEIGHT / 2).toBeLessThanOrEqual(layout.height);
    }
    expect(allNumbers(layout).every(Number.isFinite)).toBe(true);
  });

  it('puts touchpoints with no dependencies either way at the foot of their column', () => {
    const layout = networkLayout([node('Alone'), node('A'), node('B', 'A'), node('C', 'A')]);
    const firstColumn = layout.nodes.filter((n) => n.layer === 0).sort((p, q) => p.y - q.y).map((n) => n.id);
    expect(firstColumn).toEqual(['A', 'Alone']);
  });

  it('lays out 1,000 touchpoints with every touchpoint placed once, after its predecessors', () => {
    // How long this takes is measured by `npm run bench` (bench/views.ts), not here.
    const journey = randomLayeredJourney(1000);
    const layout = networkLayout(journey);
    expect(layout.nodes.map((n) => n.id).sort()).toEqual(journey.map((t) => t.id).sort());
    expect(layout.nodes.flatMap((n) => [n.x, n.y]).every(Number.isFinite)).toBe(true);
    const layer = new Map(layout.nodes.map((n) => [n.id, n.layer]));
    for (const t of journey) for (const d of t.dependsOn) expect(layer.get(d)!).toBeLessThan(layer.get(t.id)!);
  });
});

describe('countCrossings', () => {
  it('agrees with counting every pair of links by hand (100 random cases)', () => {
    let seed = 11;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let c = 0; c < 100; c++) {
      const upper = 1 + Math.floor(6 * next());
      const lower = 1 + Math.floor(6 * next());
      const position = [...Array.from({ length: upper }, (_, k) => k), ...Array.from({ length: lower }, (_, k) => k)];
      const links: [number, number][] = Array.from({ length: Math.floor(10 * next()) }, () => [Math.floor(upper * next()), upper + Math.floor(lower * next())]);
      let expected = 0;
      for (let i = 0; i < links.length; i++) {
        for (let j = i + 1; j < links.length; j++) {
          const [a, b] = links[i];
          const [p, q] = links[j];
          if ((position[a] - position[p]) * (position[b] - position[q]) < 0) expected++;
        }
      }
      expect(countCrossings(links, position)).toBe(expected);
    }
  });
});

/** Crossings of the journey drawn with the same layers but rows in input order (dummies included). */
function networkLayoutInInputOrder(inputs: readonly NetworkInput[], layers: number[]): number {
  const { predecessors } = acyclicPredecessors(inputs);
  const itemLayer = layers.slice();
  const gaps = new Map<number, [number, number][]>();
  predecessors.forEach((preds, to) => {
    for (const from of preds) {
      let previous = from;
      for (let l = layers[from] + 1; l < layers[to]; l++) {
        const dummy = itemLayer.push(l) - 1;
        gaps.set(l - 1, [...(gaps.get(l - 1) ?? []), [previous, dummy]]);
        previous = dummy;
      }
      gaps.set(layers[to] - 1, [...(gaps.get(layers[to] - 1) ?? []), [previous, to]]);
    }
  });
  const position: number[] = [];
  const filled = new Map<number, number>();
  itemLayer.forEach((l, item) => { position[item] = filled.get(l) ?? 0; filled.set(l, position[item] + 1); });
  let crossings = 0;
  for (const links of gaps.values()) crossings += countCrossings(links, position);
  return crossings;
}

describe('networkLayout: branches, choices and lags', () => {
  // Signup is a choice: self-serve (70%) or sales-assisted (30%); support is optional (25%);
  // the review e-mail waits 7 days after first use; onboarding overlaps signup (start-to-start + 2).
  const inputs: NetworkInput[] = [
    { id: 'AD', name: 'Sees an ad', dependsOn: [] },
    { id: 'X', name: 'Unrelated start', dependsOn: [] },
    { id: 'SS', name: 'Self-serve signup', dependsOn: ['AD'], group: 'Signup', probability: 0.7, links: [{ id: 'AD', type: 'FS', lag: 0 }] },
    { id: 'Y', name: 'Something else', dependsOn: ['X'] },
    { id: 'SA', name: 'Sales-assisted signup', dependsOn: ['AD'], group: 'Signup', probability: 0.3, links: [{ id: 'AD', type: 'FS', lag: 2 }] },
    { id: 'ON', name: 'Onboarding', dependsOn: ['SS', 'SA'], links: [{ id: 'SS', type: 'SS', lag: 2 }, { id: 'SA', type: 'FS', lag: 0 }] },
    { id: 'SU', name: 'Support ticket', dependsOn: ['ON'], probability: 0.25, links: [{ id: 'ON', type: 'FS', lag: 0 }] },
    { id: 'RE', name: 'Review e-mail', dependsOn: ['ON'], links: [{ id: 'ON', type: 'FS', lag: 7 }] },
    { id: 'LT', name: 'Late fee', dependsOn: ['RE'], links: [{ id: 'RE', type: 'FS', lag: -2.5 }] },
  ];
  const layout = networkLayout(inputs);
  const nodeOf = (id: string) => layout.nodes.find((n) => n.id === id)!;
  const edgeOf = (from: string, to: string) => layout.edges.find((e) => layout.nodes[e.from].id === from && layout.nodes[e.to].id === to)!;

  it('writes lags and types as people type them', () => {
    expect(linkText({ type: 'FS', lag: 7 })).toBe('+7');
    expect(linkText({ type: 'FS', lag: -2 })).toBe('−2');
    expect(linkText({ type: 'SS', lag: 0 })).toBe('SS');
    expect(linkText({ type: 'SS', lag: 2 })).toBe('SS+2');
    expect(linkText({ type: 'FS', lag: 0 })).toBe('');
    expect(shareText(0.25)).toBe('25%');
    expect(shareText(0.125)).toBe('12.5%');
  });

  it('puts each link into words for its tooltip', () => {
    expect(linkSentence('First use', 'Review request', { type: 'FS', lag: 5 }, { timeUnit: 'days' })).toBe('Review request starts 5 days after First use finishes');
    expect(linkSentence('A', 'B', { type: 'FS', lag: -2.5 }, { timeUnit: 'days' })).toBe('B starts 2.5 days before A finishes');
    expect(linkSentence('Signup', 'Onboarding', { type: 'SS', lag: 2 })).toBe('Onboarding starts 2 after Signup starts');
    expect(linkSentence('A', 'B', { type: 'SS', lag: 0 })).toBe('B starts when A starts');
    expect(linkSentence('Ad', 'Self-serve', { type: 'FS', lag: 0 }, { weight: 0.7 })).toBe('Self-serve is the choice in 70% of journeys');
    expect(linkSentence('Ad', 'Sales', { type: 'FS', lag: 2 }, { weight: 0.3, timeUnit: 'days' }))
      .toBe('Sales is the choice in 30% of journeys; Sales starts 2 days after Ad finishes');
    expect(linkSentence('A', 'B', { type: 'FS', lag: 0 })).toBe('');
  });

  it('marks optional touchpoints with their probability, and group members not as optional', () => {
    expect(nodeOf('SU').optional).toBe(0.25);
    expect(nodeOf('RE').optional).toBeNull();
    expect(nodeOf('SS').optional).toBeNull();
    expect(nodeOf('SS').group).toBe('Signup');
  });

  it('puts each member\'s weight on the edge into it, with the lag after it, and lags on plain edges', () => {
    expect(edgeOf('AD', 'SS').label?.text).toBe('70%');
    expect(edgeOf('AD', 'SA').label?.text).toBe('30% · +2');
    expect(edgeOf('SS', 'ON').label?.text).toBe('SS+2');
    expect(edgeOf('SA', 'ON').label).toBeNull();
    expect(edgeOf('ON', 'RE').label?.text).toBe('+7');
    expect(edgeOf('RE', 'LT').label?.text).toBe('−2.5');
    expect(edgeOf('ON', 'SU').label).toBeNull();
  });

  it('draws the members of a group next to each other inside one frame, named above it', () => {
    expect(layout.groups).toHaveLength(1);
    const [frame] = layout.groups;
    expect(frame.label).toBe('Signup: one of');
    const members = [nodeOf('SS'), nodeOf('SA')];
    for (const m of members) {
      expect(m.x - NODE_WIDTH / 2).toBeGreaterThan(frame.x);
      expect(m.x + NODE_WIDTH / 2).toBeLessThan(frame.x + frame.width);
      expect(m.y - NODE_HEIGHT / 2).toBeGreaterThan(frame.y);
      expect(m.y + NODE_HEIGHT / 2).toBeLessThan(frame.y + frame.height);
    }
    // No other touchpoint of the column lies inside the frame or under its name.
    for (const other of layout.nodes.filter((n) => n.layer === frame.layer && n.group !== 'Signup')) {
      const inside = other.y + NODE_HEIGHT / 2 > frame.y - EDGE_LABEL_HEIGHT && other.y - NODE_HEIGHT / 2 < frame.y + frame.height;
      expect(inside).toBe(false);
    }
    expect(frame.labelY - 11).toBeGreaterThanOrEqual(0);
  });

  it('cuts a long group name to the width of its frame', () => {
    const long = inputs.map((input) => (input.group ? { ...input, group: 'Signup through any of our many partner channels' } : input));
    const [frame] = networkLayout(long).groups;
    expect(frame.label.endsWith('…')).toBe(true);
    expect(textWidth(frame.label, 11)).toBeLessThanOrEqual(frame.width - 2);
  });

  it('keeps edge labels apart from each other and from every touchpoint', () => {
    // A fan of six weighted members out of one start: their labels share one column.
    const fan: NetworkInput[] = [
      { id: 'S', name: 'Start', dependsOn: [] },
      ...Array.from({ length: 6 }, (_, k) => ({
        id: `M${k}`, name: `Member ${k}`, dependsOn: ['S'], group: 'G', probability: 1 / 6, links: [{ id: 'S', type: 'SS' as const, lag: k }],
      })),
      { id: 'E', name: 'End', dependsOn: ['M0', 'M1', 'M2', 'M3', 'M4', 'M5'], links: ['M0', 'M1', 'M2', 'M3', 'M4', 'M5'].map((id, k) => ({ id, type: 'FS' as const, lag: k + 1 })) },
    ];
    for (const case_ of [inputs, fan]) {
      const drawn = networkLayout(case_);
      const boxes = drawn.edges.flatMap((e) => (e.label ? [{ x0: e.label.x - e.label.width / 2, x1: e.label.x + e.label.width / 2, y0: e.label.y - EDGE_LABEL_HEIGHT / 2, y1: e.label.y + EDGE_LABEL_HEIGHT / 2 }] : []));
      expect(boxes.length).toBeGreaterThan(3);
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const overlap = boxes[i].x0 < boxes[j].x1 && boxes[j].x0 < boxes[i].x1 && boxes[i].y0 < boxes[j].y1 - 1e-9 && boxes[j].y0 < boxes[i].y1 - 1e-9;
          expect(overlap).toBe(false);
        }
        for (const n of drawn.nodes) {
          const overlap = boxes[i].x0 < n.x + NODE_WIDTH / 2 && n.x - NODE_WIDTH / 2 < boxes[i].x1;
          expect(overlap).toBe(false);
        }
        expect(boxes[i].y1).toBeLessThanOrEqual(drawn.height);
      }
    }
  });

  it('draws the same journey without branch fields exactly as before (no labels, no frames)', () => {
    const plain = inputs.map(({ id, name, dependsOn }) => ({ id, name, dependsOn }));
    const drawn = networkLayout(plain);
    expect(drawn.groups).toEqual([]);
    expect(drawn.edges.every((e) => e.label === null)).toBe(true);
  });
});
