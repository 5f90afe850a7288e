/**
 * The Pareto/NBD log-likelihood (Schmittlein, Morrison & Colombo 1987; in the form of Fader &
 * Hardie 2005, "A note on deriving the Pareto/NBD model and related expressions") with its
 * gradient by hand. Per customer, with λ ~ Gamma(r, α) and μ ~ Gamma(s, β) integrated out,
 * L = Γ(r+x)α^r β^s/Γ(r) · [(α+T)^−(r+x)(β+T)^−s + s·I],
 * I = ∫ from t_x to T of (α+τ)^−(r+x) (β+τ)^−(s+1) dτ
 * (alive at T, or gone at some τ between the last purchase and T; Fader & Hardie's s/(r+s+x)·A₀
 * is s·I). Everything is differentiated under the integral sign.
 *
 * Over a table of customers, F is needed at each distinct (x, time); for one x, F at the latest
 * time comes from its series, and each earlier one from the one after it by adding the integral
 * over the short step between them (end-corrected trapezoid rule), while steps are short.
 *
 * I is evaluated in one of two ways, both in log space:
 * - as F(t_x) − F(T), F(y) = ∫ from y to ∞, which in t = (κ+y)/(κ+τ), κ = max(α, β), is
 *   F(y) = (κ+y)^−m ∫₀¹ t^(m−1)(1−zt)^−b dt = (κ+y)^−m · ₂F₁(m, b; m+1; z)/m with m = r+s+x,
 *   z = |α−β|/(κ+y) and b = s+1 when α ≥ β, b = r+x when α < β (Fader & Hardie's two cases);
 *   the ₂F₁ after Euler's transformation as a power series (Abramowitz & Stegun 15.3.3, 15.1.1),
 *   with the series of its derivatives summed alongside — fast while z is well below 1;
 * - where that series would need hundreds of terms (z near 1: α and β far apart), by
 *   Gauss–Legendre quadrature of the integral itself, its gradient the same quadrature of the
 *   integrand's gradient.
 */
import { digamma, logGamma } from '../math/index.ts';
import type { HistoryTable } from './historyTable.ts';

export interface ParetoNbdParameters { r: number; alpha: number; s: number; beta: number }

/** Series longer than this (an estimate from z and b) go to quadrature instead: there it is the cheaper of the two. */
const SERIES_TERMS = 400;
/** Above this F(T)/F(t_x) the difference F(t_x) − F(T) would lose more than six digits; the interval is integrated instead. */
const CANCELLATION = 1 - 1e-6;

/**
 * The coefficients of the series K = ₂F₁(1, b′; c; z) = Σ e_n, e_n = (b′)_n/(c)_n · z^n, for one
 * b′ and c and any z, filled as far as a series needs them: coefficient[n] = (b′+n−1)/(c+n−1),
 * and the sums S_n = Σ_(k<n) 1/(b′+k) and C_n = Σ_(k<n) 1/(c+k), with which ∂e_n/∂b′ = e_n S_n
 * and ∂e_n/∂c = −e_n C_n. Customers with one x share them, so a series costs a few
 * multiplications a term.
 */
class TailSeries {
  shape = NaN;
  top = NaN;
  filled = 0;
  coefficient = new Float64Array(64);
  shapeSum = new Float64Array(64);
  topSum = new Float64Array(64);

  reset(shape: number, top: number): void {
    this.shape = shape; this.top = top; this.filled = 1;
    this.coefficient[0] = 1; this.shapeSum[0] = 0; this.topSum[0] = 0;
  }

  /** Makes terms 0..n available. */
  fill(n: number): void {
    if (n < this.filled) return;
    if (n >= this.coefficient.length) {
      const size = Math.max(2 * this.coefficient.length, n + 1);
      for (const key of ['coefficient', 'shapeSum', 'topSum'] as const) { const grown = new Float64Array(size); grown.set(this[key]); this[key] = grown; }
    }
    const { shape, top } = this;
    for (let k = this.filled; k <= n; k++) {
      this.coefficient[k] = (shape + k - 1) / (top + k - 1);
      this.shapeSum[k] = this.shapeSum[k - 1] + 1 / (shape + k - 1);
      this.topSum[k] = this.topSum[k - 1] + 1 / (top + k - 1);
    }
    this.filled = n + 1;
  }
}

