/**
 * The customer file open in the Customers section: its analysis (from the worker) and the
 * person's choices about it. Customer data stays in this tab's memory; it never enters a share
 * link.
 */
import { moneyModel, overdueWithFit } from '../engine/customers/index.ts';
import type { Anomaly, CustomerReport, MoneyModel } from '../engine/customers/index.ts';
import type { Dataset } from '../engine/csv/index.ts';
import type { ComputeService } from './computeService.ts';
import { Repurchase } from './repurchase.svelte.ts';

export class CustomerData {
  fileName = $state('');
  report = $state.raw<CustomerReport | null>(null);
  /** The open data as compact columns (a streamed import or a stored dataset); null for a file read whole. */
  dataset = $state.raw<Dataset | null>(null);
  /** Re-purchase models of the file, refitted when the person changes their settings. */
  readonly repurchase: Repurchase;

  constructor(service: ComputeService) {
    this.repurchase = new Repurchase(service);
  }

  /**
   * The open transactions' anomalies, each overdue customer with P(alive) from the re-purchase
   * fit on screen, refits included (see overdueWithFit); none for other files. The one place the
   * fit's figure and clause are added: the report's own anomalies carry none.
   */
  anomalies: Anomaly[] = $derived.by(() => {
    const report = this.report;
    return report?.ok && report.kind === 'transactions' ? overdueWithFit(report.anomalies, this.repurchase.report) : [];
  });

  /**
   * What a repeat order is worth and how often it comes, from the fit on screen (see
   * improvementValue): for open transactions with a BG/NBD fit; undefined otherwise.
   */
  money: MoneyModel | undefined = $derived.by(() => {
    const report = this.report;
    const fit = this.repurchase.report;
    if (!report?.ok || report.kind !== 'transactions' || !fit?.bgnbd || fit.problem) return undefined;
    return moneyModel({
      r: fit.bgnbd.r, alpha: fit.bgnbd.alpha, unit: fit.settings.unit, spendPerOrder: fit.gammaGamma?.populationMean,
      averageOrderValue: report.kpis.averageOrderValue, customers: fit.customers.length + fit.laterCustomers, firstDate: fit.firstDate, lastDate: fit.lastDate,
    });
  });

  /** Shows a report (of a file read whole, a streamed import or a stored dataset) and its re-purchase models. */
  show(report: CustomerReport, fileName = this.fileName, dataset: Dataset | null = this.dataset): void {
    this.fileName = fileName;
    this.dataset = dataset;
    this.report = report;
    if (report.ok && report.kind === 'transactions') this.repurchase.open({ kind: 'transactions', transactions: report.purchases }, report.repurchase);
    else if (report.ok && report.kind === 'customer-summary') this.repurchase.open({ kind: 'summary', summary: report.summary }, report.repurchase);
    else this.repurchase.clear();
  }
}
