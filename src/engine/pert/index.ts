/**
 * The PERT wing: the three-point distributions (beta-PERT, triangular, uniform, normal) with
 * their moments and quantiles, the quantile tables the simulation samples from, and classic
 * PERT's analysis — expected times, variances, forward and backward passes, slack, the critical
 * path and the normal approximation of the finish.
 */
export { analyzePert } from './analyzePert.ts';
export { distributionQuantile } from './distributions.ts';
export { TAIL_CELLS, quantileTable } from './quantileTable.ts';
