/** The engine's public surface: pure TypeScript, importable from Node, the worker and tests. */
export * from './types.ts';
export {
  coerceJourney, formatLink, formatLinks, parseDependsOn, parseDistribution, parseLinks, parseProbability, parseTime,
} from './coerceJourney.ts';
export { checkCorrelations, coerceCorrelations, correlationMatrix, nearestCorrelation } from './correlation.ts';
export { computeImprovement, improvementCandidates } from './improvement.ts';
export { analyzePert } from './analyzePert.ts';
export {
  simulateCompletion, prepareSimulation, simulateIterations, summarizeSimulation, simulationProblem, BLOCK_SIZE, MAX_SAMPLES,
} from './simulateCompletion.ts';
export type { SimulationOptions, SimulationChunk, PreparedSimulation } from './simulateCompletion.ts';
export {
  betaPertShape, distributionCdf, distributionMean, distributionQuantile, distributionVariance,
  pertClassicVariance, pertExpectedTime,
} from './distributions.ts';
export { parseJourneyCsv, journeyToCsv } from './journeyCsv.ts';
export { exampleJourney, exampleSettings } from './exampleJourney.ts';
