/**
 * The customer file open in the Customers section: its analysis (from the worker) and the
 * person's choices about it. Customer data stays in this tab's memory; it never enters a share
 * link.
 */
import type { CustomerReport } from '../engine/customerReport.ts';
import type { DateFormat } from '../engine/dates.ts';
import type { Dataset } from '../engine/dataset.ts';
import { EngineClient } from '../worker/client.ts';
import { Repurchase } from './repurchase.svelte.ts';

export class CustomerData {
  fileName = $state('');
  report = $state.raw<CustomerReport | null>(null);
  loading = $state(false);
  /** The open data as compact columns (a streamed import or a stored dataset); null for a file read whole. */
  dataset = $state.raw<Dataset | null>(null);
  /** Re-purchase models of the file, refitted when the person changes their settings. */
  readonly repurchase = new Repurchase();
  private file: Blob | undefined;

  /** Analyses a file in a worker (the file itself crosses, not its text). */
  async load(file: File, dateFormat?: DateFormat): Promise<void> {
    this.fileName = file.name;
    this.file = file;
    this.dataset = null;
    this.loading = true;
    this.show(await EngineClient.analyzeCustomers(file, dateFormat));
    this.loading = false;
  }

  /** Shows a report (of a file read whole, a streamed import or a stored dataset) and its re-purchase models. */
  show(report: CustomerReport, fileName = this.fileName, dataset: Dataset | null = this.dataset): void {
    this.fileName = fileName;
    this.dataset = dataset;
    this.report = report;
    if (report.ok && report.kind === 'transactions') this.repurchase.open({ kind: 'transactions', transactions: report.purchases }, report.repurchase);
    else if (report.ok && report.kind === 'customer-summary') this.repurchase.open({ kind: 'summary', summary: report.summary }, report.repurchase);
    else this.repurchase.clear();
  }

  /** Re-reads the file with the date order the person chose. */
  async chooseDateFormat(dateFormat: DateFormat): Promise<void> {
    if (this.file) await this.load(this.file as File, dateFormat);
  }
}
