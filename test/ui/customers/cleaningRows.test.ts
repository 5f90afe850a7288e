import { describe, expect, it } from 'vitest';
import { parseCustomerFile, readTransactions } from '../../../src/engine/csv/index.ts';
import { transactionsReport } from '../../../src/engine/customers/customerReport.ts';
import { encodeTransactions } from '../../../src/engine/csv/dataset.ts';
import { parseList, ruleRows, ruleRowsCsv, ruleSentence, SUMMARY_RULES } from '../../../src/ui/customers/cleaningRows.ts';

/** A UCI-shaped line file: 8 customers × 6 orders of lanterns, postage on one order each, a bulk order reversed, a free line, a formula for a customer id. */
function shop(): string {
  const rows = ['InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country'];
  for (let c = 0; c < 8; c++) for (let w = 0; w < 6; w++) {
    const date = `2024-0${1 + Math.floor(w / 2)}-${String(3 + (w % 2) * 14).padStart(2, '0')} 10:00`;
    rows.push(`5${c}${w},8509${c},LANTERN,${2 + ((c + w) % 3)},${date},${3 + c},1${c},UK`);
    if (w === 1) rows.push(`5${c}${w},POST,POSTAGE,1,${date},18,1${c},UK`);
  }
  rows.push('599,22000,BIG VASE,500,2024-02-10 10:00,40,10,UK', 'C599,22000,BIG VASE,-500,2024-02-10 10:20,40,10,UK');
  rows.push('598,22001,FREE GIFT,3,2024-02-11 10:00,0,11,UK', '597,22002,CARD,1,2024-02-12 10:00,5,=HYPERLINK("x"),UK');
  return rows.join('\n');
}

const file = parseCustomerFile(shop());
const read = readTransactions(file);
const report = transactionsReport(read.table, read.badRows, file.rows.length);
if (!report.ok || report.kind !== 'transactions') throw new Error('the shop must read');
const dataset = encodeTransactions(read.table, read.badRows, file.rows.length);
const { cleaning } = report;

describe('the import summary', () => {
  it('says what each rule did with its lines and money', () => {
    // 48 lantern lines + the vase + the card are purchases; the postage lines are 8 × 18 = 144; the vase was 500 × 40.
    expect(ruleSentence('cancellation', cleaning.summary)).toBe('1 cancellation line netted, 20,000.00 (1 order fully reversed, 0 in part)');
    expect(ruleSentence('not-a-product', cleaning.summary)).toBe('8 lines that are not products (postage, fees, adjustments) totalled apart, 144.00');
    expect(ruleSentence('zero-value', cleaning.summary)).toBe('1 zero-value line left out');
    expect(ruleSentence('purchase', cleaning.summary)).toMatch(/^50 purchase lines counted, /);
    expect(SUMMARY_RULES).toHaveLength(7);
  });

  it('lists a rule\'s rows by file line from the dataset columns', () => {
    const postage = ruleRows(cleaning.lineRule, cleaning.line, 'not-a-product');
    expect(postage).toHaveLength(8);
    expect(postage.map((i) => dataset.product!.values[dataset.product!.codes[i]])).toEqual(Array(8).fill('POST'));
    const lines = postage.map((i) => cleaning.line[i]);
    expect(lines).toEqual([...lines].sort((x, y) => x - y));
    // Rows out of file order come back in it.
    const shuffled = Int32Array.from(cleaning.line).reverse();
    const reordered = ruleRows(cleaning.lineRule, shuffled, 'not-a-product');
    expect(reordered.map((i) => shuffled[i])).toEqual([...reordered.map((i) => shuffled[i])].sort((x, y) => x - y));
  });

  it('downloads a rule\'s rows as CSV with formulas written as text', () => {
    const rows = ruleRows(cleaning.lineRule, cleaning.line, 'purchase');
    const csv = ruleRowsCsv(dataset, cleaning.line, rows);
    const [header, ...body] = csv.trimEnd().split('\r\n');
    expect(header).toBe('line,date,customer,order,product,description,value');
    expect(body).toHaveLength(50);
    expect(body[0]).toBe('2,2024-01-03 10:00,10,500,85090,LANTERN,6');
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).not.toMatch(/,=HYPERLINK/);
  });
});

describe('parseList', () => {
  it('splits a typed list on commas and line breaks, keeping spaces inside an item', () => {
    expect(parseList(' POST, BANK CHARGES,,\nDOT ')).toEqual(['POST', 'BANK CHARGES', 'DOT']);
    expect(parseList('')).toEqual([]);
  });
});
