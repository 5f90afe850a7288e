import { simulateCompletion, prepareSimulation, simulateIterations, summarizeSimulation } from '../src/engine/simulateCompletion.ts';
import { randomLayeredJourney } from './randomJourney.ts';
const j = randomLayeredJourney(1000);
for (let r = 0; r < 6; r++) {
  const t0 = performance.now();
  const p = prepareSimulation(j, { iterations: 10000, seed: r + 1, target: 0 });
  const t1 = performance.now();
  const c = simulateIterations(p, 0, 10000);
  const t2 = performance.now();
  summarizeSimulation(p, [c]);
  const t3 = performance.now();
  console.log('prepare', (t1 - t0).toFixed(1), 'iterate', (t2 - t1).toFixed(1), 'summarize', (t3 - t2).toFixed(1));
}