/** A series estimated to need more terms than this goes to quadrature instead: its terms fall at least as fast as z^n. */
function seriesTooLong(z: number): boolean {
  return 37 / (1 - z) > SERIES_TERMS;
}

/**
 * ln F(y) and its gradient in (r, α, s, β) written into `out` at `at` (five numbers: the value,
 * then the four derivatives). With m = r+s+x and b as in the module comment, Euler's
 * transformation (Abramowitz & Stegun 15.3.3) gives
 * ₂F₁(m, b; m+1; z) = (1−z)^(1−b) · ₂F₁(1, b′; m+1; z), b′ = m+1−b (r+x when b = s+1, s+1 when
 * b = r+x), whose terms e_n = (b′)_n/(m+1)_n z^n fall from the first at a ratio below z, since
 * b′ < m+1: no hump of growing terms however large x is. Then
 * ln F = −m ln(κ+y) + (1−b) ln(1−z) − ln m + ln K, with 1−z = (min(α, β)+y)/(κ+y) exactly,
 * ∂ln K/∂b′ = Σ e_n S_n / K, ∂ln K/∂c = −Σ e_n C_n / K, ∂ln K/∂z = Σ n e_n / (zK), each series
 * summed until its rest, bounded by a geometric series of ratio z(n+1)/n, is below 1e-15 of it.
 */
function logTailSeries(p: ParetoNbdParameters, x: number, series: TailSeries, y: number, out: Float64Array, at: number): void {
  const { r, alpha, s, beta } = p;
  const alphaLarger = alpha >= beta;
  const kappa = alphaLarger ? alpha : beta;
  const logKappa = Math.log(kappa + y);
  const logRest = Math.log((alphaLarger ? beta : alpha) + y) - logKappa;
  const z = -Math.expm1(logRest);
  const m = r + s + x;
  let e = 1;
  let k = 1;
  let kShape = 0;
  let kTop = 0;
  let kz = 0;
  for (let n = 1; n <= 4 * SERIES_TERMS; n++) {
    if (n >= series.filled) series.fill(Math.min(4 * SERIES_TERMS, 2 * n + 16));
    e *= series.coefficient[n] * z;
    k += e;
    kShape += e * series.shapeSum[n];
    kTop -= e * series.topSum[n];
    kz += n * e;
    if ((n & 3) === 0) {
      const ratio = z * (n + 1) / n;
      if (ratio < 1) {
        const tail = ratio / (1 - ratio);
        if (n * e * tail <= 1e-15 * kz && e * (1 + series.shapeSum[n] + series.topSum[n]) * tail <= 1e-15 * Math.min(k, kShape || k, -kTop || k)) break;
      }
    }
  }
  // Σ n e_n is z ∂K/∂z; at z = 0, ∂K/∂z is the first term's b′/(m+1).
  const dz = (z > 0 ? kz / z : series.shape / series.top) / k;
  const dShape = kShape / k;
  const dTop = kTop / k;
  const b = m + 1 - series.shape;
  out[at] = -m * logKappa + (1 - b) * logRest - Math.log(m) + Math.log(k);
  // ∂ln J/∂z = (b−1)/(1−z) + ∂ln K/∂z; m (and so c = m+1) moves with r and s, b′ with one of them, 1−b with the other.
  const slopeZ = (b - 1) / Math.exp(logRest) + dz;
  const common = -logKappa - 1 / m + dTop;
  if (alphaLarger) {
    // b = s+1, b′ = r+x; z = (α−β)/(α+y): ∂z/∂α = (β+y)/(α+y)², ∂z/∂β = −1/(α+y).
    out[at + 1] = common + dShape;
    out[at + 2] = -m / (alpha + y) + slopeZ * (beta + y) / ((alpha + y) * (alpha + y));
    out[at + 3] = common - logRest;
    out[at + 4] = -slopeZ / (alpha + y);
  } else {
    // b = r+x, b′ = s+1; z = (β−α)/(β+y): ∂z/∂β = (α+y)/(β+y)², ∂z/∂α = −1/(β+y).
    out[at + 1] = common - logRest;
    out[at + 2] = -slopeZ / (beta + y);
    out[at + 3] = common + dShape;
    out[at + 4] = -m / (beta + y) + slopeZ * (alpha + y) / ((beta + y) * (beta + y));
  }
}

