/**
 * The views rendered to HTML on the server (no DOM needed), checked against the testing
 * contract in DESIGN.md: accessible names, the statistics' terms, one element per touchpoint.
 */
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import HistogramView from '../../src/views/HistogramView.svelte';
import NetworkView from '../../src/views/NetworkView.svelte';
import StatisticsPanel from '../../src/views/StatisticsPanel.svelte';
import TornadoView from '../../src/views/TornadoView.svelte';
import type { Touchpoint } from '../../src/engine/types.ts';
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

const touchpoints: Touchpoint[] = [
  { id: 'A', name: 'Sees an ad', stage: 'awareness', optimistic: 4, mostLikely: 5, pessimistic: 6, distribution: 'beta-pert', dependsOn: [], probability: 1, group: '', links: [] },
  { id: 'B', name: 'Compares offers', stage: 'consideration', optimistic: 6, mostLikely: 8, pessimistic: 10, distribution: 'beta-pert', dependsOn: ['A'], probability: 1, group: '', links: [{ id: 'A', type: 'FS', lag: 0 }] },
  { id: 'C', name: 'Reads reviews', stage: 'consideration', optimistic: 2, mostLikely: 4, pessimistic: 6, distribution: 'beta-pert', dependsOn: ['A'], probability: 1, group: '', links: [{ id: 'A', type: 'FS', lag: 0 }] },
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
  const props = { touchpoints, pert: handPert(), simulation: handSimulation(), selectedId: 'C', onselect: () => {} };

  it('is an image named after the journey and its critical path', () => {
    const { body } = render(NetworkView, { props });
    expect(attribute(body, 'aria-label')).toContain('Journey network: 3 touchpoints, critical path Sees an ad → Compares offers');
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
    const cyclic = touchpoints.map((t) => (t.id === 'A' ? { ...t, dependsOn: ['B'], probability: 1, group: '', links: [{ id: 'B', type: 'FS', lag: 0 }] } : t));
    const { body } = render(NetworkView, { props: { ...props, touchpoints: cyclic, pert: null, simulation: null } });
    expect(text(body.slice(body.indexOf('<svg')))).not.toMatch(/\d%/);
    expect(body.match(/class="edge[^"]*cut/g)).toHaveLength(1);
    expect(text(body)).toMatch(/go round in a circle/);
    expect(attribute(body, 'aria-label')).toContain('Journey network: 3 touchpoints, critical path not computed');
  });
});
