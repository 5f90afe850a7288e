import { describe, expect, it } from 'vitest';
import type { Inspection } from '../../src/engine/csv/index.ts';
import { routeFile } from '../../src/state/dropRouter.ts';
import type { OpenWorkbook } from '../../src/state/dropRouter.ts';
import { buildXlsx } from '../fixtures/xlsx.ts';

async function route(file: File) {
  const went: { target: string; file?: File; text?: string; inspection?: Inspection; workbook?: OpenWorkbook; message?: string }[] = [];
  const kind = await routeFile(file, {
    scenarios: (text) => { went.push({ target: 'scenarios', text }); },
    journey: (_name, text) => { went.push({ target: 'journey', text }); },
    customers: (chosen, inspection, workbook) => { went.push({ target: 'customers', file: chosen, inspection, workbook }); },
    refuse: (message) => { went.push({ target: 'refuse', message }); },
  });
  expect(went).toHaveLength(1);
  return { kind, ...went[0] };
}

const xlsx = (name: string, bytes: Uint8Array<ArrayBuffer>) => new File([bytes], name);

describe('the drop router with an Excel workbook', () => {
  it('sends the first sheet with data on as CSV, with the sheets to choose from', async () => {
    const bytes = buildXlsx([
      { name: 'Empty', rows: [] },
      { name: 'Orders', rows: [['customer', 'date', 'amount'], ['a', { date: 45292 }, 12.5], ['b', { date: 45293 }, 20]] },
      { name: 'Summary', rows: [['customer', 'frequency', 'recency', 'T'], ['a', 1, 2, 3]] },
    ]);
    const went = await route(xlsx('shop.xlsx', bytes));
    expect(went.kind).toBe('customers');
    expect(went.inspection).toMatchObject({ kind: 'transactions', hasHeader: true, header: ['customer', 'date', 'amount'], dateFormat: 'iso', mapping: { customer: 0, date: 1, amount: 2 } });
    expect(went.inspection!.preview).toEqual([['a', '2024-01-01', '12.5'], ['b', '2024-01-02', '20']]);
    expect(went.workbook).toMatchObject({ name: 'shop.xlsx', sheetNames: ['Empty', 'Orders', 'Summary'], sheet: 'Orders' });
    // Another sheet, as CSV text of its own.
    expect(await went.workbook!.fileFor('Summary')!.text()).toBe('customer,frequency,recency,T\na,1,2,3\n');
    expect(went.workbook!.fileFor('Nope')).toBeUndefined();
  });

  it('opens a journey kept in a workbook in the journey preview', async () => {
    const bytes = buildXlsx([{ name: 'Journey', rows: [['id', 'name', 'stage', 'optimistic', 'most_likely', 'pessimistic', 'depends_on'], ['A', 'Ad', 'awareness', 1, 2, 3, null]] }]);
    expect(await route(xlsx('plan.xlsx', bytes))).toMatchObject({ kind: 'journey', text: 'id,name,stage,optimistic,most_likely,pessimistic,depends_on\nA,Ad,awareness,1,2,3,\n' });
  });

  it('refuses a file named .xlsx that is not a workbook, with a sentence', async () => {
    const went = await route(xlsx('fake.xlsx', new TextEncoder().encode('customer,date\n')));
    expect(went.kind).toBe('refused');
    expect(went.message).toMatch(/^fake\.xlsx: This is not an Excel workbook \(\.xlsx\) Waypoint can read\./);
  });
});
