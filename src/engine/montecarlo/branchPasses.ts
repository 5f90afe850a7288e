/**
 * The general passes for one block of iterations, run when a journey has lags, start-to-start
 * links, optional touchpoints or exclusive groups (the rules are in simulateCompletion.ts): the
 * forward pass through every link type, with the node step `generalForwardNode` that where to
 * improve reuses on its own rows, and the backward pass with criticality only where a touchpoint
 * happened. Common shapes (no links; one or two plain links in; one plain link out) run fused loops.
 */
import { BLOCK_SIZE, FLOAT_TOLERANCE, HAPPENS_ALWAYS, LINK_FS, LINK_SS } from './prepareSimulation.ts';
import type { PreparedSimulation } from './prepareSimulation.ts';
import { doubles, scratch, scratchBytes } from './scratchBuffers.ts';

/**
 * One touchpoint's step of the general forward pass for a block: its earliest starts (kept when a
 * start-to-start successor reads them) and finishes, its durations scaled by `scale` (1 except
 * for the candidate in where to improve); returns the sum of its earliest finishes. `row` is its row in
 * `earliestStart`/`earliestFinish` and `predRow[l]` the row link l's predecessor is read from
 * (the touchpoint and `linkPred` themselves for the base run).
 */
export function generalForwardNode(
  prepared: PreparedSimulation, j: number, row: number, predRow: ArrayLike<number>, length: number,
  durations: Float32Array, happens: Uint8Array, span: number, offset: number, scale: number,
  earliestStart: Float64Array, earliestFinish: Float64Array,
): number {
  const { linkStart, linkType, linkLag, linkMasked, linkPred, keepsStart, linkChoice, choiceNode } = prepared;
  const base = row * BLOCK_SIZE;
  const at = j * span + offset;
  const first = linkStart[j];
  const last = linkStart[j + 1];
  const keep = keepsStart[j] === 1;
  // Common cases fused into one loop, as in the plain pass: no links, or one or two links whose
  // bound cannot be negative (lag ≥ 0, not depending on what happens), so max(0, ·) is not needed.
  if (scale === 1 && choiceNode[j] === 0 && last - first <= 2 && (first === last || (linkMasked[first] === 0 && linkLag[first] >= 0))
    && (last - first < 2 || (linkMasked[first + 1] === 0 && linkLag[first + 1] >= 0))) {
    let sum = 0;
    if (first === last) {
      if (keep) earliestStart.fill(0, base, base + length);
      for (let k = 0; k < length; k++) {
        const value = durations[at + k];
        earliestFinish[base + k] = value;
        sum += value;
      }
    } else if (last - first === 1) {
      const source = linkType[first] === LINK_SS ? earliestStart : earliestFinish;
      const from = predRow[first] * BLOCK_SIZE;
      const lag = linkLag[first];
      if (keep) {
        for (let k = 0; k < length; k++) {
          const start = source[from + k] + lag;
          const value = start + durations[at + k];
          earliestStart[base + k] = start;
          earliestFinish[base + k] = value;
          sum += value;
        }
      } else {
        for (let k = 0; k < length; k++) {
          const value = source[from + k] + lag + durations[at + k];
          earliestFinish[base + k] = value;
          sum += value;
        }
      }
    } else {
      const one = linkType[first] === LINK_SS ? earliestStart : earliestFinish;
      const two = linkType[first + 1] === LINK_SS ? earliestStart : earliestFinish;
      const fromOne = predRow[first] * BLOCK_SIZE;
      const fromTwo = predRow[first + 1] * BLOCK_SIZE;
      const lagOne = linkLag[first];
      const lagTwo = linkLag[first + 1];
      for (let k = 0; k < length; k++) {
        const x = one[fromOne + k] + lagOne;
        const y = two[fromTwo + k] + lagTwo;
        const start = x > y ? x : y;
        const value = start + durations[at + k];
        if (keep) earliestStart[base + k] = start;
        earliestFinish[base + k] = value;
        sum += value;
      }
    }
    return sum;
  }
  // General case: the start is gathered in this touchpoint's row when its successors need it, else in a scratch row.
  const starts = keep ? earliestStart : scratch('startRow', BLOCK_SIZE, doubles);
  const startBase = keep ? base : 0;
  starts.fill(0, startBase, startBase + length);
  for (let l = first; l < last; l++) {
    const source = linkType[l] === LINK_SS ? earliestStart : earliestFinish;
    const from = predRow[l] * BLOCK_SIZE;
    const lag = linkLag[l];
    if (linkChoice[l] >= 0) {
      // A link to a member of an exclusive group: ignored in iterations where that member did not
      // happen and another linked member of its group did (the touchpoint waits for whichever happened).
      const hit = choiceHits(prepared, j, linkChoice[l], happens, span, offset, length);
      const self = linkPred[l] * span + offset;
      const masked = linkMasked[l] === 1;
      for (let k = 0; k < length; k++) {
        if (happens[self + k] === 0 && hit[k] === 1) continue;
        const value = source[from + k] + (masked && !(happens[at + k] & happens[self + k]) ? 0 : lag);
        if (value > starts[startBase + k]) starts[startBase + k] = value;
      }
    } else if (lag === 0) {
      for (let k = 0; k < length; k++) {
        const value = source[from + k];
        if (value > starts[startBase + k]) starts[startBase + k] = value;
      }
    } else if (linkMasked[l] === 0) {
      for (let k = 0; k < length; k++) {
        const value = source[from + k] + lag;
        if (value > starts[startBase + k]) starts[startBase + k] = value;
      }
    } else {
      const other = linkPred[l] * span + offset;
      for (let k = 0; k < length; k++) {
        const value = source[from + k] + (happens[at + k] & happens[other + k] ? lag : 0);
        if (value > starts[startBase + k]) starts[startBase + k] = value;
      }
    }
  }
  let sum = 0;
  if (scale === 1) {
    for (let k = 0; k < length; k++) {
      const value = starts[startBase + k] + durations[at + k];
      earliestFinish[base + k] = value;
      sum += value;
    }
  } else {
    for (let k = 0; k < length; k++) {
      const value = starts[startBase + k] + scale * durations[at + k];
      earliestFinish[base + k] = value;
      sum += value;
    }
  }
  return sum;
}

