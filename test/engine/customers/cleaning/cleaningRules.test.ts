import { describe, expect, it } from 'vitest';
import { DEFAULT_CLEANING_RULES } from '../../../../src/engine/customers/cleaning/cleaningRules.ts';

describe('DEFAULT_CLEANING_RULES', () => {
  it('names the UCI Online Retail codes that are not products, and its "A" adjustment invoices', () => {
    // The stock codes of postage, carriage, fees and adjustments in the UCI export (Chen, Sain & Guo 2012).
    for (const code of ['POST', 'DOT', 'C2', 'M', 'BANK CHARGES', 'AMAZONFEE', 'CRUK', 'D', 'S', 'B']) expect(DEFAULT_CLEANING_RULES.nonProductCodes).toContain(code);
    expect(DEFAULT_CLEANING_RULES.nonProductDescriptions).toContain('postage');
    expect(DEFAULT_CLEANING_RULES).toMatchObject({ adjustmentPrefix: 'A', keepDuplicates: false });
  });
});
