/**
 * The Customers section's components rendered to HTML on the server, on the CDNOW sample refitted
 * as in Fader, Hardie & Lee (2005): calibration end 1997-09-30, weeks.
 */
import { readFileSync } from 'node:fs';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { customerReport } from '../../../src/engine/customers/customerReport.ts';
import { repurchaseReport } from '../../../src/engine/repurchase/repurchaseReport.ts';
import type { RepurchaseReport } from '../../../src/engine/repurchase/repurchaseReport.ts';
import CustomerTable from '../../../src/ui/customers/CustomerTable.svelte';
import FittedParameters from '../../../src/ui/customers/FittedParameters.svelte';
import Regulars from '../../../src/ui/customers/Regulars.svelte';
import Segments from '../../../src/ui/customers/Segments.svelte';

function text(html: string): string {
  return html.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

function terms(html: string): [string, string][] {
  return [...html.matchAll(/<dt[^>]*>([\s\S]*?)<\/dt>\s*(?:<!--[\s\S]*?-->\s*)*<dd[^>]*>([\s\S]*?)<\/dd>/g)]
    .map((m) => [text(m[1]).trim(), text(m[2]).trim().replace(/\s+/g, ' ')]);
}

const file = customerReport(readFileSync(new URL('../../fixtures/cdnow_sample.csv', import.meta.url), 'utf8'));
if (!file.ok || file.kind !== 'transactions') throw new Error('the CDNOW sample must read');
const result = repurchaseReport({ kind: 'transactions', transactions: file.purchases }, { calibrationEnd: '1997-09-30', unit: 'weeks', horizonMonths: 12, annualDiscount: 0.1, model: 'bgnbd' });
if (!result.ok) throw new Error(result.message);
const report: RepurchaseReport = result;

describe('FittedParameters', () => {
  it('gives each parameter with what it means, from the published values', () => {
    const list = terms(render(FittedParameters, { props: { report } }).body);
    expect(list.map(([term]) => term)).toEqual(['r, α', 'a, b', 'p, q, γ', 'Log-likelihood']);
    // r/α = 0.243/4.414 = 0.0551 orders a week; a/(a+b) = 0.793/3.219 = 24.6 %; pγ/(q−1) = 6.25 · 15.44 / 2.74 = 35.2.
    expect(list[0][1]).toMatch(/^0\.243, 4\.41 — .*on average 0\.055[01] orders a week/);
    expect(list[1][1]).toMatch(/^0\.793, 2\.43 — .*on average 24\.6%/);
    expect(list[2][1]).toMatch(/^6\.25, 3\.74, 15\.4 — .*worth 35\.[12]\d\. Fitted on 946 repeat customers/);
    expect(list[3][1]).toMatch(/^-9,582\.4 \(BG\/NBD\), .*; converged/);
  });

  it('shows a small dropout share with significant digits, not 0.0%', () => {
    // a = 0.00301, b = 6.82: a / (a + b) = 0.00301 / 6.82301 = 0.0441 %.
    const small = { ...report, bgnbd: { ...report.bgnbd!, a: 0.00301, b: 6.82 } };
    const list = terms(render(FittedParameters, { props: { report: small } }).body);
    expect(list[1][1]).toMatch(/^0\.00301, 6\.82 — .*on average 0\.044%\.$/);
  });

  it('says plainly when the fit did not converge', () => {
    const shaky = { ...report, bgnbd: { ...report.bgnbd!, converged: false, warning: 'The fit did not settle on one answer from different starting points; treat the forecasts as rough.' } };
    const html = text(render(FittedParameters, { props: { report: shaky } }).body);
    expect(html).toContain('did not converge');
    expect(html).toContain('treat the forecasts as rough');
  });
});

describe('CustomerTable', () => {
  it('keeps the contract columns and pages 2,357 customers 50 at a time', () => {
    const html = render(CustomerTable, { props: { customers: report.customers, fileName: 'cdnow.csv' } }).body;
    const headers = [...html.matchAll(/<th scope="col"[^>]*>([\s\S]*?)<\/th>/g)].map((m) => text(m[1]).trim());
    expect(headers).toEqual(['Customer', 'Orders', 'Last order', 'P(alive)', 'Expected orders', 'CLV']);
    expect(html.match(/<tr>/g)!.length).toBe(1 + 50);
    expect(text(html)).toContain('Page 1 of 48 (2,357 customers)');
  });
});

describe('Segments and Regulars', () => {
  it('lists every segment with a download button', () => {
    const html = text(render(Segments, { props: { report, fileName: 'cdnow.csv' } }).body);
    for (const s of report.segments) expect(html).toContain(`Download ${s.segment} CSV`);
  });

  it('shows regulars 50 to a page, next due first', () => {
    const regulars = report.regulars ?? [];
    const html = render(Regulars, { props: { report, fileName: 'cdnow.csv' } }).body;
    const rows = (html.match(/<tr[ >]/g) ?? []).length - 1; // less the header row
    expect(rows).toBe(Math.min(50, regulars.length));
    if (regulars.length > 50) expect(text(html)).toContain(`Page 1 of ${Math.ceil(regulars.length / 50)} (${regulars.length.toLocaleString('en')} regulars`);
    // 120 regulars made up from the first: three pages.
    const many = Array.from({ length: 120 }, (_, k) => ({ ...regulars[0], customer: `R${k}` }));
    const paged = text(render(Regulars, { props: { report: { ...report, regulars: many }, fileName: 'x.csv' } }).body);
    expect(paged).toContain('Page 1 of 3 (120 regulars, next due first; the CSV has them all)');
    expect(paged).toContain('R49');
    expect(paged).not.toContain('R50');
  });

  it('says regulars need dates when the data are a customer summary', () => {
    const html = text(render(Regulars, { props: { report: { ...report, regulars: undefined }, fileName: 'x.csv' } }).body);
    expect(html).toContain('Regulars need the date of every order');
  });
});

describe('ModelComparison', () => {
  it('lists the three models with AIC, BIC and the holdout error, marks the one used and says why', async () => {
    const { default: ModelComparison } = await import('../../../src/ui/customers/ModelComparison.svelte');
    const best = repurchaseReport({ kind: 'transactions', transactions: file.purchases }, { calibrationEnd: '1997-09-30', unit: 'weeks', horizonMonths: 12, annualDiscount: 0.1, model: 'best' });
    if (!best.ok) throw new Error('must fit');
    const html = text(render(ModelComparison, { props: { report: best } }).body);
    for (const name of ['BG/NBD', 'Pareto/NBD', 'MBG/NBD']) expect(html).toContain(name);
    expect(html).toContain(`${best.models.find((row) => row.kind === best.model!.kind)!.name} (used)`);
    expect(html).toMatch(/Holdout error/);
    expect(html).toContain(`Used: ${best.modelReason}`);
    // The published CDNOW fits are all well determined.
    expect(html).toContain('Fit check');
    expect(html.split('sound').length - 1).toBe(3);
  });
});
