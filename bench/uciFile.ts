/** A generated transactions file in the UCI Online Retail shape, for the benchmarks. */
import { randomSfc32, uniform01 } from '../src/engine/math/index.ts';

/** A UCI Online Retail–shaped export: invoices of 1–40 lines, 4,400 customers, 3 % cancellations, some blank customers. */
export function uciFile(lines: number): string {
  const next = randomSfc32(11, 3);
  const out = ['InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country'];
  let invoice = 536365;
  const start = Date.UTC(2010, 11, 1, 8, 0);
  while (out.length <= lines) {
    const customer = uniform01(next) < 0.25 ? '' : String(12346 + Math.floor(uniform01(next) * 4400));
    const when = new Date(start + Math.floor(uniform01(next) * 373 * 86_400_000));
    const date = `${when.getUTCMonth() + 1}/${when.getUTCDate()}/${when.getUTCFullYear()} ${when.getUTCHours()}:${String(when.getUTCMinutes()).padStart(2, '0')}`;
    const cancel = uniform01(next) < 0.03;
    const count = 1 + Math.floor(uniform01(next) * 40);
    for (let k = 0; k < count && out.length <= lines; k++) {
      const code = 20000 + Math.floor(uniform01(next) * 3000);
      const quantity = (1 + Math.floor(uniform01(next) * 24)) * (cancel ? -1 : 1);
      const price = (0.5 + uniform01(next) * 10).toFixed(2);
      out.push(`${cancel ? 'C' : ''}${invoice},${code},"ITEM ${code}, BOXED",${quantity},${date},${price},${customer},United Kingdom`);
    }
    invoice++;
  }
  return out.join('\n');
}

