/**
 * View benchmarks (part of `npm run bench`): the network layout of a 1,000-touchpoint journey,
 * which runs on the page whenever the journey's structure changes. Median of several runs.
 */
import { networkLayout } from '../src/views/networkLayout.ts';
import { randomLayeredJourney } from './randomJourney.ts';

const RUNS = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const journey = randomLayeredJourney(1000);
networkLayout(journey); // warm-up: compile
const times: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const start = performance.now();
  networkLayout(journey);
  times.push(performance.now() - start);
}
const layout = median(times);
console.log(`\nNetwork layout, 1,000 touchpoints: median ${layout.toFixed(1)} ms over ${RUNS} runs`);
