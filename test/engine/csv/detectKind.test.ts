import { describe, expect, it } from 'vitest';
import { detectKind } from '../../../src/engine/csv/detectKind.ts';
import { mapColumns } from '../../../src/engine/csv/mapColumns.ts';

const kindOf = (header: string[]) => detectKind(mapColumns(header));

describe('detectKind', () => {
  it('knows transactions by a customer, a date and an amount, or a quantity and a unit price', () => {
    expect(kindOf(['customer', 'date', 'amount'])).toBe('transactions');
    expect(kindOf(['CustomerID', 'InvoiceDate', 'Quantity', 'UnitPrice'])).toBe('transactions');
    expect(kindOf(['CustomerID', 'InvoiceDate', 'Quantity'])).toBe('unknown');
  });

  it('knows event logs and customer summaries (a journey\'s header is the journey wing\'s to know: isJourneyHeader)', () => {
    expect(kindOf(['case', 'activity', 'timestamp'])).toBe('event-log');
    expect(kindOf(['customer', 'frequency', 'recency', 'T'])).toBe('customer-summary');
  });

  it('calls anything else unknown', () => {
    expect(kindOf(['a', 'b'])).toBe('unknown');
    expect(kindOf([])).toBe('unknown');
  });
});
