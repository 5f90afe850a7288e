/**
 * The math wing: special functions, hypergeometric series, descriptive and robust statistics,
 * seeded random sources and the optimiser the model fits use (BFGS projected onto a box of
 * bounds). No domain knowledge lives here.
 */
export { boundedBfgs } from './boundedQuasiNewton.ts';
export { withCentralDifferences } from './centralDifferences.ts';
export type { BoundedResult } from './boundedQuasiNewton.ts';
export { hypergeometric2F1, scaledKummer } from './hypergeometric.ts';
export { hessianFromGradient, inverseIfPositiveDefinite } from './observedInformation.ts';
export { hashString, mix32, randomPermutation, randomSfc32, uniform01 } from './random.ts';
export { median, robustZ, scaledMad } from './robust.ts';
export { digamma, erfc, inverseStandardNormalCdf, logBeta, logGamma, logRegularizedUpperGamma, regularizedIncompleteBeta, standardNormalCdf, standardNormalPdf } from './specialFunctions.ts';
export { averageRanks, cumulativeOfSorted, histogramOfSorted, quantileSorted } from './statistics.ts';
export type { CumulativeCurve, Histogram } from './statistics.ts';
