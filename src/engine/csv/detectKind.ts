/**
 * What kind of customer file a header describes: transactions (one row per order or order
 * line), an event log (case, activity, timestamp), a customer summary (frequency, recency, T,
 * monetary value) or a journey.
 */
import type { ColumnMapping } from './mapColumns.ts';
import { journeyFieldForHeader } from '../journey/index.ts';

export type FileKind = 'transactions' | 'event-log' | 'customer-summary' | 'journey' | 'unknown';

/** The kind of file a header describes. */
export function detectKind(header: readonly string[], mapping: ColumnMapping): FileKind {
  const journeyFields = new Set(header.map(journeyFieldForHeader).filter(Boolean));
  if (['id', 'optimistic', 'mostLikely', 'pessimistic'].every((field) => journeyFields.has(field as never))) return 'journey';
  if (mapping.case !== undefined && mapping.activity !== undefined && mapping.timestamp !== undefined) return 'event-log';
  if (mapping.customer !== undefined && mapping.frequency !== undefined && mapping.recency !== undefined && mapping.age !== undefined) {
    return 'customer-summary';
  }
  if (mapping.customer !== undefined && mapping.date !== undefined
    && (mapping.amount !== undefined || (mapping.quantity !== undefined && mapping.unitPrice !== undefined))) return 'transactions';
  return 'unknown';
}
