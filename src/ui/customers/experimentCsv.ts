/**
 * "Did it work?" as CSV: one row per measure with both groups' values, the difference with its
 * 95% interval as two numbers, the smallest visible difference, and the verdict and method in
 * words. Plain numbers (a repeat rate as a share, 0.25), formula-safe text (rowsToCsv): a group
 * named "=cmd" from the data is written as text.
 */
import { rowsToCsv } from '../../engine/csv/index.ts';
import type { Comparison, MetricComparison } from '../../engine/customers/index.ts';

/** The CSV text of a comparison ('' for one that could not be made). */
export function experimentCsv(result: Comparison): string {
  if (result.problem) return '';
  return rowsToCsv<MetricComparison>(result.metrics, [
    { header: 'measure', value: (m) => m.label },
    { header: result.firstName, value: (m) => m.first },
    { header: result.secondName, value: (m) => m.second },
    { header: 'difference', value: (m) => m.difference },
    { header: 'interval_low', value: (m) => m.low },
    { header: 'interval_high', value: (m) => m.high },
    { header: 'smallest_visible', value: (m) => m.detectable },
    { header: 'verdict', value: (m) => m.verdict },
    { header: 'method', value: (m) => m.method },
  ]);
}
