/**
 * The CLI's `repurchase` and the Customers section run one path — the same cleaning, calibration
 * end, fit and last check (repurchaseReport.ts) — so they print the same parameters for the same
 * file. The file is the one-plan subscription fixture with one more line: an order without a
 * customer three days after the last customer's, which the CLI used to take as the calibration
 * end while the page took the last customer's order (so the two fitted different data).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dayToIso } from '../../src/engine/csv/dates.ts';
import { inspectCustomerFile } from '../../src/engine/csv/inspectCustomerFile.ts';
import { readCustomerFile } from '../../src/engine/csv/readCustomerFile.ts';
import { readFileReport } from '../../src/engine/customers/datasetReport.ts';
import { STOPPED_CUSTOMER, subscriptionOrders } from '../engine/repurchase/subscriptionFixture.ts';

const root = new URL('../../', import.meta.url).pathname;
const orders = subscriptionOrders();
const text = `${orders.csv},${dayToIso(orders.lastDay + 3)},25.00\n`;

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

async function page() {
  // As the import dialog reads a file: inspected, then streamed, then the report the worker builds.
  const inspection = await inspectCustomerFile(new Blob([text]));
  const read = await readCustomerFile(new Blob([text]), {
    kind: 'transactions', mapping: inspection.mapping, dateFormat: inspection.dateFormat!, delimiter: inspection.delimiter, hasHeader: inspection.hasHeader,
  });
  const report = readFileReport(read);
  if (!report.ok || report.kind !== 'transactions') throw new Error('the fixture must read as transactions');
  return report.repurchase;
}

const round = (value: number) => Number(value.toFixed(6));

describe('npm run cli -- repurchase and the Customers section on one file', () => {
  it('fit the same model to the same calibration end and print the same parameters', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'waypoint-cli-')), 'subscription.csv');
    writeFileSync(file, text);
    const run = cli('repurchase', file);
    expect(run.stderr).toBe('');
    const output = JSON.parse(run.stdout);
    const shown = await page();
    expect(output.calibrationEnd).toBe(shown.calibrationEnd);
    // Neither was given a calibration end: both take the default, the last 20% of the data held out.
    expect(output.calibrationDefault).toEqual(shown.calibrationDefault);
    expect(output.calibrationEnd).toBe(shown.calibrationDefault!.date);
    expect(shown.calibrationDefault!.heldOut).toBe(true);
    expect(output.calibrationEnd < dayToIso(orders.lastDay)).toBe(true);
    const fit = shown.bgnbd!;
    expect(output.bgnbd).toMatchObject({ r: 'Infinity', alpha: 'Infinity', limit: 'poisson', rate: round(fit.rate), a: round(fit.a), b: round(fit.b), converged: fit.converged });
    expect(output.bgnbd.logLikelihood).toBe(Number(fit.logLikelihood.toFixed(3)));
    expect(output.bgnbd.warning).toBe(fit.warning);
    expect(output.gammaGamma).toMatchObject({ p: 'Infinity', q: 'Infinity', populationMean: 25, limit: 'steady-spend', customers: shown.gammaGamma!.customers });
    // The same customers in the same order, with the same figures.
    expect(output.top.map((c: { customer: string }) => c.customer)).toEqual(shown.customers.slice(0, 100).map((c) => c.customer));
    expect(output.top[0].clv).toBe(Number(shown.customers[0].clv.toFixed(2)));
    expect(output.top[0].pAlive).toBe(Number(shown.customers[0].pAlive.toFixed(4)));
    expect(shown.customers.find((c) => c.customer === STOPPED_CUSTOMER)!.pAlive).toBeLessThan(0.5);
  }, 30_000);
});
