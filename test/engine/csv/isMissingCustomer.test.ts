import { describe, expect, it } from 'vitest';
import { isMissingCustomer } from '../../../src/engine/csv/isMissingCustomer.ts';

describe('isMissingCustomer', () => {
  it('takes the ways exports write "no customer", in any case and with spaces around', () => {
    for (const id of ['', '  ', '(blank)', 'NA', 'n/a', 'NULL', 'None', 'NaN', 'undefined', ' null ']) expect(isMissingCustomer(id)).toBe(true);
  });

  it('keeps every other id, zeros and names that contain those words included', () => {
    for (const id of ['0', '17850', 'Nadia', 'nullable', 'N.A.']) expect(isMissingCustomer(id)).toBe(false);
  });
});
