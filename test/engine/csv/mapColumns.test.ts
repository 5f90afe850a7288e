import { describe, expect, it } from 'vitest';
import { mapColumns } from '../../../src/engine/csv/mapColumns.ts';

describe('mapColumns', () => {
  it('maps the UCI Online Retail header by name, ignoring case, spaces and punctuation', () => {
    expect(mapColumns(['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country']))
      .toEqual({ order: 0, product: 1, description: 2, quantity: 3, date: 4, unitPrice: 5, customer: 6 });
    expect(mapColumns([' Customer ID ', 'order_date', 'TOTAL'])).toEqual({ customer: 0, date: 1, amount: 2 });
  });

  it('gives a role to the first column that claims it', () => {
    expect(mapColumns(['customer', 'client', 'date', 'amount', 'revenue'])).toEqual({ customer: 0, date: 2, amount: 3 });
  });

  it('takes an event log\'s "date" for its timestamp when there are a case and an activity', () => {
    expect(mapColumns(['case', 'activity', 'date'])).toEqual({ case: 0, activity: 1, timestamp: 2 });
    expect(mapColumns(['case:concept:name', 'concept:name', 'time:timestamp'])).toEqual({ case: 0, activity: 1, timestamp: 2 });
  });

  it('maps a customer summary\'s x, t_x, T and monetary value', () => {
    expect(mapColumns(['customer', 'frequency', 'recency', 'T', 'monetary_value'])).toEqual({ customer: 0, frequency: 1, recency: 2, age: 3, monetary: 4 });
  });
});
