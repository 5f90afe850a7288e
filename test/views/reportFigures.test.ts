import { describe, expect, it } from 'vitest';
import { analyzePert } from '../../src/engine/pert/analyzePert.ts';
import { coerceJourney, exampleJourney } from '../../src/engine/journey/index.ts';
import { HOW_TO_READ, journeyTableRows, keyFigures, runLine } from '../../src/views/reportFigures.ts';
import { handSimulation } from './fixtures.ts';

const { touchpoints } = coerceJourney(exampleJourney);
const pert = analyzePert(touchpoints, 50);

describe('the report\'s key figures', () => {
  it('puts the PERT (normal) and Monte Carlo answers side by side', () => {
    const figures = keyFigures(handSimulation(), pert, 'days');
    expect(figures.map((f) => f.label)).toEqual(['Mean', 'SD', 'P50', 'P80', 'P95', 'P(finish by target)']);
    expect(figures[0]).toEqual({ label: 'Mean', pert: `${pert.mean.toFixed(1)} days`, monteCarlo: '14.6 days', pertValue: pert.mean, monteCarloValue: 14.6 });
    expect(figures[2].pert).toBe(figures[0].pert);
    expect(figures[5].monteCarlo).toBe('60.0%');
    // The CSV takes the plain numbers: a time in the unit, a chance as a share.
    expect(figures[5]).toMatchObject({ pertValue: pert.pTarget, monteCarloValue: 0.6 });
  });

  it('takes the PERT percentiles from the normal approximation: P95 is mean + 1.645 SD', () => {
    const p95 = Number.parseFloat(keyFigures(null, pert, 'days')[4].pert);
    // z(0.95) = 1.6449 (any table of the standard normal distribution).
    expect(p95).toBeCloseTo(pert.mean + 1.6449 * Math.sqrt(pert.variance), 1);
  });

  it('says "–" for the method that has no answer yet', () => {
    const figures = keyFigures(null, null, 'days');
    expect(figures.every((f) => f.pert === '–' && f.monteCarlo === '–')).toBe(true);
    expect(figures.every((f) => Number.isNaN(f.pertValue) && Number.isNaN(f.monteCarloValue))).toBe(true);
  });
});

describe('the report\'s journey table', () => {
  it('has one row per touchpoint with its estimates, links and computed figures', () => {
    const rows = journeyTableRows(touchpoints, pert, null);
    expect(rows).toHaveLength(touchpoints.length);
    expect(rows[2]).toMatchObject({ id: 'RV', estimates: '2 / 5 / 11', dependsOn: 'SE', criticality: '–' });
    expect(rows.filter((r) => r.critical === 'Yes').map((r) => r.id)).toEqual(pert.criticalPath.filter((id) => rows.some((r) => r.id === id)));
  });
});

describe('the report\'s wording', () => {
  it('names the runs, the seed and the target under the title', () => {
    expect(runLine(handSimulation(), 50, 'days')).toBe('10 simulation runs, seed 1; target 50 days.');
    expect(runLine(null, Number.NaN, 'days')).toBe('Not simulated yet.');
  });

  it('has one sentence for each figure', () => {
    for (const sentence of Object.values(HOW_TO_READ)) expect(sentence.match(/[.!?](\s|$)/g)).toHaveLength(1);
  });
});
