/**
 * The views rendered to HTML on the server (no DOM needed), checked against the testing
 * contract in DESIGN.md: accessible names, the statistics' terms, one element per touchpoint.
 */
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import HistogramView from '../../src/views/HistogramView.svelte';
import NetworkView from '../../src/views/NetworkView.svelte';
import { networkDrawing } from '../../src/views/networkDrawing.ts';
import StatisticsPanel from '../../src/views/StatisticsPanel.svelte';
import TornadoView from '../../src/views/TornadoView.svelte';
import ImprovementView from '../../src/views/ImprovementView.svelte';
import CorrelationsEditor from '../../src/ui/CorrelationsEditor.svelte';
import { Workbook } from '../../src/state/workbook.svelte.ts';
import type { Improvement } from '../../src/engine/journey/types.ts';
import type { Touchpoint } from '../../src/engine/journey/types.ts';
import { handPert, handSimulation } from './fixtures.ts';

/** Text of an HTML fragment: comments and tags dropped, the few entities Svelte writes decoded. */
function text(html: string): string {
  return html.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

function attribute(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`${name}="([^"]*)"`, 'g'))].map((m) => text(m[1]));
}

/** The description list as [term, description] pairs. */
function terms(html: string): [string, string][] {
  return [...html.matchAll(/<dt[^>]*>([\s\S]*?)<\/dt>\s*(?:<!--[\s\S]*?-->\s*)*<dd[^>]*>([\s\S]*?)<\/dd>/g)]
    .map((m) => [text(m[1]).trim(), text(m[2]).trim().replace(/\s+/g, ' ')]);
}

const plain = { probability: 1, group: '' };
const fs = (id: string) => ({ id, type: 'FS' as const, lag: 0 });
const touchpoints: Touchpoint[] = [
  { id: 'A', name: 'Sees an ad', stage: 'awareness', optimistic: 4, mostLikely: 5, pessimistic: 6, distribution: 'beta-pert', dependsOn: [], links: [], ...plain },
  { id: 'B', name: 'Compares offers', stage: 'consideration', optimistic: 6, mostLikely: 8, pessimistic: 10, distribution: 'beta-pert', dependsOn: ['A'], links: [fs('A')], ...plain },
  { id: 'C', name: 'Reads reviews', stage: 'consideration', optimistic: 2, mostLikely: 4, pessimistic: 6, distribution: 'beta-pert', dependsOn: ['A'], links: [fs('A')], ...plain },
];

