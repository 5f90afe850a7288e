/**
 * What a shorter journey is worth in money, from the re-purchase models fitted to the customer
 * data. The model, in one sentence: a customer's repeat orders start when the journey ends, so a
 * journey that ends Δ days sooner brings their order stream Δ days forward, which adds Δ × λ orders
 * within any fixed horizon (λ the repeat-order rate while active), each worth the mean order value.
 *
 *   value a year = Δ days × new customers a year × λ (orders a day) × mean order value
 *
 * λ is the BG/NBD population mean purchase rate while active, r / α (Fader, Hardie & Lee 2005,
 * "Counting your customers the easy way", eq. 1: λ ~ Gamma(r, α), so E[λ] = r/α per model unit);
 * the order value is the Gamma–Gamma population mean spend p·γ / (q − 1) (Fader, Hardie & Lee
 * 2005, "RFM and CLV", eq. 3), or the data's average order value when that model is not fitted.
 * Assumptions: every new customer goes through the journey; its end starts the repeat orders;
 * orders are only brought forward, none are lost to dropout during the saved days (so this leaves
 * out the customers a shorter journey keeps alive, and is on the low side); no discounting.
 */

/** The figures the value rests on. */
export interface MoneyModel {
  /** Repeat orders a day per active customer (E[λ] of the BG/NBD fit, per day). */
  ordersPerDay: number;
  /** Value of one order. */
  orderValue: number;
  /** Customers whose first order falls in a year, as the data show. */
  newCustomersPerYear: number;
}

const DAY_MS = 86_400_000;

/**
 * The money model from a fit: `r`, `alpha` of the BG/NBD model in `unit` (days or weeks), the
 * Gamma–Gamma population mean spend (or else `averageOrderValue`), and the customers first seen
 * between `firstDate` and `lastDate` ("YYYY-MM-DD") turned into a yearly figure. Undefined when a
 * figure is missing or not positive, or the data span less than a day.
 */
export function moneyModel(fit: {
  r: number; alpha: number; unit: 'days' | 'weeks'; spendPerOrder?: number; averageOrderValue: number;
  customers: number; firstDate: string; lastDate: string;
}): MoneyModel | undefined {
  const ordersPerDay = fit.r / fit.alpha / (fit.unit === 'weeks' ? 7 : 1);
  const orderValue = fit.spendPerOrder !== undefined && fit.spendPerOrder > 0 ? fit.spendPerOrder : fit.averageOrderValue;
  const spanDays = (Date.parse(fit.lastDate) - Date.parse(fit.firstDate)) / DAY_MS + 1;
  const newCustomersPerYear = fit.customers / (spanDays / 365.25);
  if (!(ordersPerDay > 0) || !Number.isFinite(ordersPerDay) || !(orderValue > 0) || !(spanDays >= 1) || !(newCustomersPerYear > 0)) return undefined;
  return { ordersPerDay, orderValue, newCustomersPerYear };
}

/** Days in one journey time unit, or undefined for a unit that is not a length of time Waypoint knows. */
export function daysPerUnit(timeUnit: string): number | undefined {
  const unit = timeUnit.trim().toLowerCase();
  if (/^(day|days|d)$/.test(unit)) return 1;
  if (/^(week|weeks|wk|wks|w)$/.test(unit)) return 7;
  if (/^(hour|hours|h|hr|hrs)$/.test(unit)) return 1 / 24;
  if (/^(month|months)$/.test(unit)) return 365.25 / 12;
  return undefined;
}

/** Money a year from a journey that ends `daysSooner` days sooner (the module's model); NaN for a gain that is not a number. */
export function improvementValue(daysSooner: number, model: MoneyModel): number {
  if (!Number.isFinite(daysSooner)) return NaN;
  return daysSooner * model.newCustomersPerYear * model.ordersPerDay * model.orderValue;
}
