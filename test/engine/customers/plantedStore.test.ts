/**
 * The cleaning step and the anomaly engine on files whose answers are planted
 * (test/fixtures/plantedStore.ts): what the cleaning must find is known line by line, and the
 * anomalies must put the planted cases at the top of their kind.
 */
import { describe, expect, it } from 'vitest';
import { findAnomalies } from '../../../src/engine/customers/anomalies/findAnomalies.ts';
import { cleanTransactions } from '../../../src/engine/customers/cleaning/cleanTransactions.ts';
import { parseCustomerFile, readTransactions } from '../../../src/engine/csv/index.ts';
import { plantedRecall } from '../../fixtures/plantedRecall.ts';
import { plantedStore } from '../../fixtures/plantedStore.ts';

describe.each([1, 2, 3])('the planted store with seed %i', (seed) => {
  const { csv, truth } = plantedStore({ seed });
  const cleaned = cleanTransactions(readTransactions(parseCustomerFile(csv)).table);
  const { rules } = cleaned.summary;

  it('drops the planted duplicates and sets aside the stock corrections, fees and the bad-debt pair', () => {
    expect(rules.duplicate).toEqual({ lines: truth.duplicateLines.count, money: expect.closeTo(truth.duplicateLines.money, 6) });
    expect(rules['negative-without-c'].lines + rules['zero-value'].lines).toBeGreaterThanOrEqual(truth.negativeWithoutC.count);
    expect(rules['negative-without-c'].lines).toBe(truth.negativeWithoutC.count);
    // Fee lines and the two bad-debt lines are the lines that are not products; the pair cancels out.
    expect(rules['not-a-product'].lines).toBe(truth.feeLines.count + 2);
    expect(rules['not-a-product'].money).toBeCloseTo(truth.feeLines.money, 6);
  });

  it('takes the reversed bulk orders out and nets each partial cancellation to what is left', () => {
    for (const bulk of truth.reversedBulk) {
      const at = cleaned.reversed.id.indexOf(bulk.order);
      expect(at).toBeGreaterThanOrEqual(0);
      expect(cleaned.reversed.reversedBy[at]).toEqual([bulk.cancellation]);
      expect(cleaned.reversed.reversedAfter[at]).toBe(bulk.minutesLater);
    }
    for (const partial of truth.partialCancellations) {
      const at = cleaned.purchases.id.indexOf(partial.order);
      expect(cleaned.purchases.amount[at]).toBeCloseTo(partial.netAfter, 6);
      expect(cleaned.purchases.reversedBy[at]).toContain(partial.cancellation);
    }
    const unmatched = new Set(cleaned.cancellations.filter((c) => c.matched === 0).map((c) => c.id));
    for (const ret of truth.unmatchedReturns) expect(unmatched.has(ret.cancellation)).toBe(true);
  });

  it('puts the planted cases at the top of their kinds and raises no alarm on their look-alikes', () => {
    const recall = plantedRecall(truth, findAnomalies(cleaned));
    const of = (kind: string) => recall.kinds.find((k) => k.kind === kind)!;
    for (const kind of ['odd-order', 'overdue', 'early', 'big-basket', 'preference-shift']) expect(of(kind).recall).toBe(1);
    expect(of('odd-day').found).toBeGreaterThanOrEqual(3); // of 4 spike days, among the first 8 odd days
    expect(recall.bulkShareOfTopTenOddOrders).toBe(1);
    expect(recall.falseAlarms).toEqual({ fakeSwitches: 0, keepBuyingOverdue: 0 });
  });
});
