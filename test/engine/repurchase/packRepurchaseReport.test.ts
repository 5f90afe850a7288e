import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { customerReport } from '../../../src/engine/customers/customerReport.ts';
import { packedBuffers, packRepurchaseReport, unpackRepurchaseReport } from '../../../src/engine/repurchase/packRepurchaseReport.ts';
import { DEFAULT_REPURCHASE_SETTINGS, repurchaseReport } from '../../../src/engine/repurchase/repurchaseReport.ts';

describe('the report in columns, for the trip from the worker', () => {
  it('unpacks to exactly the report that was packed', async () => {
    const text = readFileSync(new URL('../../fixtures/cdnow_sample.csv', import.meta.url), 'utf8');
    const report = customerReport(text);
    if (!report.ok || report.kind !== 'transactions') throw new Error('must read');
    const packed = packRepurchaseReport(report.repurchase);
    expect(packedBuffers(packed)).toHaveLength(11);
    expect(unpackRepurchaseReport(structuredClone(packed))).toEqual(report.repurchase);
  });
});

describe('packRepurchaseReport', () => {
  // Two customers of three bought twice; c's figures are NaN-free, a segment name per customer.
  const orders = { customer: ['a', 'a', 'b', 'b', 'c'], day: Int32Array.of(0, 30, 5, 60, 10), amount: Float64Array.of(10, 20, 5, 8, 30) };
  const report = repurchaseReport({ kind: 'transactions', transactions: orders }, DEFAULT_REPURCHASE_SETTINGS);
  if (!report.ok) throw new Error(report.message);

  it('holds one typed array per figure and the report without its customer objects', () => {
    const packed = packRepurchaseReport(report);
    expect(packed.report).not.toHaveProperty('customers');
    expect(packed.customer).toEqual(report.customers.map((c) => c.customer));
    expect(Array.from(packed.numbers.clv)).toEqual(report.customers.map((c) => c.clv));
    expect(packed.segment).toBeInstanceOf(Uint8Array);
    expect(new Set(packedBuffers(packed)).size).toBe(packedBuffers(packed).length);
  });

  it('gives back NaN figures as NaN, and the same report after a structured clone', () => {
    const failed = repurchaseReport({ kind: 'transactions', transactions: { customer: ['x'], day: Int32Array.of(0), amount: Float64Array.of(5) } }, DEFAULT_REPURCHASE_SETTINGS);
    if (!failed.ok) throw new Error(failed.message);
    const back = unpackRepurchaseReport(structuredClone(packRepurchaseReport(failed)));
    expect(back).toEqual(failed);
    expect(back.customers[0].clv).toBeNaN();
    expect(unpackRepurchaseReport(structuredClone(packRepurchaseReport(report)))).toEqual(report);
  });
});
