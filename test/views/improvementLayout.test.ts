import { describe, expect, it } from 'vitest';
import type { Improvement } from '../../src/engine/journey/types.ts';
import {
  formatGain, improvementLayout, improvementMeasure, improvementSentence, rankImprovements, shorteningText,
} from '../../src/views/improvementLayout.ts';
import { textWidth } from '../../src/views/text.ts';

/** A gain written by hand: base 62%, the improved chance and its standard error in points. */
function gain(id: string, improved: number, se: number, tie = false, p80Gain = 1): Improvement {
  return {
    id, pTargetBase: 0.62, pTargetImproved: improved, pTargetGain: improved - 0.62, pTargetGainSE: se / 100,
    p80Base: 40, p80Improved: 40 - p80Gain, p80Gain, tie,
  };
}

const names = new Map([['TR', 'Trial'], ['RV', 'Reads reviews'], ['CM', 'Compares'], ['AD', 'Sees an ad'], ['RP', 'Second order']]);

describe('rankImprovements', () => {
  it('orders by gain, best first, and gives tied touchpoints one rank (1, 2=, 2=, 4)', () => {
    // Gains in points: TR 9, RV 4, CM 3.6 (RV–CM tie: within one SE), AD 1, RP 0.
    const list = [gain('AD', 0.63, 0.3), gain('CM', 0.656, 0.5), gain('TR', 0.71, 0.8), gain('RV', 0.66, 0.5, true), gain('RP', 0.62, 0.1)];
    const ranked = rankImprovements(list, 'pTarget');
    expect(ranked.map((r) => [r.item.id, r.rank, r.tied])).toEqual([
      ['TR', 1, false], ['RV', 2, true], ['CM', 2, true], ['AD', 4, false], ['RP', 5, false],
    ]);
  });

  it('chains ties: three touchpoints each within a standard error of the next share the first rank', () => {
    const list = [gain('TR', 0.70, 1, true), gain('RV', 0.695, 1, true), gain('CM', 0.69, 1), gain('AD', 0.64, 0.5)];
    expect(rankImprovements(list, 'pTarget').map((r) => `${r.item.id}${r.rank}${r.tied ? '=' : ''}`)).toEqual(['TR1=', 'RV1=', 'CM1=', 'AD4']);
  });

  it('leaves out touchpoints without a finite gain', () => {
    expect(rankImprovements([gain('TR', Number.NaN, 1), gain('RV', 0.7, 1)], 'pTarget').map((r) => r.item.id)).toEqual(['RV']);
  });
});

describe('improvementMeasure', () => {
  it('ranks by the chance of finishing by the target while some gain exceeds its error, else by P80', () => {
    expect(improvementMeasure([gain('TR', 0.71, 0.8)])).toBe('pTarget');
    // Every run already finishes in time: no gain, so P80 decides.
    const done = { ...gain('TR', 1, 0), pTargetBase: 1, pTargetGain: 0 };
    expect(improvementMeasure([done])).toBe('p80');
    // A gain of 0.2 points with an error of 0.5 points is noise.
    expect(improvementMeasure([gain('TR', 0.622, 0.5)])).toBe('p80');
  });
});

describe('improvementSentence', () => {
  const options = { factor: 0.9, target: 30, timeUnit: 'days' };

  it('names the top touchpoint with both chances as whole percentages and the time unit', () => {
    const list = [gain('RV', 0.66, 0.5), gain('TR', 0.71, 0.8), gain('AD', 0.63, 0.3)];
    expect(improvementSentence(list, names, options)).toBe('Shortening Trial by 10% raises the chance of finishing in 30 days from 62% to 71%.');
  });

  it('names tied leaders together and says the difference is noise', () => {
    const list = [gain('TR', 0.71, 0.8, true), gain('RV', 0.705, 0.8), gain('AD', 0.63, 0.3)];
    expect(improvementSentence(list, names, { ...options, timeUnit: 'weeks', factor: 0.8 })).toBe(
      'Shortening Trial or Reads reviews by 20% raises the chance of finishing in 30 weeks from 62% to 71% '
      + '(a tie: the difference between them is within the simulation\'s noise).',
    );
  });

  it('falls back to P80 when every run already finishes in time', () => {
    const done = (id: string, p80Gain: number) => ({ ...gain(id, 1, 0, false, p80Gain), pTargetBase: 1, pTargetGain: 0 });
    expect(improvementSentence([done('RV', 0.5), done('TR', 2.25)], names, options)).toBe(
      'Nearly every run already finishes in 30 days; shortening Trial by 10% brings P80 from 40.0 to 37.8 days.',
    );
  });

  it('rounds the chances from the one-decimal figures the statistics show', () => {
    // 0.725 is 0.72499999… in floating point: shown as 72.5% above, so 73% here.
    const item = { ...gain('TR', 0.804, 0.8), pTargetBase: 0.725, pTargetGain: 0.079 };
    expect(improvementSentence([item], names, options)).toBe('Shortening Trial by 10% raises the chance of finishing in 30 days from 73% to 80%.');
  });

  it('says nothing without gains', () => {
    expect(improvementSentence([], names, options)).toBe('');
  });
});

