/**
 * What a journey is worth: a value per completed journey set in Settings turns Where to improve
 * into money, the same figure reaches the report, and the value travels with the scenario.
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { readFileSync } from 'node:fs';
import { close, it, openApp } from './support.ts';

describe('worth in money', () => {
  it('says what each shortening is worth at a value per completed journey, in the app and in the report', async () => {
    const { page, errors } = await openApp();
    const group = page.getByRole('group', { name: 'Worth per completed journey' });
    assert.equal(await group.count(), 0, 'no money figure without a value');
    // The example's target (50 days) is met by about 84% of runs, so a shortening can still move that share.
    await page.getByLabel('Value per completed journey').fill('120');
    await page.getByLabel('Value per completed journey').press('Enter');
    await group.waitFor({ timeout: 30_000 });
    const perThousand = ((await group.locator('p').first().textContent()) ?? '').trim();
    assert.match(perThousand, /^Shortening .+ by 10% lifts the share of journeys that finish by the target from \d+\.\d% to \d+\.\d%: about \$?[\d,]+ per 1,000 journeys at \$?120 a completed journey\.$/);

    await page.getByLabel('Journeys a year').fill('12,000');
    await page.getByLabel('Journeys a year').press('Enter');
    await group.getByText(/for 12,000 journeys a year/).waitFor();
    const sentence = ((await group.locator('p').first().textContent()) ?? '').trim();
    const match = /from (\d+\.\d)% to (\d+\.\d)%: about \$?([\d,]+) for 12,000 journeys a year/.exec(sentence);
    assert.ok(match, sentence);
    // Independent check of the arithmetic from the sentence's own rounded shares: (to − from) × 12,000 × 120.
    const expected = ((Number(match[2]) - Number(match[1])) / 100) * 12_000 * 120;
    const stated = Number(match[3].replace(/,/g, ''));
    assert.ok(Math.abs(stated - expected) <= 0.0006 * 12_000 * 120 + 1, `${stated} against ${expected}`);
    const items = await group.getByRole('list', { name: 'Worth of each shortening' }).getByRole('listitem').allTextContents();
    assert.ok(items.length >= 1 && items.every((item) => / more in 100 finish by the target, about \$?[\d,]+ a year$/.test(item.trim())), items.join(' | '));

    // A value that is not a number is refused with a plain message and not applied.
    await page.getByLabel('Journeys a year').fill('lots');
    await page.getByLabel('Journeys a year').press('Enter');
    await page.getByText('Journeys a year must be blank or a number from 0 to 10,000,000,000.').waitFor();
    await group.getByText(/for 12,000 journeys a year/).waitFor();

    await page.getByRole('button', { name: 'Report' }).click();
    const report = page.getByRole('article', { name: 'Report' });
    await report.getByRole('group', { name: 'Worth per completed journey' }).getByText(sentence).waitFor({ timeout: 30_000 });
    assert.deepEqual(errors, []);
    await close(page);
  });

  it('keeps the value with the scenario: an exported journey CSV carries it back', async () => {
    const { page, errors } = await openApp();
    await page.getByLabel('Value per completed journey').fill('75');
    await page.getByLabel('Value per completed journey').press('Enter');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await (await download).path();
    const [header, first] = readFileSync(file, 'utf8').split(/\r?\n/);
    assert.ok(header.endsWith(',journey_value,journeys_per_year'), header);
    assert.ok(first.endsWith(',75,'), first);
    assert.deepEqual(errors, []);
    await close(page);
  });
});
