import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'waypoint-cli-')), name);
  writeFileSync(path, text);
  return path;
}

describe('npm run cli -- simulate', () => {
  it('prints one JSON object with the PERT and Monte Carlo figures', () => {
    const run = cli('simulate', 'examples/reliable-construction.csv', '--iterations', '20000', '--seed', '1', '--target', '47');
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(Object.keys(output)).toEqual([
      'touchpoints', 'iterations', 'seed', 'target', 'distribution', 'pert', 'mean', 'sd', 'percentiles', 'pTarget',
      'pTargetStandardError', 'criticality', 'sensitivity', 'meanFinish', 'seconds',
    ]);
    expect(output).toMatchObject({ touchpoints: 14, iterations: 20000, seed: 1, target: 47, distribution: 'beta-pert' });
    // Hillier & Lieberman: μ = 44, σ² = 9, P(T ≤ 47) = 0.8413; the Monte Carlo reference: 0.8163 ± 3 SE.
    expect(output.pert).toEqual({ mean: 44, variance: 9, pTarget: 0.8413, criticalPath: ['A', 'B', 'C', 'E', 'F', 'J', 'L', 'N'] });
    expect(Math.abs(output.pTarget - 0.8163)).toBeLessThan(3 * output.pTargetStandardError + 1e-4);
    expect(output.criticality.A).toBe(1);
    expect(output.seconds).toBeGreaterThan(0);
  });

  it('lets --distribution override every row', () => {
    const output = JSON.parse(cli('simulate', 'examples/reliable-construction.csv', '--iterations', '20000', '--distribution', 'triangular').stdout);
    expect(output.distribution).toBe('triangular');
    // Reference: triangular mean 46.2359; SE of the mean ≈ 3.70/√20000 = 0.026.
    expect(Math.abs(output.mean - 46.2359)).toBeLessThan(0.08);
  });

  it('exits 2 and lists problems with line and column for bad rows and cycles', () => {
    const file = tempFile('bad.csv', 'id,name,optimistic,most_likely,pessimistic,depends_on\nA,Ad,1,x,3,\nB,Buy,1,2,3,C\nC,Chat,1,2,3,B\n');
    const run = cli('simulate', file);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${file}:2: column most_likely: Ad: Most likely "x" is not a number.`);
    expect(run.stderr).toContain(`${file}:3: column depends_on: These touchpoints wait for each other in a circle: Buy → Chat → Buy.`);
  });

  it('exits 2 for a missing file, a broken header and a bad flag', () => {
    expect(cli('simulate', 'no/such/file.csv').status).toBe(2);
    const broken = cli('simulate', tempFile('broken.csv', 'what,is,this\n1,2,3\n'));
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain('The header has no id, optimistic, most_likely, pessimistic column');
    const flag = cli('simulate', 'examples/reliable-construction.csv', '--iterations', 'many');
    expect(flag.status).toBe(2);
    expect(flag.stderr).toContain('--iterations must be a whole number');
  });
});

describe('npm run cli -- repurchase', () => {
  it('fits the CDNOW sample as Fader, Hardie & Lee report and lists the 100 most valuable customers', () => {
    const run = cli('repurchase', 'test/fixtures/cdnow_sample.csv', '--calibration-end', '1997-09-30', '--unit', 'weeks');
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(Object.keys(output)).toEqual(['customers', 'calibrationEnd', 'unit', 'bgnbd', 'gammaGamma', 'top', 'seconds']);
    expect(output).toMatchObject({ customers: 2357, calibrationEnd: '1997-09-30', unit: 'weeks' });
    expect(output.bgnbd.r).toBeCloseTo(0.243, 2);
    expect(output.bgnbd.logLikelihood).toBeCloseTo(-9582.4, 0);
    expect(output.gammaGamma).toMatchObject({ customers: 946 });
    expect(output.top).toHaveLength(100);
    expect(output.top[0].clv).toBeGreaterThanOrEqual(output.top[99].clv);
    expect(Object.keys(output.top[0])).toEqual(['customer', 'frequency', 'recency', 'T', 'pAlive', 'expectedOrders', 'clv']);
  });

  it('reads a customer summary file directly', () => {
    const file = tempFile('summary.csv', 'customer,frequency,recency,T,monetary_value\na,2,30,38,20\nb,0,0,38,0\nc,5,37,38,15\nd,1,3,38,40\n');
    const run = cli('repurchase', file);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).customers).toBe(4);
  });

  it('exits 2 with a plain message when nobody bought twice', () => {
    const file = tempFile('once.csv', 'customer,date,amount\na,2024-01-01,10\nb,2024-01-05,12\n');
    const run = cli('repurchase', file);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('No customer has bought more than once');
  });
});

describe('npm run cli -- anomalies', () => {
  it('prints KPIs and anomalies for the CDNOW shape', () => {
    const run = cli('anomalies', 'test/fixtures/cdnow_sample.csv');
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(Object.keys(output)).toEqual(['kind', 'rows', 'badRows', 'customers', 'orders', 'kpis', 'anomalies', 'seconds']);
    expect(output).toMatchObject({ kind: 'transactions', rows: 6919, customers: 2357, orders: 6919, badRows: [] });
    expect(output.anomalies.length).toBeGreaterThan(0);
    expect(Object.keys(output.anomalies[0])).toEqual(['kind', 'customer', 'date', 'order', 'related', 'score', 'why']);
  });

  it('takes a column mapping and asks about ambiguous dates', () => {
    const file = tempFile('odd.csv', 'who,when,paid\na,1/2/2024,10\na,3/4/2024,12\n');
    const unmapped = cli('anomalies', file);
    expect(unmapped.status).toBe(2);
    expect(unmapped.stderr).toContain('--mapping');
    const ambiguous = cli('anomalies', file, '--mapping', 'customer=who,date=when,amount=paid');
    expect(ambiguous.status).toBe(2);
    expect(ambiguous.stderr).toContain('--date-format');
    const ok = cli('anomalies', file, '--mapping', 'customer=who,date=when,amount=paid', '--date-format', 'dmy');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).orders).toBe(2);
  });
});
