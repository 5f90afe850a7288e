import { describe, expect, it } from 'vitest';
import { customerOrders, datasetEnd } from '../../../src/engine/customers/customerTimeline.ts';
import { cleanTransactions } from '../../../src/engine/customers/index.ts';
import { encodeTransactions } from '../../../src/engine/csv/dataset.ts';
import { purchaseGaps, timelineLayout } from '../../../src/ui/customers/timelineLayout.ts';

const DAY = 1440;
const start = Date.UTC(2024, 0, 1) / 60_000;

/** A weekly buyer: 8 orders of 40 one week apart, a bulk order of 4,000 on day 24 reversed the same day. */
function weeklyBuyer() {
  const customer: string[] = [];
  const order: string[] = [];
  const minute: number[] = [];
  const amount: number[] = [];
  const cancellation: number[] = [];
  const add = (c: string, o: string, m: number, a: number, cancelled = 0) => { customer.push(c); order.push(o); minute.push(m); amount.push(a); cancellation.push(cancelled); };
  for (let w = 0; w < 8; w++) { add('A', `W${w}`, start + 7 * w * DAY, 25); add('A', `W${w}`, start + 7 * w * DAY, 15); }
  add('A', 'BIG', start + 24 * DAY, 4000);
  add('A', 'CBIG', start + 24 * DAY + 30, -4000, 1);
  add('B', 'OTHER', start + 60 * DAY, 10);
  const table = {
    customer, order, minute: Float64Array.from(minute), amount: Float64Array.from(amount), product: undefined, category: undefined, group: undefined,
    cancellation: Uint8Array.from(cancellation), line: Int32Array.from(customer, (_, i) => i + 2),
  };
  return { dataset: encodeTransactions(table, [], customer.length), cleaning: cleanTransactions(table) };
}

describe('customerOrders', () => {
  it('sums a customer\'s order lines per order, in time order, with cancellations and the order they reversed marked', () => {
    const { dataset, cleaning } = weeklyBuyer();
    const orders = customerOrders(dataset, 'A', cleaning);
    expect(orders.map((o) => o.id)).toEqual(['W0', 'W1', 'W2', 'W3', 'BIG', 'CBIG', 'W4', 'W5', 'W6', 'W7']);
    expect(orders[0]).toEqual({ id: 'W0', minute: start, amount: 40, gross: 40, cancelled: false, reversed: false });
    expect(orders[4]).toMatchObject({ id: 'BIG', amount: 0, gross: 4000, reversed: true });
    expect(orders[5].cancelled).toBe(true);
    expect(customerOrders(dataset, 'nobody', cleaning)).toEqual([]);
  });
});

describe('timelineLayout', () => {
  const { dataset, cleaning } = weeklyBuyer();
  const orders = customerOrders(dataset, 'A', cleaning);

  it('counts gaps between purchase days, leaving cancellations and the order they reversed out', () => {
    // Purchase days 0, 7, 14, 21, 28, 35, 42, 49 (BIG on day 24 was reversed): every gap 7.
    expect(purchaseGaps(orders)).toEqual([7, 7, 7, 7, 7, 7, 7]);
  });

  it('places marks in time order, highlights the anomaly and its related order, and shades the usual gap after the order before it', () => {
    const layout = timelineLayout(orders, { kind: 'reversal', order: 'BIG', related: 'CBIG' }, datasetEnd(dataset), 800);
    const xs = layout.marks.map((m) => m.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(layout.marks.filter((m) => m.highlighted).map((m) => m.id)).toEqual(['BIG']);
    expect(layout.marks.filter((m) => m.related).map((m) => m.id)).toEqual(['CBIG']);
    // The bulk order sits far above the 40s (log scale: higher value, smaller y).
    expect(layout.marks[4].y).toBeLessThan(layout.marks[0].y - 50);
    // Every gap is 7, so both quartiles are 7: the band starts 7 days after W3 (the order before BIG) and has no width.
    const pxPerDay = (layout.marks[1].x - layout.marks[0].x) / 7;
    expect(layout.band!.x0).toBeCloseTo(layout.marks[3].x + 7 * pxPerDay, 6);
    expect(layout.band!.x1 - layout.band!.x0).toBeCloseTo(0, 6);
    expect(layout.band!.label).toBe('usual gap 7 days');
    // The reversed bulk order is drawn at the value it was placed for, and says it was reversed.
    expect(layout.marks[4]).toMatchObject({ reversed: true, label: 'BIG: 4,000.00 on 2024-01-25 00:00, reversed' });
    expect(layout.endX).toBeGreaterThan(layout.marks[9].x); // customer B's order on day 60 ends the data
  });

  it('anchors an overdue customer\'s band at their last order', () => {
    const layout = timelineLayout(orders, { kind: 'overdue', order: 'W7', related: '' }, datasetEnd(dataset), 800);
    const last = layout.marks.find((m) => m.id === 'W7')!;
    const pxPerDay = (layout.marks[1].x - layout.marks[0].x) / 7;
    expect(layout.band!.x0).toBeCloseTo(last.x + 7 * pxPerDay, 6);
    expect(layout.marks.every((m) => Number.isFinite(m.x) && Number.isFinite(m.y))).toBe(true);
  });
});
