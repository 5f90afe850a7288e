/**
 * `npm run bench`: engine speed on seeded random layered journeys. Prints the median of 5 runs
 * of a full simulation (sampling, both passes and every statistic) per size, and the peak
 * memory of the 5,000-touchpoint run measured in a child process limited to a 512 MB heap.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { simulateCompletion } from '../src/engine/simulateCompletion.ts';
import { randomLayeredJourney } from './randomJourney.ts';

const ITERATIONS = 10_000;
const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)];
}

function timeRuns(count: number): number[] {
  const journey = randomLayeredJourney(count);
  const times: number[] = [];
  for (let run = 0; run < RUNS + 1; run++) {
    const start = performance.now();
    simulateCompletion(journey, { iterations: ITERATIONS, seed: run + 1, target: 0 });
    if (run > 0) times.push(performance.now() - start); // the first run warms the JIT
  }
  return times;
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
  console.log('touchpoints   median ms   min ms   max ms   samples/s     goal');
  for (const count of [50, 100, 1000, 5000]) {
    const times = timeRuns(count);
    const med = median(times);
    const rate = count * ITERATIONS / (med / 1000);
    const goal = goals[count] ? `≤ ${goals[count]} ms ${med <= goals[count] ? 'met' : 'NOT met'}` : '';
    console.log(`${String(count).padStart(11)} ${med.toFixed(1).padStart(11)} ${Math.min(...times).toFixed(1).padStart(8)} ${Math.max(...times).toFixed(1).padStart(8)} ${(rate / 1e6).toFixed(1).padStart(9)} M   ${goal}`);
  }
  const self = fileURLToPath(import.meta.url);
  const output = execFileSync(process.execPath, ['--max-old-space-size=512', '--import', 'tsx', self, '--memory-child', '5000'], { encoding: 'utf8' });
  const memory = JSON.parse(output.trim().split('\n').pop()!);
  console.log(`5,000 × ${ITERATIONS.toLocaleString('en')} in a 512 MB heap: completed in ${memory.ms.toFixed(0)} ms; peak heap + typed arrays ${memory.peakMB.toFixed(0)} MB, RSS ${memory.rssMB.toFixed(0)} MB`);
}
