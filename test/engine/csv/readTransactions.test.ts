import { describe, expect, it } from 'vitest';
import { parseCustomerFile } from '../../../src/engine/csv/parseCustomerFile.ts';
import { readTransactions } from '../../../src/engine/csv/readTransactions.ts';

const analyse = (text: string, options?: Parameters<typeof readTransactions>[1]) => ({ read: readTransactions(parseCustomerFile(text), options) });

describe('reading customer files', () => {
  it('reports broken rows by line number and keeps the good ones', () => {
    const { read } = analyse('customer,date,amount\na,2024-01-01,10\nb,yesterday,10\nc,2024-01-03,ten\n\nd,2024-01-04,4\n');
    expect(read.table.customer).toEqual(['a', 'd']);
    expect(read.badRows).toEqual([
      { line: 3, reason: 'date "yesterday" is not a date' },
      { line: 4, reason: 'amount "ten" is not a number' },
    ]);
  });
});

describe('readTransactions', () => {
  it('finds the date format from the rows, and says when it could be either way round', () => {
    expect(analyse('customer,date,amount\na,13/1/2024,5\n').read).toMatchObject({ dateFormat: 'dmy', ambiguousDates: false });
    const both = analyse('customer,date,amount\na,1/2/2024,5\nb,3/4/2024,6\n').read;
    expect(both).toMatchObject({ dateFormat: 'mdy', ambiguousDates: true });
    // 1/2/2024 read month-first: 2 January.
    expect(both.table.minute[0]).toBe(Date.UTC(2024, 0, 2) / 60_000);
  });

  it('takes the date format and the mapping a person chose', () => {
    const { read: chosen } = analyse('customer,date,amount\na,1/2/2024,5\n', { dateFormat: 'dmy' });
    expect(chosen).toMatchObject({ dateFormat: 'dmy', ambiguousDates: false });
    expect(chosen.table.minute[0]).toBe(Date.UTC(2024, 1, 1) / 60_000);
    // The "total" column in place of "amount".
    const { read: mapped } = analyse('customer,date,amount,total\na,2024-01-01,5,7\n', { mapping: { customer: 0, date: 1, amount: 3 } });
    expect(Array.from(mapped.table.amount)).toEqual([7]);
  });
});