/** The transformed series' b′ and c = m+1 for a customer with x repeat purchases (Fader & Hardie's two cases). */
function seriesShape(p: ParetoNbdParameters, x: number): [number, number] {
  return [p.alpha >= p.beta ? p.r + x : p.s + 1, p.r + p.s + x + 1];
}

/** The series' argument at time y: |α − β| / (max(α, β) + y). */
function seriesArgument(p: ParetoNbdParameters, y: number): number {
  return Math.abs(p.alpha - p.beta) / (Math.max(p.alpha, p.beta) + y);
}

/** Gauss–Legendre nodes and weights on [−1, 1] (Golub & Welsch 1969), computed once. */
const LEGENDRE = legendre(16);

function legendre(n: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // Newton's method on P_n from the Chebyshev-like first guess (Abramowitz & Stegun 25.4.29).
    let z = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
    let derivative = 1;
    for (let step = 0; step < 100; step++) {
      let p0 = 1;
      let p1 = z;
      for (let k = 2; k <= n; k++) { const p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k; p0 = p1; p1 = p2; }
      derivative = n * (z * p1 - p0) / (z * z - 1);
      const next = z - p1 / derivative;
      if (Math.abs(next - z) < 1e-15) { z = next; break; }
      z = next;
    }
    nodes[i] = z;
    weights[i] = 2 / ((1 - z * z) * derivative * derivative);
  }
  return { nodes, weights };
}

const PANELS = 6;
const NODES = PANELS * LEGENDRE.nodes.length;
const nodeLogs = new Float64Array(NODES);
const nodeTimes = new Float64Array(NODES);

/**
 * ln I by quadrature, and its gradient in (r, α, s, β) into `out` at `at` (as logTailSeries).
 * In v = ln(κ+τ), κ = min(α, β), the integrand f(τ)(κ+τ) falls at the rate
 * c(τ) = (r+x)(κ+τ)/(α+τ) + (s+1)(κ+τ)/(β+τ) − 1, which only grows with τ; so beyond 60/c(t_x)
 * from the start what is left is below e^−60 of the whole and is left out. The rest is summed
 * by 16-point Gauss–Legendre on six panels that narrow towards t_x, where the integrand is
 * largest. ∇ln I = ∫ f ∇ln f / ∫ f: the nodes' weighted mean of ∇ln f.
 */
