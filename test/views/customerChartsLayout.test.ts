import { describe, expect, it } from 'vitest';
import { cumulativeLinesLayout, heatmapLayout, pairedBarsLayout, segmentChartLayout } from '../../src/views/customerChartsLayout.ts';
import { textWidth } from '../../src/views/text.ts';

describe('heatmapLayout', () => {
  it('puts row 0 at the bottom and shades each cell by its share of the largest value', () => {
    // Width 234: plot from 34 to 226, two columns of 96 px; rows of 16 px from y = 6, so the bottom is 38.
    const layout = heatmapLayout([[0, 1], [2, 4]], ['0', '1'], ['a', 'b'], 234);
    const at = (row: number, column: number) => layout.cells.find((c) => c.row === row && c.column === column)!;
    expect(at(0, 0)).toMatchObject({ x: 34, y: 22, width: 96, height: 16, fill: 'rgb(47 111 214 / 0.000)', label: '0.0' });
    expect(at(1, 1)).toMatchObject({ x: 130, y: 6, fill: 'rgb(47 111 214 / 1.000)', ink: 'white', label: '4.0' });
    expect(at(1, 0).fill).toBe('rgb(47 111 214 / 0.500)');
    expect(layout.max).toBe(4);
  });

  it('leaves labels out of cells too small for them and spaces column labels so they do not touch', () => {
    const values = [Array.from({ length: 40 }, (_, c) => c * 1.5)];
    const labels = values[0].map((v) => v.toFixed(1));
    const layout = heatmapLayout(values, ['0'], labels, 600);
    expect(layout.cells.every((c) => c.label === '')).toBe(true); // 14.15 px cells
    for (let k = 1; k < layout.columnTicks.length; k++) {
      const gap = layout.columnTicks[k].position - layout.columnTicks[k - 1].position;
      expect(gap).toBeGreaterThan((textWidth(layout.columnTicks[k].label, 10) + textWidth(layout.columnTicks[k - 1].label, 10)) / 2);
    }
  });
});

describe('pairedBarsLayout', () => {
  it('draws both bars of a group from the same baseline, heights in proportion', () => {
    const layout = pairedBarsLayout([{ label: '0', actual: 1, predicted: 2 }, { label: '7+', actual: 4, predicted: 3 }], 300, 200);
    const [first, second] = layout.groups;
    expect(first.actualY + first.actualHeight).toBeCloseTo(layout.plot.bottom, 9);
    expect(second.predictedY + second.predictedHeight).toBeCloseTo(layout.plot.bottom, 9);
    expect(second.actualHeight / first.actualHeight).toBeCloseTo(4, 9);
    expect(first.predictedHeight / first.actualHeight).toBeCloseTo(2, 9);
    expect(second.x).toBeGreaterThan(first.x + 2 * first.width);
  });
});

describe('cumulativeLinesLayout', () => {
  it('starts both curves at the left of the plot and places the marker at its value', () => {
    const layout = cumulativeLinesLayout([0, 10, 20], [0, 5, 10], [0, 4, 11], 10, 300, 200);
    expect(layout.actual.startsWith(`M${layout.plot.left},`)).toBe(true);
    expect(layout.marker).toBeCloseTo((layout.plot.left + layout.plot.right) / 2, 9);
    expect(cumulativeLinesLayout([0, 10], [0, 1], [0, 1], 50, 300, 200).marker).toBeNaN();
  });
});

describe('segmentChartLayout', () => {
  const segments = [
    { segment: 'Champions', customers: 488, revenueShare: 0.564, averageClv: 101.12 },
    { segment: 'Loyal', customers: 17, revenueShare: 0.011, averageClv: 6.45 },
    { segment: "Can't lose them", customers: 6, revenueShare: 0.011, averageClv: NaN },
  ];

  it('scales each panel to its largest value and keeps every figure inside its panel', () => {
    const layout = segmentChartLayout(segments, 600);
    layout.panels.forEach((panel, k) => {
      expect(layout.rows[0].bars[k].width).toBeCloseTo(panel.width - 4, 9);
      for (const row of layout.rows) {
        const bar = row.bars[k];
        expect(bar.textX).toBeGreaterThanOrEqual(panel.x - 1e-9);
        expect(bar.textX + textWidth(bar.text, 11)).toBeLessThanOrEqual(panel.x + panel.width + 1e-9);
      }
    });
    expect(layout.rows[1].bars[0].width / layout.rows[0].bars[0].width).toBeCloseTo(17 / 488, 9);
    expect(layout.rows[2].bars[2]).toMatchObject({ width: 0, text: '—' });
    expect(layout.rows[0].bars[0].inside).toBe(true);
  });
});