describe('StatisticsPanel', () => {
  it('lists Mean, SD, P50, P80, P95 and both chances of finishing by the target, each starting with its number', () => {
    const { body } = render(StatisticsPanel, { props: { simulation: handSimulation(), pert: handPert(), target: 15, timeUnit: 'days' } });
    const list = terms(body);
    expect(list.map(([term]) => term)).toEqual(['Mean', 'SD', 'P50', 'P80', 'P95', 'P(finish by target)', 'P(finish by target), PERT normal']);
    for (const [, description] of list) expect(Number.isFinite(Number.parseFloat(description))).toBe(true);
    const byTerm = Object.fromEntries(list);
    expect(byTerm.Mean).toMatch(/^14\.6 days/);
    expect(byTerm.P80).toMatch(/^16\.0 days/);
    // 0.6 ± √(0.6 × 0.4 / 10) = 0.155 → "60.0% ± 15.5".
    expect(byTerm['P(finish by target)']).toMatch(/^60\.0% ± 15\.5 .*Monte Carlo/);
    expect(byTerm['P(finish by target), PERT normal']).toMatch(/^90\.0% PERT \(normal\)/);
  });

  it('explains merge bias in one sentence when the answers differ by more than 5 points', () => {
    const { body } = render(StatisticsPanel, { props: { simulation: handSimulation(), pert: handPert(), target: 15, timeUnit: 'days' } });
    expect(text(body)).toMatch(/30 points more hopeful .* parallel branches merge .*\(merge bias\)\./);
    const close = render(StatisticsPanel, { props: { simulation: handSimulation(), pert: handPert({ pTarget: 0.62 }), target: 15, timeUnit: 'days' } });
    expect(text(close.body)).not.toMatch(/merge bias/);
  });

  it('marks a run stopped early as partial', () => {
    const simulation = handSimulation({ complete: false, iterations: 3000, requestedIterations: 10000 });
    const { body } = render(StatisticsPanel, { props: { simulation, pert: handPert(), target: 15, timeUnit: 'days' } });
    expect(text(body)).toContain('(partial: 3,000 of 10,000 iterations)');
  });

  it('says plainly, for a branched journey, that the classic figures are probability-weighted and the Monte Carlo is the answer', () => {
    const { body } = render(StatisticsPanel, { props: { simulation: handSimulation(), pert: handPert(), target: 15, timeUnit: 'days', branched: true } });
    const words = text(body);
    expect(words).toMatch(/has branches .* optional touchpoint's time weighted by its probability, an exclusive choice as the weighted mean .* the Monte Carlo .* is the answer/);
    expect(words).not.toMatch(/merge bias/);
    expect(Object.fromEntries(terms(body))['P(finish by target), PERT normal']).toMatch(/^90\.0% PERT \(normal\), probability-weighted/);
  });

  it('shows the classic answer alone while the simulation has not run', () => {
    const { body } = render(StatisticsPanel, { props: { simulation: null, pert: handPert(), target: 15, timeUnit: 'days' } });
    expect(terms(body).map(([term]) => term)).toEqual(['P(finish by target), PERT normal']);
  });
});

describe('HistogramView', () => {
  it('is an image named "Completion time histogram…" with one bar per bin, markers and axis titles', () => {
    const { body } = render(HistogramView, { props: { simulation: handSimulation(), target: 15, timeUnit: 'days' } });
    const svgName = attribute(body, 'aria-label').find((name) => name.startsWith('Completion time histogram'));
    expect(svgName).toBe('Completion time histogram: 10 iterations, P50 14.5, P80 16.0, P95 17.5 days; target 15 days');
    expect(body).toMatch(/<svg role="img"/);
    expect(body.match(/<rect class="bin/g)).toHaveLength(4);
    const words = text(body);
    for (const label of ['P50 14.5', 'P80 16.0', 'P95 17.5', 'Target 15', 'Completion time (days)', 'Share of iterations', 'Histogram', 'Cumulative']) {
      expect(words).toContain(label);
    }
    expect(body).not.toMatch(/NaN/);
  });
});

describe('TornadoView', () => {
  it('is an image named "Sensitivity tornado…" with a bar, name and value per touchpoint', () => {
    const { body } = render(TornadoView, { props: { simulation: handSimulation(), names: ['Sees an ad', 'Compares offers', 'Reads reviews'] } });
    const name = attribute(body, 'aria-label').find((n) => n.startsWith('Sensitivity tornado'))!;
    expect(name).toContain('Sees an ad 0.80, Compares offers 0.50, Reads reviews −0.30');
    expect(body.match(/<rect/g)).toHaveLength(3);
    expect(text(body)).toContain('−0.30');
    expect(body).toContain('<title>Reads reviews: −0.30</title>');
  });
});

describe('NetworkView', () => {
  const props = { touchpoints, drawing: networkDrawing(touchpoints), pert: handPert(), simulation: handSimulation(), selectedId: 'C', onselect: () => {} };

  it('is an image named after the journey and its critical path', () => {
    const { body } = render(NetworkView, { props });
    expect(attribute(body, 'aria-label')).toContain('Journey network: 3 touchpoints, critical path Sees an ad → Compares offers');
  });

  it('says what to do when the journey has no touchpoints instead of showing an empty box', () => {
    const { body } = render(NetworkView, { props: { ...props, touchpoints: [], drawing: networkDrawing([]), pert: null, simulation: null, selectedId: null } });
    expect(text(body)).toContain('No touchpoints yet: add a row to the journey and it is drawn here.');
    expect(text(render(NetworkView, { props }).body)).not.toContain('No touchpoints yet');
  });

  it('has one element per touchpoint with its id, critical ones marked', () => {
    const { body } = render(NetworkView, { props });
    expect(attribute(body, 'data-id')).toEqual(['A', 'B', 'C']);
    const critical = [...body.matchAll(/data-id="([^"]+)"[^>]*data-critical="true"/g)].map((m) => m[1]);
    expect(critical).toEqual(['A', 'B']);
  });

  it('labels nodes with name and id, outlines the selected one and highlights critical edges only', () => {
    const { body } = render(NetworkView, { props });
    const words = text(body);
    expect(words).toContain('Sees an ad');
    expect(words).toMatch(/A · 100%/);
    expect(body).toMatch(/class="node[^"]*selected[^"]*"[^>]*data-id="C"/);
    // A → B is critical (B starts when A finishes), A → C has slack.
    expect(body.match(/class="edge[^"]*critical/g)).toHaveLength(1);
    expect(words).toContain('Fit');
  });

  it('shows no criticality figures before a simulation has run, and a dashed edge closing a cycle', () => {
    const cyclic = touchpoints.map((t) => (t.id === 'A' ? { ...t, dependsOn: ['B'] } : t));
    const { body } = render(NetworkView, { props: { ...props, touchpoints: cyclic, drawing: networkDrawing(cyclic), pert: null, simulation: null } });
    expect(text(body.slice(body.indexOf('<svg')))).not.toMatch(/\d%/);
    expect(body.match(/class="edge[^"]*cut/g)).toHaveLength(1);
    expect(text(body)).toMatch(/go round in a circle/);
    expect(attribute(body, 'aria-label')).toContain('Journey network: 3 touchpoints, critical path not computed');
  });
});

describe('NetworkView with a simplified drawing', () => {
  // 400 touchpoints each waiting for the 20 before them: above the layout budget.
  const many: Touchpoint[] = Array.from({ length: 400 }, (_, k) => {
    const deps = Array.from({ length: Math.min(k, 20) }, (_, back) => `T${k - 1 - back}`);
    return { id: `T${k}`, name: `Step ${k}`, stage: '', optimistic: 1, mostLikely: 2, pessimistic: 3, distribution: 'beta-pert', dependsOn: deps, links: deps.map(fs), ...plain };
  });
  const path = ['T0', 'T1', 'T2'];
  const pert = { ...handPert(), ids: many.map((t) => t.id), critical: Uint8Array.from(many, (_, k) => (k < 3 ? 1 : 0)), criticalPath: path };
  const props = { touchpoints: many, drawing: networkDrawing(many, { emphasis: path }), pert, simulation: null, selectedId: null, onselect: () => {} };

  it('keeps one element per touchpoint with its id, critical ones marked, the rest as marks in their layers', () => {
    const { body } = render(NetworkView, { props });
    expect(attribute(body, 'data-id').sort()).toEqual(many.map((t) => t.id).sort());
    const critical = [...body.matchAll(/data-id="([^"]+)"[^>]*data-critical="true"/g)].map((m) => m[1]).sort();
    expect(critical).toEqual(path);
    expect(body.match(/<circle[^>]*class="mark/g)?.length).toBeGreaterThan(250);
    expect(attribute(body, 'aria-label').some((n) => n.startsWith('Journey network: 400 touchpoints, simplified, critical path Step 0 → Step 1 → Step 2'))).toBe(true);
  });

  it('says above the drawing what it shows and offers to draw every touchpoint', () => {
    const words = text(render(NetworkView, { props }).body);
    expect(words).toMatch(/Simplified drawing: 400 touchpoints are too many to lay out in full quickly\. They stand in 400 layers by depth, as marks; 399 of the 7,790 links are needed to show who waits for whom, and the critical path and its neighbours are drawn in full \(\d+ touchpoints\)\./);
    expect(words).toContain('Draw every touchpoint (slow)');
  });

  it('offers the simplified drawing again once every touchpoint was asked for', () => {
    const words = text(render(NetworkView, { props: { ...props, drawing: networkDrawing(many, { everything: true }), everything: true } }).body);
    expect(words).toContain('Every touchpoint and link is drawn, which is slow for a journey this size.');
    expect(words).toContain('Simplify the drawing');
    expect(words).not.toContain('Draw every touchpoint (slow)');
  });

  it('says the drawing is on its way until it arrives', () => {
    expect(text(render(NetworkView, { props: { ...props, drawing: null } }).body)).toContain('Drawing the network…');
    expect(text(render(NetworkView, { props }).body)).not.toContain('Drawing the network…');
  });
});

describe('ImprovementView', () => {
  const gain = (id: string, improved: number, se: number, tie = false): Improvement => ({
    id, pTargetBase: 0.62, pTargetImproved: improved, pTargetGain: improved - 0.62, pTargetGainSE: se,
    p80Base: 40, p80Improved: 39, p80Gain: 1, tie,
  });
  const names = new Map([['A', 'Sees an ad'], ['B', 'Trial'], ['C', 'Reads reviews']]);

  it('is a figure named "Where to improve…" with the top sentence and every value readable as text', () => {
    const improvement = [gain('A', 0.64, 0.004), gain('B', 0.71, 0.008, false), gain('C', 0.66, 0.005)];
    const { body } = render(ImprovementView, { props: { improvement, names, factor: 0.9, target: 30, timeUnit: 'days' } });
    const words = text(body);
    expect(words).toContain('Shortening Trial by 10% raises the chance of finishing in 30 days from 62% to 71%.');
    expect(attribute(body, 'aria-label').some((n) => n.startsWith('Where to improve'))).toBe(true);
    expect(body).toMatch(/<figure/);
    // The list a screen reader reads, best first.
    expect(words).toMatch(/Trial: \+9\.0 pts; P80 1\.0 days shorter\s*Reads reviews: \+4\.0 pts; P80 1\.0 days shorter\s*Sees an ad: \+2\.0 pts/);
    expect(body).not.toMatch(/NaN/);
  });

  it('marks tied touchpoints with "=" and says so in the list', () => {
    const improvement = [gain('B', 0.71, 0.008, true), gain('C', 0.705, 0.008), gain('A', 0.64, 0.004)];
    const { body } = render(ImprovementView, { props: { improvement, names, factor: 0.9, target: 30, timeUnit: 'days' } });
    const words = text(body);
    expect(words).toContain('Trial: +9.0 pts, tied at rank 1; P80');
    expect(words).toContain('Reads reviews: +8.5 pts, tied at rank 1; P80');
    expect(words).toContain('1=');
  });

  it('says it is working while the gains are being computed, and what it waits for before', () => {
    expect(text(render(ImprovementView, { props: { improvement: undefined, names, factor: 0.9, target: 30, timeUnit: 'days', pending: true } }).body))
      .toContain('Working out where improving helps most');
    expect(text(render(ImprovementView, { props: { improvement: undefined, names, factor: 0.9, target: 30, timeUnit: 'days' } }).body))
      .toContain('appears when the simulation has run');
    expect(text(render(ImprovementView, { props: { improvement: [], names, factor: 0.9, target: 30, timeUnit: 'days' } }).body))
      .toContain('No touchpoint is critical often enough');
  });
});

describe('NetworkView with branches and lags', () => {
  it('highlights an edge with a wait as critical when the wait is what holds the next touchpoint', () => {
    // A (0–5) → B with a 2-day wait: B starts at 7, exactly A's finish + 2, so A → B is tight.
    const lagged = [touchpoints[0], { ...touchpoints[1], links: [{ id: 'A', type: 'FS' as const, lag: 2 }] }, touchpoints[2]];
    const pert = handPert({ earliestStart: Float64Array.from([0, 7, 5]), earliestFinish: Float64Array.from([5, 15, 9]) });
    const { body } = render(NetworkView, { props: { touchpoints: lagged, drawing: networkDrawing(lagged), pert, simulation: null, selectedId: null, onselect: () => {} } });
    expect(body.match(/class="edge[^"]*critical/g)).toHaveLength(1);
    // Without the wait in the link, B starting at 7 after A's finish at 5 would be slack.
    const { body: plainBody } = render(NetworkView, { props: { touchpoints, drawing: networkDrawing(touchpoints), pert, simulation: null, selectedId: null, onselect: () => {} } });
    expect(plainBody.match(/class="edge[^"]*critical/g)).toBeNull();
  });

  const branched: Touchpoint[] = [
    touchpoints[0],
    { ...touchpoints[1], group: 'Choice', probability: 0.7, links: [{ id: 'A', type: 'FS', lag: 7 }] },
    { ...touchpoints[2], group: 'Choice', probability: 0.3 },
    { id: 'D', name: 'Support ticket', stage: '', optimistic: 1, mostLikely: 2, pessimistic: 3, distribution: 'beta-pert', dependsOn: ['B'], links: [{ id: 'B', type: 'SS', lag: 2 }], probability: 0.25, group: '' },
  ];

  it('draws the optional touchpoint dashed with its share, the choice in one frame with weights, and lags on edges', () => {
    const { body } = render(NetworkView, { props: { touchpoints: branched, drawing: networkDrawing(branched), pert: null, simulation: null, selectedId: null, onselect: () => {} } });
    const words = text(body);
    expect(attribute(body, 'aria-label')).toContain('Journey network: 4 touchpoints (1 optional, 1 exclusive choice), critical path not computed');
    expect(body).toMatch(/<rect[^>]*class="[^"]*optional/);
    expect(words).toContain('Choice: one of');
    expect(words).toContain('70% · +7');
    expect(words).toContain('30%');
    expect(words).toContain('SS+2');
    expect(body).toContain('<title>Support ticket starts 2 after Compares offers starts</title>');
    expect(body).toContain('Compares offers is the choice in 70% of journeys; Compares offers starts 7 after Sees an ad finishes');
    expect(words).toContain('25%');
    // Each node describes itself in its title (the network is one image to assistive technology).
    expect(body).toContain('<title>Support ticket (D), happens in 25% of journeys</title>');
  });
});

