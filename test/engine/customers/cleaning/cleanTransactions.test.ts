import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanTransactions } from '../../../../src/engine/customers/cleaning/cleanTransactions.ts';
import { DEFAULT_CLEANING_RULES } from '../../../../src/engine/customers/cleaning/cleaningRules.ts';
import { cleaningSentence } from '../../../../src/engine/customers/cleaning/cleaningSentence.ts';
import { customerPurchases } from '../../../../src/engine/customers/cleaning/customerPurchases.ts';
import {
  CANCELLATION, DUPLICATE, LINE_RULES, NEGATIVE_WITHOUT_C, NOT_A_PRODUCT, PURCHASE, UNMATCHED_RETURN, ZERO_VALUE,
} from '../../../../src/engine/customers/cleaning/lineRules.ts';
import { parseCustomerFile, readTransactions } from '../../../../src/engine/csv/index.ts';
import { transactionsReport } from '../../../../src/engine/customers/customerReport.ts';

/** A UCI-shaped file (order lines with a product code and description) from rows of cells. */
function uci(rows: (string | number)[][]): string {
  const header = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';
  return [header, ...rows.map((row) => [...row, 'United Kingdom'].join(','))].join('\n');
}

function clean(text: string) {
  const { table } = readTransactions(parseCustomerFile(text));
  return { table, cleaned: cleanTransactions(table) };
}

const rules = (cleaned: ReturnType<typeof cleanTransactions>) => Array.from(cleaned.lineRule, (code) => LINE_RULES[code]);

