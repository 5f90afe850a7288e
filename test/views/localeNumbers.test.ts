/**
 * Numbers in the reader's locale: with navigator.language "de-DE" the sheet's computed columns,
 * the statistics, the report's figures, the charts' labels and the Customers tables write a
 * decimal comma and a dot between thousands (CLDR's German), while what is written for a machine
 * (the journey CSV, the cells a person types) stays as it was.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'svelte/server';
import { countNumber, fixedNumber, numberLocale, percentNumber, upToNumber } from '../../src/views/localeNumbers.ts';
import { computedCellText } from '../../src/ui/gridCells.ts';
import { formatPercent, formatTime, partialNote } from '../../src/views/statistics.ts';
import { keyFigures, journeyTableRows, runLine } from '../../src/views/reportFigures.ts';
import { formatCorrelation } from '../../src/views/tornadoLayout.ts';
import { formatGain } from '../../src/views/improvementLayout.ts';
import { formatQuantity } from '../../src/views/text.ts';
import { figure, money, moneySetting, percent, significant } from '../../src/ui/numbers.svelte.ts';
import StatisticsPanel from '../../src/views/StatisticsPanel.svelte';
import { journeyToCsv, parseTime } from '../../src/engine/journey/index.ts';
import { exampleJourney, exampleSettings } from '../../src/engine/journey/index.ts';
import { handPert, handSimulation } from './fixtures.ts';

// Intl writes German with a no-break space before % and €; compared here as plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

function speaking(language: string) {
  beforeEach(() => vi.stubGlobal('navigator', { language }));
  afterEach(() => vi.unstubAllGlobals());
}

describe('numbers in de-DE', () => {
  speaking('de-DE');

  it('are written with a decimal comma and dots between thousands', () => {
    expect(numberLocale()).toBe('de-DE');
    expect(fixedNumber(1234.567, 2)).toBe('1.234,57');
    expect(fixedNumber(-0.001, 2)).toBe('0,00');
    expect(upToNumber(47.5)).toBe('47,5');
    expect(upToNumber(1234.25)).toBe('1.234,25');
    expect(countNumber(10000)).toBe('10.000');
    expect(plain(percentNumber(0.8163))).toBe('81,6 %');
    expect(formatQuantity(50)).toBe('50');
  });

  it('fill the sheet\'s computed columns', () => {
    const pert = handPert({ expected: Float64Array.from([1234.5, 8.25, 4]), slack: Float64Array.from([0, 0, -0.001]) });
    const simulation = handSimulation({ criticality: Float64Array.from([1, 0.7, 0.3]), sensitivity: Float64Array.from([0.8, 0.5, -0.3]) });
    expect(computedCellText('expected', 0, pert, simulation)).toBe('1.234,50');
    expect(computedCellText('expected', 1, pert, simulation)).toBe('8,25');
    expect(computedCellText('slack', 2, pert, simulation)).toBe('0,00');
    expect(plain(computedCellText('criticality', 1, pert, simulation))).toBe('70 %');
    expect(computedCellText('sensitivity', 2, pert, simulation)).toBe('-0,30');
  });

  it('fill the statistics panel, each figure still starting with its number', () => {
    expect(formatTime(1234.56, 'hours')).toBe('1.234,6 hours');
    expect(plain(formatPercent(0.8163))).toBe('81,6 %');
    expect(partialNote({ complete: false, iterations: 3000, requestedIterations: 10000 })).toBe('(partial: 3.000 of 10.000 iterations)');
    const html = plain(render(StatisticsPanel, { props: { simulation: handSimulation(), pert: handPert(), target: 15, timeUnit: 'days' } }).body);
    expect(html).toContain('14,6 days');
    expect(html).toContain('60,0 % ± 15,5');
    expect(html).not.toMatch(/\d\.\d days/);
  });

  it('fill the report\'s key figures, journey table and run line', () => {
    const figures = keyFigures(handSimulation(), handPert(), 'days');
    expect(figures.find((f) => f.label === 'Mean')).toMatchObject({ label: 'Mean', pert: '13,0 days', monteCarlo: '14,6 days' });
    expect(plain(figures.find((f) => f.label === 'P(finish by target)')!.monteCarlo)).toBe('60,0 %');
    expect(runLine(handSimulation({ iterations: 10000 }), 47.5, 'days')).toBe('10.000 simulation runs, seed 1; target 47,5 days.');
    const rows = journeyTableRows([{ id: 'A', name: 'A', stage: '', optimistic: 1.5, mostLikely: 2, pessimistic: 3.25, distribution: 'beta-pert', dependsOn: [], links: [], probability: 1, group: '' }], handPert(), handSimulation());
    expect(rows[0].estimates).toBe('1,5 / 2 / 3,25');
  });

  it('label the charts', () => {
    expect(formatCorrelation(-0.304)).toBe('−0,30');
    expect(formatGain(2.14, 'p80', 'days')).toBe('2,1 days shorter');
    expect(formatGain(-9, 'pTarget', 'days')).toBe('−9,0 pts');
  });

  it('fill the Customers tables, money with the currency picked', () => {
    const picked = moneySetting.currency;
    try {
      moneySetting.currency = 'EUR';
      expect(plain(money(12345.678))).toBe('12.345,68 €');
      moneySetting.currency = '';
      expect(money(12345.678)).toBe('12.345,68');
    } finally {
      moneySetting.currency = picked;
    }
    expect(countNumber(1234567)).toBe('1.234.567');
    expect(figure(1234.56, 1)).toBe('1.234,6');
    expect(plain(percent(0.125))).toBe('12,5 %');
    expect(plain(percent(0.00044))).toBe('0,044 %');
    expect(significant(0.012345)).toBe('0,0123');
  });

  it('leave what is written for a machine or typed by a person as it was', () => {
    // The journey CSV keeps the cells as typed and its numbers with a dot.
    const csv = journeyToCsv([{ ...exampleJourney[0], optimistic: '2.5' }], { ...exampleSettings, target: 47.5, iterations: 10000 });
    expect(csv.split(/\r?\n/)[1].startsWith('AD,Sees a social ad,awareness,2.5,1,3,,beta-pert,47.5,10000,1,days')).toBe(true);
    // A time typed with a decimal comma is written with a dot; one that is not a number as typed.
    const typed = journeyToCsv([{ ...exampleJourney[0], optimistic: '2,5', pessimistic: 'soon, maybe' }]);
    expect(typed.split(/\r?\n/)[1]).toBe('AD,Sees a social ad,awareness,2.5,1,"soon, maybe",,beta-pert');
    // A cell accepts the decimal comma a German reader types, and the dot.
    expect(parseTime('3,5')).toBe(3.5);
    expect(parseTime('3.5')).toBe(3.5);
  });
});

describe('numbers in en-US', () => {
  speaking('en-US');

  it('are written with a decimal point and commas between thousands', () => {
    expect(fixedNumber(1234.567, 2)).toBe('1,234.57');
    expect(computedCellText('expected', 0, handPert({ expected: Float64Array.from([1234.5, 8, 4]) }), null)).toBe('1,234.50');
    expect(formatPercent(0.8163)).toBe('81.6%');
    expect(percent(0.00044)).toBe('0.044%');
    expect(percent(0)).toBe('0%');
  });
});
