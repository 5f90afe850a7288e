/**
 * Parquet customer data: a .parquet file goes through the same mapping dialog, cleaning and
 * results as its CSV twin. The Parquet file is written by DuckDB from the CSV fixture.
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { cdnowParquet } from '../fixtures/parquet.ts';
import { close, it, openApp } from './support.ts';

/** Every KPI card's label and value, in order. */
async function kpis(page: Page): Promise<string[]> {
  const cards = page.locator('.kpi summary');
  await cards.first().waitFor({ timeout: 30_000 });
  return (await cards.allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
}

describe('Parquet', () => {
  it('imports a Parquet file like its CSV twin: the same dialog, the same figures and the published BG/NBD fit', async () => {
    const { path } = await cdnowParquet();
    const csv = await openApp();
    await csv.page.getByLabel('Import CSV').setInputFiles(fileURLToPath(new URL('../fixtures/cdnow_sample.csv', import.meta.url)));
    await csv.page.getByRole('dialog', { name: 'Import customer data' }).getByRole('button', { name: 'Import transactions' }).click({ timeout: 20_000 });
    await csv.page.getByRole('table', { name: 'Customers' }).waitFor({ timeout: 30_000 });
    const fromCsv = await kpis(csv.page);
    await close(csv.page);

    const { page, errors } = await openApp();
    await page.getByLabel('Import CSV').setInputFiles({ name: 'cdnow.parquet', mimeType: 'application/vnd.apache.parquet', buffer: readFileSync(path) });
    const dialog = page.getByRole('dialog', { name: 'Import customer data' });
    await dialog.getByText('A Parquet file: its column names and types come from the file').waitFor({ timeout: 20_000 });
    assert.equal(await dialog.getByLabel('Encoding').count(), 0, 'no encoding to choose');
    await dialog.getByRole('button', { name: 'Import transactions' }).click();
    await page.getByRole('table', { name: 'Customers' }).waitFor({ timeout: 30_000 });
    assert.deepEqual(await kpis(page), fromCsv);
    assert.ok(fromCsv.some((text) => text.startsWith('Repeat purchase rate')), fromCsv.join(' | '));
    // Fader, Hardie & Lee (2005): r = 0.243, α = 4.414 (weeks) with calibration to 1997-09-30.
    await page.getByLabel('Calibration end').fill('1997-09-30');
    await page.getByRole('button', { name: 'Refit' }).click();
    await page.getByRole('definition').filter({ hasText: 'purchase rate while active' }).getByText(/^0\.243, 4\.41 —/).waitFor({ timeout: 30_000 });
    assert.deepEqual(errors, []);
    await close(page);
  });

  it('refuses a Parquet file cut short with a plain sentence and changes nothing', async () => {
    const { bytes } = await cdnowParquet();
    const { page } = await openApp();
    await page.getByLabel('Import CSV').setInputFiles({ name: 'cut.parquet', mimeType: 'application/vnd.apache.parquet', buffer: Buffer.from(bytes.subarray(0, bytes.length - 200)) });
    await page.getByText(/cut\.parquet: This is not a Parquet file Waypoint can read .* Nothing was imported; your notebook is unchanged\./).waitFor({ timeout: 20_000 });
    assert.equal(await page.getByRole('dialog', { name: 'Import customer data' }).count(), 0);
    await close(page);
  });
});
