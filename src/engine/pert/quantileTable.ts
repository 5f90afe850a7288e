/**
 * The simulation's fast view of a duration distribution: a table of quantiles read by linear
 * interpolation, with power-law tails at both ends, built once per touchpoint (beta-PERT tables
 * blended from standard ones kept between runs). The exact distributions are in distributions.ts.
 */
import type { DistributionKind } from '../journey/index.ts';
import { logBeta } from '../math/index.ts';
import { betaPertShape, distributionQuantile } from './distributions.ts';

const GAUSS_NODES = [-Math.sqrt(3 / 5), 0, Math.sqrt(3 / 5)];
const GAUSS_WEIGHTS = [5 / 9, 8 / 9, 5 / 9];
const INTEGRATION_CELLS = 512;

/** ln t and ln(1 − t) at every Gauss–Legendre node of the integration grid: the same for every touchpoint. */
let gridLogs: { logT: Float64Array; logOneMinusT: Float64Array } | undefined;

function integrationGridLogs() {
  if (gridLogs) return gridLogs;
  const logT = new Float64Array(3 * INTEGRATION_CELLS);
  const logOneMinusT = new Float64Array(3 * INTEGRATION_CELLS);
  const width = 1 / INTEGRATION_CELLS;
  for (let c = 0; c < INTEGRATION_CELLS; c++) {
    for (let g = 0; g < 3; g++) {
      const t = (c + 0.5) * width + GAUSS_NODES[g] * width / 2;
      logT[3 * c + g] = Math.log(t);
      logOneMinusT[3 * c + g] = Math.log1p(-t);
    }
  }
  gridLogs = { logT, logOneMinusT };
  return gridLogs;
}

/**
 * A sampler's view of a distribution: `size + 1` quantiles Q(k / size), k = 0..size, read by
 * linear interpolation, plus power-law tails for the first and last TAIL_CELLS cells.
 *
 * Why tails: beta-PERT's CDF behaves like C·t^α at its lower end and like 1 − C·(1 − t)^β at its
 * upper end (triangular: exponent 2; uniform: 1), so its quantile has an infinite slope there
 * and straight-line interpolation in the end cells biases the mean. There the sampler uses
 * Q(u) = a + (Q(c/size) − a)·(u·size/c)^(1/α), c = TAIL_CELLS (and the mirror image), exact to
 * leading order.
 *
 * For beta-PERT the CDF is integrated once on a fixed grid of 512 cells (3-point Gauss–Legendre
 * per cell, the end cells by their leading power-law term) and inverted by a monotone walk,
 * because 1,000 exact inversions per touchpoint are too slow for live editing. Tests compare
 * the table with the exact quantiles and the sampled moments with the exact ones.
 * Cost: O(512 + size) with one `exp` per grid node. The normal (unbounded above) is not
 * tabulated: `lowerExponent` is NaN and the simulation samples it exactly.
 */
export interface QuantileTable {
  values: Float64Array;
  /** 1/α: exponent of the lower power-law tail. */
  lowerExponent: number;
  /** 1/β: exponent of the upper power-law tail. */
  upperExponent: number;
}

export function quantileTable(kind: DistributionKind, a: number, m: number, b: number, size = 1024): QuantileTable {
  const values = new Float64Array(size + 1);
  if (b === a) return { values: values.fill(a), lowerExponent: 1, upperExponent: 1 };
  switch (kind) {
    case 'uniform':
    case 'triangular':
    case 'normal': {
      for (let k = 0; k <= size; k++) values[k] = distributionQuantile(kind, a, m, b, k / size);
      if (kind === 'uniform') return { values, lowerExponent: 1, upperExponent: 1 };
      if (kind === 'normal') return { values, lowerExponent: NaN, upperExponent: NaN };
      return { values, lowerExponent: m > a ? 0.5 : 1, upperExponent: m < b ? 0.5 : 1 };
    }
    case 'beta-pert': {
      // With λ = 4, α + β = 6: standardised beta-PERT shapes form a one-parameter family in the
      // mode's position r = (m − a)/(b − a). Tables on a grid of r are built once and blended;
      // the blend adds under 1e-5 of the range to the table's own error (measured in the tests).
      const { alpha, beta } = betaPertShape(a, m, b);
      const position = (m - a) / (b - a) * MODE_GRID_STEPS;
      const low = Math.min(Math.floor(position), MODE_GRID_STEPS - 1);
      const share = position - low;
      const lower = standardBetaPertTable(low, size);
      const upper = standardBetaPertTable(low + 1, size);
      const range = b - a;
      for (let k = 0; k <= size; k++) values[k] = a + range * (lower[k] + share * (upper[k] - lower[k]));
      return { values, lowerExponent: 1 / alpha, upperExponent: 1 / beta };
    }
  }
}

