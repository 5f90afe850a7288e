/** Work that travels further: the linked file after a reload, numbers in the reader's locale, tables as CSV. */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import type { Page } from 'playwright-core';
import { it, browser, close, openApp, statValue, editCell, changed } from './support.ts';

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
});
