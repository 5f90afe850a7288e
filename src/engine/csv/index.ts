/**
 * The CSV wing: customer files as they arrive — column roles and kind detection, streaming
 * the rows of a large file in chunks, dates, text detection, the compact stored dataset, the
 * customer-summary reader, and safe CSV writing (bad rows, any table, formula cells neutralised).
 */
export { badRowsCsv } from './badRowsCsv.ts';
export { detectColumnDateFormat, detectKind, eventReader, isMissingCustomer, parseCustomerFile, readTransactions } from './customerFile.ts';
export type { BadRow, ColumnMapping, ColumnRole, EventTable, FileKind, ParsedFile, TransactionTable } from './customerFile.ts';
export { datasetBuffers, datasetBytes, datasetProblem, decodeBadRows, decodeEvents, decodeSummary, decodeTransactions, encodeEvents, encodeSummary, encodeTransactions } from './dataset.ts';
export type { Dataset, TransactionDataset } from './dataset.ts';
export { DATE_FORMAT_LABELS, detectDateFormat, minutesToIsoDate, minutesToIsoDateTime, parseDate } from './dates.ts';
export type { DateFormat } from './dates.ts';
export { looksLikeText } from './looksLikeText.ts';
export { neutraliseFormula } from './neutraliseFormula.ts';
export { dateColumn, inspectCustomerFile, planProblem, readCustomerFile } from './readCustomerFile.ts';
export type { ImportPlan, Inspection, ReadFile } from './readCustomerFile.ts';
export { readCustomerSummary } from './readCustomerSummary.ts';
export type { CustomerSummary } from './readCustomerSummary.ts';
export { customersToCsv, rowsToCsv } from './rowsToCsv.ts';
