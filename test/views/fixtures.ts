import type { PertAnalysis, SimulationResult } from '../../src/engine/journey/types.ts';

/**
 * A small simulation written by hand so every expected pixel can be worked out on paper:
 * 10 iterations in four bins of width 2 starting at 10 (counts 1, 3, 4, 2 → shares 0.1, 0.3,
 * 0.4, 0.2), and an S-curve through (10, 0), (12, 0.1), (14, 0.4), (16, 0.8), (18, 1).
 */
export function handSimulation(overrides: Partial<SimulationResult> = {}): SimulationResult {
  return {
    ids: ['A', 'B', 'C'],
    iterations: 10,
    requestedIterations: 10,
    complete: true,
    seed: 1,
    target: 15,
    mean: 14.6,
    sd: 1.9,
    min: 10.5,
    max: 17.9,
    percentiles: { p10: 11.5, p50: 14.5, p80: 16, p90: 16.8, p95: 17.5 },
    pTarget: 0.6,
    pTargetStandardError: Math.sqrt(0.6 * 0.4 / 10),
    histogram: { start: 10, binWidth: 2, counts: Uint32Array.from([1, 3, 4, 2]) },
    cumulative: { time: Float64Array.from([10, 12, 14, 16, 18]), probability: Float64Array.from([0, 0.1, 0.4, 0.8, 1]) },
    criticality: Float64Array.from([1, 0.7, 0.3]),
    sensitivity: Float64Array.from([0.8, 0.5, -0.3]),
    meanFinish: Float64Array.from([5, 10, 14.6]),
    ...overrides,
  };
}

/** Classic PERT figures for the same three touchpoints A → B, A → C. */
export function handPert(overrides: Partial<PertAnalysis> = {}): PertAnalysis {
  return {
    ids: ['A', 'B', 'C'],
    expected: Float64Array.from([5, 8, 4]),
    touchpointVariance: Float64Array.from([1, 1, 1]),
    earliestStart: Float64Array.from([0, 5, 5]),
    earliestFinish: Float64Array.from([5, 13, 9]),
    latestStart: Float64Array.from([0, 5, 9]),
    latestFinish: Float64Array.from([5, 13, 13]),
    slack: Float64Array.from([0, 0, 4]),
    critical: Uint8Array.from([1, 1, 0]),
    criticalPath: ['A', 'B'],
    mean: 13,
    variance: 2,
    pTarget: 0.9,
    ...overrides,
  };
}

/** Every number found anywhere inside `value` (objects, arrays, typed arrays). */
export function allNumbers(value: unknown, into: number[] = []): number[] {
  if (typeof value === 'number') into.push(value);
  else if (ArrayBuffer.isView(value)) into.push(...Array.from(value as unknown as ArrayLike<number>));
  else if (Array.isArray(value)) for (const item of value) allNumbers(item, into);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) allNumbers(item, into);
  return into;
}
