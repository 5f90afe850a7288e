/** The rules the cleaning step sorts each line of a transactions table under (see cleanTransactions). */

/** Which rule a line fell under; `lineRule` holds one code per table row. */
export const LINE_RULES = ['purchase', 'cancellation', 'unmatched-return', 'not-a-product', 'zero-value', 'negative-without-c', 'duplicate'] as const;
export type LineRule = typeof LINE_RULES[number];
export const PURCHASE = 0;
export const CANCELLATION = 1;
export const UNMATCHED_RETURN = 2;
export const NOT_A_PRODUCT = 3;
export const ZERO_VALUE = 4;
export const NEGATIVE_WITHOUT_C = 5;
export const DUPLICATE = 6;
