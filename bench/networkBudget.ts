/**
 * `npx tsx bench/networkBudget.ts`: where the full network layout's cost crosses about a second
 * on this machine, which sets FULL_LAYOUT_WORK (src/views/networkDrawing.ts). Lays out dense
 * seeded journeys of growing size in full, prints each one's layout work (touchpoints + dummy
 * points + links between adjacent layers, see layoutWork) against its time (median of 3, after a
 * warm-up), fits time ≈ cost × work over the larger ones, and says at what work the fit reaches
 * one second. Then times the simplified drawing of the 5,000-touchpoint journeys the UI bench
 * opens, which have to stay well under a second too. Run on a quiet machine: on a loaded one the
 * times (wall clock) grow with the load, which is printed.
 */
import { loadavg } from 'node:os';
import { coerceJourney } from '../src/engine/journey/index.ts';
import { FULL_LAYOUT_WORK, networkDrawing } from '../src/views/networkDrawing.ts';
import { layoutWork } from '../src/views/networkLayers.ts';
import { networkLayout } from '../src/views/networkLayout.ts';
import { denseJourneyRows, randomLayeredJourney } from './randomJourney.ts';
import type { Touchpoint } from '../src/engine/journey/index.ts';

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)];
}

function timed(run: () => unknown, runs = 3): number {
  run();
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return median(times);
}

const dense = (count: number, dependencies: number): Touchpoint[] => coerceJourney(denseJourneyRows(count, dependencies, { spread: 1.25 })).touchpoints;

console.log(`Network layout budget: load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
const cases: [string, Touchpoint[]][] = [
  ['layered 1,000', randomLayeredJourney(1000)], ['layered 2,000', randomLayeredJourney(2000)], ['layered 5,000', randomLayeredJourney(5000)],
  ['dense 500 × 10', dense(500, 10)], ['dense 1,000 × 10', dense(1000, 10)], ['dense 500 × 20', dense(500, 20)],
  ['dense 2,000 × 10', dense(2000, 10)], ['dense 1,000 × 20', dense(1000, 20)],
];
const points: [number, number][] = [];
for (const [name, touchpoints] of cases) {
  const { work } = layoutWork(touchpoints);
  const ms = timed(() => networkLayout(touchpoints));
  points.push([work, ms]);
  console.log(`  ${name.padEnd(18)} work ${work.toLocaleString('en').padStart(9)}  full layout ${ms.toFixed(0).padStart(5)} ms  (${((ms / work) * 1e6).toFixed(0)} ns per unit)`);
}
// Least squares through the origin over the cases of 50,000 units or more (the small ones carry fixed costs).
const large = points.filter(([work]) => work >= 50_000);
const cost = large.reduce((sum, [work, ms]) => sum + work * ms, 0) / large.reduce((sum, [work]) => sum + work * work, 0);
const second = 1000 / cost;
console.log(`  fit: ${(cost * 1e6).toFixed(0)} ns per unit of work, so a second of layout is ${Math.round(second).toLocaleString('en')} units;`
  + ` FULL_LAYOUT_WORK is ${FULL_LAYOUT_WORK.toLocaleString('en')} (${(FULL_LAYOUT_WORK * cost).toFixed(0)} ms by the fit)`);

for (const [count, dependencies] of [[5000, 20], [5000, 40]]) {
  const touchpoints = dense(count, dependencies);
  const { work } = layoutWork(touchpoints);
  const ms = timed(() => networkDrawing(touchpoints, { emphasis: touchpoints.slice(0, 200).map((t) => t.id) }), 1);
  console.log(`  simplified ${count.toLocaleString('en')} × ${dependencies}: work ${work.toLocaleString('en')} (a full layout would take about ${Math.round((work * cost) / 1000)} s), simplified drawing ${ms.toFixed(0)} ms`);
}
