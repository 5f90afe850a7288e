/** Work that survives and travels: the offline app, files, the report and charts taken out. */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { it, browser, close, openApp, statValue, editCell, changed, cell } from './support.ts';

const FIGURES = ['Mean', 'SD', 'P50', 'P80', 'P95', 'P(finish by target)'];
const figures = async (page: Page) => Promise.all(FIGURES.map((term) => statValue(page, term)));

/** Waits until the statistics read `expected` (they recompute after a file is opened). */
async function figuresBecome(page: Page, expected: number[]): Promise<void> {
  let now: number[] = [];
  for (let tries = 0; tries < 100; tries++) {
    now = await figures(page);
    if (now.every((value, index) => value === expected[index])) return;
    await page.waitForTimeout(100);
  }
  assert.deepEqual(now, expected);
}

describe('offline and files', () => {
  it('loads and recomputes with the network off after one visit', async () => {
    const context = await browser.newContext();
    const { page } = await openApp(context);
    // The service worker has stored the app (its precache is complete once it is active).
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    const manifest = await page.evaluate(async () => (await fetch(document.querySelector<HTMLLinkElement>('link[rel=manifest]')!.href)).json());
    assert.equal(manifest.display, 'standalone');
    assert.ok(manifest.icons.some((icon: { sizes: string }) => icon.sizes === '512x512'));
    assert.deepEqual(manifest.file_handlers[0].accept['application/json'], ['.waypoint.json']);
    await context.setOffline(true);
    await page.reload();
    const before = await statValue(page, 'Mean');
    const histogram = page.getByRole('img', { name: /^Completion time histogram/ });
    const drawn = await histogram.innerHTML();
    await editCell(page, 14, 'Pessimistic', '60');
    await changed(page, 'Mean', before);
    for (let tries = 0; tries < 50 && (await histogram.innerHTML()) === drawn; tries++) await page.waitForTimeout(100);
    assert.notEqual(await histogram.innerHTML(), drawn, 'the histogram should be redrawn offline');
    await close(page);
  });

  it('says quietly that a new version is ready and takes it only when asked, leaving the edit in progress alone', async () => {
    const context = await browser.newContext();
    const { page } = await openApp(context);
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    await page.reload();
    await statValue(page, 'Mean');
    // A new release: the service worker file changes on the server.
    const serviceWorker = fileURLToPath(new URL('../../dist/sw.js', import.meta.url));
    const released = readFileSync(serviceWorker, 'utf8');
    writeFileSync(serviceWorker, `${released}\n// the next release\n`);
    try {
      await page.reload();
      const before = await statValue(page, 'Mean');
      await editCell(page, 14, 'Pessimistic', '60');
      await changed(page, 'Mean', before);
      const notice = page.getByRole('status').filter({ hasText: 'Waypoint was updated — reload to use the new version.' });
      await notice.waitFor({ timeout: 30_000 });
      assert.equal((await cell(page, 14, 'Pessimistic').textContent())?.trim(), '60', 'nothing reloaded by itself');
      await page.waitForTimeout(600);
      await Promise.all([page.waitForEvent('load'), notice.getByRole('button', { name: 'Reload' }).click()]);
      await statValue(page, 'Mean');
      assert.equal(await notice.count(), 0);
      assert.equal((await cell(page, 14, 'Pessimistic').textContent())?.trim(), '60', 'the edit was saved before the reload');
    } finally {
      writeFileSync(serviceWorker, released);
    }
    await close(page);
  });

  it('saves to a downloaded file that opens in a fresh profile with identical results', async () => {
    const context = await browser.newContext();
    await context.addInitScript(() => { delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker; });
    const { page } = await openApp(context);
    const before = await statValue(page, 'Mean');
    await editCell(page, 14, 'Pessimistic', '60');
    await changed(page, 'Mean', before);
    const saved = await figures(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save to file…' }).click()]);
    assert.match(download.suggestedFilename(), /\.waypoint\.json$/);
    const text = readFileSync((await download.path())!, 'utf8');
    await page.getByText(`Downloaded ${download.suggestedFilename()}`).waitFor();
    await close(page);

    const fresh = await openApp();
    assert.notDeepEqual(await figures(fresh.page), saved);
    await fresh.page.getByLabel('Open file…').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(text) });
    await fresh.page.getByText(`Opened ${download.suggestedFilename()}`).waitFor();
    assert.equal((await cell(fresh.page, 14, 'Pessimistic').textContent())?.trim(), '60');
    await figuresBecome(fresh.page, saved);
    assert.deepEqual(fresh.errors, []);
    await close(fresh.page);
  });

  it('keeps a file chosen with the file picker linked and writes later edits to it', async () => {
    const context = await browser.newContext();
    // A file picker that keeps what is written in memory (as text: the test runner renames functions it compiles).
    await context.addInitScript(`
      const written = [];
      window.writtenFiles = written;
      window.showSaveFilePicker = async () => ({
        name: 'journey.waypoint.json',
        createWritable: async () => {
          let text = '';
          return { write: async (data) => { text += data; }, close: async () => { written.push(text); } };
        },
      });`);
    const { page } = await openApp(context);
    await page.getByRole('button', { name: 'Save to file…' }).click();
    await page.getByText('Saved to journey.waypoint.json').waitFor();
    const writes = () => page.evaluate(() => (window as unknown as { writtenFiles: string[] }).writtenFiles);
    assert.equal((await writes()).length, 1);
    assert.equal(JSON.parse((await writes())[0]).rows[14].pessimistic, '21');
    await editCell(page, 14, 'Pessimistic', '60');
    for (let tries = 0; tries < 50 && (await writes()).length < 2; tries++) await page.waitForTimeout(100);
    const later = await writes();
    assert.equal(later.length, 2, 'the edit should be written to the linked file');
    assert.equal(JSON.parse(later[1]).rows[14].pessimistic, '60');
    await close(page);
  });

  it('refuses a damaged file plainly and changes nothing; the storage notice shows once', async () => {
    const context = await browser.newContext();
    const { page } = await openApp(context);
    const notice = page.getByRole('note', { name: 'Browser storage is not a backup' });
    await notice.waitFor();
    const name = await page.getByLabel('Scenario', { exact: true }).inputValue();
    const mean = await statValue(page, 'Mean');
    await page.getByLabel('Open file…').setInputFiles({ name: 'broken.waypoint.json', mimeType: 'application/json', buffer: Buffer.from('{"v":2,"name":"Half') });
    await page.getByText(/^broken\.waypoint\.json: .*Nothing was opened; your notebook is unchanged\./).waitFor();
    assert.equal(await page.getByLabel('Scenario', { exact: true }).inputValue(), name);
    assert.equal(await statValue(page, 'Mean'), mean);
    await notice.getByRole('button', { name: 'Got it' }).click();
    await page.reload();
    await statValue(page, 'Mean');
    assert.equal(await notice.count(), 0);
    await close(page);
  });

  it('prints the report to a PDF with every section and no blank chart, and downloads it as one HTML file without scripts', async () => {
    const { page, errors } = await openApp();
    await page.getByRole('button', { name: 'Report' }).click();
    const report = page.getByRole('article', { name: 'Report' });
    await report.waitFor();
    const sections = ['The journey', 'Key figures', 'When the journey finishes', 'Most influential touchpoints', 'Where to improve', 'Network'];
    for (const heading of sections) await report.getByRole('heading', { name: heading, exact: true }).waitFor();
    assert.match((await report.getByRole('heading', { level: 1 }).textContent()) ?? '', /^Journey report: /);
    assert.match((await report.textContent()) ?? '', /10,000 simulation runs, seed 1/);
    assert.equal(await report.getByRole('table', { name: 'Journey table' }).getByRole('row').count(), 17);
    const keyFigures = await report.getByRole('table', { name: 'Key figures' }).getByRole('row').allTextContents();
    assert.ok(keyFigures.some((row) => /^P80[\d.]+ days[\d.]+ days$/.test(row.trim())), keyFigures.join(' | '));
    // Wait for the improvement bars (computed after the simulation) and the network's nodes.
    await report.getByRole('figure', { name: /^Where to improve/ }).waitFor({ timeout: 30_000 });
    await report.getByRole('img', { name: /^Journey network/ }).locator('[data-id]').first().waitFor();
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.getByRole('button', { name: 'Print…' }).isVisible(), false, 'controls are not printed');
    // No blank chart: each chart has a size on paper and marks in it.
    const charts = await report.locator('svg').evaluateAll((svgs) => svgs.filter((svg) => !svg.closest('[aria-hidden=true]') || svg.getAttribute('role') !== null)
      .map((svg) => ({ name: svg.getAttribute('aria-label') ?? svg.parentElement?.getAttribute('aria-label') ?? '', width: svg.getBoundingClientRect().width, height: svg.getBoundingClientRect().height, marks: svg.querySelectorAll('rect, path, line, circle').length })));
    for (const name of ['Completion time histogram', 'Sensitivity tornado', 'Journey network']) {
      const chart = charts.find((c) => c.name.startsWith(name));
      assert.ok(chart && chart.width > 100 && chart.height > 50 && chart.marks > 5, `${name} should be drawn: ${JSON.stringify(chart)}`);
    }
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/report-print.png', fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync('test-results/report.pdf', pdf);
    const text = pdf.toString('latin1');
    assert.ok(text.startsWith('%PDF-'));
    const pages = text.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    assert.ok(pages >= 2 && pages <= 8, `the report should take a few pages, got ${pages}`);
    await page.emulateMedia({ media: 'screen' });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download report (HTML)' }).click()]);
    assert.match(download.suggestedFilename(), /-report\.html$/);
    const html = readFileSync((await download.path())!, 'utf8');
    assert.doesNotMatch(html, /<script|<button|<input|\son\w+=/i);
    for (const heading of sections) assert.ok(html.includes(heading), heading);
    assert.match(html, /<svg[^>]+aria-label="Completion time histogram/);
    // Opened on its own, offline, it shows the same report.
    const alone = await (await browser.browser.newContext({ offline: true })).newPage();
    await alone.setContent(html);
    await alone.getByRole('heading', { name: 'Key figures' }).waitFor();
    assert.ok(((await alone.getByRole('img', { name: /^Completion time histogram/ }).boundingBox())?.height ?? 0) > 100);
    await close(alone);
    await page.getByRole('button', { name: 'Back to the notebook' }).click();
    await statValue(page, 'Mean');
    assert.deepEqual(errors, []);
    await close(page);
  });

  it('prints the notebook itself without controls and with the whole sheet', async () => {
    const { page } = await openApp();
    // An A4 page's width inside its margins (190 mm at 96 dpi), as printing lays the page out.
    await page.setViewportSize({ width: 718, height: 1000 });
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
    assert.equal(await page.getByRole('button', { name: 'Export CSV' }).isVisible(), false);
    assert.equal(await page.getByLabel('Import CSV').isVisible(), false);
    const sheet = page.getByRole('grid', { name: 'Journey' });
    assert.equal((await sheet.getByRole('columnheader').last().textContent())?.trim(), 'Sensitivity');
    const fits = await sheet.evaluate((grid) => ({ grid: grid.scrollWidth, page: grid.closest('section')!.clientWidth, lastRight: grid.querySelector('[role=columnheader]:last-child')!.getBoundingClientRect().right, pageRight: grid.closest('section')!.getBoundingClientRect().right }));
    assert.ok(fits.grid <= fits.page && fits.lastRight <= fits.pageRight, `the whole sheet should fit the page: ${JSON.stringify(fits)}`);
    mkdirSync('test-results', { recursive: true });
    await page.pdf({ format: 'A4' }).then((pdf) => writeFileSync('test-results/notebook.pdf', pdf));
    await page.screenshot({ path: 'test-results/notebook-print.png', fullPage: true });
    await close(page);
  });

  it('downloads charts as SVG that parses and carries its text and styles, and as PNG', async () => {
    const { page } = await openApp();
    const pictures = page.getByRole('group', { name: 'Download the completion time histogram' });
    const [svgFile] = await Promise.all([page.waitForEvent('download'), pictures.getByRole('button', { name: 'Download SVG' }).click()]);
    assert.equal(svgFile.suggestedFilename(), 'completion-time-histogram.svg');
    const svg = readFileSync((await svgFile.path())!, 'utf8');
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const bar = doc.querySelector('rect:not([data-background])');
      return { error: doc.querySelector('parsererror')?.textContent ?? '', text: doc.documentElement.textContent, root: doc.documentElement.nodeName, fill: bar?.getAttribute('style') ?? '' };
    }, svg);
    assert.equal(parsed.error, '');
    assert.equal(parsed.root, 'svg');
    for (const text of ['Completion time (days)', 'P80', 'Target 50']) assert.ok(parsed.text?.includes(text), `the SVG should carry "${text}"`);
    assert.match(parsed.fill, /fill:\s*rgb\(/, 'colours are written onto the elements, not left to the page\'s style sheet');
    assert.doesNotMatch(svg, /var\(--/);
    const [pngFile] = await Promise.all([page.waitForEvent('download'), pictures.getByRole('button', { name: 'Download PNG' }).click()]);
    const png = readFileSync((await pngFile.path())!);
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.ok(png.readUInt32BE(16) > 600, 'the PNG is drawn at twice the chart\'s size');
    for (const chart of ['sensitivity tornado', 'where to improve', 'journey network']) {
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('group', { name: `Download the ${chart}` }).getByRole('button', { name: 'Download SVG' }).click()]);
      assert.match(readFileSync((await file.path())!, 'utf8'), /<text/, chart);
    }
    await close(page);
  });

  it('downloads the Attention list as formula-safe CSV with plain numbers, and reports the customer data', async () => {
    const { page } = await openApp();
    const rows = ['customer,order,date,amount'];
    for (let c = 0; c < 30; c++) for (let w = 0; w < 12; w++) rows.push(`C${c},O${c}-${w},2024-${String(1 + Math.floor(w / 4)).padStart(2, '0')}-${String(1 + (w % 4) * 7).padStart(2, '0')},${40 + ((c + w) % 9)}`);
    rows.push('=SUM(A1),BIG,2024-02-10 10:00,9800', '=SUM(A1),CBIG,2024-02-10 10:20,-9800');
    await page.getByLabel('Import CSV').setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
    const dialog = page.getByRole('dialog', { name: 'Import customer data' });
    await dialog.getByRole('table', { name: 'Preview' }).waitFor({ timeout: 20_000 });
    await dialog.getByRole('button', { name: 'Import transactions' }).click();
    await page.getByRole('table', { name: 'Attention' }).waitFor({ timeout: 30_000 });
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download Attention CSV' }).click()]);
    const csv = readFileSync((await file.path())!, 'utf8').split('\r\n');
    assert.equal(csv[0], 'customer,date,kind,also,order,at_stake,why');
    const reversal = csv.find((line) => line.includes('BIG'));
    assert.ok(reversal?.startsWith("'=SUM(A1),"), reversal);
    assert.match(reversal!, /,9800(\.\d+)?,/);
    // Money on the page in the browser's locale (en-US here) with its currency, or the one picked, or none.
    const atStake = async () => (await page.getByRole('table', { name: 'Attention' }).getByRole('row').nth(1).getByRole('cell').nth(3).textContent())?.trim();
    assert.equal(await atStake(), '$9,800.00');
    await page.getByLabel('Currency').selectOption('EUR');
    assert.equal(await atStake(), '€9,800.00');
    await page.getByLabel('Currency').selectOption('');
    assert.equal(await atStake(), '9,800.00');
    await page.getByLabel('Currency').selectOption('GBP');
    await page.getByRole('table', { name: 'Customers' }).waitFor({ timeout: 30_000 });
    // A small table's CSV: the plain numbers behind the shares and money on screen, the column of buttons left out.
    await page.getByRole('table', { name: 'Segments' }).waitFor({ timeout: 30_000 });
    const [segmentsFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download segments CSV' }).click()]);
    const segments = readFileSync((await segmentsFile.path())!, 'utf8').split('\r\n').filter(Boolean);
    assert.equal(segments[0], 'Segment,Customers,Share of revenue,Average CLV,What to do');
    assert.match(segments[1], /^[^,]+,\d+,0?\.?\d+(\.\d+)?,\d+(\.\d+)?,/, segments[1]);
    await page.getByRole('button', { name: 'Report' }).click();
    const report = page.getByRole('article', { name: 'Report' });
    for (const heading of ['Customers: orders.csv', 'Attention', 'Segments']) await report.getByRole('heading', { name: heading, exact: true }).waitFor({ timeout: 30_000 });
    const top = report.getByRole('table', { name: 'Attention, top rows' }).getByRole('row');
    assert.ok(await top.count() > 1);
    assert.equal((await top.nth(1).getByRole('cell').nth(3).textContent())?.trim(), '£9,800.00', 'the report shows money in the currency picked');
    await close(page);
  });
});
