import type { Settings, TouchpointInput } from './types.ts';

/**
 * The journey a first-time visitor sees: a subscription-box customer from first ad to second
 * order, in days. Three branches run in parallel and merge (research, social proof and a
 * trial all feed the purchase decision; onboarding and delivery both feed the first use), so
 * the Monte Carlo finish sits visibly later than the classic PERT answer (merge bias). One
 * customer in four opens a support ticket after first use, and the review request goes out
 * five days after first use, so the optional touchpoint and the wait show in the sheet and
 * the network.
 */
export const exampleJourney: TouchpointInput[] = [
  row('AD', 'Sees a social ad', 'awareness', 0.5, 1, 3, ''),
  row('SE', 'Search and landing page', 'awareness', 0.5, 2, 5, 'AD'),
  row('RV', 'Reads reviews', 'consideration', 2, 5, 11, 'SE'),
  row('CM', 'Compares with alternatives', 'consideration', 3, 6, 12, 'SE'),
  row('NL', 'Newsletter sign-up and nurture', 'consideration', 4, 8, 16, 'AD'),
  row('TR', 'Free sample trial', 'consideration', 4, 7, 12, 'SE'),
  row('CA', 'Adds to cart', 'purchase', 0.5, 1, 4, 'RV CM NL TR'),
  row('CO', 'Checkout and payment', 'purchase', 0.1, 0.2, 1, 'CA'),
  row('SH', 'Shipping and delivery', 'purchase', 2, 3, 7, 'CO'),
  row('WE', 'Welcome e-mail series', 'onboarding', 1, 2, 4, 'CO'),
  row('AC', 'Account setup', 'onboarding', 0.5, 1, 5, 'WE'),
  row('FU', 'First use of the product', 'onboarding', 1, 2, 6, 'SH AC'),
  row('SU', 'Support ticket', 'onboarding', 1, 3, 7, 'FU', '25%'),
  row('RE', 'Review request', 'onboarding', 1, 3, 7, 'FU+5'),
  row('RM', 'Re-purchase reminder', 're-purchase', 10, 14, 21, 'SU RE'),
  row('RP', 'Second order', 're-purchase', 1, 4, 12, 'RM'),
];

export const exampleSettings: Settings = {
  target: 50,
  iterations: 10_000,
  seed: 1,
  timeUnit: 'days',
};

function row(
  id: string, name: string, stage: string,
  optimistic: number, mostLikely: number, pessimistic: number, dependsOn: string, probability = '', group = '',
): TouchpointInput {
  return {
    id, name, stage,
    optimistic: String(optimistic), mostLikely: String(mostLikely), pessimistic: String(pessimistic),
    distribution: 'beta-pert', dependsOn, probability, group,
  };
}
