/**
 * What one cell edit costs the page's main thread, by how much else is stored (part of
 * `npm run bench:ui`; alone: `npx tsx bench/uiStore.ts [stored…]` after a build). A fresh
 * profile imports that many scenarios of 1,000 touchpoints each (through "Import scenarios
 * (JSON)", as a person would), opens one, reloads the page (so the import's garbage is not
 * collected during the edits: a store is built up over time), and edits a cell 10 times after
 * two edits not counted. Each edit's cost is the
 * CPU time of the page's main-thread tasks (from a Chromium trace: thread time, so a busy
 * machine does not inflate it) from the edit to its results shown, its save done and half a
 * second of quiet: the grid, the results, the save and the scenario list together. Goal: the
 * same cost with 300 stored as with 7.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { randomLayeredJourney } from './randomJourney.ts';
import { SCENARIO_VERSION } from '../src/share/scenarioFormat.ts';

const EDITS = 10;
const ROWS = 1000;

/** An "Export all" file of `count` scenarios of ROWS touchpoints each. */
function storeFile(count: number): string {
  const rows = randomLayeredJourney(ROWS).map((t) => ({
    id: t.id, name: t.name, stage: '', optimistic: t.optimistic.toFixed(2), mostLikely: t.mostLikely.toFixed(2),
    pessimistic: t.pessimistic.toFixed(2), distribution: 'beta-pert', dependsOn: t.dependsOn.join(' '), probability: '', group: '',
  }));
  const settings = { target: 600, iterations: 10_000, seed: 1, timeUnit: 'days' };
  const scenarios = Array.from({ length: count }, (_, k) => ({ v: SCENARIO_VERSION, name: `Stored ${k}`, settings, rows, correlations: [] }));
  return JSON.stringify({ v: 1, scenarios });
}

/** Polls `expression` in the page until it is true (waitForFunction would evaluate a string, which the app's CSP refuses). */
async function until(page: Page, expression: string, timeout: number): Promise<void> {
  for (const start = Date.now(); !(await page.evaluate(expression)); await page.waitForTimeout(50)) {
    if (Date.now() - start > timeout) throw new Error(`Still not true after ${timeout} ms: ${expression}`);
  }
}

interface TraceEvent { name: string; ph: string; pid: number; tid: number; tdur?: number; args?: { name?: string } }

/** Runs `work` under a trace; returns the CPU ms of the renderer main thread's tasks meanwhile. */
async function mainThreadCpu(cdp: CDPSession, work: () => Promise<void>): Promise<number> {
  const events: TraceEvent[] = [];
  const collect = (message: { value: unknown[] }) => { events.push(...(message.value as TraceEvent[])); };
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'] } });
  await work();
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.end');
  await done;
  cdp.off('Tracing.dataCollected', collect);
  const threads = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`);
  // The page's own renderer: the main thread with the most task time (others are idle frames, if any).
  const byThread = new Map<string, number>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph === 'X' && e.name === 'RunTask' && threads.includes(key)) byThread.set(key, (byThread.get(key) ?? 0) + (e.tdur ?? 0) / 1000);
  }
  return Math.max(0, ...byThread.values());
}

/** Edits the Pessimistic cell of `row`; resolves once its results are shown and it is saved. */
async function edit(page: Page, row: number, value: string): Promise<void> {
  const target = page.getByRole('grid', { name: 'Journey' }).getByRole('row').nth(row + 1).getByRole('gridcell').nth(5);
  await target.click();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(value);
  const version = await page.evaluate(`document.querySelector('section[aria-label="Simulation"]').dataset.version`);
  await page.keyboard.press('Enter');
  await until(page, `document.querySelector('section[aria-label="Simulation"]').dataset.version !== ${JSON.stringify(version)}`, 60_000);
  await page.getByText('Saving…', { exact: true }).waitFor({ timeout: 5_000 }).catch(() => undefined);
  await page.getByText('Saved', { exact: true }).waitFor({ timeout: 60_000 });
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Main-thread ms per edit (each of EDITS edits) with `stored` scenarios of ROWS touchpoints stored. */
export async function storeEditCost(context: BrowserContext, url: string, stored: number): Promise<number[]> {
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('img', { name: /^Completion time histogram/ }).waitFor({ timeout: 60_000 });
  // Through a file: Playwright takes at most 50 MB as a buffer, and 300 scenarios are about 60 MB.
  const file = join(tmpdir(), `waypoint-store-${stored}.json`);
  writeFileSync(file, storeFile(stored));
  await page.getByLabel('Import scenarios (JSON)').setInputFiles(file);
  await page.getByText(`Imported ${stored} scenario${stored === 1 ? '' : 's'}.`).waitFor({ timeout: 600_000 });
  rmSync(file);
  const list = page.getByRole('table', { name: 'Scenarios' });
  await page.getByRole('region', { name: 'Scenarios' }).scrollIntoViewIfNeeded();
  await list.getByRole('button', { name: 'Stored 0', exact: true }).click();
  await until(page, `document.querySelector('[role="grid"]')?.getAttribute('aria-rowcount') === '${ROWS + 1}'`, 60_000);
  await page.evaluate('window.scrollTo(0, 0)');
  await page.reload();
  await until(page, `document.querySelector('[role="grid"]')?.getAttribute('aria-rowcount') === '${ROWS + 1}'`, 60_000);
  await page.getByRole('img', { name: /^Completion time histogram/ }).waitFor({ timeout: 60_000 });
  await page.waitForTimeout(3000);
  for (let k = 0; k < 2; k++) await edit(page, 1, String(20 + k));
  await page.waitForTimeout(1000);
  const cdp = await context.newCDPSession(page);
  const costs: number[] = [];
  for (let k = 0; k < EDITS; k++) {
    costs.push(await mainThreadCpu(cdp, async () => {
      await edit(page, (k * 5) % 12, String(30 + k));
      await page.waitForTimeout(500);
    }));
  }
  await page.close();
  return costs;
}

/** Prints one line per store size. */
export async function storeBench(newContext: () => Promise<BrowserContext>, url: string, sizes: number[]): Promise<void> {
  const medians = new Map<number, number>();
  for (const stored of sizes) {
    const context = await newContext();
    try {
      const costs = await storeEditCost(context, url, stored);
      medians.set(stored, median(costs));
      console.log(`Cell edit with ${String(stored).padStart(3)} scenarios of ${ROWS.toLocaleString('en')} touchpoints stored: main-thread CPU per edit median ${median(costs).toFixed(0)} ms (min ${Math.min(...costs).toFixed(0)}, max ${Math.max(...costs).toFixed(0)})`);
    } finally {
      await context.close();
    }
  }
  const [smallest, largest] = [Math.min(...sizes), Math.max(...sizes)];
  if (sizes.length > 1) {
    const ratio = medians.get(largest)! / medians.get(smallest)!;
    console.log(`  ${largest} stored vs ${smallest}: ×${ratio.toFixed(2)} (goal: no growth with what else is stored, within ×1.3: ${ratio <= 1.3 ? 'met' : 'NOT met'})`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { launchBrowser, serveDist } = await import('../test/e2e/harness.ts');
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const server = await serveDist();
  const { browser, newContext } = await launchBrowser();
  try {
    await storeBench(newContext, server.url, sizes.length ? sizes : [7, 300]);
  } finally {
    await browser.close();
    await server.close();
  }
}
