/** Runs too big for one Latin hypercube: figures as they come, and a way to stop. */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { exampleSettings } from '../../src/engine/journey/index.ts';
import { SCENARIO_VERSION } from '../../src/share/scenarioFormat.ts';
import { encodeShareFragment } from '../../src/share/shareLink.ts';
import { denseJourneyRows } from '../../bench/randomJourney.ts';
import { it, close, openApp } from './support.ts';

describe('a run too big for one go', () => {
  it('shows the figures of the batches done so far, says how the run was batched, and keeps them when stopped', async () => {
    // 300 touchpoints × 1,000,000 iterations is 3·10⁸ samples: 31 batches of 32,259 iterations.
    const rows = denseJourneyRows(300, 3, { spread: 1.25 });
    const fragment = await encodeShareFragment({ v: SCENARIO_VERSION, name: 'Three hundred touchpoints', settings: { ...exampleSettings, iterations: 1_000_000 }, rows, correlations: [] });
    const { page, errors } = await openApp(undefined, `#${fragment}`);
    const simulation = page.getByRole('region', { name: 'Simulation' });
    const stop = simulation.getByRole('button', { name: 'Stop the simulation' });
    await stop.waitFor({ timeout: 20_000 });
    await simulation.getByText(/run as\s+31 independent batches of 32,259/).waitFor({ timeout: 30_000 });
    await simulation.getByText(/partial: [\d,]+ of 1,000,000 iterations/).first().waitFor({ timeout: 30_000 });
    await stop.click();
    await stop.waitFor({ state: 'detached' });
    const status = (await simulation.locator('.status').textContent()) ?? '';
    const done = Number(/^([\d,]+) runs of 1,000,000 \(stopped\)/.exec(status.trim())?.[1].replaceAll(',', ''));
    assert.ok(done > 0 && done < 1_000_000, `status after Stop: "${status}"`);
    // The stopped figures stay, with no run started again.
    await page.waitForTimeout(1_000);
    assert.match((await simulation.locator('.status').textContent()) ?? '', /\(stopped\)/);
    assert.deepEqual(errors, []);
    await close(page);
  });
});