describe('cleanTransactions on order lines', () => {
  // Customer 1 orders two products, then cancels 4 of the 10 mugs; customer 2's bulk order is reversed in full.
  const text = uci([
    ['1001', 'MUG', 'RED MUG', 10, '1/3/2011 10:00', 2.5, 'A', 'x'],
    ['1001', 'JAR', 'JAM JAR', 2, '1/3/2011 10:00', 4, 'A'],
    ['C1002', 'MUG', 'RED MUG', -4, '1/5/2011 9:00', 2.5, 'A'],
    ['1003', 'BOX', 'BIG BOX', 5000, '1/6/2011 11:00', 3, 'B'],
    ['C1004', 'BOX', 'BIG BOX', -5000, '1/6/2011 11:12', 3, 'B'],
    ['1005', 'POST', 'POSTAGE', 1, '1/7/2011 12:00', 18, 'A'],
    ['1005', 'MUG', 'RED MUG', 1, '1/7/2011 12:00', 2.5, 'A'],
    ['1005', 'MUG', 'RED MUG', 1, '1/7/2011 12:00', 2.5, 'A'],
    ['1006', '84000', 'check', -12, '1/8/2011 12:00', 0, ''],
    ['1007', 'BAG', 'GIFT BAG', 3, '1/8/2011 13:00', 0, 'B'],
    ['C1008', 'PEN', 'BLUE PEN', -2, '1/9/2011 13:00', 1.5, 'B'],
    ['A1009', 'B', 'Adjust bad debt', 1, '1/9/2011 14:00', -40, ''],
  ].map((row) => row.slice(0, 7)));
  const { cleaned } = clean(text);

  it('decides a rule for every line', () => {
    expect(rules(cleaned)).toEqual([
      'purchase', 'purchase', 'cancellation', 'purchase', 'cancellation', 'not-a-product', 'purchase', 'duplicate',
      'negative-without-c', 'zero-value', 'unmatched-return', 'not-a-product',
    ]);
  });

  it('nets a partial cancellation against the line it cancels only', () => {
    // Order 1001: mugs 25 − 10 cancelled = 15, jars 8 untouched: net 23 of 33.
    const at = cleaned.purchases.id.indexOf('1001');
    expect(cleaned.purchases.gross[at]).toBeCloseTo(33, 9);
    expect(cleaned.purchases.amount[at]).toBeCloseTo(23, 9);
    expect(cleaned.purchases.reversedBy[at]).toEqual(['C1002']);
    expect(cleaned.purchases.reversedAfter[at]).toBe(2 * 1440 - 60);
    expect(Array.from(cleaned.lineNet.slice(0, 2))).toEqual([15, 8]);
  });

  it('takes a fully reversed order out of the purchases and keeps it to be explained', () => {
    expect(cleaned.purchases.id).not.toContain('1003');
    expect(cleaned.reversed.id).toEqual(['1003']);
    expect(cleaned.reversed.gross[0]).toBe(15_000);
    expect(cleaned.reversed.reversedAfter[0]).toBe(12);
    const c = cleaned.cancellations.find((x) => x.id === 'C1004')!;
    expect(c).toMatchObject({ customer: 'B', amount: 15_000, matched: 15_000, reverses: [{ order: '1003', amount: 15_000 }] });
  });

  it('lowers store revenue by a return with no earlier order, without making it an order', () => {
    const c = cleaned.cancellations.find((x) => x.id === 'C1008')!;
    expect(c).toMatchObject({ amount: 3, matched: 0, reverses: [] });
    expect(cleaned.lineNet[10]).toBe(-3);
    expect(cleaned.lineRule[10]).toBe(UNMATCHED_RETURN);
  });

  it('keeps postage, duplicates, corrections and zero-price lines out of orders and totals each rule', () => {
    // Order 1005 keeps one mug (2.50); its postage and the duplicate mug line are out.
    const at = cleaned.purchases.id.indexOf('1005');
    expect(cleaned.purchases.amount[at]).toBe(2.5);
    expect(cleaned.purchases.id).not.toContain('1007'); // only a zero-price line
    const { rules: totals } = cleaned.summary;
    expect(totals['not-a-product']).toEqual({ lines: 2, money: 18 - 40 });
    expect(totals.duplicate).toEqual({ lines: 1, money: 2.5 });
    expect(totals['negative-without-c']).toEqual({ lines: 1, money: 0 });
    expect(totals.cancellation).toEqual({ lines: 2, money: 10 + 15_000 });
    expect(totals['unmatched-return']).toEqual({ lines: 1, money: 3 });
    expect(cleaned.summary).toMatchObject({ cancellationsNetted: 2, ordersReversed: 1, ordersPartlyReversed: 1, cancellationsMarkedWithC: true });
    expect(cleaned.summary.notProductsByCode).toEqual([{ code: 'B', lines: 1, money: -40 }, { code: 'POST', lines: 1, money: 18 }]);
    // Store product revenue is the sum of the net lines: 23 + 2.50 − 3 (the unmatched return).
    expect(cleaned.lineNet.reduce((s, v) => s + v, 0)).toBeCloseTo(22.5, 9);
  });

  it('keeps duplicates when asked to', () => {
    const { table } = clean(text);
    const kept = cleanTransactions(table, { ...DEFAULT_CLEANING_RULES, keepDuplicates: true });
    expect(kept.lineRule[7]).toBe(PURCHASE);
    expect(kept.purchases.amount[kept.purchases.id.indexOf('1005')]).toBe(5);
  });

  it('says what it did in one sentence', () => {
    expect(cleaningSentence(cleaned.summary)).toBe(
      '2 cancellation lines netted against earlier orders (15,010.00; 1 order fully reversed, 1 in part); '
      + '1 return of things bought before the data start (3.00) taken off store revenue only; 1 duplicate line dropped (2.50); '
      + '2 lines that are not products (postage, fees, adjustments) totalled apart (-22.00); '
      + '1 negative line without a C (stock corrections, 0.00) left out; 1 zero-value line left out.',
    );
  });
});

