import { describe, expect, it } from 'vitest';
import { CustomerImport, cleanedWith, copyCleaningRules, storedReportUsable } from '../../src/state/customerImport.svelte.ts';
import { ComputeService } from '../../src/state/computeService.ts';
import type { EngineWorker } from '../../src/worker/protocol.ts';
import type { CustomerData } from '../../src/state/customers.svelte.ts';
import { inspectCustomerFile } from '../../src/engine/csv/index.ts';
import type { ImportPlan, TextEncoding } from '../../src/engine/csv/index.ts';
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

describe('an import that read no row', () => {
  const plan: ImportPlan = { kind: 'transactions', mapping: { customer: 0, date: 1, amount: 2 }, dateFormat: 'iso', delimiter: ',', hasHeader: true };
  const file = new File(['customer,date,amount\nC1,,12\n'], 'orders.csv');

  it('takes the progress bar away at once, even when the last progress report arrives after the reply, and says what happened', async () => {
    // The compute service over a worker whose last progress report comes after its reply.
    const worker = {
      async importCustomers(requestId: number, _file: Blob, _plan: ImportPlan, _thresholds: unknown, onProgress: (fraction: number) => void) {
        onProgress(0.5);
        // Progress crosses on a channel of its own: its last report may come after the reply.
        setTimeout(() => onProgress(1), 0);
        return { requestId, report: { ok: false, message: 'Its one row could not be read (line 2: the date is empty).' }, dataset: undefined };
      },
      terminate() {},
    } as Partial<EngineWorker> as EngineWorker;
    const service = new ComputeService(() => worker);
    const importer = new CustomerImport({} as CustomerData, service);
    importer.pending = { file, inspection: await inspectCustomerFile(file) };
    await importer.confirm(plan);
    expect(importer.progress).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(importer.progress).toBeNull();
    expect(importer.noticeKind).toBe('error');
    expect(importer.notice).toBe('orders.csv: Its one row could not be read (line 2: the date is empty). Nothing changed; check the columns, the date format, the number format and the encoding in the import dialog, and import the file again.');
  });

  it('reads the pending file again in the encoding the person chooses', async () => {
    const latin = new File([Uint8Array.from('Kunde;Datum;Betrag\nMüller;2024-01-02;12,50\n', (c) => c.charCodeAt(0))], 'kunden.csv');
    const service = {
      async inspectCustomerFile(blob: Blob, encoding?: TextEncoding) {
        return { requestId: 1, ok: true, inspection: await inspectCustomerFile(blob, { encoding }) };
      },
    } as unknown as ComputeService;
    const importer = new CustomerImport({} as CustomerData, service);
    await importer.open(latin);
    expect(importer.pending?.inspection).toMatchObject({ encoding: 'windows-1252' });
    expect(importer.pending?.inspection.preview[0][0]).toBe('Müller');
    await importer.chooseEncoding('utf-8');
    expect(importer.pending?.inspection).toMatchObject({ encoding: 'utf-8', encodingNote: '' });
    expect(importer.pending?.inspection.preview[0][0]).toBe('M\ufffdller');
  });
});
