/**
 * "Did it work?": two groups of customers compared on repeat purchase rate, orders per customer,
 * average order value and revenue per customer, each with a 95 % interval for the difference
 * (second group minus first) and a verdict that says no more than the data do.
 *
 * - Repeat purchase rate: Newcombe's hybrid score interval (Newcombe 1998, Statistics in
 *   Medicine 17:873–890, method 10), built from the Wilson score interval of each proportion
 *   (Wilson 1927).
 * - The other three: a percentile bootstrap (Efron & Tibshirani 1993, An Introduction to the
 *   Bootstrap, §13.3), resampling customers within each group, so a few big spenders are
 *   handled without assuming normal revenue. Seeded: the same data give the same interval.
 * - The smallest difference that could be seen: the difference a two-sided 5 % test would find
 *   with 80 % power, (z₀.₉₇₅ + z₀.₈₀) × the standard error of the difference (Fleiss, Levin &
 *   Paik 2003, Statistical Methods for Rates and Proportions, §4.2, in its normal form).
 */
import { randomSfc32, uniform01 } from '../math/index.ts';
import { inverseStandardNormalCdf } from '../math/index.ts';

const Z95 = inverseStandardNormalCdf(0.975);
const Z_POWER80 = inverseStandardNormalCdf(0.8);

/** Wilson's score interval for k successes in n (95 % by default). NaNs when n is 0. */
export function wilsonInterval(successes: number, trials: number, z = Z95): [number, number] {
  if (!(trials > 0)) return [NaN, NaN];
  const p = successes / trials;
  const denominator = 1 + (z * z) / trials;
  const center = (p + (z * z) / (2 * trials)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + (z * z) / (4 * trials * trials));
  return [Math.max(0, center - half), Math.min(1, center + half)];
}

/**
 * Newcombe's hybrid score interval for p₁ − p₂ (method 10): δ − √((p₁−l₁)² + (u₂−p₂)²) to
 * δ + √((u₁−p₁)² + (p₂−l₂)²), with (lᵢ, uᵢ) the Wilson interval of each proportion.
 */
export function newcombeInterval(successes1: number, trials1: number, successes2: number, trials2: number, z = Z95): [number, number] {
  const p1 = successes1 / trials1;
  const p2 = successes2 / trials2;
  const [l1, u1] = wilsonInterval(successes1, trials1, z);
  const [l2, u2] = wilsonInterval(successes2, trials2, z);
  const delta = p1 - p2;
  return [delta - Math.hypot(p1 - l1, u2 - p2), delta + Math.hypot(u1 - p1, p2 - l2)];
}

/** Per-customer outcomes of one group. */
export interface GroupOutcomes {
  /** Orders (not cancelled) per customer. */
  orders: ArrayLike<number>;
  /** Total of those orders per customer (for the average order value). */
  gross: ArrayLike<number>;
  /** Net revenue per customer (orders minus cancellations). */
  revenue: ArrayLike<number>;
}

export type MetricKey = 'repeatRate' | 'ordersPerCustomer' | 'averageOrderValue' | 'revenuePerCustomer';

export interface MetricComparison {
  key: MetricKey;
  label: string;
  /** Value in the first and the second group. */
  first: number;
  second: number;
  /** second − first, and its 95 % interval. */
  difference: number;
  low: number;
  high: number;
  /** The smallest difference these sample sizes could see (80 % power, 5 % two-sided). */
  detectable: number;
  method: string;
  verdict: string;
}

export interface Comparison {
  firstName: string;
  secondName: string;
  firstCustomers: number;
  secondCustomers: number;
  metrics: MetricComparison[];
  problem: string | undefined;
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}

function variance(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return NaN;
  const mean = sum(values) / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i] - mean) ** 2;
  return squares / (n - 1);
}

