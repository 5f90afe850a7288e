/**
 * Editing the sheet: rows addressed by the row a person typed in, adding rows by keyboard and
 * button, pasting blocks with a header; and a journey CSV that carries its settings.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe } from 'node:test';
import type { Page } from 'playwright-core';
import { it, close, openApp, statValue, grid, cell, editCell, changed } from './support.ts';

const text = async (page: Page, row: number, column: string) => ((await cell(page, row, column).textContent()) ?? '').trim();
const rowCount = async (page: Page) => (await grid(page).getByRole('row').count()) - 1;
const ids = async (page: Page) => (await grid(page).getByRole('row').evaluateAll((rows) => rows.slice(1).map((row) => row.querySelector('[role="gridcell"]')?.textContent?.trim() ?? '')));
/** Beta-PERT's expected time (a + 4m + b) / 6, as the sheet shows it. */
const expected = (a: number, m: number, b: number) => ((a + 4 * m + b) / 6).toFixed(2);

async function paste(page: Page, tsv: string): Promise<void> {
  await page.evaluate((data) => {
    const transfer = new DataTransfer();
    transfer.setData('text/plain', data);
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, tsv);
}

describe('editing the journey', () => {
  it('keeps typing on row 14 after it takes row 1\'s ID, flags both rows, and shows row 14 none of row 1\'s figures', async () => {
    const { page, errors } = await openApp();
    const mean = await statValue(page, 'Mean');
    // The example: row 1 is AD (0.5, 1, 3), row 14 is RE (1, 3, 7).
    assert.equal(await text(page, 0, 'Expected'), expected(0.5, 1, 3));
    assert.equal(await text(page, 13, 'Expected'), expected(1, 3, 7));
    await editCell(page, 13, 'ID', 'AD');
    assert.equal(await cell(page, 0, 'ID').getAttribute('aria-invalid'), 'true');
    assert.equal(await cell(page, 13, 'ID').getAttribute('aria-invalid'), 'true');
    // Click row 14 and type: the editor opens on row 14, and the text lands there.
    await cell(page, 13, 'Touchpoint').click();
    await page.keyboard.type('Typed on row 14');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Touchpoint, row 14');
    await page.keyboard.press('Enter');
    assert.equal(await text(page, 13, 'Touchpoint'), 'Typed on row 14');
    assert.equal(await text(page, 0, 'Touchpoint'), 'Sees a social ad');
    assert.equal(await text(page, 0, 'ID'), 'AD');
    // Row 14's computed cells are its own (the last good results), never row 1's.
    assert.equal(await text(page, 13, 'Expected'), expected(1, 3, 7));
    assert.equal(await text(page, 0, 'Expected'), expected(0.5, 1, 3));
    // Fixing the duplicate on row 14 changes row 14 only: no cycle, row 1 keeps its ID, and the figures come back as they were.
    await editCell(page, 13, 'ID', 'RE');
    assert.equal(await text(page, 0, 'ID'), 'AD');
    assert.equal(await text(page, 13, 'ID'), 'RE');
    assert.equal(await grid(page).locator('[aria-invalid="true"]').count(), 0);
    await page.getByRole('region', { name: 'Simulation' }).getByText('Showing the last good results').waitFor({ state: 'detached' });
    assert.equal(await statValue(page, 'Mean'), mean);
    assert.deepEqual(errors, []);
    await close(page);
  });

  it('selects the row whose network node is clicked, and the clicked row stays chosen while it shares an ID', async () => {
    const { page } = await openApp();
    await editCell(page, 13, 'ID', 'AD');
    await cell(page, 13, 'Stage').click();
    await page.waitForTimeout(200);
    // The selection stayed on row 14: typing goes there.
    await page.keyboard.type('x');
    await page.keyboard.press('Escape');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-cell')), '13:2');
    await editCell(page, 13, 'ID', 'RE');
    await page.getByRole('img', { name: /^Journey network/ }).locator('[data-id="RP"]').click();
    await page.waitForFunction(() => document.querySelector('[data-cell^="15:"][tabindex="0"]') !== null);
    await close(page);
  });

  it('adds a row with Enter on the last row, leaves it out of the results with a quiet note, and reports it once partly filled', async () => {
    const { page } = await openApp();
    const mean = await statValue(page, 'Mean');
    const before = await rowCount(page);
    await editCell(page, before - 1, 'Touchpoint', 'Second order, again');
    assert.equal(await rowCount(page), before + 1);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-cell')), `${before}:1`);
    await page.getByText('1 row without times is not simulated yet.').waitFor();
    assert.equal(await grid(page).locator('[aria-invalid="true"]').count(), 0);
    assert.equal(await page.getByRole('region', { name: 'Simulation' }).getByText('Showing the last good results').count(), 0);
    assert.equal(await statValue(page, 'Mean'), mean);
    assert.equal(await page.getByRole('img', { name: /^Journey network/ }).locator('[data-id]').count(), before);
    // A time typed in the new row makes it a touchpoint with missing times: those are reported as always.
    // (Tab commits it without adding another row, as Enter on the last row would.)
    await cell(page, before, 'Optimistic').click();
    await page.keyboard.type('2');
    await page.keyboard.press('Tab');
    assert.equal(await cell(page, before, 'Most likely').getAttribute('aria-invalid'), 'true');
    await page.getByText('1 row without times is not simulated yet.').waitFor({ state: 'detached' });
    await close(page);
  });

  it('inserts a row above or below the selected one by button and by shortcut, and "Add row" appends at the end', async () => {
    const { page } = await openApp();
    const start = await ids(page);
    await cell(page, 2, 'Stage').click();
    await page.keyboard.press('Alt+Enter');
    let now = await ids(page);
    assert.deepEqual([now[2], now[4]], [start[2], start[3]]);
    assert.ok(!start.includes(now[3]), `row 4 should be new, got ${now[3]}`);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-cell')), '3:1');
    await page.keyboard.press('Alt+Shift+Enter');
    now = await ids(page);
    assert.equal(now.length, start.length + 2);
    assert.ok(!start.includes(now[3]) && !start.includes(now[4]));
    assert.equal(now[2], start[2]);
    await cell(page, 0, 'Stage').click();
    await page.getByRole('button', { name: 'Insert row above' }).click();
    assert.equal((await ids(page))[1], start[0]);
    await page.getByRole('button', { name: 'Insert row below' }).click();
    now = await ids(page);
    assert.deepEqual([now[1], now[2]].map((id) => start.includes(id)), [false, true]);
    await page.getByRole('button', { name: 'Add row' }).click();
    now = await ids(page);
    assert.equal(now.length, start.length + 5);
    assert.equal(now[now.length - 2], start[start.length - 1]);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-cell')), `${now.length - 1}:1`);
    await close(page);
  });

  it('drops the header of a pasted block, adds the rows it needs past the end, and undoes it as one step', async () => {
    const { page } = await openApp();
    const before = await rowCount(page);
    await cell(page, before - 1, 'ID').click();
    await paste(page, 'Touchpoint\tOptimistic\tMost likely\tPessimistic\r\nLast one\t1\t2\t3\r\nExtra one\t2\t3\t4\r\nExtra two\t3\t4\t5\r\n');
    assert.equal(await rowCount(page), before + 2);
    assert.deepEqual([await text(page, before - 1, 'ID'), await text(page, before - 1, 'Touchpoint'), await text(page, before - 1, 'Optimistic')], ['RP', 'Last one', '1']);
    assert.deepEqual([await text(page, before + 1, 'Touchpoint'), await text(page, before + 1, 'Pessimistic'), await text(page, before + 1, 'Stage')], ['Extra two', '5', '']);
    assert.equal(await grid(page).getByText('Touchpoint', { exact: true }).and(page.getByRole('gridcell')).count(), 0);
    await page.getByRole('button', { name: 'Undo' }).click();
    assert.equal(await rowCount(page), before);
    assert.equal(await text(page, before - 1, 'Touchpoint'), 'Second order');
    await close(page);
  });

  it('exports a journey CSV with its settings and imports it, settings and all, in a fresh profile', async () => {
    const { page } = await openApp();
    for (const [label, value] of [['Target', '33'], ['Seed', '9']]) {
      await page.getByLabel(label, { exact: true }).fill(value);
      await page.getByLabel(label, { exact: true }).press('Tab');
    }
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = readFileSync(await download.path(), 'utf8');
    assert.match(csv.split('\r\n')[0], /,target,iterations,seed,time_unit,journey_value,journeys_per_year$/);
    await close(page);

    const other = await openApp();
    assert.equal(await other.page.getByLabel('Target', { exact: true }).inputValue(), '50');
    await other.page.getByLabel('Import CSV').setInputFiles({ name: 'planned.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const dialog = other.page.getByRole('dialog', { name: 'Import journey' });
    await dialog.getByText('Settings from the file: target 33, 10,000 iterations, seed 9, time unit "days".').waitFor();
    await dialog.getByRole('button', { name: /^Import 16 touchpoints as a new scenario$/ }).click();
    await other.page.getByText('Imported 16 touchpoints from planned.csv as a new scenario').waitFor();
    assert.equal(await other.page.getByLabel('Target', { exact: true }).inputValue(), '33');
    assert.equal(await other.page.getByLabel('Seed', { exact: true }).inputValue(), '9');
    assert.equal(await other.page.getByLabel('Iterations', { exact: true }).inputValue(), '10000');
    await close(other.page);
  });

  it('never cuts a number at 1,440 px: its column widens and a long name shows whole on hover and when its cell is active', async () => {
    const { page } = await openApp();
    const mean = await statValue(page, 'Mean');
    await editCell(page, 2, 'Optimistic', '100');
    await editCell(page, 2, 'Most likely', '300');
    await editCell(page, 2, 'Pessimistic', '1000.25');
    const long = 'Newsletter sign-up and a long nurture sequence over several weeks';
    await editCell(page, 4, 'Touchpoint', long);
    await changed(page, 'Mean', mean);
    const cut = await grid(page).locator('[role="gridcell"][class*="numeric"]').evaluateAll((cells) => cells
      .filter((cell) => cell.scrollWidth > cell.clientWidth).map((cell) => `${cell.getAttribute('data-cell')} ${cell.textContent}`));
    assert.deepEqual(cut, []);
    // RV's SD in the sheet is classic PERT's (b − a)/6 = 900.25/6 = 150.04, and its Expected (a + 4m + b)/6 = 383.38: wider than their columns' base widths.
    assert.equal(await text(page, 2, 'SD'), ((1000.25 - 100) / 6).toFixed(2));
    assert.equal(await text(page, 2, 'Expected'), expected(100, 300, 1000.25));
    const name = cell(page, 4, 'Touchpoint');
    assert.equal(await name.getAttribute('title'), long);
    await name.click();
    const shown = await name.locator('span').evaluate((span) => [span.textContent, span.getBoundingClientRect().width > span.parentElement!.clientWidth]);
    assert.deepEqual(shown, [long, true]);
    await close(page);
  });
});
