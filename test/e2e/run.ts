/**
 * End-to-end tests: the built app in Debian's Chromium, driven the way a person uses it, by
 * accessible names. Run with `npm run test:e2e` (builds first). Writes a full-page screenshot
 * to test-results/notebook.png. Ends with a line "e2e: N tests, N passed, N failed" (CI reads
 * it) and exits non-zero when a test failed or none ran.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it as nodeIt } from 'node:test';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, serveDist } from './harness.ts';
import { exampleSettings } from '../../src/engine/journey/index.ts';
import { SCENARIO_VERSION } from '../../src/share/scenarioFormat.ts';
import { encodeShareFragment } from '../../src/share/shareLink.ts';

const counts = { passed: 0, failed: 0 };

/** node:test's `it`, counting outcomes; a test whose set-up failed never runs and is not counted. */
function it(name: string, body: () => Promise<void>): void {
  nodeIt(name, async () => {
    try {
      await body();
      counts.passed++;
    } catch (error) {
      counts.failed++;
      throw error;
    }
  });
}

process.on('exit', () => {
  const total = counts.passed + counts.failed;
  console.log(`e2e: ${total} tests, ${counts.passed} passed, ${counts.failed} failed`);
  if (total === 0 || counts.failed > 0) process.exitCode = 1;
});

let server: Awaited<ReturnType<typeof serveDist>>;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

before(async () => {
  server = await serveDist();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.browser.close();
  await server?.close();
});

interface Watched { page: Page; errors: string[]; foreign: string[]; failed: string[] }

const close = async (page: Page) => page.context().close();

/** Opens the app in a fresh profile (or `context`, to share one), at `path` (e.g. a share link). */
async function openApp(context?: BrowserContext, path = ''): Promise<Watched> {
  const page = await (context ?? await browser.newContext()).newPage();
  const errors: string[] = [];
  const foreign: string[] = [];
  const failed: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('requestfailed', (request) => failed.push(`${request.url()}: ${request.failure()?.errorText}`));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('request', (request) => { if (!request.url().startsWith(server.url) && !/^(data|blob):/.test(request.url())) foreign.push(request.url()); });
  await page.goto(server.url + path);
  await statValue(page, 'Mean');
  return { page, errors, foreign, failed };
}

/** The number a statistic's description starts with (terms and descriptions pair up in order). */
async function statValue(page: Page, term: string): Promise<number> {
  const region = page.getByRole('region', { name: 'Simulation' });
  await region.getByRole('definition').first().waitFor({ timeout: 20_000 });
  const terms = (await region.getByRole('term').allTextContents()).map((t) => t.trim());
  const index = terms.indexOf(term);
  assert.ok(index >= 0, `no statistic "${term}" among ${terms.join(', ')}`);
  const text = (await region.getByRole('definition').nth(index).textContent()) ?? '';
  const value = Number.parseFloat(text);
  assert.ok(Number.isFinite(value), `"${term}" should start with a number, got "${text}"`);
  return value;
}

function grid(page: Page) {
  return page.getByRole('grid', { name: 'Journey' });
}

function cell(page: Page, row: number, column: string) {
  // Row 0 is the header; data rows follow in order.
  return grid(page).getByRole('row').nth(row + 1).getByRole('gridcell').nth(COLUMNS.indexOf(column));
}

const COLUMNS = ['ID', 'Touchpoint', 'Stage', 'Optimistic', 'Most likely', 'Pessimistic', 'Distribution', 'Depends on', 'Probability', 'Group',
  'Expected', 'SD', 'Earliest start', 'Latest start', 'Slack', 'Critical', 'Criticality', 'Sensitivity'];

async function editCell(page: Page, row: number, column: string, text: string): Promise<void> {
  await cell(page, row, column).click();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** Waits until the statistic changes from `before`. */
async function changed(page: Page, term: string, before: number): Promise<number> {
  for (let tries = 0; tries < 100; tries++) {
    const now = await statValue(page, term);
    if (now !== before) return now;
    await page.waitForTimeout(100);
  }
  assert.fail(`${term} stayed at ${before}`);
}

describe('the notebook', () => {
  it('loads the example journey with results, histogram and network, and nothing from other origins', async () => {
    const { page, errors, foreign, failed } = await openApp();
    for (const term of ['Mean', 'SD', 'P50', 'P80', 'P95', 'P(finish by target)', 'P(finish by target), PERT normal']) await statValue(page, term);
    await page.getByRole('img', { name: /^Completion time histogram/ }).waitFor();
    const network = page.getByRole('img', { name: /^Journey network/ });
    const rows = await grid(page).getByRole('row').count();
    assert.equal(await network.locator('[data-id]').count(), rows - 1);
    // The nodes marked critical are exactly the rows whose Critical column says Yes.
    const criticalRows: string[] = [];
    for (let row = 0; row < rows - 1; row++) {
      if ((await cell(page, row, 'Critical').textContent())?.trim() === 'Yes') criticalRows.push((await cell(page, row, 'ID').textContent())!.trim());
    }
    assert.ok(criticalRows.length > 2);
    const criticalNodes = await network.locator('[data-critical="true"]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-id')));
    assert.deepEqual(criticalNodes.sort(), criticalRows.sort());
    const headers = await grid(page).getByRole('columnheader').allTextContents();
    assert.deepEqual(headers.map((h) => h.trim()), COLUMNS);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/notebook.png', fullPage: true });
    assert.deepEqual(errors, []);
    assert.deepEqual(foreign, []);
    assert.deepEqual(failed, []);
    await close(page);
  });

  it('recomputes the statistics when a cell is edited', async () => {
    const { page } = await openApp();
    const before = await statValue(page, 'Mean');
    await editCell(page, 14, 'Pessimistic', '60');
    assert.equal((await cell(page, 14, 'Pessimistic').textContent())?.trim(), '60');
    const after = await changed(page, 'Mean', before);
    assert.ok(after > before, `mean should grow when re-purchase reminder can take 60 days (${before} → ${after})`);
    await close(page);
  });

  it('pastes a 3×3 block copied from a spreadsheet, and undoes and redoes it as one step', async () => {
    const { page } = await openApp();
    await cell(page, 0, 'Optimistic').click();
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', '1\t2\t3\r\n2\t3\t4\r\n3\t4\t5\r\n');
      document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    const read = async () => Promise.all([0, 1, 2].map(async (r) => Promise.all(['Optimistic', 'Most likely', 'Pessimistic'].map(async (c) => (await cell(page, r, c).textContent())?.trim()))));
    assert.deepEqual(await read(), [['1', '2', '3'], ['2', '3', '4'], ['3', '4', '5']]);
    await page.getByRole('button', { name: 'Undo' }).click();
    assert.deepEqual(await read(), [['0.5', '1', '3'], ['0.5', '2', '5'], ['2', '5', '11']]);
    await page.getByRole('button', { name: 'Redo' }).click();
    assert.deepEqual((await read())[2], ['3', '4', '5']);
    await cell(page, 0, 'ID').click();
    await page.keyboard.press('Control+z');
    assert.deepEqual((await read())[0], ['0.5', '1', '3']);
    await page.keyboard.press('Control+y');
    assert.deepEqual((await read())[0], ['1', '2', '3']);
    await close(page);
  });

  it('marks letters in a number cell with a visible message and keeps the last results', async () => {
    const { page } = await openApp();
    const before = await statValue(page, 'Mean');
    await editCell(page, 2, 'Most likely', 'abc');
    const bad = cell(page, 2, 'Most likely');
    assert.equal(await bad.getAttribute('aria-invalid'), 'true');
    await bad.click();
    await page.getByText('Reads reviews: Most likely "abc" is not a number.').first().waitFor();
    assert.equal(await statValue(page, 'Mean'), before);
    await close(page);
  });

  it('names the touchpoints of a shortest cycle and counts the others caught in cycles with them', async () => {
    const { page } = await openApp();
    await editCell(page, 0, 'Depends on', 'RP');
    // The way round through the newsletter (ad → newsletter → cart) is a step shorter than through search and reviews.
    await page.getByText(/wait for each other in a circle: Sees a social ad → Newsletter sign-up and nurture → Adds to cart → .* → Second order → Sees a social ad, and 7 more touchpoints are in cycles with them\./).first().waitFor();
    assert.equal(await cell(page, 0, 'Depends on').getAttribute('aria-invalid'), 'true');
    await close(page);
  });

  it('can be used with the keyboard alone', async () => {
    const { page } = await openApp();
    // Tab in from the top of the page until the sheet has focus: it is one tab stop.
    for (let presses = 0; presses < 40; presses++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.getAttribute('role') === 'gridcell')) break;
    }
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'AD');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
    assert.equal(focused, 'Search and landing page');
    await page.keyboard.type('Search page');
    await page.keyboard.press('Enter');
    assert.equal((await cell(page, 1, 'Touchpoint').textContent())?.trim(), 'Search page');
    // Enter moved down; Tab moves right; Escape cancels an edit.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.keyboard.type('nowhere');
    await page.keyboard.press('Escape');
    assert.equal((await cell(page, 2, 'Stage').textContent())?.trim(), 'consideration');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Control+d');
    assert.equal((await cell(page, 3, 'Stage').textContent())?.trim(), 'consideration');
    // End goes to the row's last cell; Tab there leaves the sheet for the next control on the page.
    await page.keyboard.press('End');
    await page.keyboard.press('Tab');
    assert.notEqual(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'gridcell');
    assert.equal(await page.evaluate(() => document.activeElement?.closest('[role=grid]')), null);
    await close(page);
  });

  it('selects the row of a clicked network node', async () => {
    const { page } = await openApp();
    await page.getByRole('img', { name: /^Journey network/ }).locator('[data-id="TR"]').click();
    // Free sample trial is the sixth touchpoint: its row holds the selected cell.
    await grid(page).getByRole('row').nth(6).getByRole('gridcell', { selected: true }).waitFor();
    assert.equal(await grid(page).getByRole('gridcell', { selected: true }).count(), 1);
    await close(page);
  });

  it('scrolls the page over the network and zooms it only with Ctrl + scroll', async () => {
    const { page } = await openApp();
    const network = page.getByRole('img', { name: /^Journey network/ });
    await network.scrollIntoViewIfNeeded();
    const box = (await network.boundingBox())!;
    const zoomOf = () => network.locator(':scope > g').first().getAttribute('transform');
    const scrollY = () => page.evaluate(() => window.scrollY);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const [zoomBefore, scrollBefore] = [await zoomOf(), await scrollY()];
    await page.mouse.wheel(0, 200);
    await page.waitForFunction((before) => window.scrollY !== before, scrollBefore);
    assert.equal(await zoomOf(), zoomBefore, 'a plain scroll moves the page, not the zoom');
    const box2 = (await network.boundingBox())!;
    await page.mouse.move(box2.x + box2.width / 2, box2.y + box2.height / 2);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -200);
    await page.keyboard.up('Control');
    await page.waitForFunction((before) => document.querySelector('[aria-label^="Journey network"] > g')?.getAttribute('transform') !== before, zoomBefore);
    await close(page);
  });

  it('sets Target, Iterations and Seed through labelled inputs', async () => {
    const { page } = await openApp();
    const before = await statValue(page, 'P(finish by target)');
    await page.getByLabel('Target', { exact: true }).fill('60');
    await page.getByLabel('Target', { exact: true }).press('Enter');
    const after = await changed(page, 'P(finish by target)', before);
    assert.ok(after > before);
    await page.getByLabel('Iterations', { exact: true }).fill('lots');
    await page.getByLabel('Iterations', { exact: true }).press('Enter');
    await page.getByText('Iterations must be a whole number from 100 to 1,000,000.').waitFor();
    // The message describes the input; it does not become part of its name.
    const iterations = page.getByRole('textbox', { name: 'Iterations', exact: true });
    assert.equal(await iterations.getAttribute('aria-invalid'), 'true');
    assert.equal(await iterations.inputValue(), 'lots');
    await page.getByLabel('Seed', { exact: true }).fill('7');
    await page.getByLabel('Seed', { exact: true }).press('Enter');
    await page.getByText('10,000 runs, seed 7').waitFor();
    // Thousands grouped with a space, as many people outside the US write them.
    await iterations.fill('20 000');
    await iterations.press('Enter');
    await page.getByText('20,000 runs, seed 7').waitFor();
    assert.equal(await iterations.getAttribute('aria-invalid'), null);
    await close(page);
  });
});

