/**
 * `npx tsx bench/customersImportProfile.ts [runs]` (after a build): the longest main-thread
 * tasks while a 541,909-line UCI-shaped transactions file (about 45 MB) is imported and its
 * results drawn, each with its parts (scripts, style, layout, paint). Thread (CPU) time from a
 * Chromium trace, beside wall time, so runs on a loaded machine compare. The results are waited
 * for with querySelector, which forces no layout of its own.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, serveDist } from '../test/e2e/harness.ts';
import { uciFile } from './uciFile.ts';

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; args?: { name?: string } }

const runs = Number(process.argv[2] ?? 3);
const file = join(tmpdir(), 'waypoint-uci-541909.csv');
if (!existsSync(file)) writeFileSync(file, uciFile(541_909));
const tracePath = join(tmpdir(), 'waypoint-customers-trace.json');
const server = await serveDist();
const { browser, newContext } = await launchBrowser();
try {
  const longest: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByRole('img', { name: /^Completion time histogram/ }).waitFor();
    await page.getByLabel('Import CSV').setInputFiles(file);
    const confirm = page.getByRole('button', { name: 'Import transactions' });
    await confirm.waitFor();
    await browser.startTracing(page, { path: tracePath, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    await confirm.click();
    for (let waited = 0; !(await page.evaluate(`!!document.querySelector('table[aria-label="Regulars"]')`)); waited += 100) {
      if (waited > 180_000) throw new Error('The results did not appear within three minutes.');
      await page.waitForTimeout(100);
    }
    await page.waitForTimeout(1000);
    await browser.stopTracing();
    await context.close();
    const parsed = JSON.parse(readFileSync(tracePath, 'utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
    const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
    const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
    const onMain = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X');
    const tasks = onMain.filter((e) => e.name === 'RunTask').sort((x, y) => (y.tdur ?? 0) - (x.tdur ?? 0)).slice(0, 4);
    longest.push((tasks[0]?.tdur ?? 0) / 1000);
    console.log(`Run ${run}: longest main-thread tasks (CPU ms, wall ms in brackets):`);
    for (const task of tasks) {
      const parts = new Map<string, number>();
      for (const e of onMain) {
        if (e === task || e.ts < task.ts || e.ts + (e.dur ?? 0) > task.ts + (task.dur ?? 0)) continue;
        if (['FunctionCall', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'MajorGC', 'MinorGC', 'ParseHTML'].includes(e.name)) {
          parts.set(e.name, (parts.get(e.name) ?? 0) + (e.tdur ?? e.dur ?? 0) / 1000);
        }
      }
      const top = [...parts].sort((x, y) => y[1] - x[1]).slice(0, 5).map(([name, ms]) => `${name} ${ms.toFixed(0)}`).join(', ');
      console.log(`  ${((task.tdur ?? 0) / 1000).toFixed(0).padStart(4)} (${((task.dur ?? 0) / 1000).toFixed(0)}): ${top}`);
    }
  }
  const sorted = [...longest].sort((x, y) => x - y);
  console.log(`Longest main-thread task while the results are drawn: median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms CPU over ${runs} runs`);
} finally {
  await browser.close();
  await server.close();
}
