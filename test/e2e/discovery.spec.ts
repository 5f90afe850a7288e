/**
 * Journeys learned from event logs: a log whose process is known by construction is dropped,
 * "Build a journey from this log" opens it as a new scenario that simulates, and can be taken back.
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { close, grid, it, openApp } from './support.ts';

/** 40 claims: register, then check and examine side by side, then decide, then pay (3 in 4) or reject; hours apart. */
function claimsLog(): string {
  const rows = ['case,activity,timestamp'];
  const at = (hours: number) => {
    const date = new Date(Date.UTC(2024, 2, 1) + hours * 3_600_000);
    return date.toISOString().slice(0, 16).replace('T', ' ');
  };
  for (let c = 0; c < 40; c++) {
    const start = c * 24;
    const check = 2 + (c % 3);
    const examine = 1 + (c % 5);
    const steps: [string, number][] = [['register', start], ['check ticket', start + check], ['examine', start + examine]];
    const decided = start + Math.max(check, examine) + 4;
    steps.push(['decide', decided], [c % 4 === 3 ? 'reject' : 'pay', decided + 6]);
    for (const [activity, hours] of steps.sort((a, b) => a[1] - b[1])) rows.push(`claim ${c},${activity},${at(hours)}`);
  }
  return rows.join('\n');
}

describe('discovery', () => {
  it('builds a journey from an event log that does not match the open one, and takes it back', async () => {
    const { page, errors } = await openApp();
    await page.getByLabel('Import CSV').setInputFiles({ name: 'claims.csv', mimeType: 'text/csv', buffer: Buffer.from(claimsLog()) });
    const dialog = page.getByRole('dialog', { name: 'Import customer data' });
    await dialog.getByRole('button', { name: 'Import event log' }).click({ timeout: 20_000 });
    await page.getByText(/None of the log's 5 activities is a touchpoint of the open journey/).waitFor({ timeout: 30_000 });
    const learned = page.getByRole('table', { name: 'Journey learned from the log' });
    await learned.waitFor();
    const cells = async (name: string) => (await learned.getByRole('row').filter({ hasText: name }).first().getByRole('cell').allTextContents()).map((t) => t.trim());
    // check ticket and examine run side by side after register; decide waits for both; pay and reject are one choice (30 : 10).
    assert.deepEqual((await cells('check ticket')).slice(1, 3), ['check ticket', 'REG']);
    assert.deepEqual((await cells('examine')).slice(1, 3), ['examine', 'REG']);
    assert.equal((await cells('decide'))[2], 'CT, EXA');
    const pay = await cells('pay');
    assert.deepEqual([pay[2], pay[6], pay[7]], ['DEC', '0.75', 'Choice 1']);
    assert.deepEqual((await cells('reject')).slice(6, 8), ['0.25', 'Choice 1']);
    // decide: 4 h after the later of the two, every case.
    assert.deepEqual((await cells('decide')).slice(3, 6), ['4', '4', '4']);
    await page.getByRole('list', { name: 'How the journey was learned' }).getByText(/^Seen in both orders, so run side by side: check ticket and examine/).waitFor();

    await page.getByRole('button', { name: 'Build a journey from this log' }).click();
    await page.getByRole('status').filter({ hasText: 'Built “Journey from claims” as a new scenario: 6 touchpoints' }).waitFor();
    assert.equal(await page.getByRole('textbox', { name: 'Scenario' }).inputValue(), 'Journey from claims');
    assert.equal(await grid(page).getByRole('row').count(), 7);
    assert.equal(await page.getByLabel('Time unit', { exact: true }).inputValue(), 'hours');
    // The journey now matches the log: nothing says it does not.
    await page.getByText(/None of the log's/).waitFor({ state: 'detached', timeout: 30_000 });
    await page.getByRole('region', { name: 'Customers' }).screenshot({ path: 'test-results/discovery.png' });

    await page.getByRole('button', { name: 'Take it back' }).click();
    await page.getByText('Import undone.').waitFor();
    assert.equal(await grid(page).getByRole('row').count(), 17, 'the example journey is open again');
    assert.deepEqual(errors, []);
    await close(page);
  });
});
