/** Transaction tables written out by hand, for the cleaning step's parts. */
import type { TransactionTable } from '../../../../src/engine/csv/index.ts';

/** A table from rows of [order, customer, minute, amount] and, optionally, a product per row. */
export function table(rows: [string, string, number, number][], product?: string[]): TransactionTable {
  return {
    order: rows.map((r) => r[0]), customer: rows.map((r) => r[1]), minute: Float64Array.from(rows, (r) => r[2]),
    amount: Float64Array.from(rows, (r) => r[3]), product, category: undefined, group: undefined,
    cancellation: Uint8Array.from(rows, (r) => (r[3] < 0 ? 1 : 0)), line: Int32Array.from(rows, (_, k) => k + 2),
  };
}