/**
 * For touchpoint j and exclusive group g: 1 in the iterations of the block in which one of the
 * members of g that j links to happened, else 0 (a scratch row, valid until the next call).
 */
function choiceHits(
  prepared: PreparedSimulation, j: number, g: number, happens: Uint8Array, span: number, offset: number, length: number,
): Uint8Array {
  const { linkStart, linkChoice, linkPred } = prepared;
  const hit = scratchBytes('choiceHit', BLOCK_SIZE);
  hit.fill(0, 0, length);
  for (let l = linkStart[j]; l < linkStart[j + 1]; l++) {
    if (linkChoice[l] !== g) continue;
    const member = linkPred[l] * span + offset;
    for (let k = 0; k < length; k++) hit[k] |= happens[member + k];
  }
  return hit;
}

/** General forward pass for one block: earliest starts and finishes in topological order, the finish over the touchpoints that can end the journey, and per-touchpoint sums. */
export function generalForwardPass(
  prepared: PreparedSimulation, length: number, durations: Float32Array, happens: Uint8Array, span: number, offset: number,
  earliestStart: Float64Array, earliestFinish: Float64Array, finish: Float64Array, finishOffset: number,
  finishSums: Float64Array, sumOffset: number,
): void {
  const { order, count, finisher, linkPred } = prepared;
  finish.fill(0, finishOffset, finishOffset + length);
  for (let o = 0; o < count; o++) {
    const j = order[o];
    finishSums[sumOffset + j] = generalForwardNode(
      prepared, j, j, linkPred, length, durations, happens, span, offset, 1, earliestStart, earliestFinish);
    if (finisher[j]) {
      const base = j * BLOCK_SIZE;
      for (let k = 0; k < length; k++) {
        const value = earliestFinish[base + k];
        if (value > finish[finishOffset + k]) finish[finishOffset + k] = value;
      }
    }
  }
}

