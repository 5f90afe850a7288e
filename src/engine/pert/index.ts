/**
 * The PERT wing: the three-point distributions (beta-PERT, triangular, uniform, normal) with
 * their moments and quantiles, and classic PERT's analysis — expected times, variances, forward
 * and backward passes, slack, the critical path and the normal approximation of the finish.
 */
export { analyzePert } from './analyzePert.ts';
export { TAIL_CELLS, distributionQuantile, quantileTable } from './distributions.ts';