function logIntervalQuadrature(p: ParetoNbdParameters, x: number, recency: number, age: number, out: Float64Array, at: number): void {
  const { r, alpha, s, beta } = p;
  const power = r + x;
  const kappa = Math.min(alpha, beta);
  const from = Math.log(kappa + recency);
  const startRate = power * (kappa + recency) / (alpha + recency) + (s + 1) * (kappa + recency) / (beta + recency) - 1;
  const to = Math.min(Math.log(kappa + age), startRate > 0.01 ? from + 60 / startRate : Infinity);
  if (!(to > from)) { out.fill(0, at, at + 5); out[at] = -Infinity; return; }
  let top = -Infinity;
  let node = 0;
  for (let panel = 0; panel < PANELS; panel++) {
    const a = from + (to - from) * (panel / PANELS) ** 2;
    const b = from + (to - from) * ((panel + 1) / PANELS) ** 2;
    const half = (b - a) / 2;
    for (let k = 0; k < LEGENDRE.nodes.length; k++, node++) {
      const v = a + half * (LEGENDRE.nodes[k] + 1);
      const tau = Math.exp(v) - kappa;
      // f(τ) dτ = f(τ)(κ+τ) dv.
      const value = Math.log(half * LEGENDRE.weights[k]) - power * Math.log(alpha + tau) - (s + 1) * Math.log(beta + tau) + v;
      nodeLogs[node] = value;
      nodeTimes[node] = tau;
      if (value > top) top = value;
    }
  }
  let sum = 0;
  let gr = 0; let galpha = 0; let gs = 0; let gbeta = 0;
  for (let k = 0; k < NODES; k++) {
    const weight = Math.exp(nodeLogs[k] - top);
    if (weight === 0) continue;
    const tau = nodeTimes[k];
    sum += weight;
    gr -= weight * Math.log(alpha + tau);
    galpha -= weight * power / (alpha + tau);
    gs -= weight * Math.log(beta + tau);
    gbeta -= weight * (s + 1) / (beta + tau);
  }
  out[at] = top + Math.log(sum);
  out[at + 1] = gr / sum; out[at + 2] = galpha / sum; out[at + 3] = gs / sum; out[at + 4] = gbeta / sum;
}

const scratch = new Float64Array(10);
const oneSeries = new TailSeries();

/**
 * ln I for one customer (−Infinity when t_x = T), with its gradient in (r, α, s, β) into
 * `out` at `at`: from the series of F where it is short, else by quadrature.
 */
export function paretoNbdLogInterval(p: ParetoNbdParameters, x: number, recency: number, age: number, out: Float64Array, at: number): void {
  if (!(age > recency)) { out.fill(0, at, at + 5); out[at] = -Infinity; return; }
  if (seriesTooLong(seriesArgument(p, recency))) { logIntervalQuadrature(p, x, recency, age, out, at); return; }
  oneSeries.reset(...seriesShape(p, x));
  logTailSeries(p, x, oneSeries, recency, scratch, 0);
  logTailSeries(p, x, oneSeries, age, scratch, 5);
  intervalFromTails(p, x, recency, age, scratch, 0, 5, out, at);
}

/**
 * ln(F(t_x) − F(T)) and its gradient (∇ln F(t_x) − ρ∇ln F(T))/(1 − ρ), ρ = F(T)/F(t_x), from the
 * two tails at `recentAt` and `oldAt` of `tails`; by quadrature where ρ is so near 1 that the
 * difference would lose digits.
 */
function intervalFromTails(
  p: ParetoNbdParameters, x: number, recency: number, age: number, tails: Float64Array, recentAt: number, oldAt: number, out: Float64Array, at: number,
): void {
  const ratio = Math.exp(tails[oldAt] - tails[recentAt]);
  if (!(ratio < CANCELLATION)) { logIntervalQuadrature(p, x, recency, age, out, at); return; }
  out[at] = tails[recentAt] + Math.log1p(-ratio);
  const spread = 1 / (1 - ratio);
  for (let d = 1; d <= 4; d++) out[at + d] = (tails[recentAt + d] - ratio * tails[oldAt + d]) * spread;
}

/**
 * Steps h with h·(D + 3/(min(α, β)+y)) below this, D = (r+x)/(α+y) + (s+1)/(β+y) the rate at
 * which ln f falls at the step's lower end, are added by the end-corrected trapezoid rule. Its
 * error is h⁵/720 · f⁗ (the Euler–Maclaurin formula, Abramowitz & Stegun 25.4.7, at two points);
 * f⁗/f is a sum of products of (p)₄/(c+τ)⁴-like factors, each below ((p+3)/(c+τ))⁴, so the
 * error is below 0.005⁴/720 ≈ 1e−12 of the step's integral, and the steps' errors add up to no
 * more than that share of F.
 */
const STEP_LIMIT = 0.005;

