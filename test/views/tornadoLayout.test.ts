import { describe, expect, it } from 'vitest';
import { formatCorrelation, topByMagnitude, tornadoLayout, tornadoReach } from '../../src/views/tornadoLayout.ts';
import { charactersThatFit, formatQuantity, textWidth, truncate, wrapLabel } from '../../src/views/text.ts';

describe('tornadoLayout', () => {
  const sensitivity = Float64Array.from([0.1, -0.7, 0.4, Number.NaN, 0.05, 0.7, -0.2, 0.3, 0.01, 0.6, -0.5, 0.02, 0.15]);
  const names = sensitivity.length ? Array.from(sensitivity, (_, k) => `Touchpoint ${k}`) : [];

  it('orders touchpoints by the size of their correlation, largest first, ties by input row', () => {
    // |ρ| by hand: 0.7 (rows 1 and 5, tie → 1 first), 0.6, 0.5, 0.4, 0.3, 0.2, 0.15, 0.1, 0.05, 0.02, 0.01.
    expect(topByMagnitude(sensitivity, 10)).toEqual([1, 5, 9, 10, 2, 7, 6, 12, 0, 4]);
  });

  it('keeps the 10 most influential touchpoints and leaves out ones without a figure', () => {
    const layout = tornadoLayout(sensitivity, names, 500);
    expect(layout.bars).toHaveLength(10);
    expect(layout.bars.some((b) => b.index === 3)).toBe(false);
    expect(layout.bars.map((b) => b.y)).toEqual(layout.bars.map((_, k) => k * layout.rowHeight));
  });

  it('grows bars from the centre line, right for positive and left for negative, in proportion to ρ', () => {
    const layout = tornadoLayout(sensitivity, names, 500);
    const unit = layout.bars.find((b) => b.index === 5)!.width / 0.7; // pixels per unit of ρ
    for (const bar of layout.bars) {
      expect(bar.width).toBeCloseTo(Math.abs(bar.value) * unit, 9);
      if (bar.value >= 0) expect(bar.x).toBeCloseTo(layout.centre, 9);
      else expect(bar.x + bar.width).toBeCloseTo(layout.centre, 9);
    }
    // The scale reaches 0.75 either side (|ρ| ≤ 0.7 rounded up to a quarter); 0.5 sits 0.5 units right of zero.
    const half = layout.axis.find((t) => t.label === '0.5')!;
    expect(half.x - layout.centre).toBeCloseTo(0.5 * unit, 9);
    expect(layout.axis.find((t) => t.label === '−0.5')!.x - layout.centre).toBeCloseTo(-0.5 * unit, 9);
  });

  it('scales to the largest |ρ| rounded up to a quarter, never below 0.25 nor beyond 1', () => {
    expect(tornadoReach([0.51, -0.2])).toBe(0.75);
    expect(tornadoReach([0.5])).toBe(0.5);
    expect(tornadoReach([0.02])).toBe(0.25);
    expect(tornadoReach([-0.98])).toBe(1);
    expect(tornadoReach([])).toBe(0.25);
  });

  it('writes values beyond the bar ends without running into the names', () => {
    const layout = tornadoLayout(sensitivity, names, 320);
    for (const bar of layout.bars) {
      if (bar.value < 0) {
        expect(bar.valueAnchor).toBe('end');
        expect(bar.valueX - textWidth(formatCorrelation(bar.value))).toBeGreaterThanOrEqual(layout.labelWidth);
      } else {
        expect(bar.valueAnchor).toBe('start');
        expect(bar.valueX + textWidth(formatCorrelation(bar.value))).toBeLessThanOrEqual(layout.width);
      }
    }
  });

  it('wraps a long name onto two lines, cuts what still does not fit, and keeps the full name for the tooltip', () => {
    const long = 'A very long touchpoint name that would never fit beside the bars';
    const layout = tornadoLayout([0.9], [long], 360);
    expect(layout.bars[0].name).toBe(long);
    // Room for names: 40% of 360 px = 144 px, 21 characters at 11 px × 0.62 em.
    expect(layout.bars[0].lines).toEqual(['A very long', 'touchpoint name that…']);
    expect(layout.bars[0].label).toBe('A very long touchpoint name that…');
    for (const line of layout.bars[0].lines) expect(textWidth(line)).toBeLessThanOrEqual(layout.labelWidth);
    expect(layout.rowHeight).toBe(32);
  });

  it('wraps a name that fits in two lines without cutting it', () => {
    const name = 'Newsletter sign-up and nurture';
    const layout = tornadoLayout([0.9, 0.2], [name, 'Short'], 360);
    expect(layout.bars[0].lines).toEqual(['Newsletter sign-up', 'and nurture']);
    expect(layout.bars[1].lines).toEqual(['Short']);
  });

  it('names a touchpoint by its id when no name is given', () => {
    const layout = tornadoLayout([0.5, 0.4], ['', 'Second'], 400, { fallback: ['T1', 'T2'] });
    expect(layout.bars.map((b) => b.name)).toEqual(['T1', 'Second']);
  });

  it('has no bars for a run without sensitivities', () => {
    expect(tornadoLayout(new Float64Array(0), [], 400).bars).toEqual([]);
  });
});

describe('label text', () => {
  it('wraps at spaces onto at most the lines asked for, breaking a word longer than a line', () => {
    expect(wrapLabel('Checkout and payment', 20)).toEqual(['Checkout and payment']);
    expect(wrapLabel('Checkout and payment', 12)).toEqual(['Checkout and', 'payment']);
    expect(wrapLabel('Onboarding-and-activation call', 10)).toEqual(['Onboarding', '-and-acti…']);
    expect(wrapLabel('one two three four five', 7, 3)).toEqual(['one two', 'three', 'four f…']);
  });

  it('truncates to the given length, ending in an ellipsis, and leaves short text alone', () => {
    expect(truncate('Checkout and payment', 10)).toBe('Checkout…');
    expect(truncate('Checkout', 10)).toBe('Checkout');
    expect(truncate('Checkout and payment', 10)).toHaveLength(9);
  });

  it('fits as many characters as the estimated width allows', () => {
    const count = charactersThatFit(100);
    expect(textWidth('x'.repeat(count))).toBeLessThanOrEqual(100);
    expect(textWidth('x'.repeat(count + 1))).toBeGreaterThan(100);
  });

  it('writes quantities without trailing zeros and correlations with a true minus sign', () => {
    expect(formatQuantity(47.5)).toBe('47.5');
    expect(formatQuantity(50)).toBe('50');
    expect(formatQuantity(Number.NaN)).toBe('–');
    expect(formatCorrelation(-0.456)).toBe('−0.46');
    expect(formatCorrelation(0.5)).toBe('0.50');
    expect(formatCorrelation(-0.001)).toBe('0.00');
  });
});

describe('tornado names', () => {
  it('shows every name whole when the longest fits in the room for names', () => {
    const name = 'Newsletter sign-up and nurture';
    const layout = tornadoLayout([0.5, 0.3], [name, 'Short'], 740);
    expect(layout.bars.map((b) => b.label)).toEqual([name, 'Short']);
  });
});
