/** The repeat-buying summary of a transactions table, after the cleaning step. */
import type { TransactionTable } from '../csv/index.ts';
import { summarizeCustomers } from '../repurchase/index.ts';
import type { TimeUnit } from '../repurchase/index.ts';
import { cleanTransactions } from './cleaning/cleanTransactions.ts';
import type { CleaningRules } from './cleaning/cleaningRules.ts';
import { customerPurchases } from './cleaning/customerPurchases.ts';

/**
 * The summary of transactions read by readTransactions (minutes since 1970), after the cleaning
 * step (cancellations netted, reversed orders, lines that are not products and duplicates out;
 * rows without a customer left out), days whole days.
 */
export function summarizeTable(table: TransactionTable, calibrationEnd: number, unit: TimeUnit, rules?: CleaningRules) {
  return summarizeCustomers(customerPurchases(cleanTransactions(table, rules)), calibrationEnd, unit);
}
