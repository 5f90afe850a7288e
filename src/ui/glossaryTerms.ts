/**
 * The words the notebook uses that a newcomer may not know, each in a sentence or two: what the
 * Glossary dialog lists, in this order.
 */
export interface GlossaryTerm { term: string; meaning: string }

export const GLOSSARY: readonly GlossaryTerm[] = [
  { term: 'Three-point estimate', meaning: 'The optimistic, most likely and pessimistic time of a touchpoint. Each run of the simulation draws a time between the first and the last, most often near the middle one (beta-PERT by default).' },
  { term: 'Monte Carlo', meaning: 'The journey played out thousands of times with random times drawn from each estimate. Its figures (mean, P50, P80, P95 and P(finish by target)) count what happened in those runs, so they account for parallel paths and optional touchpoints.' },
  { term: 'PERT (normal)', meaning: 'The classic textbook answer: add up the expected times along the critical path and treat the total as a normal curve. Quick and often close, but it ignores the other paths, so it is too hopeful when parallel branches merge (merge bias). Shown beside the Monte Carlo answer, never mixed with it.' },
  { term: 'P50, P80, P95', meaning: 'The time by which half, four in five, or nineteen in twenty simulated journeys had finished.' },
  { term: 'P(finish by target)', meaning: 'The share of simulated journeys that finish by the Target set in Settings, with its standard error (how much it would move with another seed).' },
  { term: 'Critical path', meaning: 'The chain of touchpoints, one after another, that sets the finish: any delay on it delays the whole journey. Touchpoints off it have slack.' },
  { term: 'Slack', meaning: 'How much a touchpoint can run late before it delays the finish (classic PERT, on expected times).' },
  { term: 'Criticality', meaning: 'The share of simulated journeys in which a touchpoint was on the critical path. 100% means it always sets the pace; 0% means it never does.' },
  { term: 'Sensitivity', meaning: 'How strongly a touchpoint\'s time moves the finish, as the Spearman rank correlation between the two across the runs.' },
  { term: 'Spearman ρ', meaning: 'A rank correlation from −1 to 1: 1 when a longer touchpoint always means a later finish, 0 when the two are unrelated. It uses ranks rather than values, so one extreme run cannot dominate it.' },
  { term: 'P(alive)', meaning: 'For a customer in imported data: the chance they are still a customer (will buy again), from the BG/NBD model fitted to everyone\'s orders. It falls the longer someone goes without ordering compared with their usual rhythm.' },
  { term: 'CLV', meaning: 'Customer lifetime value: the money a customer is expected to bring over the horizon set (12 months by default), discounted to today. Expected orders come from BG/NBD, spend per order from Gamma–Gamma.' },
  { term: 'Worth in money (customer data)', meaning: 'What a shorter journey earns, from the customer data: a customer starts re-ordering when the journey ends, so ending it sooner brings their orders forward. Value a year = days sooner × new customers a year × repeat orders a day while active (BG/NBD) × mean order value (Gamma–Gamma). Assumes every new customer goes through this journey; counts only orders brought forward, not customers kept from lapsing, so it is on the low side; no discounting.' },
  { term: 'Worth per completed journey', meaning: 'What a shorter journey earns when a value per completed journey is set in Settings: a journey that misses the Target is taken as lost, one that makes it as earning that value. A shortening is worth the extra journeys finishing by the Target × the value, a year for the Journeys a year set (else per 1,000 journeys). Finishing sooner within the Target earns nothing more under this model.' },
];