describe('improvementLayout', () => {
  const list = [gain('AD', 0.63, 0.3), gain('CM', 0.656, 0.5), gain('TR', 0.71, 0.8), gain('RV', 0.66, 0.5, true), gain('RP', 0.62, 0.1)];

  it('draws bars from zero in proportion to the gain, in rank order, one row each', () => {
    const layout = improvementLayout(list, names, 480);
    expect(layout.bars.map((b) => b.id)).toEqual(['TR', 'RV', 'CM', 'AD', 'RP']);
    expect(layout.bars.map((b) => b.y)).toEqual([0, 1, 2, 3, 4].map((k) => k * layout.rowHeight));
    const unit = layout.bars[0].width / 9; // pixels per point (Trial gains 71 − 62 = 9 points)
    expect(layout.bars[1].width).toBeCloseTo(4 * unit, 6);
    expect(layout.bars[3].width).toBeCloseTo(1 * unit, 6);
    for (const bar of layout.bars) expect(bar.x).toBeCloseTo(layout.zero, 9);
    // The whisker spans ± one standard error: Trial's 0.8 points either side of its end.
    expect(layout.bars[0].errorTo - layout.bars[0].errorFrom).toBeCloseTo(1.6 * unit, 6);
  });

  it('writes each touchpoint\'s P80 gain for the tooltip and the list read aloud', () => {
    const layout = improvementLayout([gain('TR', 0.71, 0.8, false, 2.25), gain('RV', 0.66, 0.5, false, -0.3)], names, 480, { timeUnit: 'days' });
    expect(layout.bars.map((b) => b.p80Text)).toEqual(['P80 2.3 days shorter', 'P80 0.3 days longer']);
  });

  it('marks ties in the rank written beside the bar', () => {
    const layout = improvementLayout(list, names, 480);
    expect(layout.bars.map((b) => b.rankText)).toEqual(['1', '2=', '2=', '4', '5']);
  });

  it('keeps every value text inside the chart and clear of the names, at a narrow width too', () => {
    for (const width of [300, 480, 800]) {
      const layout = improvementLayout(list, names, width, { timeUnit: 'days' });
      for (const bar of layout.bars) {
        expect(bar.valueX).toBeGreaterThan(layout.labelWidth);
        expect(bar.valueX + textWidth(bar.valueText)).toBeLessThanOrEqual(width + 1e-9);
        expect(textWidth(bar.label)).toBeLessThanOrEqual(layout.labelWidth - layout.rankWidth);
      }
    }
  });

  it('shows the ten best when there are more', () => {
    const many = Array.from({ length: 25 }, (_, k) => gain(`T${k}`, 0.62 + k / 1000, 0.01));
    const layout = improvementLayout(many, new Map(), 480);
    expect(layout.bars).toHaveLength(10);
    expect(layout.bars[0].id).toBe('T24');
  });
});

describe('formatGain and shorteningText', () => {
  it('write points with a sign and P80 gains in the time unit', () => {
    expect(formatGain(9, 'pTarget', 'days')).toBe('+9.0 pts');
    expect(formatGain(-0.44, 'pTarget', 'days')).toBe('−0.4 pts');
    expect(formatGain(2.25, 'p80', 'days')).toBe('2.3 days shorter');
    expect(shorteningText(0.9)).toBe('10%');
    expect(shorteningText(0.75)).toBe('25%');
  });
});
