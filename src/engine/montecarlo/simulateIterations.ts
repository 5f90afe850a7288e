/**
 * The simulation over a range of iterations: durations sampled a touchpoint at a time for a
 * span, then the forward and backward passes block by block (the method is described in
 * simulateCompletion.ts).
 */
import { BLOCK_SIZE, HAPPENS_ALWAYS } from './prepareSimulation.ts';
import type { PreparedSimulation, SimulationChunk, SimulationOptions } from './prepareSimulation.ts';
import { sampleDurations, sampleHappens } from './sampling.ts';
import { backwardPass, forwardPass, optionalBackwardPass } from './plainPasses.ts';
import { generalBackwardPass, generalForwardPass } from './branchPasses.ts';
import { doubles, scratch, scratchBytes, singles } from './scratchBuffers.ts';

/** Most durations held at once (4 bytes each): 16 million, 64 MB. */
const DURATION_BUDGET = 16_000_000;

/**
 * Simulates iterations [from, to) (from a multiple of BLOCK_SIZE). Stops early, on a block
 * boundary, when `shouldStop` says so; the chunk's `to` tells how far it got.
 * Cost: O((to − from) × (touchpoints + dependencies)).
 */
export function simulateIterations(
  prepared: PreparedSimulation, from: number, to: number,
  hooks: Pick<SimulationOptions, 'onProgress' | 'shouldStop'> = {},
): SimulationChunk {
  if (from % BLOCK_SIZE !== 0) throw new RangeError('A chunk must start on a multiple of BLOCK_SIZE.');
  const { count } = prepared;
  // Durations are sampled a touchpoint at a time for a whole span of iterations (its quantile
  // table stays in the L1 cache), then the passes walk the span block by block (each block's
  // earliest finishes and latest starts stay in L2).
  const span = Math.max(BLOCK_SIZE, Math.min(to - from, Math.floor(DURATION_BUDGET / count / BLOCK_SIZE) * BLOCK_SIZE));
  const durations = scratch('durations', count * span, singles);
  const earliestFinish = scratch('earliestFinish', count * BLOCK_SIZE, doubles);
  const latest = scratch('latest', count * BLOCK_SIZE, doubles);
  const general = prepared.general;
  const happens = general ? scratchBytes('happens', count * span) : undefined;
  const earliestStart = general && !prepared.optionalOnly ? scratch('earliestStart', count * BLOCK_SIZE, doubles) : undefined;
  const finish = new Float64Array(to - from);
  const criticalCounts = new Uint32Array(count);
  const blockCount = Math.ceil((to - from) / BLOCK_SIZE);
  const finishSums = new Float64Array(blockCount * count);
  const reach = prepared.reachPercentiles ? new Float32Array(count * (to - from)) : undefined;
  let done = from;
  let stopped = false;
  for (let spanStart = from; spanStart < to && !stopped; spanStart += span) {
    const spanLength = Math.min(span, to - spanStart);
    for (let j = 0; j < count; j++) sampleDurations(prepared, j, spanStart, spanLength, durations, j * span);
    if (happens) sampleHappens(prepared, spanStart, spanLength, durations, happens, span);
    for (let offset = 0; offset < spanLength; offset += BLOCK_SIZE) {
      const start = spanStart + offset;
      const length = Math.min(BLOCK_SIZE, spanLength - offset);
      const block = (start - from) / BLOCK_SIZE;
      if (happens && prepared.optionalOnly) {
        forwardPass(prepared, length, durations, span, offset, earliestFinish, finish, start - from, finishSums, block * count);
        optionalBackwardPass(prepared, length, durations, happens, span, offset, earliestFinish, latest, finish, start - from, criticalCounts);
      } else if (happens && earliestStart) {
        generalForwardPass(prepared, length, durations, happens, span, offset, earliestStart, earliestFinish, finish, start - from, finishSums, block * count);
        generalBackwardPass(prepared, length, durations, happens, span, offset, earliestFinish, latest, finish, start - from, criticalCounts);
      } else {
        forwardPass(prepared, length, durations, span, offset, earliestFinish, finish, start - from, finishSums, block * count);
        backwardPass(prepared, length, durations, span, offset, earliestFinish, latest, finish, start - from, criticalCounts);
      }
      if (reach) {
        const chunkLength = to - from;
        for (let j = 0; j < count; j++) {
          const row = j * BLOCK_SIZE;
          const into = j * chunkLength + (start - from);
          const mayMiss = happens !== undefined && prepared.happensMode[j] !== HAPPENS_ALWAYS;
          for (let k = 0; k < length; k++) {
            reach[into + k] = mayMiss && happens[j * span + offset + k] === 0 ? NaN : earliestFinish[row + k];
          }
        }
      }
      done = start + length;
      hooks.onProgress?.(done, prepared.iterations);
      if (done < to && hooks.shouldStop?.()) { stopped = true; break; }
    }
  }
  const completedBlocks = Math.ceil((done - from) / BLOCK_SIZE);
  return {
    from, to: done,
    finish: done === to ? finish : finish.slice(0, done - from),
    criticalCounts,
    finishSums: completedBlocks === blockCount ? finishSums : finishSums.slice(0, completedBlocks * count),
    ...(reach ? { reach: done === to ? reach : compactReach(reach, count, to - from, done - from) } : {}),
  };
}

/** The reach rows of a chunk stopped early, cut to the iterations completed. */
function compactReach(reach: Float32Array, count: number, stride: number, length: number): Float32Array {
  const out = new Float32Array(count * length);
  for (let j = 0; j < count; j++) out.set(reach.subarray(j * stride, j * stride + length), j * length);
  return out;
}
