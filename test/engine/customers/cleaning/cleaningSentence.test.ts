import { describe, expect, it } from 'vitest';
import type { CleaningSummary } from '../../../../src/engine/customers/cleaning/cleanTransactions.ts';
import { DEFAULT_CLEANING_RULES } from '../../../../src/engine/customers/cleaning/cleaningRules.ts';
import { cleaningSentence } from '../../../../src/engine/customers/cleaning/cleaningSentence.ts';
import { LINE_RULES } from '../../../../src/engine/customers/cleaning/lineRules.ts';
import type { LineRule } from '../../../../src/engine/customers/cleaning/lineRules.ts';

function summary(rules: Partial<Record<LineRule, { lines: number; money: number }>>, reversed = 0, partly = 0): CleaningSummary {
  return {
    rules: { ...Object.fromEntries(LINE_RULES.map((rule) => [rule, { lines: 0, money: 0 }])) as CleaningSummary['rules'], ...rules },
    cancellationsNetted: 0, ordersReversed: reversed, ordersPartlyReversed: partly, notProductsByCode: [],
    applied: DEFAULT_CLEANING_RULES, cancellationsMarkedWithC: true,
  };
}

describe('cleaningSentence', () => {
  it('says so when every line counted', () => {
    expect(cleaningSentence(summary({ purchase: { lines: 10, money: 500 } }))).toBe('Every line counted as a purchase: nothing was cancelled, duplicated or other than a product.');
  });

  it('writes counts with thousands separators and one or many as they are', () => {
    expect(cleaningSentence(summary({ cancellation: { lines: 3836, money: 893_979.73 } }, 1, 2000)))
      .toBe('3,836 cancellation lines netted against earlier orders (893,979.73; 1 order fully reversed, 2,000 in part).');
    expect(cleaningSentence(summary({ 'not-a-product': { lines: 1, money: 18 } }))).toBe('1 line that is not products (postage, fees, adjustments) totalled apart (18.00).');
    expect(cleaningSentence(summary({ 'not-a-product': { lines: 2, money: -22 } }))).toBe('2 lines that are not products (postage, fees, adjustments) totalled apart (-22.00).');
  });

  it('leaves out the rules that applied to nothing', () => {
    expect(cleaningSentence(summary({ duplicate: { lines: 2, money: 5 }, 'zero-value': { lines: 1, money: 0 } })))
      .toBe('2 duplicate lines dropped (5.00); 1 zero-value line left out.');
  });
});