describe('cleanTransactions without product lines', () => {
  it('nets whole orders: the same magnitude first, then an order holding at least as much', () => {
    // Per-invoice shape (no product column). C3 reverses order 2 exactly (not the later, bigger 4);
    // C5 (30) finds no order of 30 and is netted from the latest order holding at least 30 (4: 100 → 70).
    const text = ['InvoiceNo,InvoiceDate,CustomerID,Quantity,UnitPrice',
      '1,2011-01-01 10:00,A,1,50', '2,2011-01-02 10:00,A,1,40', '4,2011-01-02 11:00,A,1,100', 'C3,2011-01-03 10:00,A,-1,40',
      'C5,2011-01-04 10:00,A,-1,30'].join('\n');
    const { cleaned } = clean(text);
    expect(cleaned.reversed.id).toEqual(['2']);
    expect(cleaned.purchases.id).toEqual(['1', '4']);
    expect(Array.from(cleaned.purchases.amount)).toEqual([50, 70]);
    expect(cleaned.purchases.reversedBy).toEqual([[], ['C5']]);
  });

  it('treats negative amounts as cancellations when the file has no C convention, and a free item as a purchase', () => {
    const text = ['customer,date,amount', 'a,2024-01-01,20', 'a,2024-01-03,-20', 'a,2024-01-05,0', 'b,2024-01-02,5'].join('\n');
    const { cleaned } = clean(text);
    expect(Array.from(cleaned.lineRule)).toEqual([PURCHASE, CANCELLATION, PURCHASE, PURCHASE]);
    // a's 20 is reversed; the free item stays an order (CDNOW counts those), of value 0.
    expect(cleaned.purchases.id.length).toBe(2);
    expect(customerPurchases(cleaned)).toEqual({ customer: ['a', 'b'], day: Int32Array.from([19727, 19724]), amount: Float64Array.from([0, 5]) });
  });

  it('never pairs across customers and never pairs a cancellation without a customer', () => {
    const text = ['customer,order,date,amount', 'a,1,2024-01-01,20', 'b,C2,2024-01-02,-20', ',C3,2024-01-02,-20'].join('\n');
    const { cleaned } = clean(text);
    expect(Array.from(cleaned.lineRule)).toEqual([PURCHASE, UNMATCHED_RETURN, UNMATCHED_RETURN]);
    expect(cleaned.reversed.id).toEqual([]);
  });

  it('leaves every code in the table and an empty table empty', () => {
    const empty = cleanTransactions({
      customer: [], order: [], minute: new Float64Array(), amount: new Float64Array(), product: undefined, category: undefined,
      group: undefined, cancellation: new Uint8Array(), line: new Int32Array(),
    });
    expect(empty.purchases.id).toEqual([]);
    expect(cleaningSentence(empty.summary)).toMatch(/^Every line counted/);
    expect([PURCHASE, CANCELLATION, UNMATCHED_RETURN, NOT_A_PRODUCT, ZERO_VALUE, NEGATIVE_WITHOUT_C, DUPLICATE]).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});

describe('the shared Online Retail invoices', () => {
  const text = readFileSync(new URL('../../../fixtures/online_retail_invoices.csv', import.meta.url), 'utf8');
  const read = readTransactions(parseCustomerFile(text));
  const cleaned = cleanTransactions(read.table);

  it('takes the two bulk orders reversed minutes later out of the purchases', () => {
    for (const [order, cancellation, customer, minutes] of [['581483', 'C581484', '16446', 12], ['541431', 'C541433', '12346', 16]] as const) {
      const at = cleaned.reversed.id.indexOf(order);
      expect(at).toBeGreaterThanOrEqual(0);
      expect(cleaned.reversed.customer[at]).toBe(customer);
      expect(cleaned.reversed.reversedBy[at]).toEqual([cancellation]);
      expect(cleaned.reversed.reversedAfter[at]).toBe(minutes);
    }
    // The file has 3,837 cancellation invoices (ids starting with C); each is netted or a return from before the file starts.
    const { rules: totals } = cleaned.summary;
    expect(totals.cancellation.lines + totals['unmatched-return'].lines).toBe(3837);
  });

  it('keeps customers 16446 and 12346 out of the 100 highest lifetime values', () => {
    const report = transactionsReport(read.table, read.badRows, read.table.customer.length);
    if (!report.ok || report.kind !== 'transactions') throw new Error('expected a transactions report');
    const top = [...report.repurchase.customers].sort((x, y) => y.clv - x.clv).slice(0, 100).map((c) => c.customer);
    expect(top).toHaveLength(100);
    expect(top).not.toContain('16446');
    expect(top).not.toContain('12346');
  });
});
