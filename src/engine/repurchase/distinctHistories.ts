/**
 * Customers with the same history (x, t_x, T) contribute the same factor to a model's
 * likelihood, so a fit needs each distinct history once, weighted by how many customers share
 * it: every customer who bought once in the first week of a weekly summary, say.
 */
import type { CustomerSummary } from '../csv/index.ts';

/** Distinct (x, t_x, T) with the number of customers sharing each. */
export interface WeightedHistories {
  frequency: Float64Array;
  recency: Float64Array;
  age: Float64Array;
  weight: Float64Array;
}

/** The distinct histories of `data`, in order of first appearance. Cost: one pass with a hash map. */
export function distinctHistories(data: Pick<CustomerSummary, 'frequency' | 'recency' | 'age'>): WeightedHistories {
  const index = new Map<string, number>();
  const frequency: number[] = [];
  const recency: number[] = [];
  const age: number[] = [];
  const weight: number[] = [];
  for (let i = 0; i < data.frequency.length; i++) {
    const key = `${data.frequency[i]}|${data.recency[i]}|${data.age[i]}`;
    const at = index.get(key);
    if (at !== undefined) { weight[at]++; continue; }
    index.set(key, frequency.length);
    frequency.push(data.frequency[i]); recency.push(data.recency[i]); age.push(data.age[i]); weight.push(1);
  }
  return { frequency: Float64Array.from(frequency), recency: Float64Array.from(recency), age: Float64Array.from(age), weight: Float64Array.from(weight) };
}
