/** One scenario across tabs and links: big and hostile links, links opened twice, edits in two tabs. */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { deflateRawSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { exampleSettings } from '../../src/engine/journey/index.ts';
import { SCENARIO_VERSION } from '../../src/share/scenarioFormat.ts';
import { encodeShareFragment } from '../../src/share/shareLink.ts';
import { it, close, openApp, statValue, grid, cell, editCell, changed, browser } from './support.ts';

describe('one scenario across tabs and links', () => {
  /** Opens a cell's editor and types `text` into it, leaving the edit to be committed with Enter. */
  async function typeInCell(page: Page, row: number, column: string, text: string): Promise<void> {
    await cell(page, row, column).click();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(text);
  }

  /** The names in the Scenarios table. */
  async function scenarioNames(page: Page): Promise<string[]> {
    await page.getByRole('region', { name: 'Scenarios' }).scrollIntoViewIfNeeded();
    const rows = page.getByRole('table', { name: 'Scenarios' }).getByRole('row');
    const names: string[] = [];
    for (let k = 1; k < await rows.count(); k++) names.push(((await rows.nth(k).getByRole('cell').first().textContent()) ?? '').replace(/\s*open$/, '').trim());
    return names;
  }

  /** Waits until `check` holds (polling), failing with `message`. */
  async function eventually(check: () => Promise<boolean>, message: string, timeout = 10_000): Promise<void> {
    for (const start = Date.now(); Date.now() - start < timeout;) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.fail(message);
  }

  const text = async (page: Page, row: number, column: string) => (await cell(page, row, column).textContent())?.trim();

  /** Reloads from the top of the page: the browser restores the scroll position, and sections off screen are not rendered (content-visibility). */
  async function reloadFromTop(page: Page): Promise<void> {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.reload();
    await statValue(page, 'Mean');
  }

  /**
   * Starts recording the page's own long tasks (PerformanceObserver 'longtask': timed in the
   * page, so a frozen page cannot hide them), once the page has had a second without any (its
   * start-up work done), and clears the record.
   */
  async function recordLongTasks(page: Page): Promise<void> {
    await page.evaluate(`window.longTasks = []; new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.longTasks.push(Math.round(entry.duration));
    }).observe({ type: 'longtask', buffered: false });`);
    for (let tries = 0; tries < 20; tries++) {
      await page.evaluate('window.longTasks = []');
      await page.waitForTimeout(1000);
      if (((await page.evaluate('window.longTasks.length')) as number) === 0) return;
    }
  }

  it('refuses a 5 KB link that inflates to 1.3 million rows with under 200 ms of main-thread work, saying what is too big', async () => {
    const json = `{"v":2,"name":"Bomb","settings":{"target":30,"iterations":1000,"seed":1,"timeUnit":"days"},"rows":[${'[],'.repeat(1_300_000)}[]],"correlations":[]}`;
    const bomb = `#s2.${deflateRawSync(Buffer.from(json), { level: 9 }).toString('base64url')}`;
    assert.ok(bomb.length < 6_000, `the link is ${bomb.length} characters`);
    const refusal = 'This link holds a journey of more than 5,000 touchpoints, more than Waypoint takes. Ask for a smaller journey, or for the scenario as a file (its Export JSON).';
    const { page, errors } = await openApp();
    await recordLongTasks(page);
    // Pasted into the address bar of the open app: only the fragment changes.
    await page.evaluate((hash) => { location.hash = hash; }, bomb);
    await page.getByText(refusal).waitFor();
    await page.waitForTimeout(300);
    const tasks = (await page.evaluate('window.longTasks')) as number[];
    const total = tasks.reduce((sum, duration) => sum + duration, 0);
    assert.ok(total < 200, `main-thread long tasks while refusing the link: ${tasks.join(', ') || 'none'} ms`);
    assert.equal(await grid(page).getByRole('row').count(), 17, 'the notebook is unchanged');
    assert.equal(new URL(page.url()).hash, '');
    assert.deepEqual(errors, []);
    // Opened in a fresh profile: the same sentence, and the example notebook to work with.
    const fresh = await openApp(undefined, bomb);
    await fresh.page.getByText(refusal).waitFor();
    assert.equal(await grid(fresh.page).getByRole('row').count(), 17);
    await close(page);
    await close(fresh.page);
  });

  it('opens a link of 5,000 touchpoints with 40 links each with no long task over 200 ms: the grid, then a simplified network that says so', async () => {
    // Touchpoint k waits for the 40 before it: 199,180 links, the most a link's 500-character cell holds comfortably.
    const rows = Array.from({ length: 5000 }, (_, k) => ({
      id: `T${k}`, name: `Touchpoint ${k}`, stage: '', optimistic: String(1 + (k % 3)), mostLikely: String(3 + (k % 4)), pessimistic: String(8 + (k % 5)),
      distribution: 'beta-pert', dependsOn: Array.from({ length: Math.min(k, 40) }, (_, back) => `T${k - 1 - back}`).join(' '), probability: '', group: '',
    }));
    const link = `#${await encodeShareFragment({ v: SCENARIO_VERSION, name: 'Dense', settings: exampleSettings, rows, correlations: [] })}`;
    const { page, errors } = await openApp();
    await recordLongTasks(page);
    await page.evaluate((hash) => { location.hash = hash; }, link);
    await eventually(async () => (await grid(page).getAttribute('aria-rowcount')) === '5001', 'the grid shows the 5,000 rows', 30_000);
    const network = page.getByRole('img', { name: /^Journey network: 5000 touchpoints, simplified/ });
    await network.waitFor({ state: 'attached', timeout: 30_000 });
    await eventually(async () => (await network.locator('[data-id]').count()) === 5000, 'every touchpoint has its element in the network', 30_000);
    await page.getByText(/^Simplified drawing: 5,000 touchpoints are too many to lay out in full quickly\. They stand in 5,000 layers by depth, as marks; 4,999 of the 199,180 links are needed to show who waits for whom/).waitFor();
    await page.getByRole('button', { name: 'Draw every touchpoint (slow)' }).waitFor({ state: 'attached' });
    // Once the results are in, the critical path (here every touchpoint, one after another) is drawn in full, its first 150 as boxes.
    await page.getByText(/the critical path and its neighbours are drawn in full \(150 touchpoints\)/).waitFor({ timeout: 60_000 });
    await eventually(async () => (await network.locator('[data-critical="true"]').count()) === 5000, 'the critical touchpoints are marked', 30_000);
    await page.waitForTimeout(500);
    const tasks = (await page.evaluate('window.longTasks')) as number[];
    assert.ok(Math.max(0, ...tasks) <= 200, `main-thread long tasks while opening the link: ${tasks.join(', ')} ms`);
    assert.deepEqual(errors, []);
    await close(page);
  });

  it('opens a share link a second time, in another tab or pasted again, as the scenario already here instead of another copy', async () => {
    const sender = await openApp();
    await sender.page.getByLabel('Scenario', { exact: true }).fill('Sent over');
    await sender.page.getByLabel('Scenario', { exact: true }).press('Enter');
    await editCell(sender.page, 14, 'Pessimistic', '40');
    await sender.page.getByRole('button', { name: 'Copy share link' }).click();
    const link = await sender.page.getByRole('textbox', { name: 'Share link' }).inputValue();
    const hash = link.slice(link.indexOf('#'));

    const context = await browser.newContext();
    const first = await openApp(context, hash);
    await first.page.getByText(/Opened "Sent over" from a share link as a new local copy/).waitFor();
    const second = await openApp(context, hash);
    await second.page.getByText(/^"Sent over" \(last changed [^)]+\) already holds this share link's journey, so it is open now; no copy was made\./).waitFor();
    assert.equal(await text(second.page, 14, 'Pessimistic'), '40');
    // Pasted again into a tab where it is open.
    await second.page.evaluate((fragment) => { location.hash = fragment; }, hash);
    await second.page.getByText(/^This share link holds "Sent over", which is open here already; no copy was made\./).waitFor();
    assert.deepEqual(await scenarioNames(second.page), ['Sent over']);
    assert.deepEqual(await scenarioNames(first.page), ['Sent over']);
    // The person who made the link, opening it in their own browser, gets the scenario it was made of.
    const own = await openApp(sender.page.context(), hash);
    await own.page.getByText(/already holds this share link's journey/).waitFor();
    assert.deepEqual(await scenarioNames(own.page), ['Sent over']);
    await context.close();
    await close(sender.page);
  });

  it('makes no copy when one tab is clicked while another edits: both show the edit, in one scenario, also after a reload', async () => {
    const context = await browser.newContext();
    const a = await openApp(context);
    const b = await openApp(context);
    await editCell(a.page, 0, 'Touchpoint', 'Sees a video ad');
    await cell(b.page, 5, 'Stage').click();
    await grid(b.page).getByText('Sees a video ad').waitFor({ timeout: 10_000 });
    await a.page.waitForTimeout(1000);
    assert.deepEqual(await scenarioNames(a.page), ['Subscription journey']);
    assert.deepEqual(await scenarioNames(b.page), ['Subscription journey']);
    assert.equal(await b.page.getByText(/this tab|separate copy/).count(), 0, 'no copy and no warning of one');
    await reloadFromTop(b.page);
    assert.equal(await text(b.page, 0, 'Touchpoint'), 'Sees a video ad');
    await grid(b.page).getByRole('row').nth(6).getByRole('gridcell', { selected: true }).waitFor();
    await context.close();
  });

  it('keeps edits of different cells made in two tabs 100 ms apart, both in one scenario, also after a reload', async () => {
    const context = await browser.newContext();
    const a = await openApp(context);
    const b = await openApp(context);
    await typeInCell(a.page, 0, 'Touchpoint', 'Edited in A');
    await typeInCell(b.page, 14, 'Pessimistic', '60');
    await a.page.keyboard.press('Enter');
    await b.page.waitForTimeout(100);
    await b.page.keyboard.press('Enter');
    for (const tab of [a, b]) {
      await eventually(async () => (await text(tab.page, 0, 'Touchpoint')) === 'Edited in A' && (await text(tab.page, 14, 'Pessimistic')) === '60',
        'both edits should show in both tabs');
    }
    await eventually(async () => (await b.page.getByText('Saved', { exact: true }).count()) === 1, 'the merged scenario is saved');
    assert.deepEqual(await scenarioNames(a.page), ['Subscription journey']);
    for (const tab of [a, b]) {
      await reloadFromTop(tab.page);
      assert.equal(await text(tab.page, 0, 'Touchpoint'), 'Edited in A');
      assert.equal(await text(tab.page, 14, 'Pessimistic'), '60');
    }
    assert.deepEqual(await scenarioNames(b.page), ['Subscription journey']);
    await context.close();
  });

  it('lets the later of two edits of one cell win, and tells the other tab which value it replaced, with a way to put it back', async () => {
    const context = await browser.newContext();
    const a = await openApp(context);
    const b = await openApp(context);
    await typeInCell(a.page, 14, 'Pessimistic', '40');
    await typeInCell(b.page, 14, 'Pessimistic', '45');
    await a.page.keyboard.press('Enter');
    await eventually(async () => (await text(a.page, 14, 'Pessimistic')) === '40', 'the first edit is in');
    await b.page.waitForTimeout(100);
    await b.page.keyboard.press('Enter');
    await a.page.getByText('Another tab changed Pessimistic of "Re-purchase reminder" at the same time as this one: its "45" replaced your "40".').waitFor({ timeout: 10_000 });
    assert.equal(await text(a.page, 14, 'Pessimistic'), '45');
    assert.equal(await text(b.page, 14, 'Pessimistic'), '45');
    assert.equal(await b.page.getByRole('button', { name: 'Put back mine' }).count(), 0, 'the tab whose value won is not asked');
    await a.page.getByRole('button', { name: 'Put back mine' }).click();
    assert.equal(await text(a.page, 14, 'Pessimistic'), '40');
    await eventually(async () => (await text(b.page, 14, 'Pessimistic')) === '40', 'the value put back reaches the other tab');
    assert.deepEqual(await scenarioNames(b.page), ['Subscription journey']);
    await context.close();
  });
});
