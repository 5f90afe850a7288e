/**
 * The Monte Carlo wing: the completion-time simulation of a journey — preparation, sampling,
 * the plain and branch passes, correlation by Iman–Conover with its linear algebra and ranking,
 * statistics of the finish (percentiles, histogram, criticality, sensitivity), where to improve,
 * and the planned reach times a log is checked against.
 */
export { checkCorrelations } from './checkCorrelations.ts';
export { coerceCorrelations } from './coerceCorrelations.ts';
export { computeImprovement } from './improvement.ts';
export { minutesPerUnit, reachP95 } from './plannedReach.ts';
export { BLOCK_SIZE, prepareSimulation, simulationProblem } from './prepareSimulation.ts';
export type { SimulationChunk, SimulationOptions } from './prepareSimulation.ts';
export { simulateCompletion, simulateIterations } from './simulateCompletion.ts';
export { summarizeSimulation } from './summarizeSimulation.ts';
