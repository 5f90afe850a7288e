import { describe, expect, it } from 'vitest';
import {
  CANCELLATION, DUPLICATE, LINE_RULES, NEGATIVE_WITHOUT_C, NOT_A_PRODUCT, PURCHASE, UNMATCHED_RETURN, ZERO_VALUE,
} from '../../../../src/engine/customers/cleaning/lineRules.ts';

describe('line rules', () => {
  it('gives each code the name it stands for in LINE_RULES', () => {
    const named = { purchase: PURCHASE, cancellation: CANCELLATION, 'unmatched-return': UNMATCHED_RETURN, 'not-a-product': NOT_A_PRODUCT, 'zero-value': ZERO_VALUE, 'negative-without-c': NEGATIVE_WITHOUT_C, duplicate: DUPLICATE };
    for (const [name, code] of Object.entries(named)) expect(LINE_RULES[code]).toBe(name);
    expect(LINE_RULES).toHaveLength(Object.keys(named).length);
  });
});
