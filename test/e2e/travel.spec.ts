/** Work that travels further: the linked file after a reload, numbers in the reader's locale, tables as CSV. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe } from 'node:test';
import type { Download, Page } from 'playwright-core';
import { it, browser, close, openApp, statValue, editCell, changed, cell } from './support.ts';

/**
 * A real FileSystemFileHandle from the origin's private file system stands for the picked file
 * (headless Chromium has no picker): it is stored in IndexedDB as a picked one is. The browser's
 * permission is faked as Chromium gives it: granted when the file is picked, asked again after
 * a reload, and given only during a click (user activation). As text: the test runner renames
 * functions it compiles.
 */
const PICKED_FILE = `
  window.permissionAsked = 0;
  window.fileAllowed = false;
  FileSystemHandle.prototype.queryPermission = async function () { return window.fileAllowed ? 'granted' : 'prompt'; };
  FileSystemHandle.prototype.requestPermission = function () {
    window.permissionAsked++;
    window.fileAllowed = navigator.userActivation.isActive;
    return Promise.resolve(window.fileAllowed ? 'granted' : 'denied');
  };
  window.showSaveFilePicker = async () => {
    window.fileAllowed = true;
    return (await navigator.storage.getDirectory()).getFileHandle('journey.waypoint.json', { create: true });
  };`;

const fileText = (page: Page) => page.evaluate(async () => {
  const handle = await (await navigator.storage.getDirectory()).getFileHandle('journey.waypoint.json');
  return (await handle.getFile()).text();
});
const pessimistic = async (page: Page, row: number) => JSON.parse(await fileText(page)).rows[row].pessimistic as string;
/** The lines of a downloaded CSV file, the last (empty) one left out. */
const csvLines = async (download: Download) => readFileSync((await download.path())!, 'utf8').split('\r\n').filter(Boolean);
const downloadOf = async (page: Page, button: string) => (await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]))[0];

/** The text of a statistic's description (terms and descriptions pair up in order). */
async function statText(page: Page, term: string): Promise<string> {
  const region = page.getByRole('region', { name: 'Simulation' });
  const terms = (await region.getByRole('term').allTextContents()).map((t) => t.trim());
  return ((await region.getByRole('definition').nth(terms.indexOf(term)).textContent()) ?? '').trim();
}

/** Orders of 30 customers in two variants, one with a name a spreadsheet would run. */
function variantOrders(): string {
  const rows = ['customer,order,date,amount,variant'];
  for (let c = 0; c < 30; c++) for (let w = 0; w < 6; w++) rows.push(`C${c},O${c}-${w},2024-0${1 + Math.floor(w / 2)}-${String(1 + (w % 2) * 14).padStart(2, '0')},${40 + ((c * 7 + w * 3) % 23)},${c % 2 ? '=mail' : 'control'}`);
  return rows.join('\n');
}

const asked = (page: Page) => page.evaluate(() => (window as unknown as { permissionAsked: number }).permissionAsked);

