/**
 * The fitted parameters of a one-plan subscription (test/engine/subscriptionFixture.ts) as the
 * Customers section shows them: both models at their limits, said in words, with the warning.
 */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { repurchaseReport } from '../../../src/engine/repurchase/repurchaseReport.ts';
import FittedParameters from '../../../src/ui/customers/FittedParameters.svelte';
import { subscriptionOrders } from '../../engine/repurchase/subscriptionFixture.ts';

function text(html: string): string {
  return html.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]+>/g, '').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');
}

describe('FittedParameters for a one-plan subscription', () => {
  const report = repurchaseReport({ kind: 'transactions', transactions: subscriptionOrders().transactions }, { calibrationEnd: '', unit: 'weeks', horizonMonths: 12, annualDiscount: 0.1 });
  if (!report.ok) throw new Error(report.message);

  it('shows r, α and p, q as infinite, the shared rate and price, and warns that the data are more regular than the model assumes', () => {
    const html = text(render(FittedParameters, { props: { report } }).body);
    // Every subscriber orders every 14 days, 0.5 orders a week while active; the fitted λ is near that (the engine test bounds it).
    expect(html).toMatch(/r, α ?∞, ∞ — purchase rate while active: the same for every customer, 0\.[45]\d* orders a week/);
    expect(html).toMatch(/p, q, γ ?∞, ∞, not defined — spend per order: each customer's orders all worth the same .*worth 25\.00/);
    expect(html).toContain('(BG/Poisson)');
    expect(html).toContain('buy more regularly than the model assumes');
    expect(html).toContain('steadier than the spend model assumes');
  });
});