/*
 * stepDown: ln F(y) and its gradient from ln F(y + h) and its gradient:
 * F(y) = F(y + h) + ∫ from y to y + h of f, f(τ) = (α+τ)^−(r+x)(β+τ)^−(s+1), the step's integral
 * by the end-corrected trapezoid rule (A&S 25.4.7):
 * ∫ ≈ h/2·(f(y) + f(y+h)) + h²/12·(f′(y) − f′(y+h)), f′ = −D f, so
 * ∫ ≈ f(y)·(h/2 − h²D(y)/12) + f(y+h)·(h/2 + h²D(y+h)/12), both weights positive for short steps.
 * Each term is kept relative to F(y+h), so nothing underflows: ln F(y) = ln F(y+h) + ln(1 + σ),
 * σ = ∫/F(y+h), and ∇ln F(y) = (∇ln F(y+h) + ∇∫/F(y+h)) / (1 + σ), the rule's gradient taken
 * exactly (∂f = f ∂ln f, ∂D/∂r = 1/(α+τ), ∂D/∂α = −(r+x)/(α+τ)², likewise for s, β). The ends'
 * logs and reciprocals are the times' own, worked out once per evaluation; f(y+h) relative to
 * F(y+h) is carried from the step above, so a step costs one exp and one log1p.
 */

/** ln(α+t), ln(β+t), 1/(α+t) and 1/(β+t) at each of a table's times. */
interface TimeTerms { logAlpha: Float64Array; logBeta: Float64Array; inverseAlpha: Float64Array; inverseBeta: Float64Array }

/**
 * Per table, built once: the distinct (x, time) pairs at which ln F is needed, each history's
 * pairs, and a series per distinct x.
 */
interface TailIndex {
  frequencyOfPair: Int32Array; timeOfPair: Float64Array; recentPair: Int32Array; oldPair: Int32Array; series: TailSeries[];
  /** The pairs by x and, within one x, from the latest time to the earliest; `groupStart[k]` is where x number k begins. */
  order: Int32Array; groupStart: Int32Array;
  /** Each pair's index among the table's times. */
  timeIndexOfPair: Int32Array;
  /** Working space reused by every evaluation: ln F and its gradient per pair, whether each is worked out, the terms of each time. */
  tails: Float64Array; state: Uint8Array; times: TimeTerms;
}
const tailIndices = new WeakMap<HistoryTable, TailIndex>();

function tailIndex(table: HistoryTable): TailIndex {
  let index = tailIndices.get(table);
  if (index) return index;
  const pairs = new Map<number, number>();
  const frequencyOfPair: number[] = [];
  const timeOfPair: number[] = [];
  const timeIndexOfPair: number[] = [];
  const pairOf = (k: number, j: number) => {
    const key = k * table.times.length + j;
    let at = pairs.get(key);
    if (at === undefined) { at = pairs.size; pairs.set(key, at); frequencyOfPair.push(k); timeOfPair.push(table.times[j]); timeIndexOfPair.push(j); }
    return at;
  };
  const recentPair = Int32Array.from(table.recencyIndex, (j, i) => pairOf(table.frequencyIndex[i], j));
  const oldPair = Int32Array.from(table.ageIndex, (j, i) => pairOf(table.frequencyIndex[i], j));
  const order = Int32Array.from({ length: pairs.size }, (_, pair) => pair)
    .sort((u, v) => frequencyOfPair[u] - frequencyOfPair[v] || timeOfPair[v] - timeOfPair[u]);
  const groupStart = new Int32Array(table.frequencies.length + 1);
  for (const pair of frequencyOfPair) groupStart[pair + 1]++;
  for (let k = 0; k < table.frequencies.length; k++) groupStart[k + 1] += groupStart[k];
  index = {
    frequencyOfPair: Int32Array.from(frequencyOfPair), timeOfPair: Float64Array.from(timeOfPair), recentPair, oldPair, order, groupStart,
    series: Array.from(table.frequencies, () => new TailSeries()),
    timeIndexOfPair: Int32Array.from(timeIndexOfPair),
    tails: new Float64Array(5 * pairs.size), state: new Uint8Array(pairs.size),
    times: {
      logAlpha: new Float64Array(table.times.length), logBeta: new Float64Array(table.times.length),
      inverseAlpha: new Float64Array(table.times.length), inverseBeta: new Float64Array(table.times.length),
    },
  };
  tailIndices.set(table, index);
  return index;
}

