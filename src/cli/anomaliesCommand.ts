/** `anomalies FILE`: KPIs, the cleaning step and the anomalies of a transactions file (CSV or Parquet). */
import { isJourneyHeader } from '../engine/journey/index.ts';
import { detectColumnDateFormat, detectColumnsDecimalMark, detectKind, numberColumns, readCustomerFile } from '../engine/csv/index.ts';
import type { ColumnMapping, ColumnRole } from '../engine/csv/index.ts';
import { findAnomalies } from '../engine/customers/index.ts';
import { computeKpis } from '../engine/customers/index.ts';
import { cleanTransactions } from '../engine/customers/index.ts';
import { dataCoverage } from '../engine/customers/index.ts';
import type { DateFormat } from '../engine/csv/index.ts';
import { UsageError, InputError } from './errors.ts';
import { parseFlags, round, decimalFlag, COLUMN_ROLES } from './flags.ts';
import { cleaningJson, openCustomerFile } from './readInput.ts';

/**
 * Transactions → KPIs and every anomaly the data allow (see anomalies.ts). The file is streamed
 * through the app's own reader (inspectCustomerFile, then readCustomerFile), never read whole:
 * a CSV in any encoding, or a Parquet file.
 */
export async function anomalies(args: string[]): Promise<object> {
  const { positional, flags } = parseFlags(args);
  const known = new Set(['mapping', 'date-format', 'encoding', 'decimal']);
  for (const name of flags.keys()) if (!known.has(name)) throw new UsageError(`Unknown option --${name}.`);
  const file = positional[0];
  if (!file) throw new UsageError('Name a transactions CSV file.');
  const dateFlag = flags.get('date-format') as DateFormat | undefined;
  if (dateFlag !== undefined && !['iso', 'yyyymmdd', 'mdy', 'dmy'].includes(dateFlag)) throw new UsageError('--date-format must be iso, yyyymmdd, mdy or dmy.');
  const decimalChosen = decimalFlag(flags);
  const { blob, inspection } = await openCustomerFile(file, flags);
  const mapping: ColumnMapping = { ...inspection.mapping };
  const mappingFlag = flags.get('mapping');
  if (mappingFlag !== undefined) {
    for (const pair of mappingFlag.split(',')) {
      const [role, column] = pair.split('=').map((part) => part.trim());
      if (!COLUMN_ROLES.includes(role as ColumnRole)) throw new UsageError(`--mapping: "${role}" is not one of ${COLUMN_ROLES.join(', ')}.`);
      const index = inspection.header.findIndex((cell) => cell.trim().toLowerCase() === (column ?? '').toLowerCase());
      if (index < 0) throw new UsageError(`--mapping: the file has no column "${column}" (it has ${inspection.header.join(', ')}).`);
      mapping[role as ColumnRole] = index;
    }
  }
  const kind = mappingFlag === undefined ? inspection.kind : detectKind(mapping);
  if (kind !== 'transactions') {
    const looksLike = isJourneyHeader(inspection.header) ? 'journey' : kind;
    throw new InputError([`${file}:1: this looks like ${looksLike === 'unknown' ? 'no file Waypoint knows' : `a ${looksLike} file`}; anomalies need transactions `
      + '(customer, date, and an amount or quantity and unit price). Name the columns with --mapping customer=…,date=…,amount=….']);
  }
  const start = performance.now();
  // The date format and decimal mark of the columns mapped, from the rows the inspection sampled through the file.
  const detected = detectColumnDateFormat(inspection.sample, mapping.date);
  if (dateFlag === undefined && detected.ambiguous) {
    throw new InputError([`${file}: every date reads both month-first and day-first; say which with --date-format mdy or --date-format dmy.`]);
  }
  const decimal = decimalChosen ?? detectColumnsDecimalMark(inspection.sample, numberColumns('transactions', mapping), inspection.delimiter).decimal;
  const read = await readCustomerFile(blob, {
    kind: 'transactions', mapping, dateFormat: dateFlag ?? detected.format, delimiter: inspection.delimiter, hasHeader: inspection.hasHeader,
    encoding: inspection.encoding, decimal,
  });
  if (read.kind !== 'transactions') throw new Error('a transactions plan read as another kind');
  if (read.table.customer.length === 0) {
    throw new InputError([`${file}: no row could be read.`, ...read.badRows.slice(0, 100).map((bad) => `${file}:${bad.line}: ${bad.reason}`)]);
  }
  const cleaned = cleanTransactions(read.table);
  const kpis = computeKpis(cleaned);
  const found = findAnomalies(cleaned);
  const seconds = (performance.now() - start) / 1000;
  return {
    kind, rows: read.rows,
    badRows: read.badRows,
    customers: kpis.customers, orders: kpis.orders,
    kpis: { ...kpis, retention: kpis.retention },
    cleaning: cleaningJson(cleaned.summary, dataCoverage(cleaned.purchases.minute).note),
    // An overdue customer's rhythm (the figures behind its sentence) stays in the app.
    anomalies: found.map(({ rhythm: _rhythm, ...anomaly }) => ({ ...anomaly, score: round(anomaly.score, 3), atStake: round(anomaly.atStake, 2) })),
    reading: { encoding: inspection.encoding, decimal, trimmedIds: read.reading?.trimmedIds ?? { ids: 0, rows: 0 } },
    seconds: round(seconds, 4),
  };
}
