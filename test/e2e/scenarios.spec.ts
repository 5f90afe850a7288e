/** Scenarios that last and travel: reloads, share links, imports, the scenario list and comparing. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe } from 'node:test';
import { it, close, openApp, statValue, grid, cell, editCell, changed, browser } from './support.ts';

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
    // The fresh profile already has the example, identical to the exported original: only the copy is added.
    await other.page.getByText('Imported 1 scenario; 1 was already here.').waitFor();
    await list.getByRole('button', { name: 'Subscription journey (copy)', exact: true }).click();
    await grid(other.page).getByText('Only in the copy').waitFor();
    const rows = await list.getByRole('row').count();
    assert.equal(rows, 3, 'a header and two scenarios');
    // The same file picked a second time is read again, and adds nothing.
    await other.page.getByLabel('Import scenarios (JSON)').setInputFiles({ name: 'waypoint-scenarios.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    await other.page.getByText('Imported 0 scenarios; 2 were already here.').waitFor();
    assert.equal(await list.getByRole('row').count(), rows);
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

  it('compares two scenarios side by side with the open one\'s lead or lag in P(finish by target)', async () => {
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
    // The open copy has a longer pessimistic time, so it is less likely to finish by the target: a minus.
    assert.match(difference, /^−\d+\.\d points$/);
    await page.getByRole('img', { name: 'Cumulative completion curves of both scenarios' }).waitFor();
    const mean = (await table.getByRole('row', { name: /^Mean/ }).getByRole('cell').nth(2).textContent()) ?? '';
    assert.match(mean, /^\+\d+\.\d days$/, 'the open, slower copy is later: a plus, with its unit');
    // Opening the scenario being compared with leaves nothing to compare: no table of it against itself.
    await page.getByRole('table', { name: 'Scenarios' }).getByRole('button', { name: 'Subscription journey', exact: true }).click();
    await grid(page).getByText('Sees a social ad').waitFor();
    await table.waitFor({ state: 'detached' });
    assert.equal(await page.getByLabel('Compare the open scenario with').inputValue(), '');
    await close(page);
  });
});
