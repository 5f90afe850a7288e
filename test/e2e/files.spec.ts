/** Work that survives and travels: the offline app, files, the report and charts taken out. */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { it, browser, close, openApp, statValue, editCell, changed } from './support.ts';

describe('offline and files', () => {
  it('loads and recomputes with the network off after one visit', async () => {
    const context = await browser.newContext();
    const { page } = await openApp(context);
    // The service worker has stored the app (its precache is complete once it is active).
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    const manifest = await page.evaluate(async () => (await fetch(document.querySelector<HTMLLinkElement>('link[rel=manifest]')!.href)).json());
    assert.equal(manifest.display, 'standalone');
    assert.ok(manifest.icons.some((icon: { sizes: string }) => icon.sizes === '512x512'));
    assert.deepEqual(manifest.file_handlers[0].accept['application/json'], ['.waypoint.json']);
    await context.setOffline(true);
    await page.reload();
    const before = await statValue(page, 'Mean');
    const histogram = page.getByRole('img', { name: /^Completion time histogram/ });
    const drawn = await histogram.innerHTML();
    await editCell(page, 14, 'Pessimistic', '60');
    await changed(page, 'Mean', before);
    for (let tries = 0; tries < 50 && (await histogram.innerHTML()) === drawn; tries++) await page.waitForTimeout(100);
    assert.notEqual(await histogram.innerHTML(), drawn, 'the histogram should be redrawn offline');
    await close(page);
  });
});
