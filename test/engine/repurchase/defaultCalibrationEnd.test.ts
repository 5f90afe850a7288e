import { describe, expect, it } from 'vitest';
import { dayNumber, dayToIso } from '../../../src/engine/csv/dates.ts';
import { parseCustomerFile, readTransactions } from '../../../src/engine/csv/index.ts';
import { cleanTransactions, customerPurchases } from '../../../src/engine/customers/index.ts';
import { defaultCalibrationEnd } from '../../../src/engine/repurchase/defaultCalibrationEnd.ts';
import type { Transactions } from '../../../src/engine/repurchase/summarizeCustomers.ts';
import { cdnowText } from '../../fixtures/cdnowSummary.ts';

const START = dayNumber(2024, 1, 1);

/** `customers` customers each ordering every `gap` days from day 0 to day `span`. */
function everyFew(customers: number, gap: number, span: number): Transactions {
  const customer: string[] = [];
  const day: number[] = [];
  for (let c = 0; c < customers; c++) for (let d = 0; d <= span; d += gap) { customer.push(`c${c}`); day.push(START + d); }
  return { customer, day: Int32Array.from(day), amount: new Float64Array(day.length).fill(10) };
}

describe('defaultCalibrationEnd', () => {
  it('holds out the last 20% of CDNOW\'s 545 days (109 days, three median gaps of 34 days), ending the calibration on 1998-03-13', () => {
    const purchases = customerPurchases(cleanTransactions(readTransactions(parseCustomerFile(cdnowText())).table));
    const chosen = defaultCalibrationEnd(purchases)!;
    // 1997-01-01 to 1998-06-30 is 545 days; 20% of it is 109 days before the last.
    expect(chosen).toEqual({ day: dayNumber(1998, 6, 30) - 109, heldOut: true, reason: 'last 20% held out' });
    expect(dayToIso(chosen.day)).toBe('1998-03-13');
  });

  it('holds nothing out when the last 20% is shorter than two median gaps, or too few customers bought twice before it', () => {
    // Orders every 15 days from day 0 to day 90: 18 days held out would be under two 15-day gaps.
    expect(defaultCalibrationEnd(everyFew(30, 15, 100))).toEqual({
      day: START + 90, heldOut: false,
      reason: 'the last date, as the last 20% of the data (18 days) is shorter than 2 median gaps between orders (15 days each)',
    });
    // 200 days, an order every 10: 40 days is four gaps, but only 5 customers.
    expect(defaultCalibrationEnd(everyFew(5, 10, 200))).toEqual({
      day: START + 200, heldOut: false, reason: 'the last date, as before the last 20% only 5 customers bought twice, too few to fit on',
    });
    expect(defaultCalibrationEnd(everyFew(30, 10, 200))).toEqual({ day: START + 160, heldOut: true, reason: 'last 20% held out' });
    expect(defaultCalibrationEnd({ customer: [], day: new Int32Array(0), amount: new Float64Array(0) })).toBeUndefined();
  });
});
