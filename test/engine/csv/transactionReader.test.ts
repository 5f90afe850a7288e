import { describe, expect, it } from 'vitest';
import { parseCustomerFile } from '../../../src/engine/csv/parseCustomerFile.ts';
import { readTransactions } from '../../../src/engine/csv/readTransactions.ts';
import { transactionReader } from '../../../src/engine/csv/transactionReader.ts';
import { csv } from '../../fixtures/customerCsv.ts';

const analyse = (text: string) => ({ read: readTransactions(parseCustomerFile(text)) });

describe('reading customer files', () => {
  it('treats empty, (blank), NA and null customer ids as missing', () => {
    const { read } = analyse(csv(['customer', 'date', 'amount'], [['(blank)', '2024-01-01', 5], ['NA', '2024-01-01', 5], ['null', '2024-01-01', 5], ['a', '2024-01-01', 5]]));
    expect(read.table.customer).toEqual(['', '', '', 'a']);
  });
});

describe('transactionReader', () => {
  it('multiplies quantity by unit price when there is no amount column, and marks cancellations', () => {
    const reader = transactionReader({ order: 0, quantity: 1, date: 2, unitPrice: 3, customer: 4 }, 'iso');
    reader.add(['1001', '6', '2024-01-01 10:00', '2.55', 'A'], 2);
    reader.add(['C1002', '-2', '2024-01-02 09:00', '2.55', 'A'], 3);
    reader.add(['1003', '3', '2024-01-03', '0', ''], 4);
    const { table, badRows } = reader.finish();
    expect(badRows).toEqual([]);
    expect(table.customer).toEqual(['A', 'A', '']);
    expect(Array.from(table.amount)).toEqual([6 * 2.55, -2 * 2.55, 0]);
    expect(table.amountFromPrice).toBe(true);
    expect(Array.from(table.cancellation)).toEqual([0, 1, 0]);
    expect(Array.from(table.line)).toEqual([2, 3, 4]);
    expect(table.minute[0]).toBe(Date.UTC(2024, 0, 1, 10) / 60_000);
    expect(table.product).toBeUndefined();
  });

  it('keeps the optional columns the mapping names', () => {
    const reader = transactionReader({ customer: 0, date: 1, amount: 2, product: 3, description: 4, category: 5, group: 6 }, 'iso');
    reader.add(['a', '2024-01-01', '5', 'P1', 'Red mug', 'Kitchen', 'B'], 2);
    const { table } = reader.finish();
    expect(table).toMatchObject({ product: ['P1'], description: ['Red mug'], category: ['Kitchen'], group: ['B'], amountFromPrice: false });
  });

  it('reports each row it cannot read, with the reason, and keeps none of it', () => {
    const reader = transactionReader({ customer: 0, date: 1, quantity: 2, unitPrice: 3 }, 'iso');
    reader.add(['a', '', '1', '2'], 2);
    reader.add(['a', '2024-01-01', 'x', '2'], 3);
    reader.add(['a', '2024-01-01', '1', 'y'], 4);
    const { table, badRows } = reader.finish();
    expect(table.customer).toEqual([]);
    expect(badRows).toEqual([
      { line: 2, reason: 'the date is empty' },
      { line: 3, reason: 'quantity "x" is not a number' },
      { line: 4, reason: 'unit price "y" is not a number' },
    ]);
    const undated = transactionReader({ customer: 0, amount: 1 }, undefined);
    undated.add(['a', '5'], 2);
    expect(undated.finish().badRows).toEqual([{ line: 2, reason: 'no readable date column' }]);
  });
});
