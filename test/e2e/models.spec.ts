/**
 * The models of repeat buying as a person meets them: all three fitted and compared on every
 * refit, in the worker; the calibration end's default (the last 20% held out) stated and its
 * holdout check shown; a fit that cannot be trusted saying so next to its figures; and an
 * overdue customer whose own rhythm and P(alive) disagree told why.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { it, close, openApp } from './support.ts';

describe('models of repeat buying', () => {
  /** The longest main-thread task since the last call, in ms (Long Tasks API). */
  async function watchLongTasks(page: Page): Promise<() => Promise<number>> {
    await page.evaluate(`window.longest = 0; new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.longest = Math.max(window.longest, entry.duration); }).observe({ type: 'longtask' })`);
    return async () => { const value = Number(await page.evaluate('window.longest')); await page.evaluate('window.longest = 0'); return value; };
  }

  it('fits and compares all three models on the CDNOW sample with the last 20% held out by default, and refits in the worker with the page usable', async () => {
    const { page, errors } = await openApp();
    await page.getByLabel('Import CSV').setInputFiles(fileURLToPath(new URL('../fixtures/cdnow_sample.csv', import.meta.url)));
    await page.getByRole('dialog', { name: 'Import customer data' }).getByRole('button', { name: 'Import transactions' }).click({ timeout: 20_000 });
    await page.getByRole('table', { name: 'Customers' }).waitFor({ timeout: 30_000 });
    // 1997-01-01 to 1998-06-30: the last 109 days are held out.
    await page.getByText(/^Calibration ends 1998-03-13 \(default: last 20% held out\): the models are fitted on the orders up to it/).waitFor();
    assert.equal(await page.getByLabel('Calibration end').inputValue(), '1998-03-13');
    const compared = page.getByRole('table', { name: 'Models compared' });
    const headers = (await compared.getByRole('columnheader').allTextContents()).map((h) => h.trim());
    assert.deepEqual(headers, ['Model', 'Log-likelihood', 'Parameters', 'AIC', 'BIC', 'Holdout error (orders per customer)', 'Holdout total', 'Fit check']);
    const rows = compared.getByRole('row');
    assert.equal(await rows.count(), 4);
    for (const [n, name] of [[1, 'BG/NBD'], [2, 'Pareto/NBD'], [3, 'MBG/NBD']] as const) {
      assert.match((await rows.nth(n).getByRole('rowheader').textContent()) ?? '', new RegExp(`^${name.replace('/', '\\/')}`));
      assert.equal((await rows.nth(n).getByRole('cell').last().textContent())?.trim(), 'sound');
    }
    await page.getByText(/^Used: (?:BG|MBG|Pareto)\/NBD: it forecast the holdout period's repeat orders best/).waitFor();
    await page.getByRole('img', { name: 'Cumulative repeat orders, actual and predicted' }).waitFor({ timeout: 20_000 });
    // The model choice opens on "Best of three".
    assert.equal(await page.getByRole('combobox', { name: /^Model(?! unit)/ }).inputValue(), 'best');

    // A refit in days fits all three again in the worker; the page stays responsive meanwhile.
    const longest = await watchLongTasks(page);
    await page.getByLabel('Model unit').selectOption('days');
    await page.getByRole('button', { name: 'Refit' }).click();
    await page.getByText(/^Calibration ends 1998-03-13 \(default: last 20% held out\)/).waitFor();
    await page.getByText(/Time in days;/).waitFor({ timeout: 30_000 });
    assert.equal(await rows.count(), 4);
    const blocked = await longest();
    assert.ok(blocked < 250, `the page was blocked for ${Math.round(blocked)} ms by a refit`);
    // A chosen calibration end is said to be chosen, with the default beside it.
    await page.getByLabel('Calibration end').fill('1997-09-30');
    await page.getByRole('button', { name: 'Refit' }).click();
    await page.getByText(/^Calibration ends 1997-09-30 \(chosen; default 1998-03-13: last 20% held out\)/).waitFor({ timeout: 30_000 });
    assert.deepEqual(errors, []);
    await close(page);
  });

  it('says on the Online Retail invoices that the fits cannot be trusted and what to do, and why an overdue customer\'s rhythm and P(alive) disagree', async () => {
    const { page, errors } = await openApp();
    const text = readFileSync(fileURLToPath(new URL('../fixtures/online_retail_invoices.csv', import.meta.url)), 'utf8');
    await page.getByLabel('Import CSV').setInputFiles({ name: 'online_retail_invoices.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
    await page.getByRole('dialog', { name: 'Import customer data' }).getByRole('button', { name: 'Import transactions' }).click({ timeout: 20_000 });
    await page.getByRole('table', { name: 'Customers' }).waitFor({ timeout: 60_000 });
    // 2010-12-01 to 2011-12-09: the last 75 days held out.
    await page.getByText(/^Calibration ends 2011-09-25 \(default: last 20% held out\)/).waitFor();
    // Next to the fitted parameters, in plain words, with what to do.
    const warning = page.getByRole('alert').filter({ hasText: 'cannot be trusted as it stands' });
    await warning.waitFor();
    const advice = (await warning.textContent()) ?? '';
    assert.match(advice, /almost no customer stopping/);
    assert.match(advice, /What to do: compare the models under Models compared/);
    // Every model's fit check says so in the comparison.
    const checks = await page.getByRole('table', { name: 'Models compared' }).getByRole('row').evaluateAll((rows) => rows.slice(1).map((row) => row.lastElementChild?.textContent?.trim() ?? ''));
    assert.equal(checks.length, 3);
    for (const check of checks) assert.match(check, /^not to be trusted: .*almost no customer stops/);
    await page.getByText(/None of the fits can be trusted as it stands: see the fit check\./).waitFor();
    // An overdue customer silent for many times their usual gap, whom the model still thinks alive: both figures, and why.
    await page.getByText(/^By kind: every anomaly/).click();
    await page.getByRole('combobox', { name: /^Kind/ }).selectOption('overdue');
    const differ = page.getByRole('table', { name: 'Anomalies' }).getByText(/\(a gap this long has P < 0\.1%\).* P\(alive\) \d+% \((?:BG|MBG|Pareto)\/NBD fitted on orders to 2011-09-25, in weeks\)\. The two differ because the model pools all customers and counts only how many orders this one placed/);
    await differ.first().waitFor({ timeout: 30_000 });
    await page.getByText(/^Overdue customers' P\(alive\) from the (?:BG|MBG|Pareto)\/NBD fitted on orders to 2011-09-25, in weeks, applied to their orders up to the end of the data \(2011-12-09\)/).waitFor();
    assert.deepEqual(errors, []);
    await close(page);
  });
});
