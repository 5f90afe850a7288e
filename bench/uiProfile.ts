/**
 * `npx tsx bench/uiProfile.ts [edits]` (after a build): where the main thread's time goes while
 * editing a 1,000-touchpoint journey. Records a Chromium trace over the edits and prints, for
 * the tasks that used the most CPU time, their largest parts (scripts, style, layout, paint; with
 * JS=1 the functions by self time), then the totals over those tasks. CPU (thread) time, not wall
 * time, so runs on a loaded machine compare. Build with `npx vite build --minify false` for readable names.
 */
import type { CDPSession, Page } from 'playwright-core';
import { launchBrowser, serveDist } from '../test/e2e/harness.ts';
import { randomLayeredJourney } from './randomJourney.ts';
import { timedEdit } from './uiEdit.ts';

interface TraceEvent { id?: string; tdur?: number; name: string; cat: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { data?: Record<string, unknown>; name?: string } }

const edits = Number(process.argv[2] ?? 10);
const server = await serveDist();
const { browser, newContext } = await launchBrowser();
const context = await newContext();
try {
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByRole('img', { name: /^Completion time histogram/ }).waitFor();
  const journey = randomLayeredJourney(1000);
  const tsv = journey.map((t) => [t.id, t.name, '', t.optimistic.toFixed(2), t.mostLikely.toFixed(2), t.pessimistic.toFixed(2), 'beta-pert', t.dependsOn.join(' ')].join('\t')).join('\n');
  const grid = page.getByRole('grid', { name: 'Journey' });
  await grid.getByRole('row').nth(1).getByRole('gridcell').nth(0).click();
  await page.getByRole('button', { name: 'Delete row' }).click();
  await grid.getByRole('row').nth(1).getByRole('gridcell').nth(0).click();
  await page.evaluate(`(() => {
    const data = new DataTransfer();
    data.setData('text/plain', ${JSON.stringify(tsv)});
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  })()`);
  await page.waitForFunction(`document.querySelector('[role="grid"]').getAttribute('aria-rowcount') === '1001'`);
  await page.waitForTimeout(3000);
  if (process.env.CSS) await page.addStyleTag({ content: process.env.CSS });
  await page.evaluate(`window.tasks = []; new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.tasks.push(Math.round(entry.duration));
  }).observe({ type: 'longtask', buffered: false });`);

  const cdp: CDPSession = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (message) => { events.push(...(message.value as unknown as TraceEvent[])); });
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8.execute', 'blink.user_timing', ...(process.env.JS ? ['disabled-by-default-v8.cpu_profiler'] : [])] },
  });
  const times: number[] = [];
  for (let k = 0; k < edits; k++) times.push(await timedEdit(page, (k * 7) % 16, String(20 + k)));
  await page.waitForTimeout(600);
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.end');
  await done;
  console.log('edit→painted ms:', times.map((t) => t.toFixed(0)).join(' '));
  console.log('long tasks (observer):', (await page.evaluate('window.tasks')) as number[]);

  const threads = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, String(e.args?.name));
  const mainKey = [...threads].find(([, name]) => name === 'CrRendererMain')?.[0];
  const main = events.filter((e) => `${e.pid}:${e.tid}` === mainKey && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  // CPU profile samples for JS attribution.
  const nodes = new Map<number, { fn: string; url: string; line: number; parent?: number }>();
  const samples: { ts: number; node: number }[] = [];
  const profileId = events.find((x) => x.name === 'Profile' && `${x.pid}:${x.tid}` === mainKey)?.id;
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.id !== profileId) continue;
    const data = e.args?.data as { cpuProfile?: { nodes?: { id: number; parent?: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples?: number[] }; timeDeltas?: number[] } | undefined;
    for (const n of data?.cpuProfile?.nodes ?? []) nodes.set(n.id, { fn: n.callFrame.functionName || '(anon)', url: (n.callFrame.url ?? '').split('/').pop() ?? '', line: n.callFrame.lineNumber, parent: n.parent });
    let ts = samples.length ? samples[samples.length - 1].ts : Number((events.find((x) => x.name === 'Profile' && x.id === profileId)?.args?.data as { startTime?: number } | undefined)?.startTime ?? 0);
    (data?.cpuProfile?.samples ?? []).forEach((id, i) => { ts += data?.timeDeltas?.[i] ?? 0; samples.push({ ts, node: id }); });
  }
  const totals = new Map<string, number>();
  // The tasks that used the most CPU (thread time: what the page itself spent, whatever the machine's load).
  const tasks = main.filter((e) => e.name === 'RunTask');
  const cpu = tasks.map((e) => (e.tdur ?? 0) / 1000).sort((x, y) => y - x);
  const wall = tasks.map((e) => (e.dur ?? 0) / 1000).sort((x, y) => y - x);
  console.log(`tasks: ${tasks.length}; most CPU: ${cpu.slice(0, 8).map((x) => x.toFixed(1)).join(' ')} ms; longest wall: ${wall.slice(0, 8).map((x) => x.toFixed(0)).join(' ')} ms`);
  const long = [...tasks].sort((x, y) => (y.tdur ?? 0) - (x.tdur ?? 0)).slice(0, Number(process.env.TOP ?? 8));
  for (const task of long) {
    const end = task.ts + (task.dur ?? 0);
    const parts = new Map<string, number>();
    for (const e of main) {
      if (e.ts < task.ts || e.ts >= end || e === task) continue;
      if (process.env.ALL && (e.dur ?? 0) > 2000) parts.set(`*${e.name}`, (parts.get(`*${e.name}`) ?? 0) + (e.dur ?? 0) / 1000);
      if (['Layout', 'UpdateLayoutTree', 'Paint', 'PrePaint', 'Layerize', 'UpdateLayer', 'Commit', 'HitTest', 'IntersectionObserverController::computeIntersections', 'ParseHTML', 'MajorGC', 'MinorGC', 'V8.GC_SCAVENGER', 'BlinkGC.AtomicPhase'].includes(e.name)) {
        parts.set(e.name, (parts.get(e.name) ?? 0) + (e.tdur ?? e.dur ?? 0) / 1000);
        if (process.env.ARGS && (e.dur ?? 0) > 5000) console.log(e.name, JSON.stringify(e.args).slice(0, 300));
      }
      if (e.name === 'FunctionCall' || e.name === 'EventDispatch' || e.name === 'TimerFire' || e.name === 'FireAnimationFrame' || e.name === 'v8.callFunction') {
        const d = e.args?.data ?? {};
        const label = `${e.name}:${String(d.type ?? d.functionName ?? '')}`;
        if ((e.dur ?? 0) > 1000) parts.set(label, (parts.get(label) ?? 0) + (e.tdur ?? e.dur ?? 0) / 1000);
      }
    }
    // JS self time by function (samples inside the task).
    const selfTime = new Map<string, number>();
    const inTask = samples.filter((s) => s.ts >= task.ts && s.ts < end);
    for (let i = 0; i < inTask.length; i++) {
      const n = nodes.get(inTask[i].node);
      if (!n) continue;
      const dt = (i + 1 < inTask.length ? inTask[i + 1].ts : end) - inTask[i].ts;
      const key = `${n.fn} ${n.url}:${n.line}`;
      selfTime.set(key, (selfTime.get(key) ?? 0) + dt / 1000);
    }
    const top = [...parts].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ');
    const js = [...selfTime].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([k, v]) => `${k} ${v.toFixed(1)}`).join('\n      ');
    console.log(`\nTask ${((task.dur ?? 0) / 1000).toFixed(1)} ms (cpu ${((task.tdur ?? 0) / 1000).toFixed(1)}): ${top}\n   JS self: ${js}`);
    for (const [k, v] of parts) totals.set(k, (totals.get(k) ?? 0) + v);
  }
  console.log('\nTotals over those tasks:', [...totals].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', '));
} finally {
  await browser.close();
  await server.close();
}
