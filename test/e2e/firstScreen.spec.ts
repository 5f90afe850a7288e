/**
 * The first screen: what a newcomer sees at three window sizes, the network fitted to its box,
 * the histogram across its width, the reading guide and glossary, dark mode, and an
 * accessibility check (axe-core) of the loaded app and of the app after a customer import.
 * Writes screenshots to test-results/first-screen-*.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe } from 'node:test';
import type { Page } from 'playwright-core';
import { it, close, openApp, browser, statValue } from './support.ts';

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
  { width: 390, height: 844 },
] as const;

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const shots = new URL('../../test-results/', import.meta.url);

/** Opens the app in a fresh profile at a window size and colour scheme. */
async function openAt(size: { width: number; height: number }, colorScheme: 'light' | 'dark' = 'light') {
  const context = await browser.browser.newContext({ viewport: size, colorScheme });
  return openApp(context);
}

/**
 * The critical and serious violations axe-core finds on the page. The source is evaluated
 * through the debugging protocol (page.evaluate), which the app's Content-Security-Policy
 * (script-src 'self', no inline scripts) does not apply to.
 */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.targets.join(', ')}`);
}

/** WCAG 2 relative luminance of an `rgb(…)` or `hsl(…)` colour. */
function luminance(colour: string): number {
  const numbers = colour.match(/[\d.]+/g)!.slice(0, 3).map(Number);
  const [r, g, b] = colour.startsWith('hsl') ? hslToRgb(numbers[0], numbers[1] / 100, numbers[2] / 100) : numbers.map((v) => v / 255);
  const linear = (v: number) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

function hslToRgb(hue: number, saturation: number, lightness: number): number[] {
  const k = (n: number) => (n + hue / 30) % 12;
  const a = saturation * Math.min(lightness, 1 - lightness);
  return [0, 8, 4].map((n) => lightness - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1)));
}

/** WCAG contrast ratio of two colours. */
function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (light + 0.05) / (dark + 0.05);
}

/** Waits until the network has drawn its touchpoints and settled on its first view. */
async function drawnNetwork(page: Page) {
  const network = page.getByRole('img', { name: /^Journey network/ });
  await network.scrollIntoViewIfNeeded();
  await network.locator('[data-id]').first().waitFor({ timeout: 20_000 });
  await page.waitForFunction(() => document.querySelector('[aria-label^="Journey network"] > g')?.getAttribute('transform')?.includes('scale'));
  await page.waitForTimeout(300);
  return network;
}

describe('the first screen', () => {
  it('shows at 1440 × 900 the journey and its headline results, with a sentence on what the notebook is and "Open customer data" beside "Import CSV"', async () => {
    const { page, errors } = await openAt(SIZES[0]);
    const inView = async (box: { y: number; height: number } | null) => box !== null && box.y >= 0 && box.y < SIZES[0].height;
    const simulation = page.getByRole('region', { name: 'Simulation' });
    for (const term of ['P(finish by target)', 'P50', 'P80']) {
      assert.ok(await inView(await simulation.getByRole('term').filter({ hasText: new RegExp(`^${term.replace(/[()]/g, '\\$&')}$`) }).boundingBox()), `${term} on the first screen`);
    }
    const histogram = page.getByRole('img', { name: /^Completion time histogram/ });
    const chart = (await histogram.boundingBox())!;
    assert.ok(chart.y + chart.height <= SIZES[0].height, `the whole histogram on the first screen (bottom at ${chart.y + chart.height})`);
    const firstRow = page.getByRole('grid', { name: 'Journey' }).getByRole('row').nth(1);
    const row = (await firstRow.boundingBox())!;
    assert.ok(row.y + row.height <= SIZES[0].height, `the journey's first row on the first screen (at ${row.y})`);
    await page.getByText(/^A notebook for planning a customer journey/).waitFor();
    await page.getByText(/Drop customer data anywhere on the page/).waitFor();
    const open = page.getByRole('button', { name: 'Open customer data' });
    const importBox = (await page.getByText('Import CSV', { exact: true }).boundingBox())!;
    const openBox = (await open.boundingBox())!;
    assert.ok(Math.abs(openBox.y - importBox.y) < 20 && openBox.x > importBox.x, 'Open customer data sits next to Import CSV');
    // It takes a file the way a drop does: transactions open the customer mapping dialog.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), open.click()]);
    await chooser.setFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from('customer,date,amount\nA,2024-01-02,10\nA,2024-02-03,12\nB,2024-01-05,9\n') });
    await page.getByRole('dialog', { name: 'Import customer data' }).getByRole('table', { name: 'Preview' }).waitFor({ timeout: 20_000 });
    assert.deepEqual(errors, []);
    await close(page);
  });

  for (const size of SIZES) {
    it(`opens the network at ${size.width} px with every touchpoint inside its box, labels 11 px or more, and the histogram across its width`, async () => {
      const { page, errors } = await openAt(size);
      const network = await drawnNetwork(page);
      const box = (await network.boundingBox())!;
      assert.ok(box.x >= 0 && box.x + box.width <= size.width + 0.5, `the network's box within the window (${box.x}..${box.x + box.width})`);
      const ids = await network.locator('[data-id]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-id')));
      assert.equal(ids.length, 16);
      for (const id of ids) {
        const node = (await network.locator(`[data-id="${id}"]`).boundingBox())!;
        assert.ok(node.x >= box.x && node.y >= box.y && node.x + node.width <= box.x + box.width + 0.5 && node.y + node.height <= box.y + box.height + 0.5,
          `${id} at ${JSON.stringify(node)} inside the network's box ${JSON.stringify(box)}`);
      }
      // Text drawn at its font size times the view's zoom.
      const smallest = await network.evaluate((svg) => {
        const zoom = (svg.querySelector(':scope > g') as SVGGraphicsElement).getCTM()!.a;
        return Math.min(...[...svg.querySelectorAll('text')].map((text) => Number.parseFloat(getComputedStyle(text).fontSize) * zoom));
      });
      assert.ok(smallest >= 11, `smallest label ${smallest.toFixed(1)} px`);
      const histogram = page.getByRole('img', { name: /^Completion time histogram/ });
      await histogram.scrollIntoViewIfNeeded();
      const chart = (await histogram.boundingBox())!;
      const frame = (await histogram.locator('xpath=..').boundingBox())!;
      assert.ok(Math.abs(chart.width - frame.width) <= 1, `histogram ${chart.width} px wide in a ${frame.width} px column`);
      assert.ok(chart.x + chart.width <= size.width, 'the histogram stays within the window');
      assert.deepEqual(errors, []);
      await close(page);
    });
  }

  it('says how to read the results, closes that for good, and opens a glossary of the jargon in one click', async () => {
    const { page } = await openAt(SIZES[0]);
    const guide = page.getByRole('complementary', { name: 'How to read this' });
    await guide.getByText(/P\(finish by target\)/).first().waitFor();
    await guide.getByRole('button', { name: 'Close How to read this' }).click();
    await guide.waitFor({ state: 'detached' });
    await page.reload();
    await statValue(page, 'Mean');
    assert.equal(await page.getByRole('complementary', { name: 'How to read this' }).count(), 0, 'stays closed after a reload');
    await page.getByRole('button', { name: 'How to read this' }).click();
    await guide.waitFor();
    await page.getByRole('button', { name: 'Glossary', exact: true }).click();
    const glossary = page.getByRole('dialog', { name: 'Glossary' });
    await glossary.waitFor();
    const terms = (await glossary.getByRole('term').allTextContents()).map((t) => t.trim());
    for (const term of ['Criticality', 'Sensitivity', 'Spearman ρ', 'PERT (normal)', 'Monte Carlo', 'P(alive)', 'CLV']) assert.ok(terms.includes(term), `${term} in the glossary`);
    await page.keyboard.press('Escape');
    await glossary.waitFor({ state: 'hidden' });
    await close(page);
  });

  it('follows the system\'s dark setting, switches with the toggle and remembers it; charts keep readable colours', async () => {
    const context = await browser.browser.newContext({ viewport: SIZES[0], colorScheme: 'dark' });
    const { page, errors } = await openApp(context);
    const toggle = page.getByRole('button', { name: 'Dark mode' });
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    // Colours read in the page, contrasts worked out here (WCAG 2 relative luminance).
    const colours = async () => {
      const read = await page.evaluate(() => ({
        page: getComputedStyle(document.documentElement).backgroundColor,
        surface: getComputedStyle(document.querySelector('section')!).backgroundColor,
        tick: getComputedStyle(document.querySelector('[aria-label^="Completion time histogram"] .tick')!).fill,
        nodeFill: document.querySelector('[aria-label^="Journey network"] [data-id] rect')!.getAttribute('fill')!,
        nodeText: getComputedStyle(document.querySelector('[aria-label^="Journey network"] [data-id] text')!).fill,
      }));
      return { page: read.page, tick: contrast(read.tick, read.surface), node: contrast(read.nodeText, read.nodeFill) };
    };
    await drawnNetwork(page);
    const dark = await colours();
    assert.ok(dark.tick >= 4.5, `histogram ticks contrast ${dark.tick.toFixed(2)} in dark mode`);
    assert.ok(dark.node >= 4.5, `network node text contrast ${dark.node.toFixed(2)} in dark mode`);
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: new URL('first-screen-network-dark.png', shots).pathname });
    await page.evaluate(() => scrollTo(0, 0));
    await page.screenshot({ path: new URL('first-screen-1440-dark.png', shots).pathname });
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    const light = await colours();
    assert.notEqual(light.page, dark.page);
    assert.ok(light.tick >= 4.5 && light.node >= 4.5, `light contrasts ${light.tick.toFixed(2)}, ${light.node.toFixed(2)}`);
    await page.reload();
    await statValue(page, 'Mean');
    assert.equal(await page.getByRole('button', { name: 'Dark mode' }).getAttribute('aria-pressed'), 'false', 'the choice outlasts a reload');
    assert.deepEqual(errors, []);
    await close(page);
  });

  for (const size of SIZES) {
    it(`is screenshotted at ${size.width} × ${size.height}, light and dark, with no NaN on the page`, async () => {
      for (const scheme of ['light', 'dark'] as const) {
        const { page } = await openAt(size, scheme);
        await drawnNetwork(page);
        await page.evaluate(() => scrollTo(0, 0));
        mkdirSync(shots, { recursive: true });
        await page.screenshot({ path: new URL(`first-screen-${size.width}-${scheme}.png`, shots).pathname });
        assert.doesNotMatch((await page.locator('main').textContent()) ?? '', /\bNaN\b/);
        await close(page);
      }
    });
  }
});

