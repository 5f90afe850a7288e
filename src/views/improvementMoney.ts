/**
 * Where to improve, in money, by one of two models, best first, with the sentence for the best:
 * - from customer data: each shortening's mean gain in days turned into money a year by the
 *   model of improvementValue (src/engine/customers);
 * - from a value per completed journey set in Settings: a journey that misses the target is
 *   lost, so the expected worth of a shortening is the gain in P(finish by target) × journeys ×
 *   value per journey (the expectation of a Bernoulli outcome worth V: E = p·V, summed over N
 *   independent journeys: N·p·V; the gain is the difference of two such expectations).
 */
import type { Improvement } from '../engine/journey/index.ts';
import { figure, improvementValue } from '../engine/customers/index.ts';
import type { MoneyModel } from '../engine/customers/index.ts';
import { shorteningText } from './improvementLayout.ts';

export interface ImprovementWorth { id: string; name: string; daysSooner: number; value: number; text: string }

/** How money is written: the person's currency where the page has one; plain grouped figures by default. */
export type MoneyFormat = (value: number) => string;
const plainMoney: MoneyFormat = (value) => figure(value, 0);

/**
 * The worth of each improvement whose mean gain is above 0, highest first (ties by id), and a
 * sentence for the first; an empty list and '' without a model, a time unit in days, or gains.
 * `unitDays`: days in one journey time unit.
 */
export function improvementMoney(
  improvement: readonly Improvement[], names: ReadonlyMap<string, string>, model: MoneyModel | undefined, unitDays: number | undefined, factor: number,
  formatMoney: MoneyFormat = plainMoney,
): { worth: ImprovementWorth[]; sentence: string } {
  if (!model || !unitDays) return { worth: [], sentence: '' };
  const worth = improvement
    .filter((item) => (item.meanGain ?? 0) > 0)
    .map((item) => {
      const daysSooner = item.meanGain! * unitDays;
      const value = improvementValue(daysSooner, model);
      const name = names.get(item.id) || item.id;
      return { id: item.id, name, daysSooner, value, text: `${name}: ${figure(daysSooner)} days sooner, about ${formatMoney(value)} a year` };
    })
    .sort((x, y) => y.value - x.value || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const best = worth[0];
  const sentence = best
    ? `Shortening ${best.name} by ${shorteningText(factor)} brings the next order ${figure(best.daysSooner)} days sooner: about ${formatMoney(best.value)} a year for the ${figure(model.newCustomersPerYear, 0)} new customers a year the data show.`
    : '';
  return { worth, sentence };
}

/** A value per completed journey and, when known, the journeys started a year (Settings). */
export interface JourneyWorth { journeyValue: number; journeysPerYear?: number }

/** The value settings of a scenario as the per-journey model reads them; undefined when no value is set. */
export function journeyWorthOf(settings: { journeyValue?: number; journeysPerYear?: number }): JourneyWorth | undefined {
  return settings.journeyValue !== undefined && settings.journeyValue > 0
    ? { journeyValue: settings.journeyValue, journeysPerYear: settings.journeysPerYear }
    : undefined;
}

/** Journeys the figures count when the person has not said how many start a year. */
export const JOURNEYS_WITHOUT_VOLUME = 1000;

/**
 * The worth of each improvement by the value-per-journey model (see the header): gain in
 * P(finish by target) × journeys × value, for a gain above 0, highest first (ties by id); a
 * year's worth for `journeysPerYear`, else per 1,000 journeys. An empty list and '' without a
 * value; a sentence saying so when no shortening moves the chance of meeting the target.
 */
export function improvementWorthPerJourney(
  improvement: readonly Improvement[], names: ReadonlyMap<string, string>, worthOf: JourneyWorth | undefined, factor: number,
  formatMoney: MoneyFormat = plainMoney,
): { worth: ImprovementWorth[]; sentence: string } {
  if (!worthOf || !(worthOf.journeyValue > 0) || improvement.length === 0) return { worth: [], sentence: '' };
  const yearly = worthOf.journeysPerYear !== undefined && worthOf.journeysPerYear > 0;
  const journeys = yearly ? worthOf.journeysPerYear! : JOURNEYS_WITHOUT_VOLUME;
  const per = yearly ? 'a year' : `per ${figure(JOURNEYS_WITHOUT_VOLUME, 0)} journeys`;
  const worth = improvement
    .filter((item) => item.pTargetGain > 0)
    .map((item) => {
      const value = item.pTargetGain * journeys * worthOf.journeyValue;
      const name = names.get(item.id) || item.id;
      return { id: item.id, name, daysSooner: item.meanGain ?? NaN, value, text: `${name}: ${figure(100 * item.pTargetGain)} more in 100 finish by the target, about ${formatMoney(value)} ${per}` };
    })
    .sort((x, y) => y.value - x.value || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const best = worth[0];
  if (!best) {
    return { worth, sentence: `Shortening one touchpoint by ${shorteningText(factor)} does not change how many journeys finish by the target, so by this model it earns nothing more; a tighter Target shows where time is worth money.` };
  }
  const item = improvement.find((entry) => entry.id === best.id)!;
  const volume = yearly ? `for ${figure(journeys, 0)} journeys a year` : `per ${figure(JOURNEYS_WITHOUT_VOLUME, 0)} journeys`;
  return {
    worth,
    sentence: `Shortening ${best.name} by ${shorteningText(factor)} lifts the share of journeys that finish by the target from ${figure(100 * item.pTargetBase)}% to ${figure(100 * item.pTargetImproved)}%: about ${formatMoney(best.value)} ${volume} at ${formatMoney(worthOf.journeyValue)} a completed journey.`,
  };
}
