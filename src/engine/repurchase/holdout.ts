/**
 * Checks of a fitted BG/NBD model a person can see (Fader, Hardie & Lee 2005, "Counting your
 * customers the easy way", §4, Figures 2–4 for CDNOW): the frequency/recency matrix of
 * expected orders and of P(alive), and, when the data run past the calibration end,
 * calibration versus holdout — predicted against actual repeat orders per calibration
 * frequency, and cumulative repeat orders over time.
 */
import type { BgNbdParameters } from './bgnbd.ts';
import { asRepeatModel } from './repeatModels.ts';
import type { RepeatModel } from './repeatModels.ts';

export interface FrequencyRecencyMatrix {
  /** Frequencies x = 0..maxFrequency (rows). */
  frequencies: number[];
  /** Recency at each column's centre, in the time unit (columns, 0..age). */
  recencies: number[];
  /** The age T every cell assumes (the longest in the data). */
  age: number;
  /** expected[row][column]: E[Y(horizon) | x, t_x, T] (FHL 2005, eq. 10). */
  expected: number[][];
  /** pAlive[row][column]: P(alive | x, t_x, T) (FHL 2005, eq. 11). */
  pAlive: number[][];
}

/**
 * The matrix of expected orders in the next `horizon` and of P(alive) for a customer of age
 * `age` with x = 0..maxFrequency repeat purchases, the last at each of `columns` recencies
 * spread evenly over [0, age] (column centres). A customer with x = 0 has t_x = 0 by
 * definition; the row is drawn across all recencies since the model ignores t_x when x = 0.
 */
export function frequencyRecencyMatrix(
  params: RepeatModel | BgNbdParameters, age: number, maxFrequency: number, horizon: number, columns = 20,
): FrequencyRecencyMatrix {
  const model = asRepeatModel(params);
  const frequencies = Array.from({ length: maxFrequency + 1 }, (_, x) => x);
  const recencies = Array.from({ length: columns }, (_, c) => ((c + 0.5) * age) / columns);
  return {
    frequencies, recencies, age,
    expected: frequencies.map((x) => recencies.map((t) => model.conditionalExpected(horizon, x, t, age))),
    pAlive: frequencies.map((x) => recencies.map((t) => model.probabilityAlive(x, t, age))),
  };
}

export interface FrequencyBucket {
  /** Calibration frequency x; the last bucket holds x ≥ this value ("7+"). */
  frequency: number;
  label: string;
  customers: number;
  /** Mean repeat purchases in the holdout period, observed. */
  actual: number;
  /** Mean of E[Y(holdout) | x, t_x, T] over the bucket's customers. */
  predicted: number;
}

/**
 * Predicted versus actual repeat purchases in the holdout period, by calibration frequency
 * 0, 1, …, lastBucket−1 and lastBucket+ (FHL 2005, Figure 4 uses 0..7+): for each customer
 * E[Y(t*) | x, t_x, T] with t* the holdout length. Empty buckets are left out.
 */
export function holdoutByFrequency(
  params: RepeatModel | BgNbdParameters,
  calibration: { frequency: ArrayLike<number>; recency: ArrayLike<number>; age: ArrayLike<number> },
  holdoutPurchases: ArrayLike<number>, holdoutLength: number, lastBucket = 7,
): FrequencyBucket[] {
  const model = asRepeatModel(params);
  const customers = new Array<number>(lastBucket + 1).fill(0);
  const actual = new Array<number>(lastBucket + 1).fill(0);
  const predicted = new Array<number>(lastBucket + 1).fill(0);
  for (let i = 0; i < calibration.frequency.length; i++) {
    const x = calibration.frequency[i];
    const k = Math.min(lastBucket, x);
    customers[k]++;
    actual[k] += holdoutPurchases[i];
    predicted[k] += model.conditionalExpected(holdoutLength, x, calibration.recency[i], calibration.age[i]);
  }
  return customers.flatMap((count, k) => (count === 0 ? [] : [{
    frequency: k, label: k === lastBucket ? `${k}+` : String(k), customers: count, actual: actual[k] / count, predicted: predicted[k] / count,
  }]));
}

export interface CumulativeRepeats {
  /** Day numbers of the points. */
  day: number[];
  /** Repeat purchases observed up to and including each day. */
  actual: number[];
  /** Σ over customers of E[X(t − s_i)], s_i their first purchase (FHL 2005, eq. 7, Figure 2). */
  predicted: number[];
}

/**
 * Cumulative repeat purchases over time, observed and expected, at `points` days. The expected
 * count at day t is Σ_i E[X((t − s_i)/unit)] over the customers whose first purchase s_i is
 * before t — each customer is a new one from their first purchase (FHL 2005, eq. 7). Customers
 * are grouped by first-purchase day, so the cost is points × distinct first days.
 */
export function cumulativeRepeatPurchases(
  params: RepeatModel | BgNbdParameters, firstDay: ArrayLike<number>, repeatDays: ArrayLike<number>, points: readonly number[], daysPerUnit: number,
): CumulativeRepeats {
  const model = asRepeatModel(params);
  const starts = new Map<number, number>();
  for (let i = 0; i < firstDay.length; i++) starts.set(firstDay[i], (starts.get(firstDay[i]) ?? 0) + 1);
  const sortedRepeats = Float64Array.from(repeatDays).sort();
  const cache = new Map<number, number>();
  const expectedAt = (lag: number) => {
    let value = cache.get(lag);
    if (value === undefined) { value = model.expectedPurchases(lag / daysPerUnit); cache.set(lag, value); }
    return value;
  };
  const actual: number[] = [];
  const predicted: number[] = [];
  let seen = 0;
  for (const day of points) {
    while (seen < sortedRepeats.length && sortedRepeats[seen] <= day) seen++;
    actual.push(seen);
    let sum = 0;
    for (const [start, count] of starts) if (start < day) sum += count * expectedAt(day - start);
    predicted.push(sum);
  }
  return { day: points.slice(), actual, predicted };
}
