import { describe, expect, it } from 'vitest';
import { customersToCsv, rowsToCsv } from '../../../src/engine/csv/rowsToCsv.ts';

describe('customer CSV exports', () => {
  it('writes ids that look like formulas as text and numbers as numbers', () => {
    const csv = rowsToCsv([{ id: '=HYPERLINK("http://x")', value: -3.14159 }, { id: '@SUM(A1)', value: NaN }], [
      { header: 'customer', value: (r) => r.id }, { header: 'value', value: (r) => r.value },
    ], 2);
    expect(csv).toBe('customer,value\r\n"\'=HYPERLINK(""http://x"")",-3.14\r\n\'@SUM(A1),\r\n');
  });

  it('puts the customer id first, then segment and figures', () => {
    const csv = customersToCsv([{
      customer: 'C1', orders: 3, lastOrder: '2024-02-01', pAlive: 0.5, expectedOrders: 1.25, clv: 12.5,
      frequency: 2, recency: 4, T: 10, monetary: 20, revenue: 60, rfm: '555', segment: 'Champions',
    }]);
    const [header, line] = csv.split('\r\n');
    expect(header).toBe('customer,segment,rfm,orders,last_order,revenue,frequency,recency,T,monetary_value,p_alive,expected_orders,clv');
    expect(line).toBe('C1,Champions,555,3,2024-02-01,60,2,4,10,20,0.5,1.25,12.5');
  });
});

describe('rowsToCsv', () => {
  it('quotes cells with commas, quotes or line breaks (RFC 4180), and ends every line with CRLF', () => {
    const csv = rowsToCsv([{ name: 'Smith, Jo', note: 'said "hi"\nthen left' }], [
      { header: 'name', value: (r) => r.name }, { header: 'note', value: (r) => r.note },
    ]);
    expect(csv).toBe('name,note\r\n"Smith, Jo","said ""hi""\nthen left"\r\n');
  });

  it('keeps up to four decimals by default without trailing zeros, and leaves infinities empty', () => {
    const csv = rowsToCsv([{ x: 1 / 3 }, { x: 2.5 }, { x: Infinity }, { x: 0 }], [{ header: 'x', value: (r) => r.x }]);
    expect(csv).toBe('x\r\n0.3333\r\n2.5\r\n\r\n0\r\n');
  });

  it('neutralises a header that looks like a formula', () => {
    expect(rowsToCsv([{ x: 1 }], [{ header: '=total', value: (r) => r.x }])).toBe("'=total\r\n1\r\n");
  });
});
