import { describe, expect, it } from 'vitest';
import { parseCustomerFile } from '../../../src/engine/csv/parseCustomerFile.ts';
import { readCustomerSummary, summaryReader } from '../../../src/engine/csv/readCustomerSummary.ts';

describe('readCustomerSummary', () => {
  // Line 1 the header; 2–3 good; 4 no customer; 5 not numbers; 6 recency past T; 7 an empty line;
  // 8 a recency without repeats; 9 good, with a monetary value written with a thousands separator.
  const text = [
    'customer,frequency,recency,T,monetary_value',
    'a,0,0,38,0', 'b,2,30.5,38,12.5', ',1,2,3,4', 'c,x,1,2,3', 'd,1,40,38,5', '', 'e,0,3,38,0', 'f,1,3,38,"1,250.00"',
  ].join('\n');
  const { summary, badRows } = readCustomerSummary(parseCustomerFile(text));

  it('keeps the good rows as columns of x, t_x, T and the average repeat value', () => {
    expect(summary.ids).toEqual(['a', 'b', 'f']);
    expect(Array.from(summary.frequency)).toEqual([0, 2, 1]);
    expect(Array.from(summary.recency)).toEqual([0, 30.5, 3]);
    expect(Array.from(summary.age)).toEqual([38, 38, 38]);
    expect(Array.from(summary.monetary)).toEqual([0, 12.5, 1250]);
    expect(summary).not.toHaveProperty('line');
  });

  it('reports every row it cannot use by its line in the file and why', () => {
    expect(badRows).toEqual([
      { line: 4, reason: 'the customer id is empty' },
      { line: 5, reason: 'frequency, recency, T and monetary value must be numbers' },
      { line: 6, reason: 'needs 0 ≤ frequency, 0 ≤ recency ≤ T and recency 0 when frequency is 0 (got 1, 40, 38)' },
      { line: 8, reason: 'needs 0 ≤ frequency, 0 ≤ recency ≤ T and recency 0 when frequency is 0 (got 0, 3, 38)' },
    ]);
  });

  it('takes a monetary value of 0 when the file has no such column', () => {
    const { summary: noMoney, badRows: none } = readCustomerSummary(parseCustomerFile('customer,frequency,recency,T\na,1,2,3\n'));
    expect(none).toEqual([]);
    expect(Array.from(noMoney.monetary)).toEqual([0]);
  });
});

describe('summaryReader', () => {
  it('reads rows handed to it in pieces as the whole-file reader does, keeping each customer\'s line', () => {
    const reader = summaryReader({ customer: 0, frequency: 1, recency: 2, age: 3, monetary: 4 });
    reader.add(['a', '1', '2', '3', '4'], 10);
    reader.add([' b ', '0', '0', '5', ''], 11);
    const { table, badRows } = reader.finish();
    expect(badRows).toEqual([{ line: 11, reason: 'frequency, recency, T and monetary value must be numbers' }]);
    expect(table.ids).toEqual(['a']);
    expect(Array.from(table.line)).toEqual([10]);
  });
});
