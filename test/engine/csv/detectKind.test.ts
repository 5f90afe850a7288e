import { describe, expect, it } from 'vitest';
import { detectKind } from '../../../src/engine/csv/detectKind.ts';
import { mapColumns } from '../../../src/engine/csv/mapColumns.ts';

const kindOf = (header: string[]) => detectKind(header, mapColumns(header));

describe('detectKind', () => {
  it('knows transactions by a customer, a date and an amount, or a quantity and a unit price', () => {
    expect(kindOf(['customer', 'date', 'amount'])).toBe('transactions');
    expect(kindOf(['CustomerID', 'InvoiceDate', 'Quantity', 'UnitPrice'])).toBe('transactions');
    expect(kindOf(['CustomerID', 'InvoiceDate', 'Quantity'])).toBe('unknown');
  });

  it('knows event logs, customer summaries and journeys', () => {
    expect(kindOf(['case', 'activity', 'timestamp'])).toBe('event-log');
    expect(kindOf(['customer', 'frequency', 'recency', 'T'])).toBe('customer-summary');
    expect(kindOf(['id', 'name', 'optimistic', 'most_likely', 'pessimistic'])).toBe('journey');
  });

  it('calls anything else unknown', () => {
    expect(kindOf(['a', 'b'])).toBe('unknown');
    expect(kindOf([])).toBe('unknown');
  });
});
