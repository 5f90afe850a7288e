/**
 * The Monte Carlo wing: the completion-time simulation of a journey — preparation, sampling,
 * the plain and branch passes, statistics of the finish (percentiles, histogram, criticality,
 * sensitivity); correlations as typed, the check that they can hold and Iman–Conover with its
 * linear algebra and ranking; where to improve, and the planned reach times a log is checked
 * against. simulateCompletion.ts describes the method and where each part lives.
 */
export { checkCorrelations } from './checkCorrelations.ts';
export { coerceCorrelations } from './coerceCorrelations.ts';
export { computeImprovement } from './improvement.ts';
export { minutesPerUnit, reachP95 } from './plannedReach.ts';
export { BLOCK_SIZE, prepareSimulation, simulationProblem } from './prepareSimulation.ts';
export type { SimulationChunk, SimulationOptions } from './prepareSimulation.ts';
export { addBatch, batchPlan, batchRange, combineBatches, emptyTotals, improvementSample, resultOfBatches, runProblem, simulateBatch } from './batches.ts';
export type { BatchPlan, BatchSummary, BatchTotals } from './batches.ts';
export { simulateCompletion } from './simulateCompletion.ts';
export { simulateIterations } from './simulateIterations.ts';
export { summarizeSimulation } from './summarizeSimulation.ts';
