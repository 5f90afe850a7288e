/**
 * What kind of customer file a header describes: transactions (one row per order or order
 * line), an event log (case, activity, timestamp), a customer summary (frequency, recency, T,
 * monetary value). Whether a header is a journey's is the journey wing's to say (isJourneyHeader).
 */
import type { ColumnMapping } from './mapColumns.ts';

export type FileKind = 'transactions' | 'event-log' | 'customer-summary' | 'unknown';

/** The kind of customer file a header describes, from the roles its columns were given (`mapping`). */
export function detectKind(mapping: ColumnMapping): FileKind {
  if (mapping.case !== undefined && mapping.activity !== undefined && mapping.timestamp !== undefined) return 'event-log';
  if (mapping.customer !== undefined && mapping.frequency !== undefined && mapping.recency !== undefined && mapping.age !== undefined) {
    return 'customer-summary';
  }
  if (mapping.customer !== undefined && mapping.date !== undefined
    && (mapping.amount !== undefined || (mapping.quantity !== undefined && mapping.unitPrice !== undefined))) return 'transactions';
  return 'unknown';
}

/** The date column of a mapping for its kind (a customer summary has none). */
export function dateColumn(kind: FileKind, mapping: ColumnMapping): number | undefined {
  if (kind === 'customer-summary') return undefined;
  return kind === 'event-log' ? mapping.timestamp : mapping.date;
}
