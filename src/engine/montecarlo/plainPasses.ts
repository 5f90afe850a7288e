/**
 * The plain passes for one block of iterations, for journeys of finish-to-start links without
 * lags: the forward pass (earliest finishes in topological order, the finish, per-touchpoint sums)
 * and the backward pass (latest starts, criticality). A journey whose only feature is optional
 * touchpoints runs the same forward pass and a backward pass that adds the happens test. Each
 * touchpoint's row of BLOCK_SIZE iterations is contiguous, so the loops stream through memory.
 */
import { BLOCK_SIZE, FLOAT_TOLERANCE, HAPPENS_ALWAYS } from './prepareSimulation.ts';
import type { PreparedSimulation } from './prepareSimulation.ts';

/** Forward pass for one block: earliest finishes in topological order, the finish, and per-touchpoint sums. */
export function forwardPass(
  prepared: PreparedSimulation, length: number, durations: Float32Array, span: number, offset: number,
  earliestFinish: Float64Array, finish: Float64Array, finishOffset: number, finishSums: Float64Array, sumOffset: number,
): void {
  const { order, predecessorStart, predecessorList, successorStart, count } = prepared;
  finish.fill(0, finishOffset, finishOffset + length);
  for (let o = 0; o < count; o++) {
    const j = order[o];
    const base = j * BLOCK_SIZE;
    const at = j * span + offset;
    const first = predecessorStart[j];
    const last = predecessorStart[j + 1];
    let sum = 0;
    // One and two predecessors are by far the most common: fused loops for those, general below.
    if (first === last) {
      for (let k = 0; k < length; k++) {
        const value = durations[at + k];
        earliestFinish[base + k] = value;
        sum += value;
      }
    } else if (last - first === 1) {
      const pred = predecessorList[first] * BLOCK_SIZE;
      for (let k = 0; k < length; k++) {
        const value = earliestFinish[pred + k] + durations[at + k];
        earliestFinish[base + k] = value;
        sum += value;
      }
    } else if (last - first === 2) {
      const one = predecessorList[first] * BLOCK_SIZE;
      const two = predecessorList[first + 1] * BLOCK_SIZE;
      for (let k = 0; k < length; k++) {
        const x = earliestFinish[one + k];
        const y = earliestFinish[two + k];
        const value = (x > y ? x : y) + durations[at + k];
        earliestFinish[base + k] = value;
        sum += value;
      }
    } else {
      const pred = predecessorList[first] * BLOCK_SIZE;
      earliestFinish.copyWithin(base, pred, pred + length);
      for (let p = first + 1; p < last; p++) {
        const other = predecessorList[p] * BLOCK_SIZE;
        for (let k = 0; k < length; k++) {
          const value = earliestFinish[other + k];
          if (value > earliestFinish[base + k]) earliestFinish[base + k] = value;
        }
      }
      for (let k = 0; k < length; k++) {
        const value = earliestFinish[base + k] + durations[at + k];
        earliestFinish[base + k] = value;
        sum += value;
      }
    }
    finishSums[sumOffset + j] = sum;
    if (successorStart[j] === successorStart[j + 1]) {
      for (let k = 0; k < length; k++) {
        const value = earliestFinish[base + k];
        if (value > finish[finishOffset + k]) finish[finishOffset + k] = value;
      }
    }
  }
}

/**
 * The step both backward passes share: touchpoint j's latest finish is the least latest start of
 * its successors, or the finish when it has none. Returns where in `latest` that row starts: the
 * single successor's own row (read in place, nothing copied), or j's row (`base`), filled here.
 */
function successorMinimum(
  prepared: PreparedSimulation, j: number, base: number, length: number,
  latest: Float64Array, finish: Float64Array, finishOffset: number,
): number {
  const { successorStart, successorList } = prepared;
  const first = successorStart[j];
  const last = successorStart[j + 1];
  if (last - first === 1) return successorList[first] * BLOCK_SIZE;
  if (first === last) {
    latest.set(finish.subarray(finishOffset, finishOffset + length), base);
  } else {
    const succ = successorList[first] * BLOCK_SIZE;
    latest.copyWithin(base, succ, succ + length);
    for (let s = first + 1; s < last; s++) {
      const other = successorList[s] * BLOCK_SIZE;
      for (let k = 0; k < length; k++) {
        const value = latest[other + k];
        if (value < latest[base + k]) latest[base + k] = value;
      }
    }
  }
  return base;
}

/** Latest finish from successors' latest starts; counts total float ≤ 1e-9 × finish as critical. */
export function backwardPass(
  prepared: PreparedSimulation, length: number, durations: Float32Array, span: number, offset: number,
  earliestFinish: Float64Array, latest: Float64Array, finish: Float64Array, finishOffset: number, criticalCounts: Uint32Array,
): void {
  const { order, count } = prepared;
  const tolerance = FLOAT_TOLERANCE; // a local copy (see prepareSimulation.ts)
  for (let o = count - 1; o >= 0; o--) {
    const j = order[o];
    const base = j * BLOCK_SIZE;
    const at = j * span + offset;
    // `latest` ends up holding each touchpoint's latest start, which its predecessors read.
    const from = successorMinimum(prepared, j, base, length, latest, finish, finishOffset);
    let critical = 0;
    for (let k = 0; k < length; k++) {
      const latestFinish = latest[from + k];
      if (latestFinish - earliestFinish[base + k] <= tolerance * finish[finishOffset + k]) critical++;
      latest[base + k] = latestFinish - durations[at + k];
    }
    criticalCounts[j] += critical;
  }
}

/**
 * Backward pass for a journey whose only feature is optional touchpoints (`optionalOnly`). It
 * gives what the general backward pass gives there: with finish-to-start links and no lags,
 * LF_j = min(finish, LS_k) = min over successors of LS_k, since LS_k = LF_k − d_k ≤ LF_k ≤ finish
 * (durations are never negative, and subtracting one never rounds upwards). The criticality test
 * is the general one, |LF − EF| ≤ 1e-9 × finish and only where the touchpoint happened.
 */
export function optionalBackwardPass(
  prepared: PreparedSimulation, length: number, durations: Float32Array, happens: Uint8Array, span: number, offset: number,
  earliestFinish: Float64Array, latest: Float64Array, finish: Float64Array, finishOffset: number, criticalCounts: Uint32Array,
): void {
  const { order, count, happensMode } = prepared;
  const tolerance = FLOAT_TOLERANCE; // a local copy (see prepareSimulation.ts)
  for (let o = count - 1; o >= 0; o--) {
    const j = order[o];
    const base = j * BLOCK_SIZE;
    const at = j * span + offset;
    const always = happensMode[j] === HAPPENS_ALWAYS;
    const from = successorMinimum(prepared, j, base, length, latest, finish, finishOffset);
    let critical = 0;
    if (always) {
      for (let k = 0; k < length; k++) {
        const latestFinish = latest[from + k];
        if (Math.abs(latestFinish - earliestFinish[base + k]) <= tolerance * finish[finishOffset + k]) critical++;
        latest[base + k] = latestFinish - durations[at + k];
      }
    } else {
      for (let k = 0; k < length; k++) {
        const latestFinish = latest[from + k];
        if (happens[at + k] === 1 && Math.abs(latestFinish - earliestFinish[base + k]) <= tolerance * finish[finishOffset + k]) critical++;
        latest[base + k] = latestFinish - durations[at + k];
      }
    }
    criticalCounts[j] += critical;
  }
}
