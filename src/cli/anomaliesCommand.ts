/** `anomalies FILE.csv`: KPIs, the cleaning step and the anomalies of a transactions file. */
import { isJourneyHeader } from '../engine/journey/index.ts';
import { detectKind, parseCustomerFile, readTransactions } from '../engine/csv/index.ts';
import type { ColumnMapping, ColumnRole } from '../engine/csv/index.ts';
import { findAnomalies } from '../engine/customers/index.ts';
import { computeKpis } from '../engine/customers/index.ts';
import { cleanTransactions } from '../engine/customers/index.ts';
import { dataCoverage } from '../engine/customers/index.ts';
import type { DateFormat } from '../engine/csv/index.ts';
import { UsageError, InputError } from './errors.ts';
import { parseFlags, round, decimalFlag, COLUMN_ROLES } from './flags.ts';
import { readText, fileDecimal, cleaningJson } from './readInput.ts';

/** Transactions → KPIs and every anomaly the data allow (see anomalies.ts). */
export function anomalies(args: string[]): object {
  const { positional, flags } = parseFlags(args);
  const known = new Set(['mapping', 'date-format', 'encoding', 'decimal']);
  for (const name of flags.keys()) if (!known.has(name)) throw new UsageError(`Unknown option --${name}.`);
  const file = positional[0];
  if (!file) throw new UsageError('Name a transactions CSV file.');
  const { text, encoding } = readText(file, flags);
  const parsed = parseCustomerFile(text);
  const mapping: ColumnMapping = { ...parsed.mapping };
  const mappingFlag = flags.get('mapping');
  if (mappingFlag !== undefined) {
    for (const pair of mappingFlag.split(',')) {
      const [role, column] = pair.split('=').map((part) => part.trim());
      if (!COLUMN_ROLES.includes(role as ColumnRole)) throw new UsageError(`--mapping: "${role}" is not one of ${COLUMN_ROLES.join(', ')}.`);
      const index = parsed.header.findIndex((cell) => cell.trim().toLowerCase() === (column ?? '').toLowerCase());
      if (index < 0) throw new UsageError(`--mapping: the file has no column "${column}" (it has ${parsed.header.join(', ')}).`);
      mapping[role as ColumnRole] = index;
    }
  }
  const dateFormat = flags.get('date-format') as DateFormat | undefined;
  if (dateFormat !== undefined && !['iso', 'yyyymmdd', 'mdy', 'dmy'].includes(dateFormat)) throw new UsageError('--date-format must be iso, yyyymmdd, mdy or dmy.');
  const kind = mappingFlag === undefined ? parsed.kind : detectKind(mapping);
  if (kind !== 'transactions') {
    const looksLike = isJourneyHeader(parsed.header) ? 'journey' : kind;
    throw new InputError([`${file}:1: this looks like ${looksLike === 'unknown' ? 'no file Waypoint knows' : `a ${looksLike} file`}; anomalies need transactions `
      + '(customer, date, and an amount or quantity and unit price). Name the columns with --mapping customer=…,date=…,amount=….']);
  }
  const start = performance.now();
  const decimal = decimalFlag(flags) ?? fileDecimal(parsed, mapping);
  const read = readTransactions(parsed, { mapping, dateFormat, decimal });
  if (read.ambiguousDates) {
    throw new InputError([`${file}: every date reads both month-first and day-first; say which with --date-format mdy or --date-format dmy.`]);
  }
  if (read.table.customer.length === 0) {
    throw new InputError([`${file}: no row could be read.`, ...read.badRows.slice(0, 100).map((bad) => `${file}:${bad.line}: ${bad.reason}`)]);
  }
  const cleaned = cleanTransactions(read.table);
  const kpis = computeKpis(cleaned);
  const found = findAnomalies(cleaned);
  const seconds = (performance.now() - start) / 1000;
  return {
    kind, rows: parsed.rows.length,
    badRows: read.badRows,
    customers: kpis.customers, orders: kpis.orders,
    kpis: { ...kpis, retention: kpis.retention },
    cleaning: cleaningJson(cleaned.summary, dataCoverage(cleaned.purchases.minute).note),
    anomalies: found.map((anomaly) => ({ ...anomaly, score: round(anomaly.score, 3), atStake: round(anomaly.atStake, 2) })),
    reading: { encoding, decimal, trimmedIds: read.trimmedIds },
    seconds: round(seconds, 4),
  };
}
