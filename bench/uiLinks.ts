/**
 * Big journeys opened from a share link, in a fresh profile (part of `npm run bench:ui`; alone:
 * `npx tsx bench/uiLinks.ts [case…]` after a build). For each case: the longest main-thread task
 * and the count of tasks over 200 ms, measured in the page by a PerformanceObserver installed
 * before the app's own scripts (a round trip from the driver is answered even while the page is
 * frozen, so nothing is timed from outside); the time from navigation to the grid showing every
 * row, to the first results of this journey (a run in batches shows the batches done so far),
 * to the results of all its iterations, and to its network drawn, each read in the page on the
 * frame it happens; and the page's peak JS heap (sampled from the driver over CDP, which answers
 * while the page works). Targets: no task over 200 ms, heap under 500 MB, grid within 3 s,
 * results within 30 s.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { exampleSettings } from '../src/engine/journey/index.ts';
import { SCENARIO_VERSION } from '../src/share/scenarioFormat.ts';
import { encodeShareFragment } from '../src/share/shareLink.ts';
import { denseJourneyRows } from './randomJourney.ts';

export interface LinkCase { name: string; count: number; dependencies: number; cycle?: boolean; iterations?: number }

export const LINK_CASES: LinkCase[] = [
  { name: '2,000 × 20', count: 2000, dependencies: 20 },
  { name: '5,000 × 40', count: 5000, dependencies: 40 },
  { name: '5,000 × 40 with a cycle', count: 5000, dependencies: 40, cycle: true },
  { name: '5,000 × 20 at 1,000,000 iterations', count: 5000, dependencies: 20, iterations: 1_000_000 },
];

/** What the page records about itself while it opens the link (installed before the app runs). */
const WATCH = (count: number) => `(() => {
  const seen = { longest: 0, over200: 0, tasks: [], grid: null, results: null, complete: null, network: null, networkKind: '', note: '', problems: '' };
  window.__linkBench = seen;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      seen.longest = Math.max(seen.longest, entry.duration);
      if (entry.duration > 200) seen.over200++;
      if (entry.duration > 200) seen.tasks.push([Math.round(entry.startTime), Math.round(entry.duration)]);
    }
  }).observe({ type: 'longtask', buffered: true });
  let versionAtGrid = null;
  function frame() {
    const now = performance.now();
    const grid = document.querySelector('[role="grid"][aria-label="Journey"]');
    if (seen.grid === null && grid && grid.getAttribute('aria-rowcount') === '${count + 1}') {
      seen.grid = now;
      versionAtGrid = document.querySelector('section[aria-label="Simulation"]')?.dataset.version ?? '';
    }
    if (seen.grid !== null && seen.results === null) {
      const version = document.querySelector('section[aria-label="Simulation"]')?.dataset.version ?? '';
      if (version !== versionAtGrid) seen.results = now;
    }
    if (seen.results !== null && seen.complete === null) {
      const status = document.querySelector('section[aria-label="Simulation"] .status')?.textContent?.trim() ?? '';
      if (/^[\d,]+ runs, seed/.test(status)) seen.complete = now;
    }
    if (seen.grid !== null && seen.network === null) {
      const svg = document.querySelector('svg[role="img"][aria-label^="Journey network: ${count} touchpoints"]');
      if (svg && svg.querySelectorAll('[data-id]').length === ${count}) {
        seen.network = now;
        seen.networkKind = svg.querySelector('.node rect') ? 'full' : 'simplified';
        seen.note = document.querySelector('.network .budget')?.textContent?.trim() ?? '';
      }
    }
    const message = document.getElementById('grid-message')?.textContent?.trim() ?? '';
    if (seen.grid !== null && /problem/.test(message)) seen.problems = message.slice(0, 240);
    requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);
})();`;

interface Seen {
  longest: number; over200: number; tasks: [number, number][]; grid: number | null; results: number | null; complete: number | null; network: number | null;
  networkKind: string; note: string; problems: string;
}

const seconds = (ms: number | null) => (ms === null ? 'never' : `${(ms / 1000).toFixed(1)} s`);

/** Opens one case's link in a fresh profile and reports what the page saw. */
export async function openLinkCase(baseUrl: string, newContext: () => Promise<BrowserContext>, test: LinkCase, timeoutMs = 240_000): Promise<Seen & { heapMb: number }> {
  const rows = denseJourneyRows(test.count, test.dependencies, { cycle: test.cycle, spread: 1.25 });
  const settings = { ...exampleSettings, iterations: test.iterations ?? exampleSettings.iterations };
  const fragment = await encodeShareFragment({ v: SCENARIO_VERSION, name: test.name, settings, rows, correlations: [] });
  const context = await newContext();
  const page: Page = await context.newPage();
  await page.addInitScript(WATCH(test.count));
  const cdp = await context.newCDPSession(page);
  let heap = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      try {
        const { usedSize } = await cdp.send('Runtime.getHeapUsage');
        heap = Math.max(heap, usedSize);
      } catch { /* the page is navigating */ }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  const started = Date.now();
  await page.goto(`${baseUrl}#${fragment}`);
  let seen: Seen;
  for (;;) {
    seen = (await page.evaluate('window.__linkBench')) as Seen;
    const done = seen.network !== null && (seen.complete !== null || test.cycle);
    if (done || Date.now() - started > timeoutMs) break;
    await page.waitForTimeout(250);
  }
  await page.waitForTimeout(1500); // tasks just after the drawing count too
  seen = (await page.evaluate('window.__linkBench')) as Seen;
  sampling = false;
  await sampler;
  await context.close();
  return { ...seen, heapMb: heap / 2 ** 20 };
}

/** Runs the cases and prints one line each. */
export async function linkCases(baseUrl: string, newContext: () => Promise<BrowserContext>, cases = LINK_CASES): Promise<void> {
  for (const test of cases) {
    const seen = await openLinkCase(baseUrl, newContext, test);
    const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
    console.log(`Share link ${test.name.padEnd(36)} longest main-thread task ${seen.longest.toFixed(0)} ms (${seen.over200} over 200 ms; ${met(seen.longest <= 200)}),`
      + ` peak heap ${seen.heapMb.toFixed(0)} MB (${met(seen.heapMb < 500)}), grid ${seconds(seen.grid)} (${met(seen.grid !== null && seen.grid <= 3000)}),`
      + ` results ${test.cycle ? 'none (cycle)' : `${seen.results === null ? 'not within 120 s' : seconds(seen.results)} (${met(seen.results !== null && seen.results <= 30_000)})`},`
      + `${test.cycle ? '' : ` all iterations ${seconds(seen.complete)},`} network ${seconds(seen.network)}${seen.networkKind ? ` (${seen.networkKind})` : ''}`);
    if (seen.tasks.length) console.log(`    tasks over 200 ms (start, duration): ${seen.tasks.map(([at, ms]) => `${(at / 1000).toFixed(1)} s ${ms} ms`).join('; ')}`);
    if (seen.note) console.log(`    network note: ${seen.note}`);
    if (test.cycle) console.log(`    grid message: ${seen.problems || '(none)'}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { launchBrowser, serveDist } = await import('../test/e2e/harness.ts');
  const wanted = process.argv.slice(2);
  const cases = wanted.length ? LINK_CASES.filter((test) => wanted.some((word) => test.name.includes(word))) : LINK_CASES;
  const server = await serveDist();
  const { browser, newContext } = await launchBrowser();
  try {
    await linkCases(server.url, newContext, cases);
  } finally {
    await browser.close();
    await server.close();
  }
}
