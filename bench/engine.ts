/**
 * `npm run bench`: engine speed on seeded random layered journeys. Prints the median of 5 runs
 * of a full simulation (sampling, both passes and every statistic) per size, the
 * 1,000-touchpoint journey with branches and correlations against the plain one (goal: within
 * 1.5×), where-to-improve against the base run (bound: 10×), and the peak memory of the
 * 5,000-touchpoint run measured in a child process limited to a 512 MB heap.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { simulateCompletion } from '../src/engine/montecarlo/index.ts';
import { randomBranchedJourney, randomLayeredJourney } from './randomJourney.ts';
import type { SimulationOptions } from '../src/engine/montecarlo/index.ts';
import type { Touchpoint } from '../src/engine/journey/index.ts';

const ITERATIONS = 10_000;
/** Every cold run gets a seed never used before, so nothing drawn for it can be reused. */
let coldSeed = 1000;
const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Cold: a new seed every run, so every permutation is drawn afresh. Edit: the same seed with
 * one touchpoint's most likely time changed between runs — what live editing does.
 */
function timeRuns(
  count: number, mode: 'cold' | 'edit', journey: Touchpoint[] = randomLayeredJourney(count), extra: Partial<SimulationOptions> = {},
): number[] {
  const times: number[] = [];
  const warmUntil = performance.now() + 300; // let the JIT settle, as in a long-lived worker
  for (let run = 0; run < RUNS || performance.now() < warmUntil; run++) {
    const edited = journey.map((t, k) => (k === run % count ? { ...t, mostLikely: (t.optimistic + t.pessimistic) / 2 } : t));
    const seed = mode === 'cold' ? coldSeed++ : 1;
    const start = performance.now();
    simulateCompletion(mode === 'cold' ? journey : edited, { iterations: ITERATIONS, seed, target: 0, ...extra });
    times.push(performance.now() - start);
  }
  return times.slice(-RUNS);
}

if (process.argv[2] === '--memory-child') {
  const count = Number(process.argv[3]);
  const journey = randomLayeredJourney(count);
  let peak = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    peak = Math.max(peak, usage.heapUsed + usage.arrayBuffers);
  };
  const timer = setInterval(sample, 5);
  const start = performance.now();
  const result = simulateCompletion(journey, { iterations: ITERATIONS, seed: 1, target: 0, onProgress: sample });
  clearInterval(timer);
  sample();
  console.log(JSON.stringify({ ms: performance.now() - start, peakMB: peak / 2 ** 20, rssMB: process.memoryUsage().rss / 2 ** 20, mean: result.mean }));
} else {
  const goals: Record<number, number> = { 50: 10, 1000: 200 };
  console.log(`Engine benchmark: ${ITERATIONS.toLocaleString('en')} beta-PERT iterations, median of ${RUNS} runs, one thread`);
  console.log('touchpoints   cold median ms   edit median ms   edit min   edit max   samples/s (edit)   goal');
  for (const count of [50, 100, 1000, 5000]) {
    const cold = median(timeRuns(count, 'cold'));
    const edits = timeRuns(count, 'edit');
    const edit = median(edits);
    const rate = count * ITERATIONS / (edit / 1000);
    const goal = goals[count] ? `≤ ${goals[count]} ms: cold ${cold <= goals[count] ? 'met' : 'NOT met'}, edit ${edit <= goals[count] ? 'met' : 'NOT met'}` : '';
    console.log(`${String(count).padStart(11)} ${cold.toFixed(1).padStart(16)} ${edit.toFixed(1).padStart(16)} ${Math.min(...edits).toFixed(1).padStart(10)} ${Math.max(...edits).toFixed(1).padStart(10)} ${(rate / 1e6).toFixed(1).padStart(16)} M   ${goal}`);
  }
  // Branched against plain, and improvement against its base run: the two runs of each pair
  // alternate, so a slow spell on a shared machine hits both sides alike.
  const plainJourney = randomLayeredJourney(1000);
  const { touchpoints: branched, correlations } = randomBranchedJourney(1000);
  const ratio = (x: number, y: number) => `${(x / y).toFixed(2)}×`;
  const pairs = (one: () => number[], two: () => number[]) => {
    const first: number[] = [];
    const second: number[] = [];
    for (let round = 0; round < 3; round++) { first.push(...one()); second.push(...two()); }
    return [median(first), median(second)];
  };
  const [plainCold, branchedCold] = pairs(() => timeRuns(1000, 'cold', plainJourney), () => timeRuns(1000, 'cold', branched, { correlations }));
  const [plainEdit, branchedEdit] = pairs(() => timeRuns(1000, 'edit', plainJourney), () => timeRuns(1000, 'edit', branched, { correlations }));
  console.log(`1,000 touchpoints, 20% optional and ${correlations.length} correlation groups of ${correlations[0].ids.length}: `
    + `cold ${branchedCold.toFixed(1)} ms (${ratio(branchedCold, plainCold)} plain ${plainCold.toFixed(1)}), `
    + `edit ${branchedEdit.toFixed(1)} ms (${ratio(branchedEdit, plainEdit)} plain ${plainEdit.toFixed(1)}); goal ≤ 1.5×: `
    + `${branchedCold <= 1.5 * plainCold && branchedEdit <= 1.5 * plainEdit ? 'met' : 'NOT met'}`);
  // Where to improve, at a target near the median finish so the gains in P are not all zero.
  const median1000 = simulateCompletion(plainJourney, { iterations: ITERATIONS, seed: 1, target: 0 }).percentiles.p50;
  const [base, improved] = pairs(() => timeRuns(1000, 'edit', plainJourney, { target: median1000 }),
    () => timeRuns(1000, 'edit', plainJourney, { target: median1000, improvement: { factor: 0.9 } }));
  const candidates = simulateCompletion(plainJourney, { iterations: ITERATIONS, seed: 1, target: median1000, improvement: { factor: 0.9 } }).improvement!.length;
  console.log(`Where to improve on 1,000 touchpoints (${candidates} candidates): base run ${base.toFixed(1)} ms, with improvement `
    + `${improved.toFixed(1)} ms, the improvement alone ${ratio(improved - base, base)} the base run; bound ≤ 10×: ${improved - base <= 10 * base ? 'met' : 'NOT met'}`);
  const self = fileURLToPath(import.meta.url);
  const output = execFileSync(process.execPath, ['--max-old-space-size=512', '--import', 'tsx', self, '--memory-child', '5000'], { encoding: 'utf8' });
  const memory = JSON.parse(output.trim().split('\n').pop()!);
  console.log(`5,000 × ${ITERATIONS.toLocaleString('en')} in a 512 MB heap: completed in ${memory.ms.toFixed(0)} ms; peak heap + typed arrays ${memory.peakMB.toFixed(0)} MB, RSS ${memory.rssMB.toFixed(0)} MB`);
  await import('./customers.ts');
  await import('./views.ts');
}
