/** Customer data: transactions, summaries, event logs, files of every encoding, cleaning and refits. */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { describe } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { it, close, openApp, statValue, cell, changed, browser } from './support.ts';

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
    assert.deepEqual(top.slice(0, 4), ['C3', '2024-02-10 10:00', 'Reversal also Odd order', '$9,800.00']);
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
    await page.getByRole('table', { name: 'Anomalies' }).getByText(/P\(alive\) [<\d.]+[^(]*% \((?:BG|MBG|Pareto)\/NBD fitted on orders to 1997-09-30, in days\)\.$/).first().waitFor();
    await page.getByText(/^Overdue customers' P\(alive\) from the (?:BG|MBG|Pareto)\/NBD fitted on orders to 1997-09-30, in days/).waitFor();
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
    const netted = summary.getByText(/^3,454 cancellation lines netted, \$638,886\.46 /);
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
    await summary.getByText('8 lines that are not products (postage, fees, adjustments) totalled apart, $144.00').waitFor({ timeout: 30_000 });
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
