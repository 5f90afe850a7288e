/** Bringing data in as people have it (no header row, Excel workbooks), reading comparisons, and results in money. */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe } from 'node:test';
import type { Page } from 'playwright-core';
import { buildXlsx } from '../fixtures/xlsx.ts';
import { it, close, openApp, statValue, editCell, changed } from './support.ts';

/** The CDNOW sample in CDNOW_sample.txt's raw shape: master id, sample id, date, CDs, dollars; space-padded, no header. */
function rawCdnow(): { text: string; customers: number; orders: number } {
  const lines = readFileSync(new URL('../fixtures/cdnow_sample.csv', import.meta.url), 'utf8').trim().split('\n').slice(1);
  const ids = new Map<string, number>();
  const text = lines.map((line) => {
    const [id, date, cds, amount] = line.split(',');
    if (!ids.has(id)) ids.set(id, ids.size + 1);
    return `${id.padStart(6)} ${String(ids.get(id)).padStart(5)} ${date} ${cds.padStart(3)} ${amount.padStart(8)}`;
  }).join('\n') + '\n';
  return { text, customers: ids.size, orders: lines.length };
}

async function kpi(page: Page, label: string): Promise<string> {
  const card = page.locator('summary').filter({ has: page.getByText(label, { exact: true }) }).first();
  await card.waitFor({ timeout: 30_000 });
  return ((await card.locator('.value').textContent()) ?? '').trim();
}

function shot(page: Page, name: string) {
  mkdirSync('test-results', { recursive: true });
  return page.screenshot({ path: `test-results/${name}.png`, fullPage: false });
}