const MODE_GRID_STEPS = 128;
const standardTables = new Map<number, Float64Array>();

/** Standard beta-PERT quantile table for mode position `step / MODE_GRID_STEPS`, memoised. */
function standardBetaPertTable(step: number, size: number): Float64Array {
  const key = step * 1_000_003 + size;
  let table = standardTables.get(key);
  if (!table) {
    const { alpha, beta } = betaPertShape(0, step / MODE_GRID_STEPS, 1);
    table = new Float64Array(size + 1);
    betaQuantileTable(alpha, beta, table);
    standardTables.set(key, table);
  }
  return table;
}

/** Fills `out` with standard Beta(α, β) quantiles at k / (out.length − 1). */
function betaQuantileTable(alpha: number, beta: number, out: Float64Array): void {
  const size = out.length - 1;
  const cells = INTEGRATION_CELLS;
  const { logT, logOneMinusT } = integrationGridLogs();
  const width = 1 / cells;
  const halfWidth = width / 2;
  const logNorm = logBeta(alpha, beta);
  const cumulative = new Float64Array(cells + 1);
  // End cells: ∫₀ʷ t^(α−1)(1 − t)^(β−1) dt ≈ w^α/α · (1 − (β − 1)·α·w/(α + 1)), and the mirror image.
  cumulative[1] = Math.exp(alpha * Math.log(width) - logNorm) / alpha * (1 - (beta - 1) * alpha * width / (alpha + 1));
  const lastCell = Math.exp(beta * Math.log(width) - logNorm) / beta * (1 - (alpha - 1) * beta * width / (beta + 1));
  const a1 = alpha - 1;
  const b1 = beta - 1;
  let total = cumulative[1];
  for (let c = 1; c < cells - 1; c++) {
    const j = 3 * c;
    const cellMass = halfWidth * (
      GAUSS_WEIGHTS[0] * Math.exp(a1 * logT[j] + b1 * logOneMinusT[j] - logNorm)
      + GAUSS_WEIGHTS[1] * Math.exp(a1 * logT[j + 1] + b1 * logOneMinusT[j + 1] - logNorm)
      + GAUSS_WEIGHTS[2] * Math.exp(a1 * logT[j + 2] + b1 * logOneMinusT[j + 2] - logNorm));
    total += cellMass;
    cumulative[c + 1] = total;
  }
  total += lastCell;
  // The sum is 1 to ~1e-7; dividing by it makes the table end exactly at 1.
  for (let c = 1; c < cells; c++) cumulative[c] /= total;
  cumulative[cells] = 1;
  out[0] = 0;
  let cell = 0;
  for (let k = 1; k < size; k++) {
    const p = k / size;
    while (cumulative[cell + 1] < p) cell++;
    if (cell === 0) {
      out[k] = width * Math.pow(p / cumulative[1], 1 / alpha);
    } else if (cell === cells - 1) {
      out[k] = 1 - width * Math.pow((1 - p) / (1 - cumulative[cells - 1]), 1 / beta);
    } else {
      const lowP = cumulative[cell];
      out[k] = (cell + (p - lowP) / (cumulative[cell + 1] - lowP)) * width;
    }
  }
  out[size] = 1;
}

/** Cells at each end of a quantile table read by the power-law tail rather than a straight line. */
export const TAIL_CELLS = 2;

/**
 * Reads a quantile table at u ∈ (0, 1): linear interpolation inside, power-law tails in the
 * first and last TAIL_CELLS cells (see `quantileTable`). The simulation inlines the same
 * arithmetic in its hot loop.
 */
export function tableQuantile(table: QuantileTable, u: number): number {
  const values = table.values;
  const size = values.length - 1;
  const position = u * size;
  const k = Math.floor(position);
  if (k < TAIL_CELLS) {
    return values[0] + (values[TAIL_CELLS] - values[0]) * Math.pow(position / TAIL_CELLS, table.lowerExponent);
  }
  if (k >= size - TAIL_CELLS) {
    return values[size] - (values[size] - values[size - TAIL_CELLS]) * Math.pow((size - position) / TAIL_CELLS, table.upperExponent);
  }
  return values[k] + (position - k) * (values[k + 1] - values[k]);
}
