/**
 * The CSV wing: customer files as they arrive — column roles and kind detection, streaming
 * the rows of a large file in chunks, text encodings and decimal marks, dates, text detection,
 * the compact stored dataset, the
 * customer-summary reader, and safe CSV writing (bad rows, any table, formula cells neutralised).
 */
export { badRowsCsv } from './badRowsCsv.ts';
export { datasetBuffers, datasetBytes, datasetProblem, decodeBadRows, decodeEvents, decodeSummary, decodeTransactions, encodeEvents, encodeSummary, encodeTransactions } from './dataset.ts';
export type { Dataset, TransactionDataset } from './dataset.ts';
export { DATE_FORMAT_LABELS, dayNumber, dayToIso, detectColumnDateFormat, detectDateFormat, minutesToIsoDate, minutesToIsoDateTime, parseDate } from './dates.ts';
export type { DateFormat } from './dates.ts';
export { detectColumnsDecimalMark, detectDecimalMark, numberColumns } from './detectDecimalMark.ts';
export { decodeBytes, detectEncoding, ENCODING_LABELS, TEXT_ENCODINGS } from './detectEncoding.ts';
export type { TextEncoding } from './detectEncoding.ts';
export { dateColumn, detectKind } from './detectKind.ts';
export type { FileKind } from './detectKind.ts';
export { eventReader } from './eventReader.ts';
export type { EventTable } from './eventReader.ts';
export type { TrimmedIds } from './idTrimmer.ts';
export { isMissingCustomer } from './isMissingCustomer.ts';
export { looksLikeText } from './looksLikeText.ts';
export type { ColumnMapping, ColumnRole } from './mapColumns.ts';
export { neutraliseFormula } from './neutraliseFormula.ts';
export { noRowRead } from './noRowRead.ts';
export { DECIMAL_MARK_LABELS, parseAmount } from './parseAmount.ts';
export type { DecimalMark } from './parseAmount.ts';
export { looksLikeDataRow, mapColumnsByContent, positionalHeader, readFirstRow } from './headerlessColumns.ts';
export type { HeaderReading } from './headerlessColumns.ts';
export { parseCustomerFile } from './parseCustomerFile.ts';
export type { ParsedFile } from './parseCustomerFile.ts';
export { inspectCustomerFile } from './inspectCustomerFile.ts';
export type { Inspection } from './inspectCustomerFile.ts';
export { isParquetFile, isParquetHead } from './parquetRows.ts';
export { planProblem, readCustomerFile } from './readCustomerFile.ts';
export type { ImportPlan, ReadFile } from './readCustomerFile.ts';
export { MAX_LINE_CHARS } from './streamRows.ts';
export { readCustomerSummary } from './readCustomerSummary.ts';
export type { CustomerSummary } from './readCustomerSummary.ts';
export { readTransactions } from './readTransactions.ts';
export { readingNotes } from './reading.ts';
export type { Reading } from './reading.ts';
export type { BadRow } from './rowReader.ts';
export { customersToCsv, rowsToCsv } from './rowsToCsv.ts';
export type { TransactionTable } from './transactionReader.ts';
