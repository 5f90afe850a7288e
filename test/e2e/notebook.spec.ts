/** The notebook itself: results, editing, pasting, the keyboard, the network and the settings. */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { describe } from 'node:test';
import { it, close, openApp, statValue, grid, cell, COLUMNS, editCell, changed } from './support.ts';

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
