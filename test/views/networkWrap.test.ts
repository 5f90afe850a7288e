import { describe, expect, it } from 'vitest';
import { coerceJourney } from '../../src/engine/journey/coerceJourney.ts';
import { exampleJourney } from '../../src/engine/journey/exampleJourney.ts';
import { networkLayout } from '../../src/views/networkLayout.ts';
import { LAYER_GAP, NODE_HEIGHT, NODE_WIDTH, type NetworkInput } from '../../src/views/networkShapes.ts';
import { balancedColumns, bandWidth, columnsThatFit, wrapNetwork, WRAP_PAD } from '../../src/views/networkWrap.ts';

const chain = (count: number): NetworkInput[] =>
  Array.from({ length: count }, (_, k) => ({ id: `T${k}`, name: `Touchpoint ${k}`, dependsOn: k ? [`T${k - 1}`] : [] }));

/** Whether two boxes of the node size overlap. */
const overlap = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  Math.abs(a.x - b.x) < NODE_WIDTH && Math.abs(a.y - b.y) < NODE_HEIGHT;

describe('columnsThatFit', () => {
  it('fits one more column for every layer gap of width beyond one band', () => {
    expect(columnsThatFit(bandWidth(1))).toBe(1);
    expect(columnsThatFit(bandWidth(1) + LAYER_GAP - 1)).toBe(1);
    expect(columnsThatFit(bandWidth(4))).toBe(4);
    expect(columnsThatFit(bandWidth(4) + LAYER_GAP)).toBe(5);
  });
  it('always gives at least one column, also for a box narrower than a touchpoint or of unknown width', () => {
    expect(columnsThatFit(40)).toBe(1);
    expect(columnsThatFit(Number.NaN)).toBe(1);
  });
});

describe('wrapNetwork', () => {
  it('leaves a journey that fits in one band as it was laid out', () => {
    const layout = networkLayout(chain(3));
    expect(wrapNetwork(layout, 3)).toBe(layout);
    expect(wrapNetwork(layout, 10)).toBe(layout);
  });

  it('puts a chain of seven in bands of three: columns restart at the left, each band under the last', () => {
    const layout = networkLayout(chain(7));
    const wrapped = wrapNetwork(layout, 3);
    expect(wrapped.width).toBe(bandWidth(3));
    const x = wrapped.nodes.map((node) => node.x);
    // Column k of every band sits where column k of the first does.
    expect(x[3]).toBe(x[0]);
    expect(x[6]).toBe(x[0]);
    expect(x[4]).toBe(x[1]);
    expect(x[1] - x[0]).toBe(LAYER_GAP);
    expect(x[0]).toBe(layout.nodes[0].x + WRAP_PAD);
    const y = wrapped.nodes.map((node) => node.y);
    expect(y[3]).toBeGreaterThan(y[2] + NODE_HEIGHT);
    expect(y[6]).toBeGreaterThan(y[5] + NODE_HEIGHT);
    expect(y[1]).toBe(y[0]);
  });

  it('keeps every touchpoint inside the drawing and no two of them on top of each other', () => {
    const layout = networkLayout(coerceJourney(exampleJourney).touchpoints);
    for (const columns of [1, 2, 3, 4, 5]) {
      const wrapped = wrapNetwork(layout, columns);
      for (const node of wrapped.nodes) {
        expect(node.x - NODE_WIDTH / 2).toBeGreaterThanOrEqual(0);
        expect(node.x + NODE_WIDTH / 2).toBeLessThanOrEqual(wrapped.width);
        expect(node.y - NODE_HEIGHT / 2).toBeGreaterThanOrEqual(0);
        expect(node.y + NODE_HEIGHT / 2).toBeLessThanOrEqual(wrapped.height);
      }
      for (let a = 0; a < wrapped.nodes.length; a++) {
        for (let b = a + 1; b < wrapped.nodes.length; b++) expect(overlap(wrapped.nodes[a], wrapped.nodes[b])).toBe(false);
      }
    }
  });

  it('draws an edge into the next band as one path out on the right and in on the left, within the drawing', () => {
    const wrapped = wrapNetwork(networkLayout(chain(4)), 2);
    const across = wrapped.edges.find((edge) => edge.from === 1 && edge.to === 2)!;
    const numbers = across.path.match(/-?\d+(\.\d+)?/g)!.map(Number);
    expect(numbers.every(Number.isFinite)).toBe(true);
    const xs = numbers.filter((_, k) => k % 2 === 0);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThanOrEqual(wrapped.width);
    // It starts at the right of T1 and ends at the left of T2.
    expect(across.path.startsWith(`M${wrapped.nodes[1].x + NODE_WIDTH / 2},`)).toBe(true);
    expect(across.path.endsWith(`${wrapped.nodes[2].x - NODE_WIDTH / 2},${wrapped.nodes[2].y}`)).toBe(true);
  });

  it('moves a label on a stretch into the next band to just left of where its edge comes in', () => {
    const inputs = chain(4);
    inputs[2] = { ...inputs[2], links: [{ id: 'T1', type: 'FS', lag: 7 }] };
    const wrapped = wrapNetwork(networkLayout(inputs), 2);
    const label = wrapped.edges.find((edge) => edge.to === 2)!.label!;
    expect(label.text).toBe('+7');
    expect(label.x - label.width / 2).toBeGreaterThanOrEqual(0);
    expect(label.x + label.width / 2).toBeLessThanOrEqual(wrapped.nodes[2].x - NODE_WIDTH / 2);
  });

  it('leaves a simplified drawing of marks unwrapped', () => {
    const layout = networkLayout(chain(6));
    const marks = { ...layout, nodes: layout.nodes.map((node) => ({ ...node, mark: true })) };
    expect(wrapNetwork(marks, 2)).toBe(marks);
  });
});

describe('wrapNetwork without points', () => {
  it('leaves a drawing whose edges crossed without their points as it is', () => {
    const layout = networkLayout(chain(6));
    const bare = { ...layout, edges: layout.edges.map((edge) => ({ ...edge, points: [] as [number, number][] })) };
    expect(wrapNetwork(bare, 2)).toBe(bare);
  });
});

describe('balancedColumns', () => {
  it('shares the layers out evenly over the fewest bands that fit', () => {
    expect(balancedColumns(11, 5)).toBe(4);
    expect(balancedColumns(10, 5)).toBe(5);
    expect(balancedColumns(12, 1)).toBe(1);
    expect(balancedColumns(6, 4)).toBe(3);
  });
  it('keeps what fits when the journey fits in one band', () => {
    expect(balancedColumns(3, 5)).toBe(5);
    expect(balancedColumns(0, 5)).toBe(5);
  });
});