describe('data as people have it, and results in money', () => {
  it('imports CDNOW\'s raw header-less text: "First row is data" is ticked and the columns are named by position', async () => {
    const { page, errors } = await openApp();
    const raw = rawCdnow();
    await page.getByLabel('Import CSV').setInputFiles({ name: 'CDNOW_sample.txt', mimeType: 'text/plain', buffer: Buffer.from(raw.text) });
    const dialog = page.getByRole('dialog', { name: 'Import customer data' });
    const preview = dialog.getByRole('table', { name: 'Preview' });
    await preview.waitFor({ timeout: 20_000 });
    const firstRowIsData = dialog.getByRole('checkbox', { name: /^First row is data/ });
    assert.equal(await firstRowIsData.isChecked(), true);
    const headers = (await preview.getByRole('columnheader').allTextContents()).map((h) => h.trim());
    assert.deepEqual(headers, ['Column 1Customer', 'Column 2', 'Column 3Date', 'Column 4Quantity', 'Column 5Amount']);
    // The first data row is shown as data, not taken for a header.
    assert.equal((await preview.getByRole('row').nth(1).getByRole('cell').first().textContent())?.trim(), '00004');
    // Unticked, the first row becomes the header (and no longer fits); ticked again, the positional mapping comes back.
    await firstRowIsData.uncheck();
    await preview.getByRole('columnheader', { name: '00004' }).waitFor();
    await firstRowIsData.check();
    await preview.getByRole('columnheader', { name: 'Column 3 Date' }).waitFor();
    await shot(page, 'import-headerless');
    await dialog.getByRole('button', { name: 'Import transactions' }).click();
    await page.getByRole('table', { name: 'Customers' }).waitFor({ timeout: 30_000 });
    // Counted from the CSV copy in the test itself: 2,357 customers, every order read.
    assert.equal(raw.customers, 2357);
    assert.equal(await kpi(page, 'Customers'), raw.customers.toLocaleString('en'));
    assert.deepEqual(errors, []);
    await close(page);
  });

  it('opens an Excel workbook in the same import dialog, on its first sheet with data or a chosen one', async () => {
    const { page, errors } = await openApp();
    // 45292 is 2024-01-01 as an Excel date serial.
    const orders: (string | number | { date: number })[][] = [['Customer', 'Order date', 'Amount']];
    for (let c = 0; c < 20; c++) for (let k = 0; k < 3; k++) orders.push([`K${c}`, { date: 45292 + c + 20 * k }, 10 + c]);
    const bytes = buildXlsx([
      { name: 'Read me', rows: [] },
      { name: 'Orders', rows: orders },
      { name: 'Summary', rows: [['customer', 'frequency', 'recency', 'T', 'monetary_value'], ['a', 1, 2, 10, 30], ['b', 0, 0, 10, 0]] },
    ]);
    await page.getByLabel('Import CSV').setInputFiles({ name: 'shop.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(bytes) });
    const dialog = page.getByRole('dialog', { name: 'Import customer data' });
    await dialog.getByRole('heading', { name: 'Import shop.xlsx, sheet “Orders”' }).waitFor({ timeout: 20_000 });
    const sheet = dialog.getByLabel('Sheet');
    assert.deepEqual((await sheet.locator('option').allTextContents()), ['Read me', 'Orders', 'Summary']);
    const preview = dialog.getByRole('table', { name: 'Preview' });
    assert.deepEqual((await preview.getByRole('row').nth(1).getByRole('cell').allTextContents()).map((t) => t.trim()), ['K0', '2024-01-01', '10']);
    // Another sheet: its own rows and its own kind.
    await sheet.selectOption('Summary');
    await page.getByRole('dialog', { name: 'Import customer data' }).getByRole('heading', { name: 'Import shop.xlsx, sheet “Summary”' }).waitFor();
    await page.getByRole('dialog', { name: 'Import customer data' }).getByRole('button', { name: 'Import customer summary' }).waitFor();
    await page.getByRole('dialog', { name: 'Import customer data' }).getByLabel('Sheet').selectOption('Orders');
    const back = page.getByRole('dialog', { name: 'Import customer data' });
    await back.getByRole('heading', { name: 'Import shop.xlsx, sheet “Orders”' }).waitFor();
    await shot(page, 'import-xlsx');
    await back.getByRole('button', { name: 'Import transactions' }).click();
    await page.getByRole('table', { name: 'Customers' }).waitFor({ timeout: 30_000 });
    assert.equal(await kpi(page, 'Customers'), '20');
    assert.equal(await kpi(page, 'Orders'), '60');
    assert.deepEqual(errors, []);
    await close(page);
  });

  it('compares from the open scenario\'s side: a sentence, the sign explained, and what differs field by field', async () => {
    const { page } = await openApp();
    await page.getByRole('button', { name: 'Duplicate' }).click();
    await page.getByRole('table', { name: 'Scenarios' }).getByText('Subscription journey (copy)').waitFor();
    const base = await statValue(page, 'Mean');
    // The copy's re-purchase reminder (10, 14, 21 days) gets a pessimistic time of 15: it finishes sooner.
    await editCell(page, 14, 'Pessimistic', '15');
    await changed(page, 'Mean', base);
    const mean = await statValue(page, 'Mean');
    await page.getByLabel('Compare the open scenario with').selectOption({ label: 'Subscription journey' });
    const verdict = page.getByLabel('Comparison verdict');
    await verdict.waitFor({ timeout: 20_000 });
    const sentence = (await verdict.textContent())!.replace(/\s+/g, ' ').trim();
    const gap = Number(/finishes (\d+\.\d) days sooner than “Subscription journey”, on average\./.exec(sentence)?.[1]);
    // The gap is the two means' difference, read off the two Mean statistics.
    const table = page.getByRole('table', { name: 'Comparison' });
    const otherMean = Number.parseFloat((await table.getByRole('row', { name: /^Mean/ }).getByRole('cell').nth(1).textContent()) ?? '');
    assert.ok(Math.abs(gap - (otherMean - mean)) <= 0.11, `${sentence} vs means ${mean} and ${otherMean}`);
    assert.match(sentence, /This one is \d+\.\d points more likely to finish by \d+ days\./);
    assert.match((await table.getByRole('row', { name: /^Mean/ }).getByRole('cell').nth(2).textContent()) ?? '', /^−\d+\.\d days$/);
    const sign = ((await page.getByText('The last column is the open scenario minus').textContent()) ?? '').replace(/\s+/g, ' ');
    assert.match(sign, /^The last column is the open scenario minus “Subscription journey”: a minus on a time means this one is shorter/);
    const differs = page.getByRole('list', { name: 'What differs' });
    const items = (await differs.getByRole('listitem').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    assert.equal(items.length, 1, items.join(' | '));
    assert.match(items[0], /^Changed RM “Re-purchase reminder”: Pessimistic 15 here, 21 there$/);
    await page.getByRole('region', { name: 'Scenarios' }).screenshot({ path: 'test-results/compare-scenarios.png' });
    await close(page);
  });

  it('says what each improvement is worth in money once customer data are open', async () => {
    const { page, errors } = await openApp();
    const money = page.getByRole('group', { name: 'Worth in money' });
    assert.equal(await money.count(), 0, 'no money figure without customer data');
    await page.getByLabel('Import CSV').setInputFiles(fileURLToPath(new URL('../fixtures/cdnow_sample.csv', import.meta.url)));
    await page.getByRole('dialog', { name: 'Import customer data' }).getByRole('button', { name: 'Import transactions' }).click({ timeout: 20_000 });
    await page.getByRole('table', { name: 'Customers' }).waitFor({ timeout: 30_000 });
    await money.waitFor({ timeout: 30_000 });
    const sentence = ((await money.locator('p').first().textContent()) ?? '').trim();
    const match = /^Shortening (.+) by 10% brings the next order (\d+\.\d) days sooner: about \$?([\d,]+) a year for the ([\d,]+) new customers a year the data show\.$/.exec(sentence);
    assert.ok(match, sentence);
    // CDNOW: 2,357 customers first seen from 1997-01-01 to 1998-06-30, 546 days: 2,357 × 365.25 / 546 = 1,576.7 a year.
    assert.equal(match[4], '1,577');
    // The value is linear in the days saved: every listed touchpoint's value per day is the sentence's (to rounding).
    const perDay = Number(match[3].replace(/,/g, '')) / Number(match[2]);
    const items = (await money.getByRole('list', { name: 'Worth a year' }).getByRole('listitem').allTextContents()).map((t) => t.trim());
    assert.ok(items.length >= 2, items.join(' | '));
    assert.ok(items[0].startsWith(`${match[1]}: ${match[2]} days sooner`), items[0]);
    for (const item of items) {
      const [, days, value] = /: (\d+\.\d) days sooner, about \$?([\d,]+) a year$/.exec(item) ?? [];
      if (Number(days) < 0.5) continue; // the day figure is rounded to 0.1: too coarse to check small ones
      const ratio = Number(value.replace(/,/g, '')) / Number(days);
      assert.ok(Math.abs(ratio - perDay) / perDay < 0.12, `${item}: ${ratio} per day against ${perDay}`);
    }
    await money.getByText(/^Model: value a year = days sooner × new customers a year × repeat orders a day while active/).waitFor();
    await page.getByRole('region', { name: 'Simulation' }).screenshot({ path: 'test-results/improvement-money.png' });
    // The same figure in the report.
    await page.getByRole('button', { name: 'Report' }).click();
    await page.getByRole('article', { name: 'Report' }).getByRole('group', { name: 'Worth in money' }).getByText(sentence).waitFor({ timeout: 30_000 });
    assert.deepEqual(errors, []);
    await close(page);
  });
});
