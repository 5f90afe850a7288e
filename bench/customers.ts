/**
 * Customer-data benchmarks (part of `npm run bench`):
 * - BG/NBD + Gamma–Gamma fit on the CDNOW sample and on 100,000 simulated customers;
 * - the three models of repeat buying (BG/NBD, Pareto/NBD, MBG/NBD) fitted together, as every
 *   refit does, on the same two (goals: 300 ms and 5 s);
 * - a generated transactions file in the UCI Online Retail shape with 541,909 lines: parse,
 *   streamed in chunks as the app reads it, aggregate, KPIs, every anomaly and the compact
 *   columns it stores, with peak memory.
 * Medians of several runs; the big file runs in a child process so its memory is its own.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findAnomalies } from '../src/engine/customers/index.ts';
import { fitBgNbd } from '../src/engine/repurchase/index.ts';
import type { CustomerSummary } from '../src/engine/repurchase/index.ts';
import { parseCustomerFile, readTransactions } from '../src/engine/csv/index.ts';
import { dayNumber } from '../src/engine/csv/index.ts';
import { summarizeTable } from '../src/engine/customers/index.ts';
import { inspectCustomerFile, readCustomerFile } from '../src/engine/csv/index.ts';
import { encodeTransactions } from '../src/engine/csv/index.ts';
import { fitGammaGamma } from '../src/engine/repurchase/index.ts';
import { cleanTransactions } from '../src/engine/customers/index.ts';
import { computeKpis } from '../src/engine/customers/index.ts';
import { simulateBgNbdCustomer } from '../src/engine/repurchase/index.ts';
import { randomSfc32, uniform01 } from '../src/engine/math/index.ts';
import { uciFile } from './uciFile.ts';
import { fitRepeatModels, repurchaseReport } from '../src/engine/repurchase/index.ts';
import { customerReport } from '../src/engine/customers/index.ts';
import { plantedStore } from '../test/fixtures/plantedStore.ts';
import { plantedRecall } from '../test/fixtures/plantedRecall.ts';

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(runs: number, work: () => void): number {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return median(times);
}

function cdnowSummary(): CustomerSummary {
  const text = readFileSync(new URL('../test/fixtures/cdnow_sample.csv', import.meta.url), 'utf8');
  return summarizeTable(readTransactions(parseCustomerFile(text)).table, dayNumber(1997, 9, 30), 'weeks');
}

/** Customers drawn from the BG/NBD process with CDNOW-like parameters, ages 26–52 weeks. */
function simulatedSummary(count: number): CustomerSummary {
  const next = randomSfc32(5, 5);
  const summary: CustomerSummary = {
    ids: [], frequency: new Float64Array(count), recency: new Float64Array(count), age: new Float64Array(count), monetary: new Float64Array(count),
  };
  for (let i = 0; i < count; i++) {
    const age = 26 + 26 * uniform01(next);
    const { x, recency: last } = simulateBgNbdCustomer({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, age, next);
    summary.ids.push(String(i));
    summary.frequency[i] = x; summary.recency[i] = last; summary.age[i] = age;
    summary.monetary[i] = x > 0 ? 20 + 30 * uniform01(next) : 0;
  }
  return summary;
}

if (process.argv[2] === '--uci-child') {
  // One run per process, so each measures its own peak from a fresh heap.
  const text = uciFile(541_909);
  const before = process.memoryUsage().rss;
  let peak = before;
  const sample = () => { peak = Math.max(peak, process.memoryUsage().rss); };
  const timer = setInterval(sample, 5);
  const start = performance.now();
  // The path the app takes: inspect the head, stream the rows in chunks, aggregate, KPIs, anomalies, compact columns.
  const inspection = await inspectCustomerFile(text);
  const read = await readCustomerFile(text, {
    kind: 'transactions', mapping: inspection.mapping, dateFormat: inspection.dateFormat!, delimiter: inspection.delimiter, hasHeader: inspection.hasHeader,
  });
  if (read.kind !== 'transactions') throw new Error('expected transactions');
  const cleaned = cleanTransactions(read.table);
  computeKpis(cleaned);
  const anomalies = findAnomalies(cleaned).length;
  encodeTransactions(read.table, read.badRows, read.rows);
  const ms = performance.now() - start;
  clearInterval(timer);
  sample();
  console.log(JSON.stringify({ ms, peakMB: peak / 2 ** 20, megabytes: text.length / 1e6, anomalies }));
} else {
  const cdnow = cdnowSummary();
  const cdnowMs = time(5, () => { fitBgNbd(cdnow); fitGammaGamma(cdnow); });
  const big = simulatedSummary(100_000);
  const bigMs = time(3, () => { fitBgNbd(big); fitGammaGamma(big); });
  console.log('\nRepeat-buying fit (BG/NBD + Gamma–Gamma), median');
  console.log(`  CDNOW sample, 2,357 customers: ${cdnowMs.toFixed(0)} ms (goal ≤ 300 ms: ${cdnowMs <= 300 ? 'met' : 'NOT met'})`);
  console.log(`  100,000 simulated customers:   ${bigMs.toFixed(0)} ms (goal ≤ 3,000 ms: ${bigMs <= 3000 ? 'met' : 'NOT met'})`);
  // All three models, as every refit fits them (repeatModels.ts), each run on a fresh table of histories.
  const threeCdnowMs = time(7, () => { fitRepeatModels(cdnow); });
  const threeBigMs = time(5, () => { fitRepeatModels(big); });
  console.log('\nThree models of repeat buying (BG/NBD, Pareto/NBD, MBG/NBD) fitted together, median');
  console.log(`  CDNOW sample, 2,357 customers: ${threeCdnowMs.toFixed(0)} ms (goal ≤ 300 ms: ${threeCdnowMs <= 300 ? 'met' : 'NOT met'})`);
  console.log(`  100,000 simulated customers:   ${threeBigMs.toFixed(0)} ms (goal ≤ 5,000 ms: ${threeBigMs <= 5000 ? 'met' : 'NOT met'})`);
  // What the app's worker does on Refit: both fits, every customer's figures, checks, segments, regulars.
  const cdnowFile = customerReport(readFileSync(new URL('../test/fixtures/cdnow_sample.csv', import.meta.url), 'utf8'));
  if (cdnowFile.ok && cdnowFile.kind === 'transactions') {
    const settings = { calibrationEnd: '1997-09-30', unit: 'weeks' as const, horizonMonths: 12, annualDiscount: 0.1 };
    const refitMs = time(5, () => repurchaseReport({ kind: 'transactions', transactions: cdnowFile.purchases }, settings));
    const bigRefitMs = time(3, () => repurchaseReport({ kind: 'summary', summary: big }, { ...settings, calibrationEnd: '' }));
    console.log('\nRefit in the Customers section (fits, per-customer figures, checks, segments, regulars), median');
    console.log(`  CDNOW sample, calibration end 1997-09-30 with holdout: ${refitMs.toFixed(0)} ms`);
    console.log(`  100,000 simulated customers (summary):               ${bigRefitMs.toFixed(0)} ms`);
  }
  const self = fileURLToPath(import.meta.url);
  const runs = [0, 1, 2].map(() => JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', self, '--uci-child'], { encoding: 'utf8', maxBuffer: 1 << 24 }).trim().split('\n').pop()!));
  const uci = { ...runs[0], ms: median(runs.map((run) => run.ms)), peakMB: Math.max(...runs.map((run) => run.peakMB)) };
  console.log('\nTransactions: 541,909 lines in the UCI Online Retail shape, streamed parse + cleaning + orders + KPIs + all anomalies + compact columns, median of 3 processes');
  console.log(`  ${uci.megabytes.toFixed(0)} MB file: ${uci.ms.toFixed(0)} ms (goal ≤ 3,000 ms with cleaning: ${uci.ms <= 3000 ? 'met' : 'NOT met'}); peak RSS ${uci.peakMB.toFixed(0)} MB (goal < 1,024 MB); ${uci.anomalies} anomalies`);

  // Planted cases (test/fixtures/plantedStore.ts): how many the anomaly engine puts near the top of their kind.
  console.log('\nPlanted store (seeds 1–3, ~41,000 lines each): recall of the planted cases among the first 2N rows of each kind');
  const recalls = [1, 2, 3].map((seed) => {
    const { csv, truth } = plantedStore({ seed });
    return plantedRecall(truth, findAnomalies(cleanTransactions(readTransactions(parseCustomerFile(csv)).table)));
  });
  for (const [k, { kind, planted }] of recalls[0].kinds.entries()) {
    const found = recalls.map((r) => r.kinds[k].found);
    console.log(`  ${kind.padEnd(17)} ${found.join(' / ')} of ${planted} (recall ${(found.reduce((a, b) => a + b, 0) / (3 * planted)).toFixed(2)})`);
  }
  console.log(`  top 10 odd orders that are planted bulk orders: ${recalls.map((r) => `${Math.round(100 * r.bulkShareOfTopTenOddOrders)}%`).join(' / ')}`);
  console.log(`  false alarms: fake switches ${recalls.map((r) => r.falseAlarms.fakeSwitches).join(' / ')}, steady regulars called overdue ${recalls.map((r) => r.falseAlarms.keepBuyingOverdue).join(' / ')}`);
}