describe('scenarios that last and travel', () => {
  it('keeps an edit and the selected touchpoint across a reload made right after it', async () => {
    const { page } = await openApp();
    await editCell(page, 3, 'Touchpoint', 'Compares prices');
    await cell(page, 5, 'Stage').click();
    await page.waitForTimeout(50);
    await page.reload();
    await statValue(page, 'Mean');
    await page.getByRole('grid', { name: 'Journey' }).getByText('Compares prices').waitFor();
    await grid(page).getByRole('row').nth(6).getByRole('gridcell', { selected: true }).waitFor();
    await close(page);
  });

  it('opens a share link in a fresh profile with the same rows and statistics', async () => {
    const { page } = await openApp();
    const base = await statValue(page, 'Mean');
    await editCell(page, 14, 'Pessimistic', '40');
    const mean = await changed(page, 'Mean', base);
    await page.getByRole('button', { name: 'Copy share link' }).click();
    const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
    assert.ok(link.length < 2000, `the example's link should stay under 2,000 characters (${link.length})`);
    const field = (await page.getByRole('textbox', { name: 'Share link' }).boundingBox())!;
    const section = (await page.getByRole('region', { name: 'Journey' }).boundingBox())!;
    assert.ok(field.x + field.width <= section.x + section.width + 0.5, 'the link field stays within the page column');
    const fresh = await openApp(undefined, link.slice(link.indexOf('#')));
    await fresh.page.getByText(/from a share link as a new local copy/).waitFor();
    assert.equal((await cell(fresh.page, 14, 'Pessimistic').textContent())?.trim(), '40');
    for (let tries = 0; tries < 50 && (await statValue(fresh.page, 'Mean')) !== mean; tries++) await fresh.page.waitForTimeout(100);
    assert.equal(await statValue(fresh.page, 'Mean'), mean);
    assert.equal(new URL(fresh.page.url()).hash, '', 'the address bar is cleaned so a reload does not import twice');
    await close(page);
    await close(fresh.page);
  });

  it('opens a share link pasted into the address bar of a tab where the app is already open', async () => {
    const { page } = await openApp();
    await page.getByLabel('Scenario', { exact: true }).fill('Sent over');
    await page.getByLabel('Scenario', { exact: true }).press('Enter');
    await editCell(page, 14, 'Pessimistic', '40');
    await page.getByRole('button', { name: 'Copy share link' }).click();
    const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
    const other = await openApp();
    // Only the fragment changes, so the browser does not reload the page.
    await other.page.evaluate((hash) => { location.hash = hash; }, link.slice(link.indexOf('#')));
    await other.page.getByText(/Opened "Sent over" from a share link as a new local copy/).waitFor();
    assert.equal((await cell(other.page, 14, 'Pessimistic').textContent())?.trim(), '40');
    assert.equal(new URL(other.page.url()).hash, '');
    await other.page.getByRole('region', { name: 'Scenarios' }).scrollIntoViewIfNeeded();
    await other.page.getByRole('table', { name: 'Scenarios' }).getByRole('button', { name: 'Subscription journey', exact: true }).waitFor();
    await close(page);
    await close(other.page);
  });

  it('shows a plain message for a broken link and keeps a working notebook', async () => {
    const { page, errors } = await openApp(undefined, '#s1.this-is-not-a-scenario');
    await page.getByText(/This share link is damaged/).waitFor();
    assert.equal(await grid(page).getByRole('row').count(), 17);
    assert.deepEqual(errors, []);
    await close(page);
  });

  it('imports a journey CSV with two bad rows through a preview: good rows load, bad ones are listed by line, and it can be undone', async () => {
    const { page } = await openApp();
    const csv = 'ID;Touchpoint;Stage;a;m;b;Predecessors\nA;Ad;awareness;1;2;3;\nB;Visit;consideration;1;x;3;A\nC;Buy;purchase;2;3;5;B\nD;Extra;purchase;1;2;3;A;9;9\nE;Thanks;onboarding;1;1;1;C\n';
    await page.getByLabel('Import CSV').setInputFiles({ name: 'journey.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const dialog = page.getByRole('dialog', { name: 'Import journey' });
    await dialog.getByRole('table', { name: 'Preview' }).getByText('Thanks').waitFor();
    await dialog.getByText('Line 5: Line 5 has 9 cells but the header has 7. Not imported.').waitFor();
    await dialog.getByText('Line 3: Visit: Most likely "x" is not a number.').waitFor();
    await dialog.getByRole('button', { name: 'Import 4 touchpoints as a new scenario' }).click();
    await page.getByText('Imported 4 touchpoints from journey.csv as a new scenario').waitFor();
    assert.equal(await grid(page).getByRole('row').count(), 5);
    await page.getByRole('list', { name: 'Import problems' }).getByText('Line 3: Visit: Most likely "x" is not a number.').waitFor();
    await page.getByRole('button', { name: 'Take the import back' }).click();
    await page.getByText('Import undone.').waitFor();
    assert.equal(await grid(page).getByRole('row').count(), 17);
    await close(page);
  });

  it('returns the keyboard focus to Import CSV when the journey preview is closed with Esc', async () => {
    const { page } = await openApp();
    const input = page.getByLabel('Import CSV');
    await input.focus();
    await input.setInputFiles({ name: 'one.csv', mimeType: 'text/csv', buffer: Buffer.from('id,name,stage,optimistic,most_likely,pessimistic,depends_on\nA,Ad,awareness,1,2,3,\n') });
    const dialog = page.getByRole('dialog', { name: 'Import journey' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await input.evaluate((element) => element === document.activeElement), true, 'focus goes back where it was, not to the top of the page');
    await close(page);
  });

  it('returns the keyboard focus to Import CSV when the customer import dialog is closed with Esc', async () => {
    const { page } = await openApp();
    const input = page.getByLabel('Import CSV');
    await input.focus();
    await input.setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from('customer,order,date,amount\nC1,O1,2024-01-02,10\nC1,O2,2024-02-02,12\n') });
    const dialog = page.getByRole('dialog', { name: 'Import customer data' });
    await dialog.waitFor({ timeout: 20_000 });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await input.evaluate((element) => element === document.activeElement), true, 'focus goes back where it was, not to the top of the page');
    await close(page);
  });

  it('refuses a binary file named .csv plainly, and offers to take an import back only beside its own message', async () => {
    const { page } = await openApp();
    const input = page.getByLabel('Import CSV');
    const csv = 'id,name,stage,optimistic,most_likely,pessimistic,depends_on\nA,Ad,awareness,1,2,3,\nB,Buy,purchase,2,3,5,A\n';
    await input.setInputFiles({ name: 'two.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('dialog', { name: 'Import journey' }).getByRole('button', { name: 'Import 2 touchpoints as a new scenario' }).click();
    await page.getByRole('button', { name: 'Take the import back' }).waitFor();
    // A zip (what an .xlsx workbook is) renamed .csv: a plain message, no mapping dialog of garbage.
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0, 8, 0, 0, 0, 0x21, 0]), Buffer.alloc(400, 0)]);
    await input.setInputFiles({ name: 'book.csv', mimeType: 'text/csv', buffer: zip });
    await page.getByText('book.csv is not a text file, so it cannot be a CSV').waitFor();
    assert.equal(await page.getByRole('dialog', { name: 'Import journey' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Take the import back' }).count(), 0, 'the undo belongs to the earlier import, not to this message');
    assert.equal(await grid(page).getByRole('row').count(), 3, 'the imported journey is still open');
    await close(page);
  });

  it('drops a CSV with two bad rows anywhere on the page into the same preview', async () => {
    const { page } = await openApp();
    const csv = 'id,name,optimistic,most_likely,pessimistic,depends_on\nX,Only,1,2,3,\nY,Bad,3,2,1,X\nZ,Worse,1,2,3,Q\n';
    await page.evaluate(`(() => {
      const data = new DataTransfer();
      data.items.add(new File([${JSON.stringify(csv)}], 'dropped.csv', { type: 'text/csv' }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    })()`);
    const dialog = page.getByRole('dialog', { name: 'Import journey' });
    await dialog.getByText('Line 3: Bad: Pessimistic (1) is below Optimistic (3).').waitFor();
    await dialog.getByText('Line 4: Worse depends on "Q", which is not an ID in the journey.').waitFor();
    await dialog.getByRole('button', { name: 'Import 3 touchpoints as a new scenario' }).click();
    await grid(page).getByText('Only').waitFor();
    assert.equal(await cell(page, 1, 'Pessimistic').getAttribute('aria-invalid'), 'true');
    await close(page);
  });

  it('imports a scenario JSON through the same input, and refuses a damaged one plainly', async () => {
    const { page } = await openApp();
    const scenario = { v: 1, name: 'From a file', settings: { target: 10, iterations: 2000, seed: 3, timeUnit: 'days' },
      rows: [{ id: 'A', name: 'Only step', stage: '', optimistic: '1', mostLikely: '2', pessimistic: '3', distribution: 'beta-pert', dependsOn: '' }] };
    await page.getByLabel('Import CSV').setInputFiles({ name: 'scenario.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(scenario)) });
    await page.getByText('Imported 1 scenario.').waitFor();
    await page.getByRole('table', { name: 'Scenarios' }).getByText('From a file').waitFor();
    await page.getByLabel('Import CSV').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"v":1,"name":') });
    await page.getByText('That file is not a Waypoint export (it is not JSON). Nothing was imported.').waitFor();
    await close(page);
  });

  it('keeps two tabs on the same scenario consistent', async () => {
    const context = await browser.newContext();
    const first = await openApp(context);
    const second = await openApp(context);
    await editCell(first.page, 0, 'Touchpoint', 'Sees a video ad');
    await second.page.getByRole('grid', { name: 'Journey' }).getByText('Sees a video ad').waitFor({ timeout: 10_000 });
    await context.close();
  });

  it('keeps two tabs\' scenario lists in step, and keeps edits made in a tab whose scenario another tab deleted', async () => {
    const context = await browser.newContext();
    const first = await openApp(context);
    const second = await openApp(context);
    await second.page.getByRole('button', { name: 'Duplicate' }).click();
    // The copy made in the second tab appears in the first tab's list without a reload.
    const list = first.page.getByRole('table', { name: 'Scenarios' });
    await first.page.getByRole('region', { name: 'Scenarios' }).scrollIntoViewIfNeeded();
    await list.getByRole('button', { name: 'Delete Subscription journey (copy)' }).click({ timeout: 10_000 });
    await second.page.getByText('This scenario was deleted in another tab.').first().waitFor({ timeout: 10_000 });
    await editCell(second.page, 0, 'Touchpoint', 'Kept after the delete');
    await second.page.getByText('your edits here were saved as a new scenario').waitFor({ timeout: 10_000 });
    await list.getByRole('button', { name: 'Subscription journey (copy)', exact: true }).waitFor({ timeout: 10_000 });
    await second.page.reload();
    await grid(second.page).getByText('Kept after the delete').waitFor({ timeout: 20_000 });
    await context.close();
  });

  it('lists scenarios, duplicates, switches, deletes and undoes a delete', async () => {
    const { page } = await openApp();
    const table = page.getByRole('table', { name: 'Scenarios' });
    await table.getByText('Subscription journey').first().waitFor();
    await page.getByRole('button', { name: 'Duplicate' }).click();
    await table.getByText('Subscription journey (copy)').waitFor();
    await editCell(page, 0, 'Touchpoint', 'Copy only');
    await table.getByRole('button', { name: 'Subscription journey', exact: true }).click();
    await grid(page).getByText('Sees a social ad').waitFor();
    // The name pressed is no longer a button once open; the keyboard focus stays on it, in the list.
    await page.waitForFunction(() => document.activeElement?.textContent === 'Subscription journey');
    await table.getByRole('button', { name: 'Delete Subscription journey (copy)' }).click();
    await page.getByText('Deleted "Subscription journey (copy)".').waitFor();
    await page.waitForFunction(() => document.activeElement?.textContent === 'Bring back the deleted scenario');
    assert.equal(await table.getByRole('row').count(), 2);
    await page.getByRole('button', { name: 'Bring back the deleted scenario' }).click();
    await table.getByRole('button', { name: 'Subscription journey (copy)', exact: true }).click();
    await grid(page).getByText('Copy only').waitFor();
    await close(page);
  });

  it('exports all scenarios and imports them in a fresh profile, and refuses an export from a newer version', async () => {
    const { page } = await openApp();
    const table = page.getByRole('table', { name: 'Scenarios' });
    await page.getByRole('button', { name: 'Duplicate' }).click();
    await table.getByText('Subscription journey (copy)').waitFor();
    await editCell(page, 0, 'Touchpoint', 'Only in the copy');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export all' }).click()]);
    const file = readFileSync(await download.path(), 'utf8');
    assert.equal(JSON.parse(file).v, 1);
    await close(page);

    const other = await openApp();
    const list = other.page.getByRole('table', { name: 'Scenarios' });
    await other.page.getByLabel('Import scenarios (JSON)').setInputFiles({ name: 'waypoint-scenarios.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    await other.page.getByText('Imported 2 scenarios.').waitFor();
    await list.getByRole('button', { name: 'Subscription journey (copy)', exact: true }).click();
    await grid(other.page).getByText('Only in the copy').waitFor();
    const rows = await list.getByRole('row').count();
    const newer = JSON.stringify({ ...JSON.parse(file), v: 2 });
    await other.page.getByLabel('Import scenarios (JSON)').setInputFiles({ name: 'newer.json', mimeType: 'application/json', buffer: Buffer.from(newer) });
    await other.page.getByText(/^That file was exported by a newer Waypoint \(export version 2\)/).waitFor();
    assert.equal(await list.getByRole('row').count(), rows, 'nothing was imported');
    assert.deepEqual(other.errors, []);
    await close(other.page);
  });

  it('never shows one scenario\'s results under another: a new blank scenario asks for a row, one with a cycle asks for a fix', async () => {
    const { page } = await openApp();
    const simulation = page.getByRole('region', { name: 'Simulation' });
    await page.getByRole('button', { name: 'New blank' }).click();
    await simulation.getByText('Add a row to the journey to see results.').waitFor();
    assert.equal(await simulation.getByRole('term').count(), 0, 'no statistics of the example journey under the blank one');
    assert.equal(await simulation.getByText('Showing the last good results').count(), 0);
    // A scenario whose journey has a cycle: opened from another, it shows none of the other's figures.
    const looped = 'id,name,stage,optimistic,most_likely,pessimistic,depends_on\nA,Ad,awareness,1,2,3,B\nB,Buy,purchase,2,3,5,A\n';
    await page.getByLabel('Import CSV').setInputFiles({ name: 'looped.csv', mimeType: 'text/csv', buffer: Buffer.from(looped) });
    await page.getByRole('dialog', { name: 'Import journey' }).getByRole('button', { name: 'Import 2 touchpoints as a new scenario' }).click();
    const table = page.getByRole('table', { name: 'Scenarios' });
    // Sections off screen are not rendered (content-visibility): bring the list into view first.
    await page.getByRole('region', { name: 'Scenarios' }).scrollIntoViewIfNeeded();
    await table.getByText('looped').waitFor();
    await page.getByRole('button', { name: 'New from example' }).click();
    await statValue(page, 'Mean');
    await table.getByRole('button', { name: 'looped', exact: true }).click();
    await grid(page).getByText('Buy').waitFor();
    await simulation.getByText('Fix the journey\'s problems to see results.').waitFor();
    assert.equal(await simulation.getByRole('term').count(), 0);
    await close(page);
  });

  it('compares two scenarios side by side with the difference in P(finish by target)', async () => {
    const { page } = await openApp();
    await page.getByRole('button', { name: 'Duplicate' }).click();
    await page.getByRole('table', { name: 'Scenarios' }).getByText('Subscription journey (copy)').waitFor();
    const base = await statValue(page, 'Mean');
    await editCell(page, 14, 'Pessimistic', '45');
    await changed(page, 'Mean', base);
    await page.getByLabel('Compare the open scenario with').selectOption({ label: 'Subscription journey' });
    const table = page.getByRole('table', { name: 'Comparison' });
    await table.waitFor();
    const difference = (await table.getByRole('row', { name: /^P\(finish by target\)/ }).getByRole('cell').nth(2).textContent()) ?? '';
    assert.match(difference, /^\+\d+\.\d points$/);
    await page.getByRole('img', { name: 'Cumulative completion curves of both scenarios' }).waitFor();
    const mean = (await table.getByRole('row', { name: /^Mean/ }).getByRole('cell').nth(2).textContent()) ?? '';
    assert.match(mean, /^[+-]\d+\.\d days$/, 'a difference of times carries its unit');
    // Opening the scenario being compared with leaves nothing to compare: no table of it against itself.
    await page.getByRole('table', { name: 'Scenarios' }).getByRole('button', { name: 'Subscription journey', exact: true }).click();
    await grid(page).getByText('Sees a social ad').waitFor();
    await table.waitFor({ state: 'detached' });
    assert.equal(await page.getByLabel('Compare the open scenario with').inputValue(), '');
    await close(page);
  });
});

describe('one scenario across tabs and links', () => {
  /** Opens a cell's editor and types `text` into it, leaving the edit to be committed with Enter. */
  async function typeInCell(page: Page, row: number, column: string, text: string): Promise<void> {
    await cell(page, row, column).click();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(text);
  }

  /** The names in the Scenarios table. */
  async function scenarioNames(page: Page): Promise<string[]> {
    await page.getByRole('region', { name: 'Scenarios' }).scrollIntoViewIfNeeded();
    const rows = page.getByRole('table', { name: 'Scenarios' }).getByRole('row');
    const names: string[] = [];
    for (let k = 1; k < await rows.count(); k++) names.push(((await rows.nth(k).getByRole('cell').first().textContent()) ?? '').replace(/\s*open$/, '').trim());
    return names;
  }

  /** Waits until `check` holds (polling), failing with `message`. */
  async function eventually(check: () => Promise<boolean>, message: string, timeout = 10_000): Promise<void> {
    for (const start = Date.now(); Date.now() - start < timeout;) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.fail(message);
  }

  const text = async (page: Page, row: number, column: string) => (await cell(page, row, column).textContent())?.trim();

  /** Reloads from the top of the page: the browser restores the scroll position, and sections off screen are not rendered (content-visibility). */
  async function reloadFromTop(page: Page): Promise<void> {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.reload();
    await statValue(page, 'Mean');
  }

  /**
   * Starts recording the page's own long tasks (PerformanceObserver 'longtask': timed in the
   * page, so a frozen page cannot hide them), once the page has had a second without any (its
   * start-up work done), and clears the record.
   */
  async function recordLongTasks(page: Page): Promise<void> {
    await page.evaluate(`window.longTasks = []; new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.longTasks.push(Math.round(entry.duration));
    }).observe({ type: 'longtask', buffered: false });`);
    for (let tries = 0; tries < 20; tries++) {
      await page.evaluate('window.longTasks = []');
      await page.waitForTimeout(1000);
      if (((await page.evaluate('window.longTasks.length')) as number) === 0) return;
    }
  }

  it('refuses a 5 KB link that inflates to 1.3 million rows with under 200 ms of main-thread work, saying what is too big', async () => {
    const json = `{"v":2,"name":"Bomb","settings":{"target":30,"iterations":1000,"seed":1,"timeUnit":"days"},"rows":[${'[],'.repeat(1_300_000)}[]],"correlations":[]}`;
    const bomb = `#s2.${deflateRawSync(Buffer.from(json), { level: 9 }).toString('base64url')}`;
    assert.ok(bomb.length < 6_000, `the link is ${bomb.length} characters`);
    const refusal = 'This link holds a journey of more than 5,000 touchpoints, more than Waypoint takes. Ask for a smaller journey, or for the scenario as a file (its Export JSON).';
    const { page, errors } = await openApp();
    await recordLongTasks(page);
    // Pasted into the address bar of the open app: only the fragment changes.
    await page.evaluate((hash) => { location.hash = hash; }, bomb);
    await page.getByText(refusal).waitFor();
    await page.waitForTimeout(300);
    const tasks = (await page.evaluate('window.longTasks')) as number[];
    const total = tasks.reduce((sum, duration) => sum + duration, 0);
    assert.ok(total < 200, `main-thread long tasks while refusing the link: ${tasks.join(', ') || 'none'} ms`);
    assert.equal(await grid(page).getByRole('row').count(), 17, 'the notebook is unchanged');
    assert.equal(new URL(page.url()).hash, '');
    assert.deepEqual(errors, []);
    // Opened in a fresh profile: the same sentence, and the example notebook to work with.
    const fresh = await openApp(undefined, bomb);
    await fresh.page.getByText(refusal).waitFor();
    assert.equal(await grid(fresh.page).getByRole('row').count(), 17);
    await close(page);
    await close(fresh.page);
  });

  it('opens a link of 5,000 touchpoints with 40 links each with no long task over 200 ms: the grid, then a simplified network that says so', async () => {
    // Touchpoint k waits for the 40 before it: 199,180 links, the most a link's 500-character cell holds comfortably.
    const rows = Array.from({ length: 5000 }, (_, k) => ({
      id: `T${k}`, name: `Touchpoint ${k}`, stage: '', optimistic: String(1 + (k % 3)), mostLikely: String(3 + (k % 4)), pessimistic: String(8 + (k % 5)),
      distribution: 'beta-pert', dependsOn: Array.from({ length: Math.min(k, 40) }, (_, back) => `T${k - 1 - back}`).join(' '), probability: '', group: '',
    }));
    const link = `#${await encodeShareFragment({ v: SCENARIO_VERSION, name: 'Dense', settings: exampleSettings, rows, correlations: [] })}`;
    const { page, errors } = await openApp();
    await recordLongTasks(page);
    await page.evaluate((hash) => { location.hash = hash; }, link);
    await eventually(async () => (await grid(page).getAttribute('aria-rowcount')) === '5001', 'the grid shows the 5,000 rows', 30_000);
    const network = page.getByRole('img', { name: /^Journey network: 5000 touchpoints, simplified/ });
    await network.waitFor({ state: 'attached', timeout: 30_000 });
    await eventually(async () => (await network.locator('[data-id]').count()) === 5000, 'every touchpoint has its element in the network', 30_000);
    await page.getByText(/^Simplified drawing: 5,000 touchpoints are too many to lay out in full quickly\. They stand in 5,000 layers by depth, as marks; 4,999 of the 199,180 links are needed to show who waits for whom/).waitFor();
    await page.getByRole('button', { name: 'Draw every touchpoint (slow)' }).waitFor({ state: 'attached' });
    // Once the results are in, the critical path (here every touchpoint, one after another) is drawn in full, its first 150 as boxes.
    await page.getByText(/the critical path and its neighbours are drawn in full \(150 touchpoints\)/).waitFor({ timeout: 60_000 });
    await eventually(async () => (await network.locator('[data-critical="true"]').count()) === 5000, 'the critical touchpoints are marked', 30_000);
    await page.waitForTimeout(500);
    const tasks = (await page.evaluate('window.longTasks')) as number[];
    assert.ok(Math.max(0, ...tasks) <= 200, `main-thread long tasks while opening the link: ${tasks.join(', ')} ms`);
    assert.deepEqual(errors, []);
    await close(page);
  });

  it('opens a share link a second time, in another tab or pasted again, as the scenario already here instead of another copy', async () => {
    const sender = await openApp();
    await sender.page.getByLabel('Scenario', { exact: true }).fill('Sent over');
    await sender.page.getByLabel('Scenario', { exact: true }).press('Enter');
    await editCell(sender.page, 14, 'Pessimistic', '40');
    await sender.page.getByRole('button', { name: 'Copy share link' }).click();
    const link = await sender.page.getByRole('textbox', { name: 'Share link' }).inputValue();
    const hash = link.slice(link.indexOf('#'));

    const context = await browser.newContext();
    const first = await openApp(context, hash);
    await first.page.getByText(/Opened "Sent over" from a share link as a new local copy/).waitFor();
    const second = await openApp(context, hash);
    await second.page.getByText(/^"Sent over" \(last changed [^)]+\) already holds this share link's journey, so it is open now; no copy was made\./).waitFor();
    assert.equal(await text(second.page, 14, 'Pessimistic'), '40');
    // Pasted again into a tab where it is open.
    await second.page.evaluate((fragment) => { location.hash = fragment; }, hash);
    await second.page.getByText(/^This share link holds "Sent over", which is open here already; no copy was made\./).waitFor();
    assert.deepEqual(await scenarioNames(second.page), ['Sent over']);
    assert.deepEqual(await scenarioNames(first.page), ['Sent over']);
    // The person who made the link, opening it in their own browser, gets the scenario it was made of.
    const own = await openApp(sender.page.context(), hash);
    await own.page.getByText(/already holds this share link's journey/).waitFor();
    assert.deepEqual(await scenarioNames(own.page), ['Sent over']);
    await context.close();
    await close(sender.page);
  });

  it('makes no copy when one tab is clicked while another edits: both show the edit, in one scenario, also after a reload', async () => {
    const context = await browser.newContext();
    const a = await openApp(context);
    const b = await openApp(context);
    await editCell(a.page, 0, 'Touchpoint', 'Sees a video ad');
    await cell(b.page, 5, 'Stage').click();
    await grid(b.page).getByText('Sees a video ad').waitFor({ timeout: 10_000 });
    await a.page.waitForTimeout(1000);
    assert.deepEqual(await scenarioNames(a.page), ['Subscription journey']);
    assert.deepEqual(await scenarioNames(b.page), ['Subscription journey']);
    assert.equal(await b.page.getByText(/this tab|separate copy/).count(), 0, 'no copy and no warning of one');
    await reloadFromTop(b.page);
    assert.equal(await text(b.page, 0, 'Touchpoint'), 'Sees a video ad');
    await grid(b.page).getByRole('row').nth(6).getByRole('gridcell', { selected: true }).waitFor();
    await context.close();
  });

  it('keeps edits of different cells made in two tabs 100 ms apart, both in one scenario, also after a reload', async () => {
    const context = await browser.newContext();
    const a = await openApp(context);
    const b = await openApp(context);
    await typeInCell(a.page, 0, 'Touchpoint', 'Edited in A');
    await typeInCell(b.page, 14, 'Pessimistic', '60');
    await a.page.keyboard.press('Enter');
    await b.page.waitForTimeout(100);
    await b.page.keyboard.press('Enter');
    for (const tab of [a, b]) {
      await eventually(async () => (await text(tab.page, 0, 'Touchpoint')) === 'Edited in A' && (await text(tab.page, 14, 'Pessimistic')) === '60',
        'both edits should show in both tabs');
    }
    await eventually(async () => (await b.page.getByText('Saved', { exact: true }).count()) === 1, 'the merged scenario is saved');
    assert.deepEqual(await scenarioNames(a.page), ['Subscription journey']);
    for (const tab of [a, b]) {
      await reloadFromTop(tab.page);
      assert.equal(await text(tab.page, 0, 'Touchpoint'), 'Edited in A');
      assert.equal(await text(tab.page, 14, 'Pessimistic'), '60');
    }
    assert.deepEqual(await scenarioNames(b.page), ['Subscription journey']);
    await context.close();
  });

  it('lets the later of two edits of one cell win, and tells the other tab which value it replaced, with a way to put it back', async () => {
    const context = await browser.newContext();
    const a = await openApp(context);
    const b = await openApp(context);
    await typeInCell(a.page, 14, 'Pessimistic', '40');
    await typeInCell(b.page, 14, 'Pessimistic', '45');
    await a.page.keyboard.press('Enter');
    await eventually(async () => (await text(a.page, 14, 'Pessimistic')) === '40', 'the first edit is in');
    await b.page.waitForTimeout(100);
    await b.page.keyboard.press('Enter');
    await a.page.getByText('Another tab changed Pessimistic of "Re-purchase reminder" at the same time as this one: its "45" replaced your "40".').waitFor({ timeout: 10_000 });
    assert.equal(await text(a.page, 14, 'Pessimistic'), '45');
    assert.equal(await text(b.page, 14, 'Pessimistic'), '45');
    assert.equal(await b.page.getByRole('button', { name: 'Put back mine' }).count(), 0, 'the tab whose value won is not asked');
    await a.page.getByRole('button', { name: 'Put back mine' }).click();
    assert.equal(await text(a.page, 14, 'Pessimistic'), '40');
    await eventually(async () => (await text(b.page, 14, 'Pessimistic')) === '40', 'the value put back reaches the other tab');
    assert.deepEqual(await scenarioNames(b.page), ['Subscription journey']);
    await context.close();
  });
});

describe('branches, waits, correlations and where to improve', () => {
  it('recomputes the statistics when a lag and then a probability are typed in the sheet, and draws them in the network', async () => {
    const { page } = await openApp();
    const row = 13; // Review request, sent 5 days after first use, on the critical path to the re-purchase reminder
    assert.equal((await cell(page, row, 'ID').textContent())?.trim(), 'RE');
    const before = await statValue(page, 'Mean');
    assert.equal((await cell(page, row, 'Depends on').textContent())?.trim(), 'FU+5');
    await editCell(page, row, 'Depends on', 'FU+12');
    const waited = await changed(page, 'Mean', before);
    assert.ok(waited > before + 4, `7 more days of wait on the critical path should add most of a week (${before} → ${waited})`);
    await editCell(page, row, 'Probability', '25%');
    const optional = await changed(page, 'Mean', waited);
    assert.ok(optional < waited, `the review request in only a quarter of journeys should shorten them (${waited} → ${optional})`);
    await page.getByRole('region', { name: 'Simulation' }).getByText(/This journey has branches/).waitFor();
    // The example's support ticket was already optional; now the review request is too.
    const network = page.getByRole('img', { name: /^Journey network: 16 touchpoints \(2 optional\)/ });
    await network.getByRole('button', { name: /^Review request \(RE\), happens in 25% of journeys/ }).waitFor();
    await network.getByText('+12', { exact: true }).waitFor();
    // A probability that is not one is marked in place with the engine's message.
    await editCell(page, row, 'Probability', 'often');
    assert.equal(await cell(page, row, 'Probability').getAttribute('aria-invalid'), 'true');
    await close(page);
  });

  it('carries correlations, probabilities and lags through Export JSON and back in through Import CSV', async () => {
    const { page } = await openApp();
    await page.getByRole('button', { name: 'Add correlation' }).click();
    await page.getByLabel('Correlated touchpoints, row 1').fill('RV CM TR');
    await page.getByLabel('Correlated touchpoints, row 1').press('Enter');
    await page.getByLabel('ρ, row 1').fill('0.4');
    await page.getByLabel('ρ, row 1').press('Enter');
    await page.getByText('Used in the simulation (1 correlation).').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
    const json = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    assert.equal(json.v, 2);
    assert.deepEqual(json.correlations, [{ ids: 'RV CM TR', rho: '0.4' }]);
    assert.equal(json.rows.find((row: { id: string }) => row.id === 'SU').probability, '25%');
    const fresh = await openApp();
    await fresh.page.getByLabel('Import CSV').setInputFiles({ name: 'scenario.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...json, name: 'Correlated copy' })) });
    await fresh.page.getByText('Imported 1 scenario.').waitFor();
    await fresh.page.getByRole('table', { name: 'Scenarios' }).getByRole('button', { name: 'Correlated copy', exact: true }).click();
    await fresh.page.getByText('Used in the simulation (1 correlation).').waitFor();
    assert.equal(await fresh.page.getByLabel('Correlated touchpoints, row 1').inputValue(), 'RV CM TR');
    assert.equal((await cell(fresh.page, 13, 'Depends on').textContent())?.trim(), 'FU+5');
    await close(page);
    await close(fresh.page);
  });

  it('draws an exclusive choice typed in the Group column as one frame with its weights', async () => {
    const { page } = await openApp();
    await cell(page, 2, 'Group').click();
    await page.getByText(/same group name are a choice/).waitFor();
    const before = await statValue(page, 'Mean');
    // Reads reviews (40%) or compares with alternatives (60%): exactly one of them per journey.
    await editCell(page, 2, 'Group', 'Research');
    await editCell(page, 2, 'Probability', '40%');
    await editCell(page, 3, 'Group', 'Research');
    await editCell(page, 3, 'Probability', '60%');
    const after = await changed(page, 'Mean', before);
    assert.ok(Number.isFinite(after));
    const network = page.getByRole('img', { name: /1 exclusive choice/ });
    await network.getByText('Research: one of').waitFor();
    await network.getByText('40%', { exact: true }).waitFor();
    await network.getByText('60%', { exact: true }).waitFor();
    // Weights that do not add up to 100% are marked in place with the engine's message.
    await editCell(page, 3, 'Probability', '50%');
    await page.waitForFunction(() => document.querySelectorAll('[role="gridcell"][aria-invalid="true"]').length > 0);
    await close(page);
  });

  it('says in one sentence which touchpoint to shorten first, beside a ranked chart', async () => {
    const { page } = await openApp();
    const region = page.getByRole('region', { name: 'Where to improve' });
    const sentence = region.getByText(/^Shortening .+ by 10% raises the chance of finishing in 50 days from \d+% to \d+%/);
    await sentence.waitFor({ timeout: 30_000 });
    const text = (await sentence.textContent()) ?? '';
    const [, from, to] = /from (\d+)% to (\d+)%/.exec(text)!;
    assert.ok(Number(to) > Number(from), text);
    // The Monte Carlo chance on screen is the "from" figure, rounded.
    assert.ok(Math.abs(await statValue(page, 'P(finish by target)') - Number(from)) <= 0.51);
    const figure = region.getByRole('figure', { name: /^Where to improve/ });
    assert.ok((await figure.getByRole('listitem').count()) >= 3);
    await close(page);
  });

  it('keeps correlations in the scenario: checked, fixed with the nearest valid set in one undoable step, and carried by a share link', async () => {
    const { page } = await openApp();
    await page.getByRole('button', { name: 'Add correlation' }).click();
    await page.getByLabel('Correlated touchpoints, row 1').fill('RV CM');
    await page.getByLabel('Correlated touchpoints, row 1').press('Enter');
    await page.getByLabel('ρ, row 1').fill('0.9');
    await page.getByLabel('ρ, row 1').press('Enter');
    await page.getByText('Used in the simulation (1 correlation).').waitFor();
    // RV–CM 0.9, CM–TR 0.9 and RV–TR −0.9 cannot all hold at once.
    for (const [k, ids, rho] of [[2, 'CM TR', '0.9'], [3, 'RV TR', '-0.9']] as const) {
      await page.getByRole('button', { name: 'Add correlation' }).click();
      await page.getByLabel(`Correlated touchpoints, row ${k}`).fill(ids);
      await page.getByLabel(`Correlated touchpoints, row ${k}`).press('Enter');
      await page.getByLabel(`ρ, row ${k}`).fill(rho);
      await page.getByLabel(`ρ, row ${k}`).press('Enter');
    }
    await page.getByText(/cannot all hold at once/).first().waitFor();
    await page.getByRole('button', { name: 'Use the nearest valid correlations' }).click();
    await page.getByText(/^Used in the simulation \(\d correlations?\)\.$/).waitFor();
    assert.equal(await page.getByText(/cannot all hold at once/).count(), 0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText(/cannot all hold at once/).first().waitFor();
    await page.getByRole('button', { name: 'Redo' }).click();
    await page.getByText(/^Used in the simulation/).waitFor();
    const kept = await page.getByLabel('ρ, row 1').inputValue();
    // Saved with the scenario: a reload brings the list back.
    await page.reload();
    await statValue(page, 'Mean');
    assert.equal(await page.getByLabel('ρ, row 1').inputValue(), kept);
    await page.getByText(/^Used in the simulation/).waitFor();
    await page.getByRole('button', { name: 'Copy share link' }).click();
    const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
    const fresh = await openApp(undefined, link.slice(link.indexOf('#')));
    await fresh.page.getByText(/from a share link as a new local copy/).waitFor();
    assert.equal(await fresh.page.getByLabel('ρ, row 1').inputValue(), kept);
    await close(page);
    await close(fresh.page);
  });
});

describe('customer data', () => {
  /** Chooses a file through "Import CSV" and confirms the mapping dialog with the button named `confirm`. */
  async function importThroughDialog(page: Page, name: string, text: string | Buffer, confirm: string): Promise<void> {
    await page.getByLabel('Import CSV').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.isBuffer(text) ? text : Buffer.from(text) });
    const dialog = page.getByRole('dialog', { name: 'Import customer data' });
    await dialog.getByRole('table', { name: 'Preview' }).waitFor({ timeout: 20_000 });
    await dialog.getByRole('button', { name: confirm }).click();
  }

  function shopOrders(): string {
    const rows = ['customer,order,date,amount,variant'];
    for (let c = 0; c < 30; c++) for (let w = 0; w < 12; w++) rows.push(`C${c},O${c}-${w},2024-${String(1 + Math.floor(w / 4)).padStart(2, '0')}-${String(1 + (w % 4) * 7).padStart(2, '0')},${40 + ((c + w) % 9)},${c % 2 ? 'mail' : 'control'}`);
    rows.push('C3,BIG,2024-02-10 10:00,9800,mail', 'C3,CBIG,2024-02-10 10:20,-9800,mail', 'C7,BROKEN,2024-02-30,12,control');
    return rows.join('\n');
  }

  it('says plainly that a transactions file with a header and no rows has nothing to import', async () => {
    const { page } = await openApp();
    await page.getByLabel('Import CSV').setInputFiles({ name: 'empty-orders.csv', mimeType: 'text/csv', buffer: Buffer.from('customer,order,date,amount\n') });
    const dialog = page.getByRole('dialog', { name: 'Import customer data' });
    await dialog.getByText('This file has a header but no rows under it: there is nothing to import.').waitFor({ timeout: 20_000 });
    assert.equal(await dialog.getByRole('button', { name: 'Import transactions' }).isDisabled(), true);
    await close(page);
  });

  it('reads a dropped transactions file through the mapping dialog into KPIs, the Attention and Anomalies tables, a timeline and the Customers table', async () => {
    const { page, errors } = await openApp();
    await page.getByLabel('Import CSV').setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(shopOrders()) });
    const dialog = page.getByRole('dialog', { name: 'Import customer data' });
    const preview = dialog.getByRole('table', { name: 'Preview' });
    await preview.waitFor({ timeout: 20_000 });
    assert.equal((await preview.getByRole('row').nth(1).getByRole('cell').first().textContent())?.trim(), 'C0');
    // The detected mapping is shown and can be changed: the variant column is the group.
    const group = dialog.getByLabel('Group or variant');
    assert.equal(await group.locator('option:checked').textContent(), 'variant');
    await group.selectOption({ label: '(none)' });
    await group.selectOption({ label: 'variant' });
    await dialog.getByRole('button', { name: 'Import transactions' }).click();
    // What needs attention first: every kind ranked by money at stake, the reversed 9,800 order on top, once.
    const attention = page.getByRole('table', { name: 'Attention' });
    await attention.waitFor({ timeout: 30_000 });
    assert.deepEqual((await attention.getByRole('columnheader').allTextContents()).map((h) => h.trim()), ['Customer', 'Date', 'Kind', 'At stake', 'Why']);
    const top = (await attention.getByRole('row').nth(1).getByRole('cell').allTextContents()).map((t) => t.trim());
    assert.deepEqual(top.slice(0, 4), ['C3', '2024-02-10 10:00', 'Reversal also Odd order', '9,800.00']);
    assert.equal(await attention.getByText('reversed 20 minutes later by CBIG').count(), 1);
    // The table by kind is one click away.
    await page.getByText(/^By kind: every anomaly/).click();
    const anomalies = page.getByRole('table', { name: 'Anomalies' });
    await anomalies.waitFor();
    const headers = (await anomalies.getByRole('columnheader').allTextContents()).map((h) => h.trim());
    assert.deepEqual(headers, ['Customer', 'Date', 'Kind', 'Score', 'Why']);
    // Sorting by a column and back: Date puts the latest first, a second click the earliest.
    const dates = async () => (await anomalies.locator('tbody tr td:nth-child(2)').allTextContents()).map((d) => d.trim());
    await anomalies.getByRole('button', { name: 'Date' }).click();
    const latestFirst = await dates();
    assert.deepEqual(latestFirst, [...latestFirst].sort().reverse());
    assert.equal(await anomalies.getByRole('columnheader', { name: 'Date' }).getAttribute('aria-sort'), 'descending');
    await anomalies.getByRole('button', { name: 'Date' }).click();
    const earliestFirst = await dates();
    assert.deepEqual(earliestFirst, [...earliestFirst].sort());
    const reversal = anomalies.getByRole('row').filter({ hasText: '9,800.00 order BIG on 2024-02-10 10:00 reversed 20 minutes later by CBIG' }).first();
    await reversal.waitFor();
    await reversal.click();
    const timeline = page.getByRole('img', { name: /^Timeline of customer C3: 14 orders, reversal on 2024-02-10/ });
    await timeline.waitFor();
    assert.equal(await timeline.locator('circle.highlighted').count(), 1);
    const customers = page.getByRole('table', { name: 'Customers' });
    assert.deepEqual((await customers.getByRole('columnheader').allTextContents()).map((h) => h.trim()), ['Customer', 'Orders', 'Last order', 'P(alive)', 'Expected orders', 'CLV']);
    assert.equal(await customers.getByRole('row').count(), 31);
    await page.getByText('Page 1 of 1 (30 customers)').waitFor();
    // The bad row is listed by line, and all of them download as CSV.
    await page.getByText('1 row could not be read').click();
    await page.getByText('Line 364: date "2024-02-30" is not a date').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download rows not read (CSV)' }).click()]);
    const { readFile } = await import('node:fs/promises');
    assert.equal(await readFile((await download.path())!, 'utf8'), 'line,reason\r\n364,"date ""2024-02-30"" is not a date"\r\n');
    // Thresholds can be changed: the 9,800 order's robust z here is above 20 (223× the median on a log scale); at 30 it is no longer odd.
    const kind = page.getByRole('combobox', { name: /^Kind/ });
    assert.match((await kind.locator('option', { hasText: 'Odd order' }).textContent()) ?? '', /^Odd order \(1\)$/);
    await page.getByText('Thresholds', { exact: true }).click();
    await page.getByLabel('Odd order: robust z at least').fill('30');
    await page.getByRole('button', { name: 'Apply thresholds' }).click();
    await kind.locator('option', { hasText: 'Odd order (0)' }).waitFor({ state: 'attached', timeout: 20_000 });
    // Did it work? compares the variant column's groups with an interval and a verdict each.
    await page.getByText('Did it work?').click();
    await page.getByRole('button', { name: 'Compare groups' }).click();
    const verdicts = page.getByRole('table', { name: 'Did it work?' });
    assert.deepEqual((await verdicts.getByRole('rowheader').allTextContents()).map((t) => t.trim()),
      ['Repeat purchase rate', 'Orders per customer', 'Average order value', 'Revenue per customer']);
    // Every customer here has 12 orders, so the repeat rate cannot separate the groups; the others get an interval each.
    const verdictText = (await verdicts.locator('tr.verdict').allTextContents()).map((t) => t.trim());
    assert.match(verdictText[0], /^Every customer in either group ordered twice or more/);
    for (const text of verdictText.slice(1)) assert.match(text, /^(No detectable difference yet \(95% interval .*\); with this many customers a difference under .* cannot be seen\.|mail is (higher|lower) by .*) \(percentile bootstrap \(Efron & Tibshirani 1993\)\)$/);
    // Or against an uploaded list of the customers a campaign reached (one id per line after a header; ids not in the data are counted).
    await page.getByLabel('Campaign customer list').setInputFiles({ name: 'reached.csv', mimeType: 'text/csv', buffer: Buffer.from('customer\nC1\nC2\nC3\nC4\nC5\nC6\nC7\nC8\nC9\nC10\nNOBODY\n') });
    await page.getByText('1 of the 11 ids in reached.csv is not a customer in this data and was left out.').waitFor();
    await page.getByRole('button', { name: 'Compare groups' }).click();
    assert.deepEqual((await verdicts.getByRole('columnheader').allTextContents()).slice(1, 3), ['Did not receive it', 'Received the campaign']);
    await page.getByText('20 and 10 customers.').waitFor();
    // The journey and its results are untouched by customer data.
    await statValue(page, 'Mean');
    assert.deepEqual(errors, []);
    await close(page);
  });

  it('keeps an imported dataset: reopening the page shows it from storage, and it can be renamed and deleted', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openApp(context);
    await importThroughDialog(page, 'orders.csv', shopOrders(), 'Import transactions');
    await page.getByRole('table', { name: 'Attention' }).waitFor({ timeout: 30_000 });
    // A new page in the same browser profile: the file is not read again (there is no file to read).
    const { page: again } = await openApp(context);
    await again.getByRole('table', { name: 'Attention' }).getByText('reversed 20 minutes later by CBIG').first().waitFor({ timeout: 30_000 });
    await again.getByText('orders.csv: 363 rows, 1 could not be read').waitFor();
    await again.getByText('Data kept in this browser (1)').click();
    const datasets = again.getByRole('table', { name: 'Datasets' });
    await datasets.getByRole('cell', { name: /^orders \(open\)$/ }).waitFor();
    await datasets.getByRole('button', { name: 'Rename orders' }).click();
    await datasets.getByLabel('Dataset name').fill('Shop 2024');
    await datasets.getByRole('button', { name: 'Save name' }).click();
    await datasets.getByRole('cell', { name: /^Shop 2024/ }).waitFor();
    again.once('dialog', (dialog) => void dialog.accept());
    await datasets.getByRole('button', { name: 'Delete Shop 2024' }).click();
    await again.getByText('Data kept in this browser').waitFor({ state: 'detached' });
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('reads a file with CR alone for line ends, a quoted line break kept, bad rows by their line', async () => {
    const { page } = await openApp();
    // Lines: 1 header; 2–3 one order whose note holds a line break; 4 a bad amount; then 3 weekly orders each for C1 and C2.
    const rows = ['customer,date,amount,note', 'C1,2024-01-01,10,"two\rlines"', 'C1,2024-01-08,lots,x'];
    for (let w = 1; w < 4; w++) rows.push(`C1,2024-01-${String(1 + 7 * w + 7).padStart(2, '0')},12,y`, `C2,2024-01-${String(2 + 7 * w).padStart(2, '0')},8,z`);
    await importThroughDialog(page, 'mac.csv', `${rows.join('\r')}\r`, 'Import transactions');
    await page.getByText('mac.csv: 8 rows, 1 could not be read').waitFor({ timeout: 20_000 });
    await page.getByText('1 row could not be read').click();
    await page.getByRole('list', { name: 'Rows that could not be read' }).getByText(/^Line 4: /).waitFor();
    await close(page);
  });

  it('shows progress while a large file streams in, and Cancel keeps what was open', async () => {
    const { page } = await openApp();
    await importThroughDialog(page, 'orders.csv', shopOrders(), 'Import transactions');
    await page.getByRole('table', { name: 'Attention' }).waitFor({ timeout: 30_000 });
    const { uciFile } = await import('../../bench/uciFile.ts');
    await importThroughDialog(page, 'big.csv', uciFile(200_000), 'Import transactions');
    await page.getByRole('progressbar', { name: 'Import progress' }).waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Cancel import' }).click();
    await page.getByText('Import of big.csv cancelled; nothing changed.').waitFor();
    await page.getByText('orders.csv: 363 rows').waitFor();
    await page.getByRole('table', { name: 'Attention' }).getByText('reversed 20 minutes later by CBIG').first().waitFor();
    await close(page);
  });

  it('compares an event log with the plan, shows its funnel and stalled journeys, and calibrates the estimates in one undoable step', async () => {
    const { page } = await openApp();
    const rows = ['case:concept:name,concept:name,time:timestamp'];
    for (let c = 0; c < 12; c++) rows.push(`${c},Sees a social ad,2024-03-01T09:00`, `${c},Search and landing page,2024-03-0${2 + (c % 4)}T09:00`);
    rows.push('12,Sees a social ad,2024-02-20T09:00', '13,Sees a social ad,2024-03-05T09:00');
    await importThroughDialog(page, 'events.csv', rows.join('\n'), 'Import event log');
    const table = page.getByRole('table', { name: 'Planned versus actual' });
    await table.getByText('Search and landing page').first().waitFor({ timeout: 20_000 });
    // 14 journeys see the ad, 12 go on to search: 2 of 14 (14%) drop off.
    const funnel = page.getByRole('table', { name: 'Funnel' });
    assert.deepEqual((await funnel.getByRole('row').nth(2).getByRole('cell').allTextContents()).map((t) => t.trim()), ['Search and landing page', '12', '86%', '14%']);
    // Journey 12 has waited at the ad since 20 February (14 days by the end of the data), longer than the plan allows for the search.
    await page.getByRole('table', { name: 'Anomalies' }).getByRole('row').filter({ hasText: /^12/ }).getByText('stalled').waitFor();
    await page.getByRole('button', { name: 'Calibrate estimates from data' }).click();
    // Waits of 1–4 days, three of each: P10 1, P90 4 (type 7 quantiles), half-sample mode 1.
    assert.deepEqual([await cell(page, 1, 'Optimistic').textContent(), await cell(page, 1, 'Most likely').textContent(), await cell(page, 1, 'Pessimistic').textContent()].map((t) => t?.trim()), ['1', '1', '4']);
    // 12 of the 14 journeys reach the search: 85.7%; all reach the ad (100%, left empty).
    assert.equal((await cell(page, 1, 'Probability').textContent())?.trim(), '85.7%');
    assert.equal((await cell(page, 0, 'Probability').textContent())?.trim(), '');
    await page.getByRole('button', { name: 'Undo' }).click();
    assert.equal((await cell(page, 1, 'Pessimistic').textContent())?.trim(), '5');
    assert.equal((await cell(page, 1, 'Probability').textContent())?.trim(), '');
    await close(page);
  });

  it('refits the CDNOW sample for a calibration end and unit, shows parameters, checks and segments, and downloads a segment', async () => {
    const { page, errors } = await openApp();
    await page.getByLabel('Import CSV').setInputFiles(fileURLToPath(new URL('../fixtures/cdnow_sample.csv', import.meta.url)));
    // Transactions go through the mapping dialog first.
    await page.getByRole('dialog', { name: 'Import customer data' }).getByRole('button', { name: 'Import transactions' }).click({ timeout: 20_000 });
    await page.getByRole('table', { name: 'Customers' }).waitFor({ timeout: 30_000 });
    const parameters = page.getByRole('definition').filter({ hasText: 'purchase rate while active' });
    await page.getByLabel('Calibration end').fill('1997-09-30');
    await page.getByRole('button', { name: 'Refit' }).click();
    // Fader, Hardie & Lee (2005): r = 0.243, α = 4.414 (weeks), with the data after 1997-09-30 as holdout.
    await parameters.getByText(/^0\.243, 4\.41 —/).waitFor({ timeout: 30_000 });
    await page.getByRole('img', { name: 'Cumulative repeat orders, actual and predicted' }).waitFor();
    await page.getByRole('img', { name: 'Expected orders by frequency and recency' }).waitFor();
    // In days the purchase rate's scale α is 7 times larger; r does not change.
    await page.getByLabel('Model unit').selectOption('days');
    await page.getByRole('button', { name: 'Refit' }).click();
    await parameters.getByText(/^0\.243, 30\.9 —/).waitFor({ timeout: 30_000 });
    await page.getByRole('img', { name: /^Segments: Champions \d+ customers/ }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download Champions CSV' }).click()]);
    const text = readFileSync(await download.path(), 'utf8');
    const [header, first] = text.split('\r\n');
    assert.equal(header, 'customer,segment,rfm,orders,last_order,revenue,frequency,recency,T,monetary_value,p_alive,expected_orders,clv');
    assert.match(first, /^\d{5},Champions,[45][45]\d,/);
    // The Customers table, filtered by the search box, downloads as shown.
    await page.getByRole('searchbox', { name: 'Search' }).fill('0001');
    await page.getByText(/^Page 1 of 1 \(\d+ customers?\)$/).waitFor();
    const shown = await page.getByRole('table', { name: 'Customers' }).getByRole('row').count() - 1;
    const [tableDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download customers CSV' }).click()]);
    const lines = readFileSync(await tableDownload.path(), 'utf8').trim().split('\r\n').slice(1);
    assert.equal(lines.length, shown);
    assert.ok(lines.length > 0 && lines.every((line) => line.split(',')[0].includes('0001')));
    // Overdue customers carry their P(alive) from the fit on screen (to 1997-09-30, in days), and say so.
    await page.getByText(/^By kind: every anomaly/).click();
    await page.getByRole('table', { name: 'Anomalies' }).getByText(/P\(alive\) [<\d.]+[^(]*% \(BG\/NBD fitted on orders to 1997-09-30, in days\)\.$/).first().waitFor();
    await page.getByText("Overdue customers' P(alive) from the BG/NBD fitted on orders to 1997-09-30, in days").waitFor();
    assert.deepEqual(errors, []);
    await close(page);
  });

  it('imports a customer summary through the mapping dialog, keeps it as a dataset and reopens it without the file', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openApp(context);
    const rows = ['customer,frequency,recency,T,monetary_value'];
    for (let i = 0; i < 60; i++) rows.push(`S${i},${i % 6},${i % 6 === 0 ? 0 : 5 + (i % 30)},38,${15 + (i % 9)}`);
    rows.push('BAD,2,40,38,10'); // recency past T: line 62
    await page.getByLabel('Import CSV').setInputFiles({ name: 'summary.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
    const dialog = page.getByRole('dialog', { name: 'Import customer data' });
    await dialog.getByRole('table', { name: 'Preview' }).waitFor({ timeout: 20_000 });
    assert.equal(await dialog.getByLabel('This file holds').inputValue(), 'customer-summary');
    assert.equal(await dialog.getByLabel('Date format').count(), 0);
    await dialog.getByRole('button', { name: 'Import customer summary' }).click();
    const customers = page.getByRole('table', { name: 'Customers' });
    await customers.waitFor({ timeout: 20_000 });
    assert.equal(await customers.getByRole('row').count(), 51);
    await page.getByText('Page 1 of 2 (60 customers)').waitFor();
    await page.getByText('summary.csv: a customer summary of 60 customers, 1 row could not be read.').waitFor();
    await page.getByText('Regulars need the date of every order; a customer summary does not have them.').waitFor();
    // A new page in the same profile opens it from storage.
    const { page: again } = await openApp(context);
    await again.getByText('Page 1 of 2 (60 customers)').waitFor({ timeout: 30_000 });
    await again.getByText('Data kept in this browser (1)').click();
    const datasets = again.getByRole('table', { name: 'Datasets' });
    await datasets.getByRole('cell', { name: 'customer summary', exact: true }).waitFor();
    await datasets.getByRole('cell', { name: /^summary \(open\)$/ }).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  /** Drops a file on the page, as a person dragging it from their desktop does. */
  async function dropFile(page: Page, name: string, text: string): Promise<void> {
    await page.evaluate(({ name, text }) => {
      const data = new DataTransfer();
      data.items.add(new File([text], name, { type: 'text/csv' }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, { name, text });
  }

  /** A UCI-shaped line file: 8 customers × 6 orders of lanterns, a POSTAGE line on one order each (8 × 18.00). */
  function lineFile(): string {
    const rows = ['InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country'];
    for (let c = 0; c < 8; c++) for (let w = 0; w < 6; w++) {
      const date = `2024-0${1 + Math.floor(w / 2)}-${String(3 + (w % 2) * 14).padStart(2, '0')} 10:00`;
      rows.push(`5${c}${w},8509${c},LANTERN,${2 + ((c + w) % 3)},${date},${3 + c},1${c},UK`);
      if (w === 1) rows.push(`5${c}${w},POST,POSTAGE,1,${date},18,1${c},UK`);
    }
    return rows.join('\n');
  }

  it('ranks the UCI invoices by money at stake: the reversed bulk orders first, their cancellations netted in the import summary, their customers out of the top of the Customers table', async () => {
    const { page, errors } = await openApp();
    await dropFile(page, 'online_retail_invoices.csv', readFileSync(fileURLToPath(new URL('../fixtures/online_retail_invoices.csv', import.meta.url)), 'utf8'));
    await page.getByRole('dialog', { name: 'Import customer data' }).getByRole('button', { name: 'Import transactions' }).click({ timeout: 20_000 });
    const attention = page.getByRole('table', { name: 'Attention' });
    await attention.waitFor({ timeout: 60_000 });
    // The first rows: 16446's 168,469.60 order 581483, reversed 12 minutes later, then 12346's 77,183.60 order 541431 (C541433);
    // a whole-store day may rank between them, but no other customer does.
    const rows = attention.getByRole('row');
    const firstRows = await Promise.all([1, 2, 3, 4, 5].map(async (n) => (await rows.nth(n).getByRole('cell').allTextContents()).map((t) => t.trim())));
    assert.equal(firstRows[0][0], '16446');
    assert.match(firstRows[0][4], /order 581483 on 2011-12-09 09:15 reversed 12 minutes later by C581484/);
    const customerRows = firstRows.filter((cells) => cells[0] !== 'Whole store');
    assert.equal(customerRows[1][0], '12346');
    assert.match(customerRows[1][4], /order 541431 .*reversed 16 minutes later by C541433/);
    assert.equal(await attention.getByText('reversed 12 minutes later by C581484').count(), 1, 'the reversal pair is listed once');
    // Selecting a row with the keyboard shows that customer's timeline.
    await rows.nth(1).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('img', { name: /^Timeline of customer 16446: / }).waitFor();
    // The table by kind, filtered to odd orders, starts with the same two orders.
    await page.getByText(/^By kind: every anomaly/).click();
    await page.getByRole('combobox', { name: /^Kind/ }).selectOption('odd-order');
    const odd = page.getByRole('table', { name: 'Anomalies' }).getByRole('row');
    const oddRows = await Promise.all([1, 2].map(async (n) => (await odd.nth(n).getByRole('cell').allTextContents()).map((t) => t.trim())));
    assert.deepEqual(oddRows.map((cells) => cells.slice(0, 3)), [['16446', '2011-12-09 09:15', 'Odd order'], ['12346', '2011-01-18 10:01', 'Odd order']]);
    assert.match(oddRows[0][4], /reversed 12 minutes later by C581484/);
    assert.match(oddRows[1][4], /reversed 16 minutes later by C541433/);
    // The import summary names the netted cancellations, one click from their rows and a CSV of all of them.
    const summary = page.getByRole('region', { name: 'Import summary' });
    const netted = summary.getByText(/^3,454 cancellation lines netted, 638,886\.46 /);
    await netted.click();
    const cancellations = summary.getByRole('table', { name: 'Cancellation lines' });
    assert.deepEqual((await cancellations.getByRole('columnheader').allTextContents()).map((h) => h.trim()), ['Line', 'Date', 'Customer', 'Order', 'Value']);
    assert.equal(await cancellations.getByRole('row').count(), 101);
    assert.match((await cancellations.getByRole('row').nth(1).getByRole('cell').nth(3).textContent()) ?? '', /^C\d+$/);
    const [download] = await Promise.all([page.waitForEvent('download'), summary.getByRole('button', { name: 'Download cancellation lines (CSV)' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8').trimEnd().split('\r\n');
    assert.equal(csv[0], 'line,date,customer,order,value');
    assert.equal(csv.length - 1, 3454);
    await summary.getByText(/^Partial: the last day \(2011-12-09\) stops early in the day/).waitFor();
    // Lines that are not products are a KPI of their own; the last cohort month is named partial.
    await page.getByText('Not products (postage, fees)', { exact: true }).waitFor();
    await page.getByText('Retention by first-purchase month').click();
    await page.getByRole('table', { name: 'Retention' }).getByRole('rowheader', { name: '2011-12 (partial)' }).waitFor();
    // Neither reversed order makes its customer one of the most valuable.
    const customers = page.getByRole('table', { name: 'Customers' });
    await customers.getByRole('row').nth(50).waitFor({ timeout: 60_000 });
    const top = (await customers.locator('tbody tr td:first-child').allTextContents()).map((t) => t.trim());
    assert.equal(top.length, 50);
    assert.ok(!top.includes('16446') && !top.includes('12346'), `top customers: ${top.slice(0, 10).join(', ')}`);
    const section = page.getByRole('region', { name: 'Customers' });
    assert.doesNotMatch(await section.innerText(), /NaN|undefined|Infinity/);
    mkdirSync('test-results', { recursive: true });
    await section.screenshot({ path: 'test-results/customers.png' });
    assert.deepEqual(errors, []);
    await close(page);
  });

  it('analyses the open data again when the cleaning rules change, keeps the rules, and analyses a dataset stored with other rules again when it is opened', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openApp(context);
    const summary = page.getByRole('region', { name: 'Import summary' });
    await importThroughDialog(page, 'lines.csv', lineFile(), 'Import transactions');
    await summary.getByText('8 lines that are not products (postage, fees, adjustments) totalled apart, 144.00').waitFor({ timeout: 30_000 });
    await summary.getByRole('table', { name: 'Not products by code' }).getByRole('cell', { name: 'POST', exact: true }).waitFor();
    await importThroughDialog(page, 'lines-b.csv', lineFile(), 'Import transactions');
    await page.getByText(/^lines-b\.csv: 56 rows/).waitFor({ timeout: 30_000 });
    // Postage counts as a product once neither its code nor its description is in the rules.
    await page.getByText('Cleaning rules', { exact: true }).click();
    assert.match(await page.getByLabel('Codes that are not products').inputValue(), /^POST, DOT, /);
    await page.getByLabel('Codes that are not products').fill('DOT');
    await page.getByLabel('Description words that are not products').fill('');
    await page.getByRole('button', { name: 'Apply cleaning rules' }).click();
    await summary.getByText(/^56 purchase lines counted/).waitFor({ timeout: 30_000 });
    await summary.getByText(/no lines that are not products/).waitFor();
    // The first file was stored with the old rules: opening it analyses it again with the new ones.
    await page.getByText('Data kept in this browser (2)').click();
    await page.getByRole('button', { name: 'Open lines', exact: true }).click();
    await page.getByText(/^lines\.csv: 56 rows/).waitFor({ timeout: 30_000 });
    await summary.getByText(/^56 purchase lines counted/).waitFor();
    // The rules are kept for next time.
    const { page: again } = await openApp(context);
    await again.getByText('Cleaning rules', { exact: true }).click({ timeout: 30_000 });
    assert.equal(await again.getByLabel('Codes that are not products').inputValue(), 'DOT');
    await again.getByRole('region', { name: 'Import summary' }).getByText(/^56 purchase lines counted/).waitFor({ timeout: 30_000 });
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('shows no NaN anywhere in the Customers section for a file in which nobody ordered twice', async () => {
    const { page, errors } = await openApp();
    const rows = ['customer,order,date,amount'];
    for (let c = 0; c < 40; c++) rows.push(`S${c},O${c},2024-0${1 + (c % 6)}-${String(1 + (c % 27)).padStart(2, '0')},${20 + c}`);
    await importThroughDialog(page, 'once.csv', rows.join('\n'), 'Import transactions');
    await page.getByText(/^once\.csv: 40 rows/).waitFor({ timeout: 30_000 });
    await page.getByText('Days between orders', { exact: true }).waitFor();
    await page.getByText('Retention by first-purchase month').click();
    await page.getByRole('table', { name: 'Retention' }).waitFor();
    await page.waitForTimeout(500);
    const section = page.getByRole('region', { name: 'Customers' });
    assert.doesNotMatch(await section.innerText(), /NaN|undefined|Infinity/);
    assert.deepEqual(errors, []);
    await close(page);
  });

  it('asks when every date reads both month-first and day-first', async () => {
    const { page } = await openApp();
    await page.getByLabel('Import CSV').setInputFiles({ name: 'dates.csv', mimeType: 'text/csv', buffer: Buffer.from('customer,date,amount\na,1/2/2024,10\na,3/4/2024,12\nb,5/6/2024,9\n') });
    const dialog = page.getByRole('dialog', { name: 'Import customer data' });
    await dialog.getByText('Every date in this file reads both month-first and day-first. Say which.').waitFor({ timeout: 20_000 });
    assert.equal(await dialog.getByRole('button', { name: 'Import transactions' }).isDisabled(), true);
    await dialog.getByRole('button', { name: /^Day first/ }).click();
    await dialog.getByRole('button', { name: 'Import transactions' }).click();
    await page.getByRole('table', { name: 'Customers' }).waitFor({ timeout: 20_000 });
    await close(page);
  });

  /** Orders of eight customers with accented names, four each, as `delimiter`-separated lines with amounts written by `amount`. */
  function accentedOrders(delimiter: string, amount: (cents: number) => string): string {
    const names = ['Müller', 'Jürgen', 'Åsa', 'Zoë', 'François', 'Søren', 'Núñez', 'Weiß'];
    const rows = [['customer', 'date', 'amount'].join(delimiter)];
    names.forEach((name, c) => {
      for (let k = 0; k < 4; k++) rows.push([name, `2024-0${1 + k}-${String(3 + c).padStart(2, '0')}`, amount(1250 + 137_911 * ((c + k) % 3) + c)].join(delimiter));
    });
    return `${rows.join('\r\n')}\r\n`;
  }
  const commaAmount = (cents: number) => `${Math.floor(cents / 100).toLocaleString('de-DE')},${String(cents % 100).padStart(2, '0')}`;

  it('imports a Windows-1252 export with semicolons and decimal commas, saying which encoding and number format it read', async () => {
    const { page, errors } = await openApp();
    const text = accentedOrders(';', commaAmount);
    assert.match(text, /;1\.391,61\r\n/);
    await page.getByLabel('Import CSV').setInputFiles({ name: 'kunden.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'latin1') });
    const dialog = page.getByRole('dialog', { name: 'Import customer data' });
    await dialog.getByText('This file is not UTF-8, so it is read as Windows-1252').waitFor({ timeout: 20_000 });
    assert.equal(await dialog.getByLabel('Encoding').inputValue(), 'windows-1252');
    assert.equal(await dialog.getByLabel('Number format').inputValue(), 'comma');
    await dialog.getByRole('table', { name: 'Preview' }).getByRole('cell', { name: 'Müller' }).first().waitFor();
    await dialog.getByRole('button', { name: 'Import transactions' }).click();
    await page.getByText('kunden.csv: 32 rows, 0 could not be read').waitFor({ timeout: 30_000 });
    await page.getByText('Text read as Windows-1252 / Latin-1 (Western European). Numbers read with a decimal comma (1.234,56 is 1234.56).').waitFor();
    await page.getByRole('table', { name: 'Customers' }).getByRole('cell', { name: 'Müller', exact: true }).waitFor();
    await page.getByRole('table', { name: 'Customers' }).getByRole('cell', { name: 'Weiß', exact: true }).waitFor();
    assert.deepEqual(errors, []);
    await close(page);
  });

  it('imports UTF-16 with a byte-order mark, its letters and numbers intact', async () => {
    const { page } = await openApp();
    const text = accentedOrders(',', (cents) => (cents / 100).toFixed(2));
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    await importThroughDialog(page, 'unicode.csv', bytes, 'Import transactions');
    await page.getByText('unicode.csv: 32 rows, 0 could not be read').waitFor({ timeout: 30_000 });
    await page.getByText('Text read as UTF-16 little-endian.').waitFor();
    await page.getByRole('table', { name: 'Customers' }).getByRole('cell', { name: 'Núñez', exact: true }).waitFor();
    await close(page);
  });

  it('reads quoted decimal commas in a comma-separated file, and lets the person change the number format', async () => {
    const { page } = await openApp();
    const text = accentedOrders(',', (cents) => `"${commaAmount(cents)}"`);
    await page.getByLabel('Import CSV').setInputFiles({ name: 'betraege.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
    const dialog = page.getByRole('dialog', { name: 'Import customer data' });
    await dialog.getByRole('table', { name: 'Preview' }).waitFor({ timeout: 20_000 });
    assert.equal(await dialog.getByLabel('Encoding').inputValue(), 'utf-8');
    assert.equal(await dialog.getByLabel('Number format').inputValue(), 'comma');
    // Told the numbers have a decimal point, the rows only a decimal comma reads are reported, each saying so.
    await dialog.getByLabel('Number format').selectOption('point');
    await dialog.getByRole('button', { name: 'Import transactions' }).click();
    await page.getByText('betraege.csv: 32 rows, 21 could not be read').waitFor({ timeout: 30_000 });
    await page.getByText('21 rows could not be read').click();
    await page.getByRole('list', { name: 'Rows that could not be read' }).getByText('Line 3: amount "1.391,61" is not a number with a decimal point (with a decimal comma it is 1391.61: choose that number format)').waitFor();
    // Imported again as detected, every row is read.
    await importThroughDialog(page, 'betraege.csv', text, 'Import transactions');
    await page.getByText('betraege.csv: 32 rows, 0 could not be read').waitFor({ timeout: 30_000 });
    await page.getByText('Numbers read with a decimal comma (1.234,56 is 1234.56).').waitFor();
    await close(page);
  });

  it('takes the progress bar and Cancel away at once after an import that read no row, and says why', async () => {
    const { page } = await openApp();
    await importThroughDialog(page, 'unpaid.csv', 'customer,date,amount\nC1,2024-01-02,n/a\nC2,2024-01-03,n/a\nC1,2024-02-02,n/a\n', 'Import transactions');
    await page.getByText('unpaid.csv: None of its 3 rows could be read (line 2: amount "n/a" is not a number; the other 2 could not be read either). Nothing changed; check the columns, the date format, the number format and the encoding in the import dialog, and import the file again.').waitFor({ timeout: 20_000 });
    assert.equal(await page.getByRole('progressbar', { name: 'Import progress' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Cancel import' }).count(), 0);
    // A progress report that arrives late does not bring them back.
    await page.waitForTimeout(1500);
    assert.equal(await page.getByRole('progressbar', { name: 'Import progress' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Cancel import' }).count(), 0);
    await close(page);
  });

  it('previews a header of 100,000 columns with its rows, and refuses a 30 MB file with no line break, without blocking the page', async () => {
    const { page } = await openApp();
    // The files are made in the page and dropped on it, so only the app's own work is timed.
    const dropMade = (name: string, make: string) => page.evaluate(`(() => {
      const file = new File([${make}], ${JSON.stringify(name)}, { type: 'text/csv' });
      window.longest = 0;
      const data = new DataTransfer();
      data.items.add(file);
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    })()`);
    await page.evaluate(`new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.longest = Math.max(window.longest ?? 0, entry.duration); }).observe({ type: 'longtask' })`);
    const longest = async () => Number(await page.evaluate('window.longest'));
    await dropMade('wide.csv', `(() => {
      const header = ['customer', 'date', 'amount', ...Array.from({ length: 99997 }, (_, k) => 'c' + k)].join(',');
      const row = (r) => ['C' + r, '2024-01-0' + r, r + '.50', ...Array.from({ length: 99997 }, (_, k) => String(k % 10))].join(',');
      return [header, row(1), row(2), row(3)].join('\\n');
    })()`);
    const dialog = page.getByRole('dialog', { name: 'Import customer data' });
    await dialog.getByText('This file has 100,000 columns; the preview shows the first 50').waitFor({ timeout: 20_000 });
    assert.equal(await dialog.getByRole('table', { name: 'Preview' }).getByRole('row').count(), 4);
    assert.equal(await dialog.getByText('This file has a header but no rows under it').count(), 0);
    assert.ok(await longest() < 1000, `the page was blocked for ${Math.round(await longest())} ms by a header of 100,000 columns`);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await dropMade('one-line.csv', `'1,2,3,'.repeat(5000000)`);
    await page.getByText('one-line.csv: Line 1 does not end within the first 5 MB of the file').waitFor({ timeout: 20_000 });
    assert.ok(await longest() < 1000, `the page was blocked for ${Math.round(await longest())} ms by a file with no line break`);
    await close(page);
  });
});
