/**
 * A re-purchase report in columns for the trip from the worker to the page: one typed array
 * per figure (transferred, not copied) instead of one object per customer, which for 100,000
 * customers would take the page most of a second to rebuild. unpackRepurchaseReport gives back
 * exactly the report that was packed.
 */
import type { CustomerFigures, RepurchaseReport } from './repurchaseReport.ts';
import { RFM_SEGMENTS } from './rfm.ts';

const NUMBERS = ['orders', 'pAlive', 'expectedOrders', 'clv', 'frequency', 'recency', 'T', 'monetary', 'revenue', 'expectedValue'] as const;

export interface PackedRepurchaseReport {
  report: Omit<RepurchaseReport, 'customers'>;
  customer: string[];
  lastOrder: string[];
  rfm: string[];
  segment: Uint8Array;
  numbers: Record<(typeof NUMBERS)[number], Float64Array>;
}

export function packRepurchaseReport(report: RepurchaseReport): PackedRepurchaseReport {
  const { customers, ...rest } = report;
  const numbers = Object.fromEntries(NUMBERS.map((key) => [key, Float64Array.from(customers, (c) => c[key])])) as PackedRepurchaseReport['numbers'];
  return {
    report: rest, numbers,
    customer: customers.map((c) => c.customer), lastOrder: customers.map((c) => c.lastOrder), rfm: customers.map((c) => c.rfm),
    segment: Uint8Array.from(customers, (c) => RFM_SEGMENTS.indexOf(c.segment)),
  };
}

/** The buffers to transfer with a packed report. */
export function packedBuffers(packed: PackedRepurchaseReport): ArrayBuffer[] {
  return [packed.segment.buffer as ArrayBuffer, ...Object.values(packed.numbers).map((array) => array.buffer as ArrayBuffer)];
}

export function unpackRepurchaseReport(packed: PackedRepurchaseReport): RepurchaseReport {
  const { numbers: n } = packed;
  const customers: CustomerFigures[] = packed.customer.map((customer, i) => ({
    customer, orders: n.orders[i], lastOrder: packed.lastOrder[i], pAlive: n.pAlive[i], expectedOrders: n.expectedOrders[i], clv: n.clv[i],
    frequency: n.frequency[i], recency: n.recency[i], T: n.T[i], monetary: n.monetary[i], revenue: n.revenue[i], expectedValue: n.expectedValue[i],
    rfm: packed.rfm[i], segment: RFM_SEGMENTS[packed.segment[i]],
  }));
  return { ...packed.report, customers };
}
