/**
 * The customers wing: what a transactions file says about its customers — the cleaning step
 * that decides what counts as a purchase (cleaning/), KPIs, anomalies with their reasons (one
 * detector a file in anomalies/), a customer's timeline, group comparisons ("Did it work?") and
 * the report the Customers section shows.
 */
export { ANOMALY_KINDS, ANOMALY_KIND_LABELS, DEFAULT_THRESHOLDS, findAnomalies } from './anomalies/findAnomalies.ts';
export type { Anomaly, AnomalyKind, AnomalyThresholds } from './anomalies/findAnomalies.ts';
export { cleanTransactions } from './cleaning/cleanTransactions.ts';
export type { CleaningSummary } from './cleaning/cleanTransactions.ts';
export { DEFAULT_CLEANING_RULES } from './cleaning/cleaningRules.ts';
export type { CleaningRules } from './cleaning/cleaningRules.ts';
export { cleaningSentence } from './cleaning/cleaningSentence.ts';
export { customerPurchases } from './cleaning/customerPurchases.ts';
export { LINE_RULES } from './cleaning/lineRules.ts';
export type { LineRule } from './cleaning/lineRules.ts';
export { compareGroups } from './compareGroups.ts';
export type { Comparison, MetricComparison } from './compareGroups.ts';
export { KPI_DEFINITIONS, computeKpis } from './computeKpis.ts';
export type { Kpis, Retention } from './computeKpis.ts';
export { partialRetentionCells } from './partialRetentionCells.ts';
export { daysPerUnit, improvementValue, moneyModel } from './improvementValue.ts';
export type { MoneyModel } from './improvementValue.ts';
export { customerOutcomes } from './customerOutcomes.ts';
export { customerReport } from './customerReport.ts';
export type { CustomerReport, ReportCleaning } from './customerReport.ts';
export { customerOrders, datasetEnd } from './customerTimeline.ts';
export type { LineCleaning, TimelineOrder } from './customerTimeline.ts';
export { dataCoverage } from './dataCoverage.ts';
export { datasetReport, readFileDataset, readFileReport } from './datasetReport.ts';
export { figure, money, percent, significant } from './format.ts';
export { fitLabel, overdueWithFit } from './overdueWithFit.ts';
export { summarizeTable } from './summarizeTable.ts';
