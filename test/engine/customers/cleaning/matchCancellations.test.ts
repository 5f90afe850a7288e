import { describe, expect, it } from 'vitest';
import { CANCELLATION, PURCHASE, UNMATCHED_RETURN } from '../../../../src/engine/customers/cleaning/lineRules.ts';
import { matchCancellations } from '../../../../src/engine/customers/cleaning/matchCancellations.ts';
import { orderGroups } from '../../../../src/engine/customers/cleaning/orderGroups.ts';
import type { TransactionTable } from '../../../../src/engine/csv/index.ts';
import { table } from './tables.ts';

/** The cleaning step's state before pairing: purchases at their value, negative lines cancellations. */
function match(t: TransactionTable) {
  const lineRule = Uint8Array.from(t.amount, (a) => (a < 0 ? CANCELLATION : PURCHASE));
  const lineNet = Float64Array.from(t.amount, (a) => (a < 0 ? 0 : a));
  const taken = matchCancellations(t, lineRule, lineNet, orderGroups(t.order, t.customer));
  const takenFrom = (line: number) => Object.fromEntries(taken.get(line) ?? []);
  return { lineRule: Array.from(lineRule), lineNet: Array.from(lineNet), takenFrom };
}

describe('matchCancellations', () => {
  it('takes an earlier order of the same value first, not the latest one', () => {
    // Orders of 40 (minute 0) and 100 (minute 10); a cancellation of 40 at minute 20 reverses the 40.
    const { lineRule, lineNet, takenFrom } = match(table([['1', 'a', 0, 40], ['2', 'a', 10, 100], ['C3', 'a', 20, -40]]));
    expect(takenFrom(0)).toEqual({ 2: 40 });
    expect(takenFrom(1)).toEqual({});
    expect(lineNet.map((v) => v + 0)).toEqual([0, 100, 0]); // a cancellation fully matched nets −0
    expect(lineRule).toEqual([PURCHASE, PURCHASE, CANCELLATION]);
  });

  it('nets from the latest order holding enough, then backwards over the rest', () => {
    // 30 and 50 ordered, then a cancellation of 60: no order of 60 and none holding 60, so it takes
    // the latest (50) whole and the other 10 from the 30.
    const { lineNet, takenFrom } = match(table([['1', 'a', 0, 30], ['2', 'a', 10, 50], ['C3', 'a', 20, -60]]));
    expect(takenFrom(1)).toEqual({ 2: 50 });
    expect(takenFrom(0)).toEqual({ 2: expect.closeTo(10, 9) });
    expect(lineNet[0]).toBeCloseTo(20, 9);
    expect(lineNet[1]).toBe(0);
  });

  it('keeps the part of a cancellation that found nothing, and calls one that found nothing an unmatched return', () => {
    // a cancels 70 of an order of 50: 20 is left unmatched. b returns something bought before the data.
    const { lineRule, lineNet } = match(table([['1', 'a', 0, 50], ['C2', 'a', 5, -70], ['C3', 'b', 5, -15]]));
    expect(lineRule).toEqual([PURCHASE, CANCELLATION, UNMATCHED_RETURN]);
    expect(lineNet[1]).toBeCloseTo(-20, 9);
    expect(lineNet[2]).toBe(-15);
  });

  it('pairs line by line within a product when the table has products', () => {
    // One order of a mug (10) and a jar (8); the cancellation takes back the jar.
    const { lineNet, takenFrom } = match(table([['1', 'a', 0, 10], ['1', 'a', 0, 8], ['C2', 'a', 60, -8]], ['MUG', 'JAR', 'JAR']));
    expect(takenFrom(1)).toEqual({ 2: 8 });
    expect(lineNet.slice(0, 2)).toEqual([10, 0]);
  });

  it('never pairs a cancellation with a later order or another customer\'s', () => {
    const { lineRule, takenFrom } = match(table([['C1', 'a', 0, -20], ['2', 'a', 10, 20], ['3', 'b', 0, 20]]));
    expect(lineRule[0]).toBe(UNMATCHED_RETURN);
    expect(takenFrom(1)).toEqual({});
    expect(takenFrom(2)).toEqual({});
  });
});