/**
 * Σ ln L over the customers of `table` and, when `gradient` is given, its gradient with respect
 * to (ln r, ln α, ln s, ln β) written into it. Per customer, with w the share of the bracket's
 * second term s·I, ln L = ln Γ(r+x) − ln Γ(r) + r ln α + s ln β + ln[e^ℓ₁ + e^ℓ₂],
 * ℓ₁ = −(r+x)ln(α+T) − s ln(β+T), ℓ₂ = ln s + ln I, and ∇ln L is the constant part's gradient
 * plus (1−w)∇ℓ₁ + w∇ℓ₂. ln F is worked out once per distinct (x, time), on series shared by the
 * customers with one x. NaN outside the parameter space.
 */
export function paretoNbdTableLogLikelihood(p: ParetoNbdParameters, table: HistoryTable, gradient?: number[]): number {
  const { r, alpha, s, beta } = p;
  if (!(r > 0 && alpha > 0 && s > 0 && beta > 0) || ![r, alpha, s, beta].every(Number.isFinite)) return NaN;
  const { frequencies, frequencyWeight, times } = table;
  const index = tailIndex(table);
  let value = 0;
  let gr = 0; let galpha = 0; let gs = 0; let gbeta = 0;
  for (let k = 0; k < frequencies.length; k++) {
    value += frequencyWeight[k] * logGamma(r + frequencies[k]);
    if (gradient) gr += frequencyWeight[k] * digamma(r + frequencies[k]);
    index.series[k].reset(...seriesShape(p, frequencies[k]));
  }
  const { tails, state } = index;
  const { logAlpha: logAlphaTime, logBeta: logBetaTime, inverseAlpha, inverseBeta } = index.times;
  for (let j = 0; j < times.length; j++) {
    logAlphaTime[j] = Math.log(alpha + times[j]); logBetaTime[j] = Math.log(beta + times[j]);
    inverseAlpha[j] = 1 / (alpha + times[j]); inverseBeta[j] = 1 / (beta + times[j]);
  }
  // 0: not worked out yet; 1: worked out; 2: the series is too long there.
  state.fill(0);
  // ln F at every pair, x by x from the latest time down: by the series at the first, then from
  // the one above by adding the integral over the short step between them, while steps are short.
  for (let k = 0; k < frequencies.length; k++) {
    const x = frequencies[k];
    const series = index.series[k];
    const power = r + x;
    const dropPower = s + 1;
    let previous = -1;
    // f at the last pair relative to its F, carried into the next step down.
    let share = 0;
    let carried = false;
    for (let at = index.groupStart[k]; at < index.groupStart[k + 1]; at++) {
      const pair = index.order[at];
      const y = index.timeOfPair[pair];
      const lower = index.timeIndexOfPair[pair];
      if (previous >= 0 && state[previous] === 1) {
        const step = index.timeOfPair[previous] - y;
        const lowerSlope = power * inverseAlpha[lower] + dropPower * inverseBeta[lower];
        if (step * (lowerSlope + 3 * Math.max(inverseAlpha[lower], inverseBeta[lower])) <= STEP_LIMIT) {
          // stepDown, written out here: a call per pair costs more than the step.
          const upper = index.timeIndexOfPair[previous];
          const from = 5 * previous;
          const to = 5 * pair;
          const above = tails[from];
          const upperShare = carried ? share : Math.exp(-power * logAlphaTime[upper] - dropPower * logBetaTime[upper] - above);
          const lowerShare = Math.exp(-power * logAlphaTime[lower] - dropPower * logBetaTime[lower] - above);
          const corner = step * step / 12;
          const upperSlope = power * inverseAlpha[upper] + dropPower * inverseBeta[upper];
          const lowerPart = lowerShare * (step / 2 - corner * lowerSlope);
          const upperPart = upperShare * (step / 2 + corner * upperSlope);
          const sum = lowerPart + upperPart;
          const lowerCorner = lowerShare * corner;
          const upperCorner = upperShare * corner;
          const ia = inverseAlpha[lower]; const ib = inverseBeta[lower]; const ua = inverseAlpha[upper]; const ub = inverseBeta[upper];
          const scale = 1 / (1 + sum);
          tails[to] = above + Math.log1p(sum);
          tails[to + 1] = (tails[from + 1] - lowerPart * logAlphaTime[lower] - upperPart * logAlphaTime[upper] - lowerCorner * ia + upperCorner * ua) * scale;
          tails[to + 2] = (tails[from + 2] - power * (lowerPart * ia + upperPart * ua) + power * (lowerCorner * ia * ia - upperCorner * ua * ua)) * scale;
          tails[to + 3] = (tails[from + 3] - lowerPart * logBetaTime[lower] - upperPart * logBetaTime[upper] - lowerCorner * ib + upperCorner * ub) * scale;
          tails[to + 4] = (tails[from + 4] - dropPower * (lowerPart * ib + upperPart * ub) + dropPower * (lowerCorner * ib * ib - upperCorner * ub * ub)) * scale;
          share = lowerShare * scale;
          carried = true;
          state[pair] = 1;
          previous = pair;
          continue;
        }
      }
      carried = false;
      if (seriesTooLong(seriesArgument(p, y))) state[pair] = 2;
      else { logTailSeries(p, x, series, y, tails, 5 * pair); state[pair] = 1; }
      previous = pair;
    }
  }
  const tailReady = (pair: number) => state[pair] === 1;
  const logS = Math.log(s);
  const interval = new Float64Array(5);
  const { frequency, recency, age, weight, ageIndex } = table;
  for (let i = 0; i < frequency.length; i++) {
    const w = weight[i];
    const x = frequency[i];
    const old = ageIndex[i];
    const power = r + x;
    const stillAlive = -power * logAlphaTime[old] - s * logBetaTime[old];
    let goneSince = -Infinity;
    if (age[i] > recency[i]) {
      const recent = index.recentPair[i];
      const later = index.oldPair[i];
      if (tailReady(recent) && tailReady(later)) intervalFromTails(p, x, recency[i], age[i], tails, 5 * recent, 5 * later, interval, 0);
      else logIntervalQuadrature(p, x, recency[i], age[i], interval, 0);
      goneSince = logS + interval[0];
    } else interval.fill(0);
    let w2 = 0;
    if (goneSince === -Infinity) value += w * stillAlive;
    else if (goneSince <= stillAlive) { const e = Math.exp(goneSince - stillAlive); value += w * (stillAlive + Math.log1p(e)); w2 = e / (1 + e); }
    else { const e = Math.exp(stillAlive - goneSince); value += w * (goneSince + Math.log1p(e)); w2 = 1 / (1 + e); }
    if (gradient) {
      const w1 = 1 - w2;
      gr += w * (-w1 * logAlphaTime[old] + w2 * interval[1]);
      galpha += w * (-w1 * power / (alpha + age[i]) + w2 * interval[2]);
      gs += w * (-w1 * logBetaTime[old] + w2 * (1 / s + interval[3]));
      gbeta += w * (-w1 * s / (beta + age[i]) + w2 * interval[4]);
    }
  }
  const customers = table.customers;
  value += customers * (r * Math.log(alpha) + s * Math.log(beta) - logGamma(r));
  if (gradient) {
    gr += customers * (Math.log(alpha) - digamma(r));
    galpha += customers * r / alpha;
    gs += customers * Math.log(beta);
    gbeta += customers * s / beta;
    gradient[0] = gr * r; gradient[1] = galpha * alpha; gradient[2] = gs * s; gradient[3] = gbeta * beta;
  }
  return value;
}
