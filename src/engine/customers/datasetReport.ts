/**
 * The Customers section's report for a file read by the streaming import, or for a dataset
 * reopened from storage (no re-parse: the stored columns are decoded and analysed again, with
 * the anomaly thresholds of the moment).
 */
import type { AnomalyThresholds } from './anomalies/findAnomalies.ts';
import type { CleaningRules } from './cleaning/cleaningRules.ts';
import { summaryReport, transactionsReport } from './customerReport.ts';
import type { CustomerReport } from './customerReport.ts';
import type { ReadFile } from '../csv/index.ts';
import { decodeBadRows, decodeEvents, decodeSummary, decodeTransactions, encodeEvents, encodeSummary, encodeTransactions, noRowRead } from '../csv/index.ts';
import type { Dataset } from '../csv/index.ts';
import { eventLogFromTable } from '../eventlog/index.ts';

/** The report of a file just read. */
export function readFileReport(read: ReadFile, thresholds?: AnomalyThresholds, cleaning?: CleaningRules): CustomerReport {
  if (read.kind === 'customer-summary') {
    const { line: _line, ...summary } = read.table;
    return summaryReport(summary, read.badRows, read.rows);
  }
  if (read.kind === 'event-log') {
    if (read.table.caseId.length === 0) return { ok: false, message: noRowRead(read.badRows, read.rows) };
    return { ok: true, kind: 'event-log', rows: read.rows, eventLog: eventLogFromTable(read.table, read.badRows) };
  }
  return transactionsReport(read.table, read.badRows, read.rows, { thresholds, cleaning });
}

/** The compact columns of a file just read, with how it was read. */
export function readFileDataset(read: ReadFile): Dataset {
  if (read.kind === 'customer-summary') return encodeSummary(read.table, read.badRows, read.rows, read.reading);
  return read.kind === 'event-log' ? encodeEvents(read.table, read.badRows, read.rows, read.reading) : encodeTransactions(read.table, read.badRows, read.rows, read.reading);
}

/** The report of a stored dataset. */
export function datasetReport(dataset: Dataset, thresholds?: AnomalyThresholds, cleaning?: CleaningRules): CustomerReport {
  const badRows = decodeBadRows(dataset);
  if (dataset.kind === 'customer-summary') return readFileReport({ kind: 'customer-summary', rows: dataset.rows, table: decodeSummary(dataset), badRows }, thresholds);
  return dataset.kind === 'event-log'
    ? readFileReport({ kind: 'event-log', rows: dataset.rows, table: decodeEvents(dataset), badRows }, thresholds)
    : readFileReport({ kind: 'transactions', rows: dataset.rows, table: decodeTransactions(dataset), badRows }, thresholds, cleaning);
}
