/**
 * Where to improve, in money: each shortening's mean gain in days turned into money a year by the
 * model of improvementValue (src/engine/customers), best first, with the sentence for the best.
 */
import type { Improvement } from '../engine/journey/index.ts';
import { figure, improvementValue } from '../engine/customers/index.ts';
import type { MoneyModel } from '../engine/customers/index.ts';
import { shorteningText } from './improvementLayout.ts';

export interface ImprovementWorth { id: string; name: string; daysSooner: number; value: number; text: string }

/**
 * The worth of each improvement whose mean gain is above 0, highest first (ties by id), and a
 * sentence for the first; an empty list and '' without a model, a time unit in days, or gains.
 * `unitDays`: days in one journey time unit.
 */
export function improvementMoney(
  improvement: readonly Improvement[], names: ReadonlyMap<string, string>, model: MoneyModel | undefined, unitDays: number | undefined, factor: number,
): { worth: ImprovementWorth[]; sentence: string } {
  if (!model || !unitDays) return { worth: [], sentence: '' };
  const worth = improvement
    .filter((item) => (item.meanGain ?? 0) > 0)
    .map((item) => {
      const daysSooner = item.meanGain! * unitDays;
      const value = improvementValue(daysSooner, model);
      const name = names.get(item.id) || item.id;
      return { id: item.id, name, daysSooner, value, text: `${name}: ${figure(daysSooner)} days sooner, about ${figure(value, 0)} a year` };
    })
    .sort((x, y) => y.value - x.value || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const best = worth[0];
  const sentence = best
    ? `Shortening ${best.name} by ${shorteningText(factor)} brings the next order ${figure(best.daysSooner)} days sooner: about ${figure(best.value, 0)} a year for the ${figure(model.newCustomersPerYear, 0)} new customers a year the data show.`
    : '';
  return { worth, sentence };
}
