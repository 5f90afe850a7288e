import { describe, expect, it } from 'vitest';
import { cleanedWith, copyCleaningRules, storedReportUsable } from '../../src/state/customerImport.svelte.ts';
import { customerReport, transactionsReport } from '../../src/engine/customers/customerReport.ts';
import { DEFAULT_CLEANING_RULES } from '../../src/engine/customers/index.ts';
import { parseCustomerFile, readTransactions } from '../../src/engine/csv/index.ts';

describe('storedReportUsable', () => {
  const rows = ['customer,order,date,amount'];
  for (let c = 0; c < 6; c++) for (let w = 0; w < 4; w++) rows.push(`C${c},O${c}-${w},2024-01-${String(1 + 7 * w).padStart(2, '0')},${20 + c + w}`);
  const report = customerReport(rows.join('\n'));

  it('takes a stored analysis of the same kind with every part this version shows', () => {
    expect(report.ok).toBe(true);
    expect(storedReportUsable(structuredClone(report), 'transactions')).toBe(true);
  });

  it('refuses one of another kind, a failed one, or one missing a part', () => {
    expect(storedReportUsable(report, 'event-log')).toBe(false);
    expect(storedReportUsable({ ok: false, message: 'x' }, 'transactions')).toBe(false);
    const { repurchase: _, ...older } = report as Record<string, unknown>;
    expect(storedReportUsable(older, 'transactions')).toBe(false);
    expect(storedReportUsable(undefined, 'transactions')).toBe(false);
  });
});

describe('storedReportUsable for a customer summary', () => {
  const rows = ['customer,frequency,recency,T,monetary_value'];
  for (let i = 0; i < 30; i++) rows.push(`S${i},${i % 4},${i % 4 === 0 ? 0 : 3 + i},40,${10 + i}`);
  const report = customerReport(rows.join('\n'));

  it('takes a stored summary analysis and refuses one without its summary', () => {
    expect(report.ok && report.kind).toBe('customer-summary');
    expect(storedReportUsable(structuredClone(report), 'customer-summary')).toBe(true);
    expect(storedReportUsable(report, 'transactions')).toBe(false);
    const { summary: _, ...older } = report as Record<string, unknown>;
    expect(storedReportUsable(older, 'customer-summary')).toBe(false);
  });
});

describe('cleaning rules kept and compared', () => {
  it('copies stored rules field by field, taking the default for anything missing or malformed', () => {
    expect(copyCleaningRules(undefined)).toEqual(DEFAULT_CLEANING_RULES);
    const copy = copyCleaningRules({ nonProductCodes: ['POST', 7 as unknown as string], adjustmentPrefix: 3 as unknown as string, keepDuplicates: true });
    expect(copy).toEqual({ ...DEFAULT_CLEANING_RULES, nonProductCodes: ['POST'], keepDuplicates: true });
    expect(copy.nonProductDescriptions).not.toBe(DEFAULT_CLEANING_RULES.nonProductDescriptions);
  });

  it('tells a stored report cleaned with other rules, so it is analysed again on open', () => {
    const rows = ['customer,order,product,date,amount'];
    for (let c = 0; c < 6; c++) for (let w = 0; w < 4; w++) rows.push(`C${c},O${c}-${w},P${w},2024-01-${String(1 + 7 * w).padStart(2, '0')},${20 + c + w}`);
    const file = parseCustomerFile(rows.join('\n'));
    const read = readTransactions(file);
    const report = transactionsReport(read.table, read.badRows, file.rows.length);
    expect(cleanedWith(structuredClone(report), { ...DEFAULT_CLEANING_RULES })).toBe(true);
    expect(cleanedWith(report, { ...DEFAULT_CLEANING_RULES, keepDuplicates: true })).toBe(false);
    expect(cleanedWith(report, { ...DEFAULT_CLEANING_RULES, nonProductCodes: ['POST'] })).toBe(false);
    const kept = transactionsReport(read.table, read.badRows, file.rows.length, { cleaning: { ...DEFAULT_CLEANING_RULES, keepDuplicates: true } });
    expect(cleanedWith(kept, { ...DEFAULT_CLEANING_RULES, keepDuplicates: true })).toBe(true);
    // A report stored before the rules travelled with it counts as cleaned otherwise.
    const { cleaning: _, ...older } = report as Record<string, unknown>;
    expect(cleanedWith(older as typeof report, DEFAULT_CLEANING_RULES)).toBe(false);
  });
});