describe('travel', () => {
  it('keeps the linked file across a reload and writes to it again after one click, not before', async () => {
    const context = await browser.newContext();
    await context.addInitScript(PICKED_FILE);
    const { page, errors } = await openApp(context);
    await page.getByRole('button', { name: 'Save to file…' }).click();
    await page.getByText('Saved to journey.waypoint.json').waitFor();
    assert.equal(await pessimistic(page, 14), '21');

    await page.reload();
    const before = await statValue(page, 'Mean');
    const resume = page.getByRole('button', { name: 'Linked to journey.waypoint.json — click to keep saving' });
    await resume.waitFor();
    await editCell(page, 14, 'Pessimistic', '60');
    await changed(page, 'Mean', before);
    await page.waitForTimeout(2500);
    assert.equal(await pessimistic(page, 14), '21', 'nothing is written before the person allows it');
    assert.equal(await asked(page), 0, 'the browser is not asked without a click');

    await resume.click();
    await page.getByText('Saved to journey.waypoint.json').waitFor();
    assert.equal(await asked(page), 1);
    assert.equal(await pessimistic(page, 14), '60', 'the edit made before the click is written');
    assert.equal(await resume.count(), 0);
    await editCell(page, 14, 'Pessimistic', '65');
    for (let tries = 0; tries < 50 && (await pessimistic(page, 14)) !== '65'; tries++) await page.waitForTimeout(100);
    assert.equal(await pessimistic(page, 14), '65', 'later edits are written as before the reload');
    assert.deepEqual(errors, []);
    await close(page);
  });

  it('says plainly that a linked file deleted since the last visit is gone', async () => {
    const context = await browser.newContext();
    await context.addInitScript(PICKED_FILE);
    const { page } = await openApp(context);
    await page.getByRole('button', { name: 'Save to file…' }).click();
    await page.getByText('Saved to journey.waypoint.json').waitFor();
    await page.evaluate(async () => (await navigator.storage.getDirectory()).removeEntry('journey.waypoint.json'));
    await page.reload();
    await statValue(page, 'Mean');
    const resume = page.getByRole('button', { name: 'Linked to journey.waypoint.json — click to keep saving' });
    await resume.click();
    await page.getByText('journey.waypoint.json is no longer where it was saved (it was moved, renamed or deleted). Your work is still kept here; use Save to file… to choose a file again.').waitFor();
    assert.equal(await resume.count(), 0);
    await page.reload();
    await statValue(page, 'Mean');
    await page.waitForTimeout(500);
    assert.equal(await resume.count(), 0, 'a file that is gone is not offered again');
    await close(page);
  });

  it('writes numbers in the reader\'s locale (de-DE), takes a decimal comma in a cell, and keeps CSV downloads plain', async () => {
    const context = await browser.browser.newContext({ locale: 'de-DE', viewport: { width: 1440, height: 1000 } });
    const { page, errors } = await openApp(context);
    assert.equal(await page.evaluate(() => navigator.language), 'de-DE');
    // The statistics: a decimal comma, and a space before the percent sign as German writes it.
    assert.match(await statText(page, 'Mean'), /^\d{1,3},\d days/);
    assert.match(await statText(page, 'P(finish by target)'), /^\d{1,3},\d\s%/u);
    // The sheet's computed columns.
    assert.match((await cell(page, 0, 'Expected').textContent())?.trim() ?? '', /^\d+,\d\d$/);
    assert.match((await cell(page, 0, 'Criticality').textContent())?.trim() ?? '', /^\d+\s%$/u);
    // A cell takes the decimal comma the person types, and keeps it as typed.
    const before = await statText(page, 'Mean');
    await editCell(page, 14, 'Pessimistic', '25,5');
    for (let tries = 0; tries < 100 && (await statText(page, 'Mean')) === before; tries++) await page.waitForTimeout(100);
    assert.notEqual(await statText(page, 'Mean'), before, 'the edit with a decimal comma is simulated');
    assert.equal((await cell(page, 14, 'Pessimistic').textContent())?.trim(), '25,5');
    // The journey CSV writes it as a plain number.
    const journey = await csvLines(await downloadOf(page, 'Export CSV'));
    assert.match(journey[15], /,25\.5,/, journey[15]);

    // The report: its figures and the run line in German, its key figures CSV in plain numbers.
    await page.getByRole('button', { name: 'Report' }).click();
    const report = page.getByRole('article', { name: 'Report' });
    await report.waitFor();
    assert.match((await report.textContent()) ?? '', /10\.000 simulation runs, seed 1/);
    const rows = (await report.getByRole('table', { name: 'Key figures' }).getByRole('row').allTextContents()).map((row) => row.trim());
    assert.ok(rows.some((row) => /^P80\d+,\d days\d+,\d days$/.test(row)), rows.join(' | '));
    const figures = await csvLines(await downloadOf(page, 'Download key figures CSV'));
    assert.equal(figures[0], 'Figure,PERT (normal),Monte Carlo');
    assert.deepEqual(figures.map((line) => line.split(',')[0]), ['Figure', 'Mean', 'SD', 'P50', 'P80', 'P95', 'P(finish by target)']);
    for (const line of figures.slice(1)) assert.match(line, /^[^,]+,\d+(\.\d+)?,\d+(\.\d+)?$/, line);
    assert.match(figures[6], /^P\(finish by target\),(0(\.\d+)?|1),(0(\.\d+)?|1)$/, 'a chance as a share');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('downloads the scenario list, the datasets list and the Did it work? table as formula-safe CSV', async () => {
    const { page, errors } = await openApp();
    await page.getByLabel('Scenario', { exact: true }).fill('=SUM(A1) plan');
    await page.getByLabel('Scenario', { exact: true }).press('Enter');
    const scenarios = page.getByRole('table', { name: 'Scenarios' });
    await scenarios.getByText('=SUM(A1) plan').waitFor();
    const list = await csvLines(await downloadOf(page, 'Download scenario list CSV'));
    assert.equal(list[0], 'Scenario,Last changed');
    assert.match(list[1], /^'=SUM\(A1\) plan,\d{4}-\d\d-\d\d \d\d:\d\d$/, list[1]);
    assert.equal(list.length, 1 + await scenarios.locator('tbody tr').count());

    await page.getByLabel('Import CSV').setInputFiles({ name: 'variants.csv', mimeType: 'text/csv', buffer: Buffer.from(variantOrders()) });
    const dialog = page.getByRole('dialog', { name: 'Import customer data' });
    await dialog.getByRole('table', { name: 'Preview' }).waitFor({ timeout: 20_000 });
    await dialog.getByRole('button', { name: 'Import transactions' }).click();
    await page.getByText(/^variants\.csv: 180 rows/).waitFor({ timeout: 30_000 });
    await page.getByText('Data kept in this browser (1)').click();
    const datasets = await csvLines(await downloadOf(page, 'Download datasets CSV'));
    assert.equal(datasets[0], 'Name,Kind,Rows,Size (bytes),Changed');
    assert.match(datasets[1], /^variants,transactions,180,\d+,\d{4}-\d\d-\d\d \d\d:\d\d$/, datasets[1]);

    await page.getByText('Did it work?').click();
    await page.getByRole('button', { name: 'Compare groups' }).click();
    const table = page.getByRole('table', { name: 'Did it work?' });
    await table.waitFor();
    const [first, second] = (await table.getByRole('columnheader').allTextContents()).slice(1, 3).map((h) => h.trim());
    const csv = await csvLines(await downloadOf(page, 'Download did it work CSV'));
    const quote = (name: string) => (name.startsWith('=') ? `'${name}` : name);
    assert.equal(csv[0], `measure,${quote(first)},${quote(second)},difference,interval_low,interval_high,smallest_visible,verdict,method`);
    assert.equal(csv.length, 5, csv.join('\n'));
    // Every figure a plain number (or empty where there is none), the verdict in words.
    for (const line of csv.slice(1)) assert.match(line, /^[^,]+(,(-?\d+(\.\d+)?)?){6},/, line);
    assert.ok(csv.slice(1).every((line) => !/%/.test(line.split(',').slice(1, 7).join(','))), 'no percent signs among the numbers');
    assert.deepEqual(errors, []);
    await close(page);
  });
});
