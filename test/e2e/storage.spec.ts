/** When the browser will not store the work: the indicator says so, the work stays, and saving resumes. */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { it, close, openApp, cell, editCell } from './support.ts';

describe('storage that fails', () => {
  it('says "Not saved" with the reason when the disk is full, keeps the edit on screen, and saves it once there is room', async () => {
    const { page } = await openApp();
    const status = page.locator('.saved');
    await status.filter({ hasText: /^Saved$/ }).waitFor();
    // Every write fails as a full disk does, from now on.
    await page.evaluate(() => {
      const put = IDBObjectStore.prototype.put;
      (window as unknown as { restorePut: () => void }).restorePut = () => { IDBObjectStore.prototype.put = put; };
      IDBObjectStore.prototype.put = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
    });
    await editCell(page, 2, 'Touchpoint', 'Reads every review');
    await status.filter({ hasText: 'Not saved' }).waitFor({ timeout: 10_000 });
    await page.getByText(/no room left to save this work/).waitFor();
    assert.equal((await cell(page, 2, 'Touchpoint').textContent())?.trim(), 'Reads every review');
    // Room again: the next edit saves both.
    await page.evaluate(() => (window as unknown as { restorePut: () => void }).restorePut());
    await editCell(page, 3, 'Touchpoint', 'Compares prices');
    await status.filter({ hasText: /^Saved$/ }).waitFor({ timeout: 10_000 });
    await page.reload();
    await cell(page, 3, 'Touchpoint').filter({ hasText: 'Compares prices' }).waitFor({ timeout: 20_000 });
    assert.equal((await cell(page, 2, 'Touchpoint').textContent())?.trim(), 'Reads every review');
    await close(page);
  });
});
