import { describe, expect, it } from 'vitest';
import { fitBgNbd } from '../../../src/engine/repurchase/bgnbd.ts';
import { chooseModel, compareModels, holdoutError, repeatModel } from '../../../src/engine/repurchase/repeatModels.ts';
import type { ModelComparison } from '../../../src/engine/repurchase/repeatModels.ts';
import { bgNbdConditionalExpected } from '../../../src/engine/repurchase/bgnbd.ts';
import { cdnowSummary } from '../../fixtures/cdnowSummary.ts';

const row = (kind: ModelComparison['kind'], bic: number, over: Partial<ModelComparison> = {}): ModelComparison => ({
  kind, name: kind, logLikelihood: -bic / 2, parameters: 4, values: {}, aic: bic, bic, converged: true, ...over,
});

describe('choosing a model of repeat buying', () => {
  it('takes the lowest holdout error when every model has one, else the lowest BIC, passing over fits that did not converge', () => {
    const rows = [row('bgnbd', 100, { holdout: { meanAbsoluteError: 0.8, aggregateError: 0 } }), row('pareto-nbd', 120, { holdout: { meanAbsoluteError: 0.7, aggregateError: 0 } })];
    expect(chooseModel(rows)?.kind).toBe('pareto-nbd');
    expect(chooseModel([row('bgnbd', 100), row('mbgnbd', 90)])?.kind).toBe('mbgnbd');
    expect(chooseModel([row('bgnbd', 100), row('mbgnbd', 90, { converged: false })])?.kind).toBe('bgnbd');
    expect(chooseModel([row('bgnbd', 100), row('mbgnbd', 90)], 'bgnbd')).toEqual({ kind: 'bgnbd', reason: 'bgnbd, as chosen.' });
    expect(chooseModel([])).toBeUndefined();
  });

  it('counts AIC and BIC from the log-likelihood, and three parameters for BG/NBD at its Poisson limit', () => {
    const fit = { r: Infinity, alpha: Infinity, rate: 0.5, a: 1, b: 3, limit: 'poisson' as const, logLikelihood: -100, converged: true };
    const [limit] = compareModels([{ kind: 'bgnbd', fit }], 50);
    expect(limit.parameters).toBe(3);
    expect(limit.aic).toBe(2 * 3 + 200);
    expect(limit.bic).toBeCloseTo(3 * Math.log(50) + 200, 12);
  });

  it('scores a model on the holdout as the mean absolute difference of its forecasts from the orders placed', () => {
    const data = cdnowSummary();
    const fit = fitBgNbd(data)!;
    const holdout = Float64Array.from(data.frequency, (x) => (x > 2 ? 1 : 0));
    const { meanAbsoluteError, aggregateError } = holdoutError(repeatModel({ kind: 'bgnbd', fit }), data, holdout, 39);
    let absolute = 0; let predicted = 0; let actual = 0;
    for (let i = 0; i < data.frequency.length; i++) {
      const e = bgNbdConditionalExpected(fit, 39, data.frequency[i], data.recency[i], data.age[i]);
      absolute += Math.abs(e - holdout[i]); predicted += e; actual += holdout[i];
    }
    expect(meanAbsoluteError).toBeCloseTo(absolute / data.frequency.length, 12);
    expect(aggregateError).toBeCloseTo((predicted - actual) / actual, 12);
  });
});
