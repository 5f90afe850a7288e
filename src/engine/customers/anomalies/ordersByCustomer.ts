import type { Orders } from '../cleaning/cleanTransactions.ts';

/** A customer's purchases: indices into the orders, by time. */
export interface CustomerOrders { customer: string; indices: number[] }

/** The purchases (net value above zero) of each identified customer, each customer's by time. */
export function ordersByCustomer(orders: Orders): CustomerOrders[] {
  const map = new Map<string, number[]>();
  for (let i = 0; i < orders.id.length; i++) {
    if (orders.customer[i] === '' || !(orders.amount[i] > 0)) continue;
    let list = map.get(orders.customer[i]);
    if (!list) { list = []; map.set(orders.customer[i], list); }
    list.push(i);
  }
  return [...map].map(([customer, indices]) => ({ customer, indices: indices.sort((x, y) => orders.minute[x] - orders.minute[y]) }));
}
