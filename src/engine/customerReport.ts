/**
 * Everything the Customers section shows for a transactions file, in one call the worker
 * makes: rows read, bad rows, KPIs, anomalies and, when there are repeat buyers, the
 * re-purchase forecast per customer.
 */
import { findAnomalies } from './anomalies.ts';
import type { Anomaly, AnomalyThresholds } from './anomalies.ts';
import type { CustomerSummary } from './bgnbd.ts';
import { parseCustomerFile, readTransactions } from './customerData.ts';
import type { BadRow, FileKind, TransactionTable } from './customerData.ts';
import { dayToIso, summarizeCustomers } from './customerSummary.ts';
import type { DateFormat } from './dates.ts';
import { aggregateOrders, computeKpis } from './orders.ts';
import type { Kpis } from './orders.ts';
import { forecastCustomers } from './repurchaseForecast.ts';
import { eventLogReport } from './eventLog.ts';
import type { EventLogReport } from './eventLog.ts';

export interface CustomerRow {
  customer: string;
  orders: number;
  lastOrder: string;
  pAlive: number;
  expectedOrders: number;
  clv: number;
}

export type CustomerReport =
  | {
    ok: true; kind: Exclude<FileKind, 'event-log'>; rows: number; badRows: BadRow[]; kpis: Kpis; anomalies: Anomaly[];
    customers: CustomerRow[]; forecastProblem: string | undefined; parameters: { r: number; alpha: number; a: number; b: number; p?: number; q?: number; gamma?: number } | undefined;
    calibrationEnd: string;
  }
  | { ok: true; kind: 'event-log'; rows: number; eventLog: EventLogReport }
  | { ok: false; message: string; ambiguousDates?: boolean };

export function customerReport(text: string, options: { dateFormat?: DateFormat } = {}): CustomerReport {
  const file = parseCustomerFile(text);
  if (file.kind === 'event-log') return { ok: true, kind: 'event-log', rows: file.rows.length, eventLog: eventLogReport(file, options) };
  if (file.kind !== 'transactions') {
    return { ok: false, message: file.kind === 'unknown'
      ? 'This file does not look like transactions: it needs a customer, a date, and an amount or a quantity and unit price.'
      : `This looks like a ${file.kind} file; the Customers section reads transactions for now.` };
  }
  const read = readTransactions(file, options);
  if (read.ambiguousDates) return { ok: false, ambiguousDates: true, message: 'Every date in this file reads both month-first and day-first. Say which.' };
  return transactionsReport(read.table, read.badRows, file.rows.length);
}

/** The report for transactions already read into a table (a streamed import or a stored dataset). */
export function transactionsReport(table: TransactionTable, badRows: BadRow[], rows: number, options: { thresholds?: AnomalyThresholds } = {}): CustomerReport {
  if (table.customer.length === 0) return { ok: false, message: `No row could be read (${badRows[0]?.reason ?? 'empty file'}).` };
  const orders = aggregateOrders(table);
  const kpis = computeKpis(orders);
  const anomalies = findAnomalies(orders, options.thresholds);

  // Per customer: orders and last order from the orders; forecasts from the repeat-buying models.
  // An order that was reversed never happened for the customer: it is left out with its reversal.
  const reversed = new Set(anomalies.filter((a) => a.kind === 'reversal').map((a) => `${a.customer}\u0000${a.order}`));
  const keep: number[] = [];
  for (let i = 0; i < orders.id.length; i++) {
    if (orders.customer[i] !== '' && !orders.cancellation[i] && !reversed.has(`${orders.customer[i]}\u0000${orders.id[i]}`)) keep.push(i);
  }
  const day = Int32Array.from(keep, (i) => Math.floor(orders.minute[i] / 1440));
  const end = day.reduce((latest, d) => Math.max(latest, d), 0);
  const summary: CustomerSummary = summarizeCustomers({ customer: keep.map((i) => orders.customer[i]), day, amount: Float64Array.from(keep, (i) => orders.amount[i]) }, end, 'weeks');
  const counts = new Map<string, { orders: number; last: number }>();
  for (const i of keep) {
    const entry = counts.get(orders.customer[i]) ?? { orders: 0, last: -Infinity };
    entry.orders++;
    entry.last = Math.max(entry.last, orders.minute[i]);
    counts.set(orders.customer[i], entry);
  }
  const forecast = forecastCustomers(summary, { unit: 'weeks' });
  const failed = 'problem' in forecast;
  const customers = summary.ids.map((customer, i) => ({
    customer, orders: counts.get(customer)!.orders, lastOrder: dayToIso(Math.floor(counts.get(customer)!.last / 1440)),
    pAlive: failed ? NaN : forecast.pAlive[i], expectedOrders: failed ? NaN : forecast.expectedOrders[i], clv: failed ? NaN : forecast.clv[i],
  }));
  return {
    ok: true, kind: 'transactions', rows, badRows, kpis, anomalies, customers,
    forecastProblem: failed ? forecast.problem : undefined,
    parameters: failed ? undefined : { r: forecast.bgnbd.r, alpha: forecast.bgnbd.alpha, a: forecast.bgnbd.a, b: forecast.bgnbd.b, p: forecast.gammaGamma?.p, q: forecast.gammaGamma?.q, gamma: forecast.gammaGamma?.gamma },
    calibrationEnd: dayToIso(end),
  };
}
