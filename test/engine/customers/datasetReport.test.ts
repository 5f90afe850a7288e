import { describe, expect, it } from 'vitest';
import { encodeTransactions, readCustomerFile } from '../../../src/engine/csv/index.ts';
import { datasetReport, readFileDataset, readFileReport } from '../../../src/engine/customers/datasetReport.ts';
import { transactionsReport } from '../../../src/engine/customers/customerReport.ts';
import type { CustomerReport } from '../../../src/engine/customers/customerReport.ts';

/** 12 customers ordering weekly for 6 weeks, and one broken row. */
function transactionsText(): string {
  const rows = ['customer,order,date,amount'];
  for (let c = 0; c < 12; c++) for (let w = 0; w < 6; w++) rows.push(`C${c},O${c}-${w},2024-01-${String(1 + 7 * (w % 4) + (c % 3)).padStart(2, '0')} 10:00,${20 + c + w}`);
  rows.push('C0,X,not a date,5');
  return rows.join('\n');
}

/** A report with the re-purchase fit's running time left out (the one figure that differs between two runs). */
function untimed(report: CustomerReport): CustomerReport {
  return report.ok && 'repurchase' in report ? { ...report, repurchase: { ...report.repurchase, seconds: 0 } } : report;
}

const plan = { kind: 'transactions' as const, mapping: { customer: 0, order: 1, date: 2, amount: 3 }, dateFormat: 'iso' as const, delimiter: ',', hasHeader: true };

describe('readFileReport', () => {
  it('gives a file just read the same report as the whole-file path, bad rows included', async () => {
    const read = await readCustomerFile(transactionsText(), plan);
    if (read.kind !== 'transactions') throw new Error(read.kind);
    const report = readFileReport(read);
    expect(untimed(report)).toEqual(untimed(transactionsReport(read.table, read.badRows, read.rows)));
    if (!report.ok || report.kind !== 'transactions') throw new Error('expected a transactions report');
    expect(report.badRows).toEqual([{ line: 74, reason: 'date "not a date" is not a date' }]);
    expect(report.rows).toBe(73);
  });

  it('says so in a sentence when an event log has no readable row', async () => {
    const read = await readCustomerFile('case,activity,timestamp\n1,Ad,soon\n', { ...plan, kind: 'event-log', mapping: { case: 0, activity: 1, timestamp: 2 } });
    expect(readFileReport(read)).toEqual({ ok: false, message: 'Its one row could not be read (line 2: timestamp "soon" is not a date).' });
  });
});

describe('datasetReport', () => {
  it('reports stored columns as the file they came from, without reading the text again', async () => {
    const read = await readCustomerFile(transactionsText(), plan);
    const dataset = readFileDataset(read);
    expect(dataset.kind).toBe('transactions');
    if (read.kind !== 'transactions') throw new Error(read.kind);
    expect(dataset).toEqual(encodeTransactions(read.table, read.badRows, read.rows, read.reading));
    expect(untimed(datasetReport(structuredClone(dataset)))).toEqual(untimed(readFileReport(read)));
  });

  it('analyses an event log\'s stored columns as an event log', async () => {
    const read = await readCustomerFile('case,activity,timestamp\n1,Ad,2024-01-01\n1,Buy,2024-01-03\n', { ...plan, kind: 'event-log', mapping: { case: 0, activity: 1, timestamp: 2 } });
    const report = datasetReport(readFileDataset(read));
    if (!report.ok || report.kind !== 'event-log') throw new Error('expected an event-log report');
    expect(report.eventLog.transitions.map((t) => [t.from, t.to, t.median])).toEqual([['Ad', 'Buy', 2]]);
  });
});
