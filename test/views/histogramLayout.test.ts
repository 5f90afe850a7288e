import { describe, expect, it } from 'vitest';
import { cumulativeAt, histogramLayout, placeLabels, readoutAt } from '../../src/views/histogramLayout.ts';
import { textWidth } from '../../src/views/text.ts';
import { allNumbers, handSimulation } from './fixtures.ts';

/** A small seeded generator for property checks (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('histogramLayout', () => {
  const simulation = handSimulation();

  it('draws one bar per bin, its edges exactly at the bin edges on the x scale', () => {
    const layout = histogramLayout(simulation, 15, 600, 300, 'histogram');
    expect(layout.bars).toHaveLength(4);
    layout.bars.forEach((bar, k) => {
      const start = 10 + 2 * k;
      expect(bar.start).toBe(start);
      expect(bar.end).toBe(start + 2);
      expect(bar.x).toBeCloseTo(layout.xScale(start), 9);
      // Bars wider than 4 px keep a one-pixel gap to the next.
      expect(bar.width).toBeCloseTo(layout.xScale(start + 2) - layout.xScale(start) - 1, 9);
    });
  });

  it('makes bar heights the share of iterations in each bin, honestly (counts 1, 3, 4, 2 of 10)', () => {
    const layout = histogramLayout(simulation, 15, 600, 300, 'histogram');
    expect(layout.bars.map((b) => b.share)).toEqual([0.1, 0.3, 0.4, 0.2]);
    expect(layout.bars.map((b) => b.count)).toEqual([1, 3, 4, 2]);
    const perShare = layout.bars[0].height / 0.1;
    layout.bars.forEach((bar) => expect(bar.height).toBeCloseTo(bar.share * perShare, 9));
    layout.bars.forEach((bar) => expect(bar.y + bar.height).toBeCloseTo(layout.plot.bottom, 9));
  });

  it('labels the y axis in whole percentages of iterations, starting at 0% on the baseline', () => {
    const layout = histogramLayout(simulation, 15, 600, 300, 'histogram');
    expect(layout.yTitle).toBe('Share of iterations');
    expect(layout.yTicks[0]).toMatchObject({ value: 0, label: '0%' });
    expect(layout.yTicks[0].position).toBeCloseTo(layout.plot.bottom, 9);
    for (const tick of layout.yTicks) expect(tick.label).toMatch(/^\d+%$/);
    // The tallest bar (40%) fits under the top tick.
    expect(layout.yTicks[layout.yTicks.length - 1].value).toBeGreaterThanOrEqual(0.4);
  });

  it('tops the y axis at 100% when every iteration falls in one bin (a journey of fixed times)', () => {
    const fixed = handSimulation({ histogram: { start: 5, binWidth: 0.05, counts: Uint32Array.from([10]) }, min: 5, max: 5, target: 5 });
    const layout = histogramLayout(fixed, 5, 600, 300, 'histogram');
    expect(layout.yTicks[layout.yTicks.length - 1].value).toBe(1);
    expect(layout.yTicks.every((tick) => tick.value <= 1)).toBe(true);
  });

  it('spans the bins and the target on the x axis, with ticks inside the plot', () => {
    const layout = histogramLayout(simulation, 21, 600, 300, 'histogram');
    const [from, to] = [layout.invertX(layout.plot.left), layout.invertX(layout.plot.right)];
    expect(from).toBeLessThanOrEqual(10);
    expect(to).toBeGreaterThanOrEqual(21);
    for (const tick of layout.xTicks) {
      expect(tick.position).toBeGreaterThanOrEqual(layout.plot.left - 1e-9);
      expect(tick.position).toBeLessThanOrEqual(layout.plot.right + 1e-9);
      expect(tick.label).toBe(String(tick.value));
    }
  });

  it('places the P50, P80, P95 and target markers at their values', () => {
    const layout = histogramLayout(simulation, 15, 600, 300, 'histogram');
    const byKey = Object.fromEntries(layout.markers.map((m) => [m.key, m]));
    expect(Object.keys(byKey)).toEqual(['p50', 'p80', 'p95', 'target']);
    expect(byKey.p50.x).toBeCloseTo(layout.xScale(14.5), 9);
    expect(byKey.p80.x).toBeCloseTo(layout.xScale(16), 9);
    expect(byKey.p95.x).toBeCloseTo(layout.xScale(17.5), 9);
    expect(byKey.target.x).toBeCloseTo(layout.xScale(15), 9);
    expect(byKey.p50.text).toBe('P50 14.5');
    expect(byKey.target.text).toBe('Target 15');
  });

  it('stacks crowded marker labels in rows above the plot so that none overlap', () => {
    const crowded = handSimulation({ percentiles: { p10: 12, p50: 14.5, p80: 14.6, p90: 14.65, p95: 14.7 } });
    for (const width of [280, 400, 900]) {
      const layout = histogramLayout(crowded, 14.55, width, 300, 'histogram');
      const boxes = layout.markers.map((m) => ({ row: m.labelRow, left: m.labelX - textWidth(m.text) / 2, right: m.labelX + textWidth(m.text) / 2, y: m.labelY }));
      for (let i = 0; i < boxes.length; i++) {
        expect(boxes[i].left).toBeGreaterThanOrEqual(layout.plot.left - 1e-9);
        expect(boxes[i].right).toBeLessThanOrEqual(layout.plot.right + 1e-9);
        // Text baseline plus descenders stays above the plot.
        expect(boxes[i].y + 4).toBeLessThanOrEqual(layout.plot.top);
        for (let j = i + 1; j < boxes.length; j++) {
          const sameRow = boxes[i].row === boxes[j].row;
          const apart = boxes[i].right <= boxes[j].left || boxes[j].right <= boxes[i].left;
          expect(sameRow ? apart : boxes[i].y !== boxes[j].y).toBe(true);
        }
      }
    }
  });

  it('keeps well separated marker labels on one row and the plot taller for it', () => {
    const spread = histogramLayout(simulation, 11, 900, 300, 'histogram');
    expect(new Set(spread.markers.map((m) => m.labelRow))).toEqual(new Set([0]));
    const crowded = histogramLayout(handSimulation({ percentiles: { p10: 12, p50: 14.5, p80: 14.6, p90: 14.65, p95: 14.7 } }), 14.55, 900, 300, 'histogram');
    expect(crowded.plot.top).toBeGreaterThan(spread.plot.top);
  });

  it('marks a target far beyond the results at the edge with an arrow instead of squeezing the bars', () => {
    const layout = histogramLayout(simulation, 500, 600, 300, 'histogram');
    const target = layout.markers.find((m) => m.key === 'target')!;
    expect(target.offscale).toBe('right');
    expect(target.x).toBe(layout.plot.right);
    expect(target.text).toBe('Target 500 →');
    expect(layout.invertX(layout.plot.right)).toBeLessThan(30);
  });

  it('draws the S-curve through the cumulative points on a 0–100% scale, and no bars', () => {
    const layout = histogramLayout(simulation, 15, 600, 300, 'cumulative');
    expect(layout.bars).toEqual([]);
    expect(layout.yTitle).toBe('P(finish ≤ time)');
    expect(layout.yScale(0)).toBeCloseTo(layout.plot.bottom, 9);
    expect(layout.yScale(1)).toBeCloseTo(layout.plot.top, 9);
    // The path's points, as d3-shape writes them (to 3 decimals), are the curve's five points.
    expect(layout.curve).toMatch(/^M[^A-Z]*(L[^A-Z]*){4}$/);
    const numbers = layout.curve.match(/-?\d+(\.\d+)?/g)!.map(Number);
    const expected = [[10, 0], [12, 0.1], [14, 0.4], [16, 0.8], [18, 1]].flatMap(([t, p]) => [layout.xScale(t), layout.yScale(p)]);
    expect(numbers).toHaveLength(expected.length);
    numbers.forEach((value, k) => expect(value).toBeCloseTo(expected[k], 2));
  });

  it('never produces NaN, even for a run with no iterations yet', () => {
    const empty = handSimulation({
      iterations: 0, mean: Number.NaN, sd: Number.NaN,
      percentiles: { p10: Number.NaN, p50: Number.NaN, p80: Number.NaN, p90: Number.NaN, p95: Number.NaN },
      histogram: { start: 0, binWidth: 1, counts: new Uint32Array(0) },
      cumulative: { time: new Float64Array(0), probability: new Float64Array(0) },
    });
    for (const mode of ['histogram', 'cumulative'] as const) {
      const layout = histogramLayout(empty, 40, 300, 300, mode);
      expect(allNumbers({ ...layout, xScale: 0, yScale: 0, invertX: 0 }).every(Number.isFinite)).toBe(true);
      expect(layout.markers.map((m) => m.key)).toEqual(['target']);
      expect(layout.curve).toBe('');
    }
  });
});

describe('placeLabels', () => {
  it('keeps labels on one row when they are apart, and centred on their x', () => {
    expect(placeLabels([{ x: 50, width: 40 }, { x: 150, width: 40 }], 300)).toEqual([{ x: 50, row: 0 }, { x: 150, row: 0 }]);
  });

  it('moves a label that would touch its neighbour to the next row', () => {
    const placed = placeLabels([{ x: 100, width: 60 }, { x: 120, width: 60 }, { x: 140, width: 60 }], 300);
    expect(placed.map((p) => p.row)).toEqual([0, 1, 2]);
  });

  it('keeps labels inside the chart at its edges', () => {
    expect(placeLabels([{ x: 2, width: 40 }, { x: 299, width: 40 }], 300)).toEqual([{ x: 20, row: 0 }, { x: 280, row: 0 }]);
  });

  it('never lets two labels on a row overlap, for any positions and widths (200 random cases)', () => {
    const next = random(7);
    for (let c = 0; c < 200; c++) {
      const span = 200 + 600 * next();
      const items = Array.from({ length: 1 + Math.floor(6 * next()) }, () => ({ x: span * next(), width: 20 + 120 * next() }));
      const placed = placeLabels(items, span, 4);
      for (let i = 0; i < items.length; i++) {
        for (let j = i + 1; j < items.length; j++) {
          if (placed[i].row !== placed[j].row) continue;
          const gap = Math.abs(placed[i].x - placed[j].x) - (items[i].width + items[j].width) / 2;
          expect(gap).toBeGreaterThanOrEqual(4 - 1e-9);
        }
      }
    }
  });
});

describe('cumulativeAt and readoutAt', () => {
  const simulation = handSimulation();

  it('reads P(finish ≤ time) off the curve, linear between its points as drawn', () => {
    // Between (14, 0.4) and (16, 0.8) the drawn line is 0.4 + 0.2 × (t − 14).
    expect(cumulativeAt(simulation, 15)).toBeCloseTo(0.6, 12);
    expect(cumulativeAt(simulation, 12)).toBeCloseTo(0.1, 12);
    expect(cumulativeAt(simulation, 9)).toBe(0);
    expect(cumulativeAt(simulation, 40)).toBe(1);
  });

  it('shows the bin under the pointer with its range and share in histogram mode', () => {
    const layout = histogramLayout(simulation, 15, 600, 300, 'histogram');
    const readout = readoutAt(layout, simulation, layout.xScale(15), 'days');
    expect(readout).toMatchObject({ bar: 2, y: null });
    expect(readout!.text).toBe('14–16 days: 40.0% of iterations (4)');
    expect(readoutAt(layout, simulation, layout.plot.left - 5, 'days')).toBeNull();
  });

  it('shows the time and P(finish ≤ time) with the point on the curve in cumulative mode', () => {
    const layout = histogramLayout(simulation, 15, 600, 300, 'cumulative');
    const readout = readoutAt(layout, simulation, layout.xScale(15), 'days');
    expect(readout!.text).toBe('P(finish ≤ 15.0 days) = 60.0%');
    expect(readout!.y).toBeCloseTo(layout.yScale(0.6), 9);
  });
});
