/**
 * Everything the Customers section shows for a transactions file, in one call the worker
 * makes: rows read, bad rows, KPIs, anomalies and, when there are repeat buyers, the
 * re-purchase forecast per customer.
 */
import { findAnomalies } from './anomalies/findAnomalies.ts';
import type { Anomaly, AnomalyThresholds } from './anomalies/findAnomalies.ts';
import type { CustomerSummary } from '../repurchase/index.ts';
import { noRowRead, parseCustomerFile, readTransactions } from '../csv/index.ts';
import type { BadRow, FileKind, TransactionTable } from '../csv/index.ts';
import type { Transactions } from '../repurchase/index.ts';
import { readCustomerSummary } from '../csv/index.ts';
import type { DateFormat } from '../csv/index.ts';
import { cleanTransactions } from './cleaning/cleanTransactions.ts';
import type { CleaningSummary } from './cleaning/cleanTransactions.ts';
import { DEFAULT_CLEANING_RULES } from './cleaning/cleaningRules.ts';
import type { CleaningRules } from './cleaning/cleaningRules.ts';
import { customerPurchases } from './cleaning/customerPurchases.ts';
import { dataCoverage } from './dataCoverage.ts';
import type { DataCoverage } from './dataCoverage.ts';
import { computeKpis } from './computeKpis.ts';
import type { Kpis } from './computeKpis.ts';
import { DEFAULT_REPURCHASE_SETTINGS, repurchaseReport } from '../repurchase/index.ts';
import type { RepurchaseReport } from '../repurchase/index.ts';
import { eventLogReport } from '../eventlog/index.ts';
import type { EventLogReport } from '../eventlog/index.ts';

export type CustomerReport =
  | {
    ok: true; kind: 'transactions'; rows: number; badRows: BadRow[]; kpis: Kpis;
    /** Every anomaly, overdue customers without P(alive): that comes from the fit on screen (see overdueWithFit). */
    anomalies: Anomaly[];
    /** The orders the forecast rests on (cleaned: net of cancellations, reversed orders out), kept so settings can change without re-reading the file. */
    purchases: Transactions;
    cleaning: ReportCleaning;
    /** The re-purchase models fitted with the default settings: customers' figures, parameters, the calibration end and any problem. */
    repurchase: RepurchaseReport;
  }
  | { ok: true; kind: 'customer-summary'; rows: number; badRows: BadRow[]; summary: CustomerSummary; repurchase: RepurchaseReport }
  | { ok: true; kind: 'event-log'; rows: number; eventLog: EventLogReport }
  | { ok: false; message: string; ambiguousDates?: boolean };

/** What the cleaning step decided, as the page shows it: the summary, and per table row its rule and net value (see cleanTransactions). */
export interface ReportCleaning {
  summary: CleaningSummary;
  lineRule: Uint8Array;
  lineNet: Float64Array;
  /** File line of each table row, to list a rule's rows. */
  line: Int32Array;
  coverage: DataCoverage;
}

export function customerReport(text: string, options: { dateFormat?: DateFormat } = {}): CustomerReport {
  const file = parseCustomerFile(text);
  if (file.kind === 'event-log') return { ok: true, kind: 'event-log', rows: file.rows.length, eventLog: eventLogReport(file, options) };
  if (file.kind === 'customer-summary') return customerSummaryReport(file);
  if (file.kind !== 'transactions') {
    return { ok: false, message: file.kind === 'unknown'
      ? 'This file does not look like transactions (customer, date, and an amount or a quantity and unit price) or a customer summary (customer, frequency, recency, T, monetary_value).'
      : `This looks like a ${file.kind} file; the Customers section reads transactions, customer summaries and event logs.` };
  }
  const read = readTransactions(file, options);
  if (read.ambiguousDates) return { ok: false, ambiguousDates: true, message: 'Every date in this file reads both month-first and day-first. Say which.' };
  return transactionsReport(read.table, read.badRows, file.rows.length);
}

/** The report for transactions already read into a table (a streamed import or a stored dataset). */
export function transactionsReport(
  table: TransactionTable, badRows: BadRow[], rows: number, options: { thresholds?: AnomalyThresholds; cleaning?: CleaningRules } = {},
): CustomerReport {
  if (table.customer.length === 0) return { ok: false, message: noRowRead(badRows, rows) };
  const cleaned = cleanTransactions(table, options.cleaning ?? DEFAULT_CLEANING_RULES);
  const kpis = computeKpis(cleaned);
  const anomalies = findAnomalies(cleaned, options.thresholds);
  // Per customer: the cleaned purchases (orders without a customer count in store totals only).
  const purchases = customerPurchases(cleaned);
  const repurchase = repurchaseReport({ kind: 'transactions', transactions: purchases }, DEFAULT_REPURCHASE_SETTINGS);
  if (!repurchase.ok) return { ok: false, message: repurchase.message };
  return {
    ok: true, kind: 'transactions', rows, badRows, kpis, anomalies, purchases, repurchase,
    cleaning: { summary: cleaned.summary, lineRule: cleaned.lineRule, lineNet: cleaned.lineNet, line: table.line, coverage: dataCoverage(cleaned.purchases.minute) },
  };
}

/** A customer-summary file: the models straight from its rows (weeks until the person says otherwise). */
function customerSummaryReport(file: ReturnType<typeof parseCustomerFile>): CustomerReport {
  const { summary, badRows } = readCustomerSummary(file);
  return summaryReport(summary, badRows, file.rows.length);
}

/** The report for a customer summary already read (whole, by the streaming import or from a stored dataset). */
export function summaryReport(summary: CustomerSummary, badRows: BadRow[], rows: number): CustomerReport {
  if (summary.ids.length === 0) return { ok: false, message: noRowRead(badRows, rows) };
  const repurchase = repurchaseReport({ kind: 'summary', summary }, DEFAULT_REPURCHASE_SETTINGS);
  if (!repurchase.ok) return { ok: false, message: repurchase.message };
  return { ok: true, kind: 'customer-summary', rows, badRows, summary, repurchase };
}