/** General backward pass: latest finishes through every link type; a touchpoint that did not happen is not critical. */
export function generalBackwardPass(
  prepared: PreparedSimulation, length: number, durations: Float32Array, happens: Uint8Array, span: number, offset: number,
  earliestFinish: Float64Array, latest: Float64Array, finish: Float64Array, finishOffset: number, criticalCounts: Uint32Array,
): void {
  const { order, count, outStart, outSucc, outType, outLag, outMasked, outChoice, happensMode } = prepared;
  const latestFinish = scratch('latestFinish', BLOCK_SIZE, doubles);
  const tolerance = FLOAT_TOLERANCE; // a local copy (see prepareSimulation.ts)
  for (let o = count - 1; o >= 0; o--) {
    const j = order[o];
    const base = j * BLOCK_SIZE;
    const at = j * span + offset;
    const firstOut = outStart[j];
    const always = happensMode[j] === HAPPENS_ALWAYS;
    let critical = 0;
    if (outStart[j + 1] - firstOut === 1 && outType[firstOut] === LINK_FS && outMasked[firstOut] === 0 && outLag[firstOut] >= 0
      && outChoice[firstOut] < 0) {
      // One finish-to-start successor: fused, as in the plain pass (its bound never exceeds the finish).
      const from = outSucc[firstOut] * BLOCK_SIZE;
      const lag = outLag[firstOut];
      if (always) {
        for (let k = 0; k < length; k++) {
          const latestFinishK = latest[from + k] - lag;
          if (Math.abs(latestFinishK - earliestFinish[base + k]) <= tolerance * finish[finishOffset + k]) critical++;
          latest[base + k] = latestFinishK - durations[at + k];
        }
      } else {
        for (let k = 0; k < length; k++) {
          const latestFinishK = latest[from + k] - lag;
          if (happens[at + k] === 1 && Math.abs(latestFinishK - earliestFinish[base + k]) <= tolerance * finish[finishOffset + k]) critical++;
          latest[base + k] = latestFinishK - durations[at + k];
        }
      }
      criticalCounts[j] += critical;
      continue;
    }
    latestFinish.set(finish.subarray(finishOffset, finishOffset + length));
    for (let l = firstOut; l < outStart[j + 1]; l++) {
      const from = outSucc[l] * BLOCK_SIZE;
      const lag = outLag[l];
      const masked = outMasked[l] === 1;
      const other = outSucc[l] * span + offset;
      if (outChoice[l] >= 0) {
        // The forward pass ignored this link where j did not happen and a member of its group
        // that the successor links to did: it does not bound j's latest finish there either.
        const hit = choiceHits(prepared, outSucc[l], outChoice[l], happens, span, offset, length);
        const ss = outType[l] === LINK_SS;
        for (let k = 0; k < length; k++) {
          if (happens[at + k] === 0 && hit[k] === 1) continue;
          const value = latest[from + k] - (masked && !(happens[at + k] & happens[other + k]) ? 0 : lag) + (ss ? durations[at + k] : 0);
          if (value < latestFinish[k]) latestFinish[k] = value;
        }
      } else if (outType[l] === LINK_SS) {
        for (let k = 0; k < length; k++) {
          const value = latest[from + k] - (masked && !(happens[at + k] & happens[other + k]) ? 0 : lag) + durations[at + k];
          if (value < latestFinish[k]) latestFinish[k] = value;
        }
      } else if (lag === 0) {
        for (let k = 0; k < length; k++) {
          const value = latest[from + k];
          if (value < latestFinish[k]) latestFinish[k] = value;
        }
      } else {
        for (let k = 0; k < length; k++) {
          const value = latest[from + k] - (masked && !(happens[at + k] & happens[other + k]) ? 0 : lag);
          if (value < latestFinish[k]) latestFinish[k] = value;
        }
      }
    }
    if (always) {
      for (let k = 0; k < length; k++) {
        const latestFinishK = latestFinish[k];
        if (Math.abs(latestFinishK - earliestFinish[base + k]) <= tolerance * finish[finishOffset + k]) critical++;
        latest[base + k] = latestFinishK - durations[at + k];
      }
    } else {
      for (let k = 0; k < length; k++) {
        const latestFinishK = latestFinish[k];
        if (happens[at + k] === 1 && Math.abs(latestFinishK - earliestFinish[base + k]) <= tolerance * finish[finishOffset + k]) critical++;
        latest[base + k] = latestFinishK - durations[at + k];
      }
    }
    criticalCounts[j] += critical;
  }
}
