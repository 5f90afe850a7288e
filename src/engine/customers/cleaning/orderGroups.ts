/** Lines grouped per order id and customer: `group[i]` numbers line i's order (−1 without an order id). */
export interface OrderGroups { group: Int32Array; count: number }

export function orderGroups(order: readonly string[], customer: readonly string[]): OrderGroups {
  const group = new Int32Array(order.length).fill(-1);
  const byOrder = new Map<string, Map<string, number>>();
  let count = 0;
  let lastOrder = '';
  let lastCustomer = '';
  let lastGroup = -1;
  for (let i = 0; i < order.length; i++) {
    if (order[i] === '') continue;
    // Lines of one order usually come together: most lines skip the lookup.
    if (lastGroup >= 0 && order[i] === lastOrder && customer[i] === lastCustomer) { group[i] = lastGroup; continue; }
    let customers = byOrder.get(order[i]);
    if (!customers) { customers = new Map(); byOrder.set(order[i], customers); }
    let at = customers.get(customer[i]);
    if (at === undefined) { at = count++; customers.set(customer[i], at); }
    group[i] = lastGroup = at;
    lastOrder = order[i];
    lastCustomer = customer[i];
  }
  return { group, count };
}
