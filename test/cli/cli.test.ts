import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cdnowParquet } from '../fixtures/parquet.ts';

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
      'pTargetStandardError', 'criticality', 'sensitivity', 'meanFinish', 'improvement', 'seconds',
    ]);
    expect(output).toMatchObject({ touchpoints: 14, iterations: 20000, seed: 1, target: 47, distribution: 'beta-pert' });
    // Hillier & Lieberman: μ = 44, σ² = 9, P(T ≤ 47) = 0.8413; the Monte Carlo reference: 0.8163 ± 3 SE.
    expect(output.pert).toEqual({ mean: 44, variance: 9, pTarget: 0.8413, criticalPath: ['A', 'B', 'C', 'E', 'F', 'J', 'L', 'N'] });
    expect(Math.abs(output.pTarget - 0.8163)).toBeLessThan(3 * output.pTargetStandardError + 1e-4);
    expect(output.criticality.A).toBe(1);
    expect(output.seconds).toBeGreaterThan(0);
  });

  it('ranks where to improve and reads probability, group and lagged links from the CSV', () => {
    // Fixed times: A 10 then B 5, 2 after A; C 3 or D 6 (a 50/50 group) after B; E 4 (25%) after them.
    // Finish 17 + {3 (C) or 6 (D)} + {0, or 4 when E happens}: 20, 23, 24 or 27.
    const file = tempFile('branched.csv', 'id,name,optimistic,most_likely,pessimistic,depends_on,probability,group\n'
      + 'A,Ad,10,10,10,,,\nB,Buy,5,5,5,A+2,,\nC,Chat,3,3,3,B,50%,Help\nD,Demo,6,6,6,B,50%,Help\nE,Email,4,4,4,C;D,25%,\n');
    const run = cli('simulate', file, '--iterations', '4096', '--target', '20', '--seed', '2');
    expect(run.stderr).toBe('');
    const output = JSON.parse(run.stdout);
    // P(T ≤ 20) = P(C, no E) = 0.5 × 0.75 = 0.375 (the group and E draw independently): SE √(0.375·0.625/4096) = 0.0076, 3 SE.
    expect(Math.abs(output.pTarget - 0.375)).toBeLessThan(0.023);
    // About 75% of finishes are ≤ 23 and 87.5% ≤ 24, so P80 = 24.
    expect(output.percentiles.p80).toBe(24);
    // Shortening by 10%: A 10 → 9 moves every finish 1 earlier (P80 23); B 5 → 4.5 by 0.5; E 4 → 3.6 moves the
    // (C, E) finishes that hold P80 to 23.6 (0.4); C 3 → 2.7 moves them to 23.7 (0.3); D does not reach P80 (0).
    // None brings a 23 within 20, and the 20s are in already: no gain in P.
    expect(output.improvement).toEqual({
      A: { pTargetGain: 0, p80Gain: 1 }, B: { pTargetGain: 0, p80Gain: 0.5 }, E: { pTargetGain: 0, p80Gain: 0.4 },
      C: { pTargetGain: 0, p80Gain: 0.3 }, D: { pTargetGain: 0, p80Gain: 0 },
    });
    expect(Object.keys(output.improvement)).toEqual(['A', 'B', 'E', 'C', 'D']);
  });

  it('takes correlations and refuses a set that cannot hold', () => {
    const ok = cli('simulate', 'examples/reliable-construction.csv', '--iterations', '2048', '--correlations', 'A;B=0.6|C,E,F=0.4');
    expect(ok.status).toBe(0);
    const bad = cli('simulate', 'examples/reliable-construction.csv', '--correlations', 'A;B=0.9|B;C=0.9|A;C=-0.9');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--correlations: These correlations cannot all hold at once');
    const unknown = cli('simulate', 'examples/reliable-construction.csv', '--correlations', 'A;ZZ=0.5');
    expect(unknown.stderr).toContain('"ZZ" is not an ID in the journey.');
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

  it('holds --iterations, --seed and --target to the limits the Settings panel uses', () => {
    const few = cli('simulate', 'examples/reliable-construction.csv', '--iterations', '50');
    expect(few.status).toBe(2);
    expect(few.stderr).toContain('--iterations must be a whole number from 100 to 1,000,000 (got "50").');
    expect(cli('simulate', 'examples/reliable-construction.csv', '--seed', '3000000000').stderr)
      .toContain('--seed must be a whole number from 0 to 2,147,483,648 (got "3000000000").');
    expect(cli('simulate', 'examples/reliable-construction.csv', '--target', '-1').status).toBe(2);
  }, 30_000);
});

