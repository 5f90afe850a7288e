import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Inspection } from '../../src/engine/csv/index.ts';
import { routeFile } from '../../src/state/dropRouter.ts';
import { cdnowParquet } from '../fixtures/parquet.ts';

/** Routes `file` and records where it went. */
async function route(file: File) {
  const went: { target: string; text?: string; inspection?: Inspection; message?: string }[] = [];
  const kind = await routeFile(file, {
    scenarios: (text) => { went.push({ target: 'scenarios', text }); },
    journey: (_name, text) => { went.push({ target: 'journey', text }); },
    customers: (_file, inspection) => { went.push({ target: 'customers', inspection }); },
    refuse: (message) => { went.push({ target: 'refuse', message }); },
  });
  expect(went).toHaveLength(1);
  expect(went[0].target).toBe(kind === 'refused' ? 'refuse' : kind);
  return { kind, ...went[0] };
}

const csv = (name: string, text: string) => new File([text], name, { type: 'text/csv' });

describe('the drop router', () => {
  it('sends a Parquet file to the Customers section, whatever its name, and refuses one cut short with the reason', async () => {
    const { bytes } = await cdnowParquet();
    const parquet = await route(new File([bytes], 'orders.bin'));
    expect(parquet).toMatchObject({ kind: 'customers', inspection: { kind: 'transactions', format: 'parquet', header: ['customer_id', 'date', 'cds', 'amount'] } });
    const cut = await route(new File([bytes.subarray(0, bytes.length - 50)], 'cut.parquet'));
    expect(cut.kind).toBe('refused');
    expect(cut.message).toMatch(/^cut\.parquet: This is not a Parquet file Waypoint can read .* Nothing was imported; your notebook is unchanged\.$/);
  });

  it('opens a journey CSV in the preview, as the journey wing recognises its header', async () => {
    const text = readFileSync(new URL('../../examples/reliable-construction.csv', import.meta.url), 'utf8');
    expect(await route(csv('reliable-construction.csv', text))).toMatchObject({ kind: 'journey', text });
    // The header alone says journey, whatever else the file holds.
    expect((await route(csv('j.csv', 'id,name,stage,optimistic,most_likely,pessimistic,depends_on\n'))).kind).toBe('journey');
  });

  it('sends transactions, event logs and customer summaries to the Customers section with the inspection of their head', async () => {
    const transactions = await route(csv('orders.csv', 'customer,date,amount\nC1,2024-01-02,12.50\nC2,2024-01-03,8\n'));
    expect(transactions).toMatchObject({ kind: 'customers', inspection: { kind: 'transactions', header: ['customer', 'date', 'amount'] } });
    const eventLog = await route(csv('log.csv', 'case:concept:name,concept:name,time:timestamp\n1,Ad,2024-01-01\n'));
    expect(eventLog.inspection?.kind).toBe('event-log');
    const summary = await route(csv('summary.csv', 'customer,frequency,recency,T,monetary_value\na,1,2,3,4\n'));
    expect(summary.inspection?.kind).toBe('customer-summary');
    // The CDNOW shape has no header at all.
    const cdnow = await route(csv('cdnow.txt', '00001 19970101 1 11.77\n00002 19970112 1 12.00\n'));
    expect(cdnow.inspection?.kind).toBe('transactions');
  });

  it('takes a big file with a header it does not know for customer data, whose mapping the person sets', async () => {
    const rows = ['who,when,how much'];
    for (let k = 0; k < 15_000; k++) rows.push(`C${k},2024-01-${String(1 + (k % 28)).padStart(2, '0')},${k % 50}`);
    expect(rows.join('\n').length).toBeGreaterThan(200_000);
    expect((await route(csv('export.csv', rows.join('\n')))).inspection?.kind).toBe('unknown');
    // A small one is read as a journey, whose preview names the columns it lacks.
    expect((await route(csv('small.csv', 'who,when\nC1,2024-01-01\n'))).kind).toBe('journey');
  });

  it('imports a JSON file as scenarios, known by its name or by its first character', async () => {
    const json = JSON.stringify({ v: 2, name: 'x' });
    expect(await route(new File([json], 'scenarios.json'))).toMatchObject({ kind: 'scenarios', text: json });
    expect((await route(csv('scenarios.csv', ` \n[${json}]`))).kind).toBe('scenarios');
  });

  it('refuses a binary file, and a file over 200 MB, with a sentence and nothing imported', async () => {
    const workbook = new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0x14, 0, 0, 0, 0xff, 0xfe, 0, 1])], 'sales.csv');
    const binary = await route(workbook);
    expect(binary.kind).toBe('refused');
    expect(binary.message).toMatch(/^sales\.csv is not a text file, so it cannot be a CSV/);
    const huge = { name: 'huge.csv', size: 300_000_000, slice: () => { throw new Error('not read'); } } as unknown as File;
    expect((await route(huge)).message).toBe('huge.csv is 300 MB, more than this page can read (200 MB). Aggregate it first: the README shows how. Nothing was imported.');
  });
});

describe('the drop router and the files people have', () => {
  const latin1 = (name: string, text: string) => new File([Uint8Array.from(text, (c) => c.charCodeAt(0))], name, { type: 'text/csv' });

  it('sends a Windows-1252 export with semicolons and decimal commas to the Customers section, not refusing it as binary', async () => {
    const routed = await route(latin1('kunden.csv', 'Kunde;Datum;Betrag\nMüller;2024-01-02;12,50\nJürgen;2024-01-03;1.234,56\n'));
    expect(routed.kind).toBe('customers');
    expect(routed.inspection).toMatchObject({ kind: 'transactions', encoding: 'windows-1252', decimal: 'comma', delimiter: ';' });
    expect(routed.inspection?.preview[0][0]).toBe('Müller');
  });

  it('opens a UTF-16 journey with its letters intact', async () => {
    const text = 'id,name,stage,optimistic,most_likely,pessimistic,depends_on\nA,Anzeige für Müller,awareness,1,2,3,\n';
    const bytes = new Uint8Array(2 + 2 * text.length);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) { bytes[2 + 2 * i] = text.charCodeAt(i) & 0xff; bytes[3 + 2 * i] = text.charCodeAt(i) >> 8; }
    expect(await route(new File([bytes], 'journey.csv'))).toMatchObject({ kind: 'journey', text });
  });

  it('refuses a file whose first line does not end within 5 MB, naming the line, with nothing imported', async () => {
    const routed = await route(csv('one-line.csv', '1,2,3,'.repeat(1_000_000)));
    expect(routed.message).toBe('one-line.csv: Line 1 does not end within the first 5 MB of the file, so this is not a CSV Waypoint can read (a CSV has one record per line, far shorter). Check that it is the export you meant, saved as CSV. Nothing was imported; your notebook is unchanged.');
  });

  it('inspects through the page\'s worker when given one, and stops quietly when a newer file took over', async () => {
    const file = csv('orders.csv', 'customer,date,amount\nC1,2024-01-02,12.50\n');
    const went: string[] = [];
    const targets = {
      scenarios: () => { went.push('scenarios'); }, journey: () => { went.push('journey'); },
      customers: () => { went.push('customers'); }, refuse: (message: string) => { went.push(message); },
    };
    expect(await routeFile(file, { ...targets, inspect: async () => undefined })).toBe('superseded');
    expect(await routeFile(file, { ...targets, inspect: async () => 'orders.csv: The file could not be read: the worker stopped.' })).toBe('refused');
    expect(went).toEqual(['orders.csv: The file could not be read: the worker stopped. Nothing was imported; your notebook is unchanged.']);
  });
});