describe('accessibility (axe-core)', () => {
  it('finds no critical or serious violation on the loaded app, light or dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const { page } = await openAt(SIZES[0], scheme);
      await drawnNetwork(page);
      // Sections out of view skip rendering; scroll through so every one is laid out when checked.
      await page.evaluate(() => scrollTo(0, document.body.scrollHeight));
      await page.evaluate(() => scrollTo(0, 0));
      assert.deepEqual(await seriousViolations(page), [], `${scheme}`);
      await close(page);
    }
  });

  it('finds no critical or serious violation after a customer import', async () => {
    const { page } = await openAt(SIZES[0]);
    const rows = ['customer,order,date,amount'];
    for (let c = 0; c < 20; c++) for (let w = 0; w < 8; w++) rows.push(`C${c},O${c}-${w},2024-${String(1 + Math.floor(w / 2)).padStart(2, '0')}-${String(3 + (w % 2) * 12).padStart(2, '0')},${30 + ((c * 7 + w) % 11)}`);
    rows.push('C3,BIG,2024-03-10,4200');
    await page.getByLabel('Import CSV').setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
    const dialog = page.getByRole('dialog', { name: 'Import customer data' });
    await dialog.getByRole('table', { name: 'Preview' }).waitFor({ timeout: 20_000 });
    assert.deepEqual(await seriousViolations(page), [], 'the import dialog');
    await dialog.getByRole('button', { name: 'Import transactions' }).click();
    await page.getByRole('table', { name: 'Customers' }).waitFor({ timeout: 30_000 });
    await page.getByRole('table', { name: 'Attention' }).scrollIntoViewIfNeeded();
    await page.waitForTimeout(1_000);
    assert.deepEqual(await seriousViolations(page), [], 'the Customers section');
    await close(page);
  });
});
