import { describe, expect, it } from 'vitest';
import { countLineBreaks, parseCustomerFile } from '../../../src/engine/csv/parseCustomerFile.ts';
import { readTransactions } from '../../../src/engine/csv/readTransactions.ts';
import { cleanTransactions } from '../../../src/engine/customers/cleaning/cleanTransactions.ts';
import { computeKpis } from '../../../src/engine/customers/computeKpis.ts';
import { csv } from '../../fixtures/customerCsv.ts';

function analyse(text: string) {
  const file = parseCustomerFile(text);
  const read = readTransactions(file);
  const cleaned = cleanTransactions(read.table);
  return { file, read, cleaned, orders: cleaned.purchases, kpis: computeKpis(cleaned) };
}

describe('reading customer files', () => {
  it('detects the UCI Online Retail shape, sums order lines and keeps a discount line out of the orders', () => {
    const text = csv(['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'], [
      ['536365', '85123A', 'HEART', 6, '12/1/2010 8:26', 2.55, 17850, 'United Kingdom'],
      ['536365', '71053', 'LANTERN', 6, '12/1/2010 8:26', 3.39, 17850, 'United Kingdom'],
      ['C536379', 'D', 'Discount', -1, '12/1/2010 9:41', 27.5, 14527, 'United Kingdom'],
      ['536380', '22961', 'JAM', 24, '12/1/2010 9:41', 0.85, '', 'United Kingdom'],
    ]);
    const { file, read, orders, kpis, cleaned } = analyse(text);
    expect(file.kind).toBe('transactions');
    expect(read.dateFormat).toBe('mdy');
    expect(orders.id).toEqual(['536365', '536380']);
    expect(orders.amount[0]).toBeCloseTo(6 * 2.55 + 6 * 3.39, 9);
    // StockCode D is a discount: not a product, totalled apart, never a cancellation of an order.
    expect(cleaned.summary.rules['not-a-product']).toEqual({ lines: 1, money: -27.5 });
    expect(kpis).toMatchObject({ customers: 1, orders: 2, ordersWithoutCustomer: 1, notProductRevenue: -27.5 });
    expect(kpis.revenue).toBeCloseTo(6 * 2.55 + 6 * 3.39 + 24 * 0.85, 9);
  });

  it('reads the CDNOW shape with or without a header, whitespace separated too', () => {
    const withHeader = parseCustomerFile('customer_id,date,cds,amount\n00004,19970101,2,29.33\n');
    expect(withHeader.kind).toBe('transactions');
    const raw = parseCustomerFile('00001 19970101 1 11.77\n00002 19970112 1 12.00\n');
    expect(raw.kind).toBe('transactions');
    expect(raw.hasHeader).toBe(false);
    expect(readTransactions(raw).table.amount[1]).toBe(12);
  });

  it('recognises event logs and customer summaries by their headers', () => {
    expect(parseCustomerFile('case:concept:name,concept:name,time:timestamp\n1,Ad,2024-01-01\n').kind).toBe('event-log');
    expect(parseCustomerFile('customer,frequency,recency,T,monetary_value\na,1,2,3,4\n').kind).toBe('customer-summary');
  });
});

describe('parseCustomerFile', () => {
  it('finds the header and the delimiter, and skips a byte-order mark', () => {
    const file = parseCustomerFile('\ufeffcustomer;date;amount\r\na;2024-01-01;10\r\nb;2024-01-02;20\r\n');
    expect(file).toMatchObject({ kind: 'transactions', header: ['customer', 'date', 'amount'], hasHeader: true, delimiter: ';', mapping: { customer: 0, date: 1, amount: 2 } });
    expect(file.rows).toEqual([['a', '2024-01-01', '10'], ['b', '2024-01-02', '20']]);
  });

  it('keeps the file line of every row, past empty lines and quoted line breaks', () => {
    // Line 1 header, 2 a, 3 empty, 4–5 b (a quoted cell across two lines), 6 c.
    const file = parseCustomerFile('customer,date,amount,note\na,2024-01-01,10,x\n\nb,2024-01-02,20,"two\nlines"\nc,2024-01-03,30,y\n');
    expect(file.rows.map((row) => row[0])).toEqual(['a', 'b', 'c']);
    expect(file.lines).toEqual([2, 4, 6]);
  });

  it('names the columns of a headerless CDNOW file by position and maps them from their cells', () => {
    const file = parseCustomerFile('00001 19970101 1 11.77\n');
    expect(file.header).toEqual(['Column 1', 'Column 2', 'Column 3', 'Column 4']);
    expect(file.mapping).toEqual({ customer: 0, date: 1, quantity: 2, amount: 3 });
    expect(file.firstRow).toEqual(['00001', '19970101', '1', '11.77']);
    expect(file.delimiter).toBe(' ');
    expect(file.rows).toEqual([['00001', '19970101', '1', '11.77']]);
    expect(file.lines).toEqual([1]);
  });

  it('says an empty file is of no known kind', () => {
    expect(parseCustomerFile('')).toMatchObject({ kind: 'unknown', rows: [] });
  });
});

describe('countLineBreaks', () => {
  it('counts each LF (a CRLF once) inside a row\'s cells, and no lone CR', () => {
    expect(countLineBreaks(['a', 'b'])).toBe(0);
    expect(countLineBreaks(['one\ntwo', 'x\r\ny\nz'])).toBe(3);
    expect(countLineBreaks(['end\r'])).toBe(0);
  });
});
