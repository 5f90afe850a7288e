/**
 * Sampling for a span of iterations: each touchpoint's durations from its stratum permutation
 * (Latin hypercube, read through its quantile table), and what happens in each iteration
 * (optional touchpoints and exclusive groups). The rules are in simulateCompletion.ts.
 */
import { HAPPENS_GROUP, HAPPENS_OPTIONAL, SAMPLE_EXACT, SAMPLE_FIXED, TABLE_SIZE } from './prepareSimulation.ts';
import type { PreparedSimulation } from './prepareSimulation.ts';
import { TAIL_CELLS, distributionQuantile } from '../pert/index.ts';

/** Writes touchpoint j's durations for iterations [start, start + length) into `duration` from `base` on. */
export function sampleDurations(
  prepared: PreparedSimulation, j: number, start: number, length: number, duration: Float32Array, base: number,
): void {
  const { iterations, sampleMode, tables, lowerExponent, upperExponent, permutations } = prepared;
  const permutation = permutations[j];
  const table = tables[j];
  const mode = sampleMode[j];
  if (mode === SAMPLE_FIXED) {
    duration.fill(prepared.touchpoints[j].optimistic, base, base + length);
  } else if (mode === SAMPLE_EXACT) {
    const t = prepared.touchpoints[j];
    const kind = prepared.kinds[j];
    for (let k = 0; k < length; k++) {
      const u = (permutation[start + k] + 0.5) / iterations;
      duration[base + k] = distributionQuantile(kind, t.optimistic, t.mostLikely, t.pessimistic, u);
    }
  } else {
    // Local copies of the two constants the loop reads (see prepareSimulation.ts).
    const tableSize = TABLE_SIZE;
    const tailCells = TAIL_CELLS;
    const scale = tableSize / iterations;
    const upperCell = tableSize - tailCells;
    const lowerValue = table[0];
    const lowerSpan = table[tailCells] - lowerValue;
    const upperValue = table[tableSize];
    const upperSpan = upperValue - table[upperCell];
    const lower = lowerExponent[j];
    const upper = upperExponent[j];
    for (let k = 0; k < length; k++) {
      const position = (permutation[start + k] + 0.5) * scale;
      const cell = position | 0;
      let value: number;
      if (cell >= tailCells && cell < upperCell) {
        const left = table[cell];
        value = left + (position - cell) * (table[cell + 1] - left);
      } else if (cell < tailCells) {
        value = lowerValue + lowerSpan * Math.pow(position / tailCells, lower);
      } else {
        value = upperValue - upperSpan * Math.pow((tableSize - position) / tailCells, upper);
      }
      duration[base + k] = value;
    }
  }
}

/**
 * Decides what happens in iterations [start, start + length): writes 1/0 into `happens` (laid
 * out like `durations`) and zeroes the durations of touchpoints that do not happen. For an
 * `optionalOnly` journey the rows of touchpoints that always happen are left as they were.
 */
export function sampleHappens(
  prepared: PreparedSimulation, start: number, length: number, durations: Float32Array, happens: Uint8Array, span: number,
): void {
  const { count, happensMode, happensPermutation, happensThreshold, groups } = prepared;
  for (let j = 0; j < count; j++) {
    const base = j * span;
    if (happensMode[j] === HAPPENS_OPTIONAL) {
      const permutation = happensPermutation[j]!;
      const threshold = happensThreshold[j];
      for (let k = 0; k < length; k++) {
        if (permutation[start + k] < threshold) happens[base + k] = 1;
        else { happens[base + k] = 0; durations[base + k] = 0; }
      }
    } else if (happensMode[j] === HAPPENS_GROUP || !prepared.optionalOnly) {
      // Journeys with only optional touchpoints never read the rows of those that always happen.
      happens.fill(happensMode[j] === HAPPENS_GROUP ? 0 : 1, base, base + length);
    }
  }
  for (const { permutation, members, bounds } of groups) {
    for (let k = 0; k < length; k++) {
      const stratum = permutation[start + k];
      let m = 0;
      while (stratum >= bounds[m]) m++;
      happens[members[m] * span + k] = 1;
    }
    for (let m = 0; m < members.length; m++) {
      const base = members[m] * span;
      for (let k = 0; k < length; k++) if (happens[base + k] === 0) durations[base + k] = 0;
    }
  }
}
