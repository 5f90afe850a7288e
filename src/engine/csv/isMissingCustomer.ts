const MISSING_CUSTOMER = new Set(['', '(blank)', 'na', 'n/a', 'null', 'none', 'nan', 'undefined']);

/** True for the customer ids exports use for "no customer". */
export function isMissingCustomer(id: string): boolean {
  return MISSING_CUSTOMER.has(id.trim().toLowerCase());
}
