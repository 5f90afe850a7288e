/**
 * What every end-to-end spec shares: the counted `it`, the server and browser opened once for
 * the whole run, and the ways a test opens the app and reads or edits it by accessible names.
 */
import assert from 'node:assert/strict';
import { after, before, it as nodeIt } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, serveDist } from './harness.ts';


const counts = { passed: 0, failed: 0 };

/** Only tests whose name contains this text run (`E2E_ONLY="Report" npm run test:e2e`); unset in CI, so every test runs. */
const only = process.env.E2E_ONLY?.toLowerCase();

/** node:test's `it`, counting outcomes; a test whose set-up failed never runs and is not counted. */
export function it(name: string, body: () => Promise<void>): void {
  if (only && !name.toLowerCase().includes(only)) return;
  nodeIt(name, async () => {
    try {
      await body();
      counts.passed++;
    } catch (error) {
      counts.failed++;
      throw error;
    }
  });
}

process.on('exit', () => {
  const total = counts.passed + counts.failed;
  console.log(`e2e: ${total} tests, ${counts.passed} passed, ${counts.failed} failed`);
  if (total === 0 || counts.failed > 0) process.exitCode = 1;
});

export let server: Awaited<ReturnType<typeof serveDist>>;
export let browser: Awaited<ReturnType<typeof launchBrowser>>;

before(async () => {
  server = await serveDist();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.browser.close();
  await server?.close();
});

export interface Watched { page: Page; errors: string[]; foreign: string[]; failed: string[] }

export const close = async (page: Page) => page.context().close();

/** Opens the app in a fresh profile (or `context`, to share one), at `path` (e.g. a share link). */
export async function openApp(context?: BrowserContext, path = ''): Promise<Watched> {
  const page = await (context ?? await browser.newContext()).newPage();
  const errors: string[] = [];
  const foreign: string[] = [];
  const failed: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('requestfailed', (request) => failed.push(`${request.url()}: ${request.failure()?.errorText}`));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('request', (request) => { if (!request.url().startsWith(server.url) && !/^(data|blob):/.test(request.url())) foreign.push(request.url()); });
  await page.goto(server.url + path);
  await statValue(page, 'Mean');
  return { page, errors, foreign, failed };
}

/** The number a statistic's description starts with (terms and descriptions pair up in order). */
export async function statValue(page: Page, term: string): Promise<number> {
  const region = page.getByRole('region', { name: 'Simulation' });
  await region.getByRole('definition').first().waitFor({ timeout: 20_000 });
  const terms = (await region.getByRole('term').allTextContents()).map((t) => t.trim());
  const index = terms.indexOf(term);
  assert.ok(index >= 0, `no statistic "${term}" among ${terms.join(', ')}`);
  const text = (await region.getByRole('definition').nth(index).textContent()) ?? '';
  const value = Number.parseFloat(text);
  assert.ok(Number.isFinite(value), `"${term}" should start with a number, got "${text}"`);
  return value;
}

export function grid(page: Page) {
  return page.getByRole('grid', { name: 'Journey' });
}

export function cell(page: Page, row: number, column: string) {
  // Row 0 is the header; data rows follow in order.
  return grid(page).getByRole('row').nth(row + 1).getByRole('gridcell').nth(COLUMNS.indexOf(column));
}

export const COLUMNS = ['ID', 'Touchpoint', 'Stage', 'Optimistic', 'Most likely', 'Pessimistic', 'Distribution', 'Depends on', 'Probability', 'Group',
  'Expected', 'SD', 'Earliest start', 'Latest start', 'Slack', 'Critical', 'Criticality', 'Sensitivity'];

export async function editCell(page: Page, row: number, column: string, text: string): Promise<void> {
  await cell(page, row, column).click();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** Waits until the statistic changes from `before`. */
export async function changed(page: Page, term: string, before: number): Promise<number> {
  for (let tries = 0; tries < 100; tries++) {
    const now = await statValue(page, term);
    if (now !== before) return now;
    await page.waitForTimeout(100);
  }
  assert.fail(`${term} stayed at ${before}`);
}

