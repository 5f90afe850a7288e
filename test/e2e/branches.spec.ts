/** Branches, waits, correlations and where to improve. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe } from 'node:test';
import { it, close, openApp, statValue, cell, editCell, changed } from './support.ts';

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
    await network.locator('[data-id="RE"] > title').filter({ hasText: /^Review request \(RE\), happens in 25% of journeys/ }).waitFor({ state: 'attached' });
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
