/**
 * RFM scores and named segments (Hughes 1994, "Strategic Database Marketing", ch. on RFM;
 * the quintile form of Fader, Hardie & Lee 2005, "RFM and CLV", §2): each customer gets a
 * recency, a frequency and a monetary score from 1 (lowest fifth) to 5 (highest fifth), and a
 * segment named from a fixed grid of the recency and frequency scores (RFM_GRID).
 */

/**
 * Quintile scores 1–5 of `values` (higher value, higher score). A value's score is
 * 1 + ⌊5 · (share of values strictly below it)⌋, so tied values always share a score — the
 * score of the first of them in rank order — and a large tie at the bottom stays in score 1
 * instead of being split at random. With n distinct values this is the usual equal-count
 * quintile split (n divisible by 5: exactly n/5 per score). NaN values get 0. O(n log n).
 */
export function quintileScores(values: ArrayLike<number>): Uint8Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).filter((i) => !Number.isNaN(values[i])).sort((i, j) => values[i] - values[j]);
  const scores = new Uint8Array(n);
  const count = order.length;
  let below = 0;
  for (let k = 0; k < count;) {
    let end = k;
    while (end < count && values[order[end]] === values[order[k]]) end++;
    const score = Math.min(5, 1 + Math.floor((5 * below) / count));
    for (let m = k; m < end; m++) scores[order[m]] = score;
    below = end;
    k = end;
  }
  return scores;
}

export const RFM_SEGMENTS = [
  'Champions', 'Loyal', 'Potential loyalists', 'New', 'Promising', 'Needs attention',
  'At risk', "Can't lose them", 'Hibernating', 'Lost',
] as const;

export type RfmSegment = (typeof RFM_SEGMENTS)[number];

/**
 * The segment of each (R, F) pair: RFM_GRID[R − 1][F − 1]. Rows are recency 1 (longest silent)
 * to 5 (most recent); columns frequency 1 to 5.
 *
 *        F=1               F=2                  F=3                  F=4          F=5
 *  R=5   New               Potential loyalists  Potential loyalists  Champions    Champions
 *  R=4   Promising         Potential loyalists  Potential loyalists  Champions    Champions
 *  R=3   Needs attention   Needs attention      Needs attention      Loyal        Loyal
 *  R=2   Hibernating       Hibernating          At risk              At risk      Can't lose them
 *  R=1   Lost              Lost                 At risk              At risk      Can't lose them
 */
export const RFM_GRID: readonly (readonly RfmSegment[])[] = [
  ['Lost', 'Lost', 'At risk', 'At risk', "Can't lose them"],
  ['Hibernating', 'Hibernating', 'At risk', 'At risk', "Can't lose them"],
  ['Needs attention', 'Needs attention', 'Needs attention', 'Loyal', 'Loyal'],
  ['Promising', 'Potential loyalists', 'Potential loyalists', 'Champions', 'Champions'],
  ['New', 'Potential loyalists', 'Potential loyalists', 'Champions', 'Champions'],
];

export const SEGMENT_ADVICE: Record<RfmSegment, string> = {
  Champions: 'bought recently and often: reward, ask for reviews and referrals',
  Loyal: 'buy often, a little less recently: keep them close, upsell',
  'Potential loyalists': 'recent, a few orders: a membership or a second-product offer',
  New: 'first order very recently: onboard them well',
  Promising: 'recent single order: build the habit',
  'Needs attention': 'middling on both: a timely, personal offer',
  'At risk': 'used to buy, quiet for a while: win them back',
  "Can't lose them": 'bought the most, long silent: reach out personally',
  Hibernating: 'few orders, long ago: a low-cost reminder',
  Lost: 'one or two orders, long ago: do not spend much',
};

/** The named segment of recency and frequency scores 1–5 (undefined outside 1–5). */
export function rfmSegment(recencyScore: number, frequencyScore: number): RfmSegment | undefined {
  return RFM_GRID[recencyScore - 1]?.[frequencyScore - 1];
}

export interface RfmScores {
  recency: Uint8Array;
  frequency: Uint8Array;
  monetary: Uint8Array;
  segment: RfmSegment[];
}

/**
 * Scores every customer. `sinceLast` is the time from the last purchase to the end of the
 * period (smaller is better, so R scores −sinceLast); `orders` is the number of purchases;
 * `revenue` the money spent.
 */
export function rfmScores(sinceLast: ArrayLike<number>, orders: ArrayLike<number>, revenue: ArrayLike<number>): RfmScores {
  const recency = quintileScores(Float64Array.from(sinceLast, (v) => -v));
  const frequency = quintileScores(orders);
  const monetary = quintileScores(revenue);
  const segment = Array.from(recency, (r, i) => rfmSegment(r, frequency[i]) ?? 'Lost');
  return { recency, frequency, monetary, segment };
}

export interface SegmentSummary {
  segment: RfmSegment;
  customers: number;
  /** Share of all customers, 0–1. */
  share: number;
  revenue: number;
  /** Share of all revenue, 0–1 (0 when there is no revenue). */
  revenueShare: number;
  /** Mean CLV of the segment's customers (NaN without CLVs). */
  averageClv: number;
}

/** Size, revenue share and average CLV per segment, in RFM_SEGMENTS order; empty segments left out. */
export function summarizeSegments(segment: readonly RfmSegment[], revenue: ArrayLike<number>, clv: ArrayLike<number>): SegmentSummary[] {
  const totals = new Map<RfmSegment, { customers: number; revenue: number; clv: number; clvCount: number }>();
  let allRevenue = 0;
  segment.forEach((name, i) => {
    const entry = totals.get(name) ?? { customers: 0, revenue: 0, clv: 0, clvCount: 0 };
    entry.customers++;
    entry.revenue += revenue[i];
    if (Number.isFinite(clv[i])) { entry.clv += clv[i]; entry.clvCount++; }
    totals.set(name, entry);
    allRevenue += revenue[i];
  });
  return RFM_SEGMENTS.filter((name) => totals.has(name)).map((name) => {
    const entry = totals.get(name)!;
    return {
      segment: name, customers: entry.customers, share: entry.customers / segment.length, revenue: entry.revenue,
      revenueShare: allRevenue > 0 ? entry.revenue / allRevenue : 0,
      averageClv: entry.clvCount > 0 ? entry.clv / entry.clvCount : NaN,
    };
  });
}
