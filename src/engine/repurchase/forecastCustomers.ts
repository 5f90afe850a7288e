/**
 * Per-customer forecasts from the two fitted models: P(alive), expected orders over the
 * horizon (the repeat-buying model: BG/NBD unless another is given, repeatModels.ts), expected
 * order value (Gamma–Gamma) and discounted lifetime value.
 */
import { fitBgNbd } from './bgnbd.ts';
import type { BgNbdFit, CustomerSummary } from './bgnbd.ts';
import { repeatModel } from './repeatModels.ts';
import type { FittedModel } from './repeatModels.ts';
import { DAYS_PER_UNIT } from './summarizeCustomers.ts';
import type { TimeUnit } from './summarizeCustomers.ts';
import { customerLifetimeValue, fitGammaGamma, gammaGammaExpectedValue } from './gammaGamma.ts';
import type { GammaGammaFit } from './gammaGamma.ts';

export interface ForecastOptions {
  unit: TimeUnit;
  /** Months ahead for expected orders and lifetime value (default 12). */
  horizonMonths?: number;
  /** Yearly discount rate for lifetime value (default 0.10). */
  annualDiscount?: number;
}

export interface CustomerForecast {
  /** The model of repeat buying the figures come from. */
  model: FittedModel;
  /** The BG/NBD fit (the model's own when it is BG/NBD). */
  bgnbd: BgNbdFit;
  gammaGamma: GammaGammaFit | undefined;
  pAlive: Float64Array;
  expectedOrders: Float64Array;
  expectedValue: Float64Array;
  clv: Float64Array;
}

/**
 * Fits both models and forecasts every customer. Returns a plain problem sentence instead when
 * the data cannot support a fit (no customer has bought twice). Without a Gamma–Gamma fit the
 * expected value falls back on each customer's own average (0 when it is negative).
 */
export function forecastCustomers(summary: CustomerSummary, options: ForecastOptions, chosen?: FittedModel, bgnbdFit?: BgNbdFit): CustomerForecast | { problem: string } {
  const bgnbd = bgnbdFit ?? (chosen?.kind === 'bgnbd' ? chosen.fit : fitBgNbd(summary));
  if (!bgnbd) {
    return { problem: 'No customer has bought more than once before the calibration end, so re-purchase cannot be modelled. Use a later calibration end or more data.' };
  }
  const model: FittedModel = chosen ?? { kind: 'bgnbd', fit: bgnbd };
  const repeats = repeatModel(model);
  const gammaGamma = fitGammaGamma(summary);
  const months = options.horizonMonths ?? 12;
  const annualDiscount = options.annualDiscount ?? 0.1;
  const daysPerUnit = DAYS_PER_UNIT[options.unit];
  const horizon = months * 365.25 / 12 / daysPerUnit;
  const count = summary.ids.length;
  const pAlive = new Float64Array(count);
  const expectedOrders = new Float64Array(count);
  const expectedValue = new Float64Array(count);
  const clv = new Float64Array(count);
  // P(alive), expected orders and discounted expected orders depend on (x, t_x, T) only, and CLV
  // is linear in the expected value: customers sharing a history (every x = 0 customer of one
  // age, say) are computed once.
  const perHistory = new Map<string, [number, number, number]>();
  for (let i = 0; i < count; i++) {
    const x = summary.frequency[i];
    const recency = summary.recency[i];
    const age = summary.age[i];
    const key = `${x}|${recency}|${age}`;
    let figures = perHistory.get(key);
    if (!figures) {
      figures = [
        repeats.probabilityAlive(x, recency, age),
        repeats.conditionalExpected(horizon, x, recency, age),
        customerLifetimeValue(repeats, 1, x, recency, age, { months, annualDiscount, daysPerUnit }),
      ];
      perHistory.set(key, figures);
    }
    pAlive[i] = figures[0];
    expectedOrders[i] = figures[1];
    // A customer whose repeat orders net to nothing or less (a summary file may say so) is weighed as spending 0 so far.
    const own = Math.max(0, summary.monetary[i]);
    expectedValue[i] = gammaGamma ? gammaGammaExpectedValue(gammaGamma, x, own) : own;
    clv[i] = expectedValue[i] * figures[2];
  }
  return { model, bgnbd, gammaGamma, pAlive, expectedOrders, expectedValue, clv };
}
