import type { Transactions } from '../../repurchase/index.ts';
import type { CleanedTransactions } from './cleanTransactions.ts';

/** The purchases of identified customers (orders without a customer left out), at their net value, on whole days: the repeat-buying models' input. */
export function customerPurchases(cleaned: CleanedTransactions): Transactions {
  const orders = cleaned.purchases;
  const keep: number[] = [];
  for (let i = 0; i < orders.id.length; i++) if (orders.customer[i] !== '') keep.push(i);
  return {
    customer: keep.map((i) => orders.customer[i]),
    day: Int32Array.from(keep, (i) => Math.floor(orders.minute[i] / 1440)),
    amount: Float64Array.from(keep, (i) => orders.amount[i]),
  };
}