describe('npm run cli -- repurchase', () => {
  it('fits the CDNOW sample as Fader, Hardie & Lee report and lists the 100 most valuable customers', () => {
    const run = cli('repurchase', 'test/fixtures/cdnow_sample.csv', '--calibration-end', '1997-09-30', '--unit', 'weeks');
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(Object.keys(output)).toEqual(['customers', 'calibrationEnd', 'calibrationDefault', 'unit', 'bgnbd', 'models', 'chosen', 'gammaGamma', 'top', 'reading', 'seconds']);
    expect(output).toMatchObject({ customers: 2357, calibrationEnd: '1997-09-30', unit: 'weeks' });
    // 1997-01-01 to 1998-06-30: the last 109 days (20%) would be held out by default.
    expect(output.calibrationDefault).toEqual({ date: '1998-03-13', heldOut: true, reason: 'last 20% held out' });
    expect(output.bgnbd.r).toBeCloseTo(0.243, 2);
    expect(output.bgnbd.logLikelihood).toBeCloseTo(-9582.4, 0);
    expect(output.gammaGamma).toMatchObject({ customers: 946 });
    expect(output.top).toHaveLength(100);
    expect(output.top[0].clv).toBeGreaterThanOrEqual(output.top[99].clv);
    expect(Object.keys(output.top[0])).toEqual(['customer', 'frequency', 'recency', 'T', 'pAlive', 'expectedOrders', 'clv']);
  });

  it('fits the three models to the published figures and chooses by the holdout error, or as asked', () => {
    // All three by default, as the Customers section fits them.
    const run = cli('repurchase', 'test/fixtures/cdnow_sample.csv', '--calibration-end', '1997-09-30');
    const { models, chosen } = JSON.parse(run.stdout);
    // Published CDNOW fits in weeks: BG/NBD LL −9582.4; Pareto/NBD r 0.553, α 10.578, s 0.606, β 11.669, LL −9595.0; MBG/NBD r 0.525, α 6.183, a 0.891, b 1.614, LL −9582.1.
    expect(Object.keys(models)).toEqual(['bgnbd', 'paretoNbd', 'mbgnbd']);
    expect(models.paretoNbd).toMatchObject({ parameters: 4, converged: true });
    expect(models.paretoNbd.logLikelihood).toBeCloseTo(-9595.0, 0);
    expect(models.paretoNbd.r).toBeCloseTo(0.553, 2);
    expect(models.paretoNbd.s).toBeCloseTo(0.606, 2);
    expect(models.mbgnbd.logLikelihood).toBeCloseTo(-9582.1, 0);
    expect(models.mbgnbd.a).toBeCloseTo(0.891, 2);
    // AIC = 2k − 2 ln L and BIC = k ln n − 2 ln L with k = 4, n = 2,357.
    expect(models.mbgnbd.aic).toBeCloseTo(8 - 2 * models.mbgnbd.logLikelihood, 2);
    expect(models.mbgnbd.bic).toBeCloseTo(4 * Math.log(2357) - 2 * models.mbgnbd.logLikelihood, 2);
    // The data run to 1998-06-30: every model is scored on the 39 holdout weeks, and the lowest error is chosen.
    const errors = Object.entries(models).map(([key, m]) => [key, (m as { holdout: { meanAbsoluteError: number } }).holdout.meanAbsoluteError] as const);
    const best = errors.reduce((p, q) => (q[1] < p[1] ? q : p));
    expect({ bgnbd: 'bgnbd', paretoNbd: 'pareto-nbd', mbgnbd: 'mbgnbd' }[best[0]]).toBe(chosen.model);
    expect(chosen.reason).toMatch(/forecast the holdout period's repeat orders best/);
    // BG/NBD alone when asked for.
    const plain = JSON.parse(cli('repurchase', 'test/fixtures/cdnow_sample.csv', '--calibration-end', '1997-09-30', '--model', 'bgnbd').stdout);
    expect(plain.chosen).toEqual({ model: 'bgnbd', reason: 'BG/NBD, as chosen.' });
    expect(Object.keys(plain.models)).toEqual(['bgnbd']);
    const asked = JSON.parse(cli('repurchase', 'test/fixtures/cdnow_sample.csv', '--calibration-end', '1997-09-30', '--model', 'pareto-nbd').stdout);
    expect(asked.chosen).toEqual({ model: 'pareto-nbd', reason: 'Pareto/NBD, as chosen.' });
    expect(cli('repurchase', 'test/fixtures/cdnow_sample.csv', '--model', 'pnbd').stderr).toContain('--model must be best, bgnbd, pareto-nbd, mbgnbd (got "pnbd").');
  }, 60_000);

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
    expect(Object.keys(output)).toEqual(['kind', 'rows', 'badRows', 'customers', 'orders', 'kpis', 'cleaning', 'anomalies', 'reading', 'seconds']);
    expect(output).toMatchObject({ kind: 'transactions', rows: 6919, customers: 2357, orders: 6919, badRows: [] });
    expect(output.anomalies.length).toBeGreaterThan(0);
    expect(Object.keys(output.anomalies[0])).toEqual(['kind', 'customer', 'date', 'order', 'related', 'score', 'atStake', 'why']);
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

describe('npm run cli -- the files people have', () => {
  function bytesFile(name: string, bytes: Uint8Array): string {
    const path = join(mkdtempSync(join(tmpdir(), 'waypoint-cli-')), name);
    writeFileSync(path, bytes);
    return path;
  }
  const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

  it('reads a Latin-1 file with semicolons and decimal commas, says which encoding it guessed, and names both in its output', () => {
    const file = bytesFile('kunden.csv', latin1('Kunde;Datum;Betrag\nMüller;2024-01-02;12,50\nMüller;2024-02-02;1.234,56\nJürgen;2024-01-09;7,25\n'));
    const run = cli('anomalies', file);
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(output).toMatchObject({ rows: 3, badRows: [], customers: 2, reading: { encoding: 'windows-1252', decimal: 'comma' } });
    expect(output.kpis.revenue).toBeCloseTo(12.5 + 1234.56 + 7.25, 6);
    expect(run.stderr).toContain('is read as Windows-1252');
    // Told otherwise, it reads points and reports each row whose number only a comma reads.
    const point = cli('anomalies', file, '--decimal', 'point', '--encoding', 'windows-1252');
    expect(JSON.parse(point.stdout).badRows).toEqual([
      { line: 3, reason: 'amount "1.234,56" is not a number with a decimal point (with a decimal comma it is 1234.56: choose that number format)' },
    ]);
    expect(point.stderr).toBe('');
  });

  it('reads UTF-16 with a byte-order mark, little- or big-endian', () => {
    const text = 'customer,date,amount\nC1,2024-01-02,"12,50"\nC2,2024-01-03,8\n';
    const little = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const big = Buffer.from(little.map((_, k) => little[k ^ 1]));
    for (const bytes of [little, big]) {
      const output = JSON.parse(cli('anomalies', bytesFile('orders.csv', bytes)).stdout);
      expect(output).toMatchObject({ rows: 2, badRows: [], customers: 2, reading: { decimal: 'point' } });
      expect(output.kpis.revenue).toBeCloseTo(20.5, 6);
    }
    expect(JSON.parse(cli('anomalies', bytesFile('orders.csv', little)).stdout).reading.encoding).toBe('utf-16le');
    expect(JSON.parse(cli('anomalies', bytesFile('orders.csv', big)).stdout).reading.encoding).toBe('utf-16be');
  });

  it('refuses an unknown encoding or decimal mark, and a line far too long, with a plain message', () => {
    const file = tempFile('orders.csv', 'customer,date,amount\nC1,2024-01-02,12\n');
    expect(cli('anomalies', file, '--encoding', 'ebcdic').stderr).toContain('--encoding must be auto, utf-8, windows-1252, utf-16le, utf-16be (got "ebcdic").');
    expect(cli('repurchase', file, '--decimal', 'dot').stderr).toContain('--decimal must be point or comma (got "dot").');
    const long = tempFile('long.csv', `customer,date,amount\nC1,2024-01-02,12\n${'x'.repeat(1_100_000)}\nC2,2024-01-03,5\n`);
    // `anomalies` streams its file as the app does: the long line is reported by its number and skipped, the rest read.
    const run = cli('anomalies', long);
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(output.badRows).toHaveLength(1);
    expect(output.badRows[0].line).toBe(3);
    expect(output.badRows[0].reason).toMatch(/longer than 1 MB/);
    expect(output.customers).toBe(2);
    // A command that reads its file whole refuses it.
    expect(cli('repurchase', long).stderr).toContain(`${long}:3: line 3 is longer than 1 MB`);
  });

  it('reads a Parquet file with anomalies and gives the same figures as its CSV twin', async () => {
    const { path } = await cdnowParquet();
    const fromParquet = JSON.parse(cli('anomalies', path).stdout);
    const fromCsv = JSON.parse(cli('anomalies', 'test/fixtures/cdnow_sample.csv').stdout);
    for (const output of [fromParquet, fromCsv]) delete output.seconds;
    expect(fromParquet.rows).toBe(6919);
    expect(fromParquet).toEqual(fromCsv);
  });
});