/** The q-quantile of sorted values (linear interpolation, type 7). */
function quantile(sorted: Float64Array, q: number): number {
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.min(sorted.length - 1, low + 1);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

/**
 * Percentile-bootstrap intervals for second − first of orders per customer, average order value
 * (total ÷ orders of the resample) and revenue per customer: `replicates` resamples of each
 * group's customers with replacement. Returns [low, high] and the bootstrap SD per metric.
 * Cost: replicates × (n₁ + n₂).
 */
export function bootstrapDifferences(first: GroupOutcomes, second: GroupOutcomes, replicates = 2000, seed = 1) {
  const next = randomSfc32(seed, 0x5eed);
  const draws = { ordersPerCustomer: new Float64Array(replicates), averageOrderValue: new Float64Array(replicates), revenuePerCustomer: new Float64Array(replicates) };
  const resample = (group: GroupOutcomes) => {
    const n = group.orders.length;
    let orders = 0;
    let gross = 0;
    let revenue = 0;
    for (let k = 0; k < n; k++) {
      const i = Math.floor(uniform01(next) * n);
      orders += group.orders[i];
      gross += group.gross[i];
      revenue += group.revenue[i];
    }
    return { perCustomer: orders / n, value: gross / orders, revenue: revenue / n };
  };
  for (let r = 0; r < replicates; r++) {
    const a = resample(first);
    const b = resample(second);
    draws.ordersPerCustomer[r] = b.perCustomer - a.perCustomer;
    draws.averageOrderValue[r] = b.value - a.value;
    draws.revenuePerCustomer[r] = b.revenue - a.revenue;
  }
  const summary = (values: Float64Array) => {
    const finite = Float64Array.from(values.filter(Number.isFinite)).sort();
    return { low: quantile(finite, 0.025), high: quantile(finite, 0.975), sd: Math.sqrt(variance(finite)) };
  };
  return {
    ordersPerCustomer: summary(draws.ordersPerCustomer),
    averageOrderValue: summary(draws.averageOrderValue),
    revenuePerCustomer: summary(draws.revenuePerCustomer),
  };
}

/**
 * A verdict that does not over-claim: a difference only when the interval excludes zero, and
 * otherwise the size a difference would need to be seen; always "in this data", since a group
 * column does not prove the groups were assigned at random.
 */
export function verdict(label: string, difference: number, low: number, high: number, detectable: number, format: (value: number) => string, secondName: string): string {
  if (!Number.isFinite(low) || !Number.isFinite(high)) return `Not enough customers to compare ${label}.`;
  if (low > 0 || high < 0) {
    const direction = difference > 0 ? 'higher' : 'lower';
    return `${secondName} is ${direction} by ${format(Math.abs(difference))} (95% interval ${format(low)} to ${format(high)}): a real difference in this data, though only random assignment makes it the campaign's doing.`;
  }
  return `No detectable difference yet (95% interval ${format(low)} to ${format(high)}); with this many customers a difference under ${format(detectable)} cannot be seen.`;
}

const points = (value: number) => `${(100 * value).toFixed(1)} points`;
const plain = (value: number) => value.toFixed(2);

/** Compares two groups on the four measures (see the module comment for the methods). */
export function compareGroups(
  first: GroupOutcomes & { name: string }, second: GroupOutcomes & { name: string },
  options: { replicates?: number; seed?: number; money?: (value: number) => string } = {},
): Comparison {
  const n1 = first.orders.length;
  const n2 = second.orders.length;
  const base = { firstName: first.name, secondName: second.name, firstCustomers: n1, secondCustomers: n2 };
  if (n1 < 2 || n2 < 2) return { ...base, metrics: [], problem: 'Each group needs at least two customers to compare.' };
  const money = options.money ?? ((value: number) => value.toFixed(2));
  const repeaters = (group: GroupOutcomes) => Array.from(group.orders).filter((orders) => orders >= 2).length;
  const r1 = repeaters(first);
  const r2 = repeaters(second);
  const p1 = r1 / n1;
  const p2 = r2 / n2;
  // The difference shown is second − first: Newcombe's interval for p₂ − p₁.
  const [rateLow, rateHigh] = newcombeInterval(r2, n2, r1, n1);
  const pooled = (r1 + r2) / (n1 + n2);
  const detectableRate = (Z95 + Z_POWER80) * Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const boot = bootstrapDifferences(first, second, options.replicates ?? 2000, options.seed ?? 1);
  const mean = (values: ArrayLike<number>) => sum(values) / values.length;
  const secondName = second.name;
  const metric = (key: MetricKey, label: string, a: number, b: number, low: number, high: number, sd: number, method: string, format: (v: number) => string): MetricComparison => {
    const detectable = (Z95 + Z_POWER80) * sd;
    return { key, label, first: a, second: b, difference: b - a, low, high, detectable, method, verdict: verdict(label, b - a, low, high, detectable, format, secondName) };
  };
  const everyoneOrNoone = r1 + r2 === 0 || r1 + r2 === n1 + n2;
  const rate = metric('repeatRate', 'repeat purchase rate', p1, p2, rateLow, rateHigh, detectableRate / (Z95 + Z_POWER80),
    'Newcombe hybrid score interval (1998)', points);
  if (everyoneOrNoone) {
    rate.detectable = NaN;
    rate.verdict = `${r1 === 0 ? 'No customer' : 'Every customer'} in either group ordered twice or more, so the repeat purchase rate cannot tell the groups apart here.`;
  }
  const aov = (group: GroupOutcomes) => sum(group.gross) / sum(group.orders);
  return {
    ...base, problem: undefined,
    metrics: [
      rate,
      metric('ordersPerCustomer', 'orders per customer', mean(first.orders), mean(second.orders), boot.ordersPerCustomer.low, boot.ordersPerCustomer.high, boot.ordersPerCustomer.sd, 'percentile bootstrap (Efron & Tibshirani 1993)', plain),
      metric('averageOrderValue', 'average order value', aov(first), aov(second), boot.averageOrderValue.low, boot.averageOrderValue.high, boot.averageOrderValue.sd, 'percentile bootstrap (Efron & Tibshirani 1993)', money),
      metric('revenuePerCustomer', 'revenue per customer', mean(first.revenue), mean(second.revenue), boot.revenuePerCustomer.low, boot.revenuePerCustomer.high, boot.revenuePerCustomer.sd, 'percentile bootstrap (Efron & Tibshirani 1993)', money),
    ],
  };
}
