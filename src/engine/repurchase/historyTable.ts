/**
 * Customers with the same history (x, t_x, T) contribute the same factor to a model's
 * likelihood, so a fit needs each distinct history once, weighted by how many customers share
 * it: every customer who bought once in the first week of a weekly summary, say. The table also
 * indexes the distinct frequencies and the distinct times (recencies and ages together), so a
 * likelihood works out the terms of x alone (ln Γ(r+x), ψ(b+x), …) once per x and the terms of a
 * time alone (ln(α+t)) once per time: data summarised from whole days have a few hundred of
 * each however many customers there are.
 */
import type { CustomerSummary } from '../csv/index.ts';

/** Distinct (x, t_x, T) with the number of customers sharing each, and their indices. */
export interface HistoryTable {
  frequency: Float64Array;
  recency: Float64Array;
  age: Float64Array;
  weight: Float64Array;
  /** Σ weight: the number of customers. */
  customers: number;
  /** The distinct frequencies, how many customers have each, and each history's index into them. */
  frequencies: Float64Array;
  frequencyWeight: Float64Array;
  frequencyIndex: Int32Array;
  /** The distinct times among recencies and ages, and each history's indices into them. */
  times: Float64Array;
  recencyIndex: Int32Array;
  ageIndex: Int32Array;
}

/** What a likelihood reads: a customer summary (one row a customer) or a table built from one. */
export type Histories = Pick<CustomerSummary, 'frequency' | 'recency' | 'age'> | HistoryTable;

/**
 * The distinct histories of `data`, in order of first appearance, with their indices. Returns
 * `data` itself when it is already a table. Cost: two passes with hash maps of numbers.
 */
export function historyTable(data: Histories): HistoryTable {
  if ('frequencyIndex' in data) return data;
  const frequencies = new Map<number, number>();
  const times = new Map<number, number>();
  const indexOf = (map: Map<number, number>, value: number) => {
    let at = map.get(value);
    if (at === undefined) { at = map.size; map.set(value, at); }
    return at;
  };
  const count = data.frequency.length;
  const customerFrequency = new Int32Array(count);
  const customerRecency = new Int32Array(count);
  const customerAge = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    customerFrequency[i] = indexOf(frequencies, data.frequency[i]);
    customerRecency[i] = indexOf(times, data.recency[i]);
    customerAge[i] = indexOf(times, data.age[i]);
  }
  // A history is its three indices, one integer below 2^53 for any data a browser can hold.
  const rows = new Map<number, number>();
  const timeCount = times.size;
  const first: number[] = [];
  const weight: number[] = [];
  for (let i = 0; i < count; i++) {
    const key = (customerFrequency[i] * timeCount + customerRecency[i]) * timeCount + customerAge[i];
    const at = rows.get(key);
    if (at !== undefined) { weight[at]++; continue; }
    rows.set(key, first.length);
    first.push(i); weight.push(1);
  }
  const pick = (values: ArrayLike<number>) => Float64Array.from(first, (i) => values[i]);
  const frequencyIndex = Int32Array.from(first, (i) => customerFrequency[i]);
  const frequencyWeight = new Float64Array(frequencies.size);
  for (let k = 0; k < frequencyIndex.length; k++) frequencyWeight[frequencyIndex[k]] += weight[k];
  return {
    frequency: pick(data.frequency), recency: pick(data.recency), age: pick(data.age), weight: Float64Array.from(weight),
    customers: count,
    frequencies: Float64Array.from(frequencies.keys()), frequencyWeight, frequencyIndex,
    times: Float64Array.from(times.keys()), recencyIndex: Int32Array.from(first, (i) => customerRecency[i]), ageIndex: Int32Array.from(first, (i) => customerAge[i]),
  };
}

/** The data's purchase rate Σx/ΣT and mean age, or undefined when nobody bought twice. */
export function dataScale(table: HistoryTable): { ownRate: number; meanAge: number; repeaters: number } | undefined {
  let repeaters = 0;
  let repeats = 0;
  let exposure = 0;
  for (let i = 0; i < table.frequency.length; i++) {
    const w = table.weight[i];
    if (table.frequency[i] > 0) repeaters += w;
    repeats += w * table.frequency[i];
    exposure += w * table.age[i];
  }
  if (table.customers === 0 || repeaters === 0 || !(exposure > 0) || !Number.isFinite(repeats / exposure)) return undefined;
  return { ownRate: repeats / exposure, meanAge: exposure / table.customers, repeaters };
}
