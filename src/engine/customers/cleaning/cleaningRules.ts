/** The settings of the cleaning step a person can change: what is not a product, and whether duplicates stay. */

export interface CleaningRules {
  /** Product codes that are not products (compared whole, ignoring case and surrounding spaces). */
  nonProductCodes: string[];
  /** Words that mark a description as not a product (contained, ignoring case). */
  nonProductDescriptions: string[];
  /** Order ids starting with this are adjustments, not orders ('' for none). */
  adjustmentPrefix: string;
  /** Keep exact duplicate lines instead of dropping them. */
  keepDuplicates: boolean;
}

/**
 * The defaults, for the UCI Online Retail shape (Chen, Sain & Guo 2012): POST/DOT postage,
 * C2 carriage, M/m manual, BANK CHARGES, AMAZONFEE, CRUK commission, D discount, S samples,
 * B bad-debt adjustment, PADS (a 0.001 cushion-pad line used as a fee), and invoices "A…".
 */
export const DEFAULT_CLEANING_RULES: CleaningRules = {
  nonProductCodes: ['POST', 'DOT', 'C2', 'M', 'BANK CHARGES', 'AMAZONFEE', 'CRUK', 'D', 'S', 'B', 'PADS'],
  nonProductDescriptions: ['postage', 'carriage', 'bank charges', 'amazon fee', 'manual', 'adjust bad debt', 'discount', 'samples', 'commission'],
  adjustmentPrefix: 'A',
  keepDuplicates: false,
};
