/**
 * The Customers section's summary, attention and KPI parts rendered to HTML on the server: the
 * contract names and columns, and no NaN for a file in which nobody ordered twice.
 */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { customerReport } from '../../../src/engine/customers/customerReport.ts';
import AnomalyTable from '../../../src/ui/customers/AnomalyTable.svelte';
import Attention from '../../../src/ui/customers/Attention.svelte';
import ImportSummary from '../../../src/ui/customers/ImportSummary.svelte';
import KpiCards from '../../../src/ui/customers/KpiCards.svelte';
import Retention from '../../../src/ui/customers/Retention.svelte';

function text(html: string): string {
  return html.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');
}

function headers(html: string, table: string): string[] {
  const start = html.indexOf(`aria-label="${table}"`);
  expect(start).toBeGreaterThan(-1);
  const head = html.slice(start, html.indexOf('</thead>', start));
  return [...head.matchAll(/<th scope="col"[^>]*>([\s\S]*?)<\/th>/g)].map((m) => text(m[1]).trim());
}

function transactions(lines: string[]) {
  const report = customerReport(lines.join('\n'));
  if (!report.ok || report.kind !== 'transactions') throw new Error('the file must read');
  return report;
}

/** 30 steady customers (12 orders each, 40–48), C3's 9,800 order reversed 20 minutes later, data to 2024-03-22. */
const shop = (() => {
  const lines = ['customer,order,date,amount'];
  for (let c = 0; c < 30; c++) for (let w = 0; w < 12; w++) lines.push(`C${c},O${c}-${w},2024-${String(1 + Math.floor(w / 4)).padStart(2, '0')}-${String(1 + (w % 4) * 7).padStart(2, '0')} 10:00,${40 + ((c + w) % 9)}`);
  lines.push('C3,BIG,2024-02-10 10:00,9800', 'C3,CBIG,2024-02-10 10:20,-9800');
  return transactions(lines);
})();

describe('Attention and Anomalies', () => {
  it('keep their contract columns, the reversal listed once in Attention under its kind label', () => {
    const html = render(Attention, { props: { anomalies: shop.anomalies, selected: null, onselect: () => {} } }).body;
    expect(headers(html, 'Attention')).toEqual(['Customer', 'Date', 'Kind', 'At stake', 'Why']);
    const body = text(html);
    expect(body).toContain('C3 2024-02-10 10:00 Reversal also Odd order 9,800.00 9,800.00 order BIG on 2024-02-10 10:00 reversed 20 minutes later by CBIG');
    expect(body.match(/reversed 20 minutes later by CBIG/g)).toHaveLength(1);
    const byKind = render(AnomalyTable, { props: { anomalies: shop.anomalies, selected: null, onselect: () => {}, fileName: 'shop.csv' } }).body;
    expect(headers(byKind, 'Anomalies')).toEqual(['Customer', 'Date', 'Kind', 'Score', 'Why']);
    expect(text(byKind)).toMatch(/Odd order \(1\)/);
  });

  it('shows 50 rows of Attention, and more on request', () => {
    const many = Array.from({ length: 120 }, (_, k) => ({ kind: 'overdue' as const, customer: `K${k}`, date: '2024-01-01', order: `O${k}`, related: '', score: 120 - k, atStake: 120 - k, why: 'silent' }));
    const body = text(render(Attention, { props: { anomalies: many, selected: null, onselect: () => {} } }).body);
    expect(body).toContain('K49 ');
    expect(body).not.toContain('K50 ');
    expect(body).toContain('The 50 with most at stake of 120. Show 50 more');
  });
});

describe('ImportSummary', () => {
  it('names the netted cancellation with its money, the coverage, and says which rules found nothing', () => {
    const body = text(render(ImportSummary, { props: { cleaning: shop.cleaning, dataset: null, fileName: 'shop.csv' } }).body);
    expect(body).toContain('Import summary');
    expect(body).toContain('1 cancellation line netted, 9,800.00 (1 order fully reversed, 0 in part)');
    expect(body).toContain('No returns of things bought before the data start, no exact duplicate lines, no lines that are not products');
    expect(body).toMatch(/Partial: the last month \(2024-03\) stops on the 22nd\./);
  });
});

describe('KPI cards and retention', () => {
  /** 12 customers with one order each, first in January, February and March 2024. */
  const single = (() => {
    const lines = ['customer,order,date,amount'];
    for (let c = 0; c < 12; c++) lines.push(`S${c},O${c},2024-0${1 + (c % 3)}-${String(1 + c).padStart(2, '0')},${20 + c}`);
    return transactions(lines);
  })();

  it('show "Not products (postage, fees)" and no NaN when nobody ordered twice', () => {
    const cards = text(render(KpiCards, { props: { kpis: single.kpis } }).body);
    expect(cards).toContain('Not products (postage, fees) 0.00');
    expect(cards).toContain('Repeat purchase rate 0%');
    expect(cards).toContain('Days between orders —');
    const retention = text(render(Retention, { props: { retention: single.kpis.retention, open: true } }).body);
    const attention = text(render(Attention, { props: { anomalies: single.anomalies, selected: null, onselect: () => {} } }).body);
    const summary = text(render(ImportSummary, { props: { cleaning: single.cleaning, dataset: null, fileName: 'single.csv' } }).body);
    for (const part of [cards, retention, attention, summary]) expect(part).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('names a partial first or last cohort month', () => {
    expect(single.kpis.retention.cohorts).toEqual(['2024-01', '2024-02', '2024-03']);
    const retention = { ...single.kpis.retention, firstMonthPartial: true, lastMonthPartial: true };
    const body = text(render(Retention, { props: { retention, open: true } }).body);
    expect(body).toContain('2024-01 (partial)');
    expect(body).toContain('2024-03 (partial)');
    expect(body).not.toContain('2024-02 (partial)');
  });
});