describe('CorrelationsEditor', () => {
  const rows = [
    { id: 'A', name: 'Ad', stage: '', optimistic: '1', mostLikely: '2', pessimistic: '3', distribution: '', dependsOn: '', probability: '', group: '' },
    { id: 'B', name: 'Visit', stage: '', optimistic: '1', mostLikely: '2', pessimistic: '3', distribution: '', dependsOn: 'A', probability: '', group: '' },
    { id: 'C', name: 'Buy', stage: '', optimistic: '1', mostLikely: '2', pessimistic: '3', distribution: '', dependsOn: 'B', probability: '', group: '' },
  ];

  it('lists the rows with labelled inputs, marks a bad row and says the list is not used until fixed', () => {
    const workbook = new Workbook(rows, { target: 9, iterations: 1000, seed: 1, timeUnit: 'days' }, [{ ids: 'A B', rho: '0.5' }, { ids: 'A Z', rho: '0.3' }]);
    const { body } = render(CorrelationsEditor, { props: { workbook, status: workbook.correlationStatus } });
    expect(attribute(body, 'aria-label')).toEqual(expect.arrayContaining(['Correlated touchpoints, row 1', 'ρ, row 2', 'Remove correlation 2']));
    expect(body.match(/aria-invalid="true"/g)).toHaveLength(2);
    const words = text(body);
    expect(words).toMatch(/"Z" is not an ID/);
    expect(words).toContain('treats all durations as independent');
    expect(words).not.toContain('Use the nearest valid correlations');
  });

  it('calls durations independent with no list or only an empty new row', () => {
    for (const list of [[], [{ ids: '', rho: '' }]]) {
      const workbook = new Workbook(rows, { target: 9, iterations: 1000, seed: 1, timeUnit: 'days' }, list);
      expect(text(render(CorrelationsEditor, { props: { workbook, status: workbook.correlationStatus } }).body)).toContain('Durations are independent.');
    }
  });

  it('offers the nearest valid set when the correlations cannot hold at once, and says when they are used', () => {
    const impossible = [{ ids: 'A B', rho: '0.9' }, { ids: 'B C', rho: '0.9' }, { ids: 'A C', rho: '-0.9' }];
    const workbook = new Workbook(rows, { target: 9, iterations: 1000, seed: 1, timeUnit: 'days' }, impossible);
    const words = text(render(CorrelationsEditor, { props: { workbook, status: workbook.correlationStatus } }).body);
    expect(words).toMatch(/cannot all hold at once/);
    expect(words).toContain('Use the nearest valid correlations');
    workbook.setCorrelations(workbook.correlationStatus.nearest);
    const fixed = text(render(CorrelationsEditor, { props: { workbook, status: workbook.correlationStatus } }).body);
    expect(fixed).toMatch(/Used in the simulation \(3 correlations\)\./);
    expect(fixed).not.toMatch(/cannot all hold/);
  });
});

describe('JourneyGrid', () => {
  it('has Probability and Group headers, and says under a branched journey that the classic columns are probability-weighted', async () => {
    const JourneyGrid = (await import('../../src/ui/JourneyGrid.svelte')).default;
    const workbook = new Workbook();
    const props = { workbook, pert: null, simulation: null, problems: [], stale: false };
    const plain = render(JourneyGrid, { props });
    const headers = [...plain.body.matchAll(/role="columnheader"[^>]*>([^<]*)</g)].map((m) => m[1].trim());
    expect(headers.slice(7, 10)).toEqual(['Depends on', 'Probability', 'Group']);
    expect(text(plain.body)).not.toMatch(/weighted by the touchpoint's probability/);
    const branched = text(render(JourneyGrid, { props: { ...props, branched: true } }).body);
    expect(branched).toMatch(/classic PERT on expected times, each weighted by the touchpoint's probability/);
  });
});
