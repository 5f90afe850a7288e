/**
 * Bringing customer data in and keeping it: the mapping dialog's pending file, the streamed
 * import with its progress and Cancel (read by the compute service in a worker), storing what
 * it returns, the datasets stored in this browser (list, open, rename, delete), the anomaly
 * thresholds and the cleaning rules (what counts as a purchase). What is open lives in
 * CustomerData; a cancelled or failed import leaves it exactly as it was. Datasets stay in
 * IndexedDB and never enter a share link.
 */
import { WaypointDatabase, describeStorageError, getMeta, setMeta } from '../db/database.ts';
import type { StoredDataset } from '../db/database.ts';
import { deleteDataset, listDatasets, loadDataset, renameDataset, saveDataset, saveDatasetReport } from '../db/datasets.ts';
import { DEFAULT_THRESHOLDS } from '../engine/customers/index.ts';
import type { AnomalyThresholds } from '../engine/customers/index.ts';
import { DEFAULT_CLEANING_RULES } from '../engine/customers/index.ts';
import type { CleaningRules } from '../engine/customers/index.ts';
import type { CustomerReport } from '../engine/customers/index.ts';
import type { ImportPlan, Inspection, TextEncoding } from '../engine/csv/index.ts';
import type { ComputeService } from './computeService.ts';
import type { OpenWorkbook } from './dropRouter.ts';
import type { CustomerData } from './customers.svelte.ts';

const OPEN_KEY = 'customers-open-dataset';
const THRESHOLDS_KEY = 'anomaly-thresholds';
const CLEANING_KEY = 'cleaning-rules';

/** A fresh copy of cleaning rules, fields in one order (so two sets compare as JSON); missing or malformed fields take the default. */
export function copyCleaningRules(rules: Partial<CleaningRules> | null | undefined): CleaningRules {
  const words = (list: unknown, fallback: string[]) => Array.isArray(list) ? list.filter((w): w is string => typeof w === 'string') : [...fallback];
  return {
    nonProductCodes: words(rules?.nonProductCodes, DEFAULT_CLEANING_RULES.nonProductCodes),
    nonProductDescriptions: words(rules?.nonProductDescriptions, DEFAULT_CLEANING_RULES.nonProductDescriptions),
    adjustmentPrefix: typeof rules?.adjustmentPrefix === 'string' ? rules.adjustmentPrefix : DEFAULT_CLEANING_RULES.adjustmentPrefix,
    keepDuplicates: typeof rules?.keepDuplicates === 'boolean' ? rules.keepDuplicates : DEFAULT_CLEANING_RULES.keepDuplicates,
  };
}

/** Whether a stored transactions report was cleaned with these rules (the rules it applied travel in its summary). */
export function cleanedWith(report: CustomerReport, rules: CleaningRules): boolean {
  if (!report.ok || report.kind !== 'transactions') return true;
  const applied = (report.cleaning as { summary?: { applied?: Partial<CleaningRules> } } | undefined)?.summary?.applied;
  return applied !== undefined && JSON.stringify(copyCleaningRules(applied)) === JSON.stringify(copyCleaningRules(rules));
}

/**
 * Whether an analysis stored with a dataset has what this version shows (one saved by an older
 * version may lack a part; then the columns are analysed again).
 */
export function storedReportUsable(report: unknown, kind: 'transactions' | 'event-log' | 'customer-summary'): report is CustomerReport {
  const r = report as Record<string, unknown> | null | undefined;
  if (!r || r.ok !== true || r.kind !== kind) return false;
  if (kind === 'customer-summary') return ['summary', 'repurchase', 'badRows'].every((key) => r[key] !== undefined && r[key] !== null);
  if (kind === 'event-log') return typeof r.eventLog === 'object' && r.eventLog !== null;
  return ['kpis', 'anomalies', 'purchases', 'repurchase', 'badRows', 'cleaning'].every((key) => r[key] !== undefined && r[key] !== null);
}

/** Resolves in a task after the next frame is painted (at once where there are no frames, as in tests). */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame !== 'function') resolve();
    else requestAnimationFrame(() => setTimeout(resolve, 0));
  });
}

export class CustomerImport {
  /** A file waiting for the person to confirm its mapping. */
  pending = $state.raw<{ file: File; inspection: Inspection; workbook?: OpenWorkbook } | null>(null);
  /** Share of the file read while an import runs; null otherwise. */
  progress = $state<number | null>(null);
  importingName = $state('');
  notice = $state('');
  noticeKind = $state<'info' | 'error'>('info');
  datasets = $state.raw<StoredDataset[]>([]);
  openId = $state<string | undefined>(undefined);
  thresholds = $state<AnomalyThresholds>({ ...DEFAULT_THRESHOLDS });
  /** What counts as a purchase: the cleaning step's rules, for every import and re-analysis. */
  cleaning = $state<CleaningRules>(copyCleaningRules(DEFAULT_CLEANING_RULES));

  private db: WaypointDatabase | undefined;
  /** Whether the person pressed Cancel on the import under way (a newer import ends it quietly). */
  private cancelled = false;

  constructor(private data: CustomerData, private readonly service: ComputeService) {}

  private say(message: string, kind: 'info' | 'error' = 'info'): void {
    this.notice = message;
    this.noticeKind = kind;
  }

  /** Opens storage, lists the datasets and reopens the one open last time (from its columns: no re-parse). */
  async start(): Promise<void> {
    try {
      this.db = new WaypointDatabase();
      await this.db.open();
      this.datasets = await listDatasets(this.db);
      const saved = await getMeta<Partial<AnomalyThresholds>>(this.db, THRESHOLDS_KEY);
      if (saved) this.thresholds = { ...DEFAULT_THRESHOLDS, ...saved };
      const cleaning = await getMeta<Partial<CleaningRules>>(this.db, CLEANING_KEY);
      if (cleaning) this.cleaning = copyCleaningRules(cleaning);
      const last = await getMeta<string>(this.db, OPEN_KEY);
      if (last && this.datasets.some((d) => d.id === last) && !this.data.report) await this.openDataset(last);
    } catch (error) {
      this.db = undefined;
      this.say(`${describeStorageError(error).message} Imported data will not be kept after this page closes.`, 'error');
    }
  }

  /**
   * A dropped or chosen customer file (transactions, event log or customer summary): ask about
   * the mapping proposed from its head (the drop router's inspection, or one made here).
   */
  async open(file: File, inspection?: Inspection, workbook?: OpenWorkbook): Promise<void> {
    this.say('');
    const inspected = inspection ?? await this.inspect(file);
    if (typeof inspected === 'string') this.say(`${inspected} Nothing was imported.`, 'error');
    else if (inspected) this.pending = { file, inspection: inspected, workbook };
  }

  /** Another sheet of the pending workbook: its rows inspected afresh, for a mapping of its own. */
  async chooseSheet(sheet: string): Promise<void> {
    const pending = this.pending;
    const file = pending?.workbook?.fileFor(sheet);
    if (!pending?.workbook || !file) return;
    const inspected = await this.inspect(file);
    if (this.pending !== pending || inspected === undefined) return; // closed, or another file since
    if (typeof inspected === 'string') this.say(inspected, 'error');
    else this.pending = { file, inspection: inspected, workbook: { ...pending.workbook, sheet } };
  }

  /**
   * The head of `file` inspected in a worker (in `encoding` when given): the inspection, a
   * sentence saying why it could not be read, or undefined when a newer inspection took over.
   */
  async inspect(file: File, encoding?: TextEncoding): Promise<Inspection | string | undefined> {
    const reply = await this.service.inspectCustomerFile(file, encoding);
    if (!reply) return undefined;
    return reply.ok ? reply.inspection : `${file.name}: ${reply.message}`;
  }

  /** The pending file read again in another encoding (the person's choice in the mapping dialog). */
  async chooseEncoding(encoding: TextEncoding): Promise<void> {
    const pending = this.pending;
    if (!pending) return;
    const inspected = await this.inspect(pending.file, encoding);
    if (this.pending !== pending || inspected === undefined) return; // closed, or another file since
    if (typeof inspected === 'string') this.say(inspected, 'error');
    else this.pending = { ...pending, inspection: inspected };
  }

  dismiss(): void {
    this.pending = null;
  }

  /** Reads the pending file with the confirmed plan, then shows and stores it. */
  async confirm(plan: ImportPlan): Promise<void> {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    this.cancelled = false;
    this.progress = 0;
    this.importingName = pending.file.name;
    const thresholds = $state.snapshot(this.thresholds);
    // The service passes on only this import's progress, while it runs.
    const result = await this.service.importCustomers(
      pending.file, plan, thresholds, copyCleaningRules($state.snapshot(this.cleaning)), (fraction) => { this.progress = fraction; },
    );
    if (!result && !this.cancelled) return; // a newer import took over
    this.progress = null;
    if (!result) {
      this.say(`Import of ${pending.file.name} cancelled; nothing changed.`);
      return;
    }
    if (!result.report.ok || !result.dataset) {
      const what = result.report.ok ? 'nothing could be read.' : result.report.message;
      this.say(`${pending.file.name}: ${what} Nothing changed; check the columns, the date format, the number format and the encoding in the import dialog, and import the file again.`, 'error');
      return;
    }
    this.data.show(result.report, pending.file.name, result.dataset);
    this.openId = undefined;
    if (!this.db) return;
    // Stored from here (the worker only reads and analyses), once the results are painted, the
    // columns and then their analysis: copying each into IndexedDB is a task of its own for the
    // page. Columns stored without their analysis (the page closed between) are analysed again
    // when opened.
    try {
      await afterPaint();
      const name = pending.file.name.replace(/\.(csv|tsv|txt|xlsx|parquet)$/i, '') + (pending.workbook && pending.workbook.sheetNames.length > 1 ? ` (${pending.workbook.sheet})` : '');
      const record = await saveDataset(this.db, name, pending.file.name, result.dataset);
      await afterPaint();
      await saveDatasetReport(this.db, record.id, result.report, thresholds);
      if (this.data.dataset === result.dataset) { // still the one open
        this.openId = record.id;
        await setMeta(this.db, OPEN_KEY, record.id);
      }
      this.datasets = await listDatasets(this.db);
    } catch (error) {
      this.say(describeStorageError(error).message, 'error');
    }
  }

  /** Stops the running import; whatever was open stays open. */
  cancel(): void {
    this.cancelled = true;
    this.service.cancelImport();
  }

  /** Opens a stored dataset: its columns are analysed again, never re-parsed from text. */
  async openDataset(id: string): Promise<void> {
    if (!this.db) return;
    try {
      const stored = await loadDataset(this.db, id);
      const { record, dataset } = stored;
      const thresholds = $state.snapshot(this.thresholds);
      const cleaning = copyCleaningRules($state.snapshot(this.cleaning));
      // The analysis stored with the columns is shown as it is when made with the same
      // thresholds and cleaning rules; otherwise the columns are analysed again (never the file re-parsed).
      let report = stored.report as CustomerReport | undefined;
      if (!storedReportUsable(report, dataset.kind) || JSON.stringify(stored.thresholds) !== JSON.stringify(thresholds) || !cleanedWith(report, cleaning)) {
        report = await this.service.analyzeDataset(dataset, thresholds, cleaning);
        if (!report) return; // another analysis took over
        if (report.ok) await saveDatasetReport(this.db, id, report, thresholds);
      }
      this.data.show(report, record.fileName, dataset);
      this.openId = id;
      await setMeta(this.db, OPEN_KEY, id);
    } catch (error) {
      this.say(describeStorageError(error).message, 'error');
    }
  }

  async rename(id: string, name: string): Promise<void> {
    if (!this.db || !name.trim()) return;
    try {
      await renameDataset(this.db, id, name.trim());
      this.datasets = await listDatasets(this.db);
    } catch (error) {
      this.say(describeStorageError(error).message, 'error');
    }
  }

  async remove(id: string): Promise<void> {
    if (!this.db) return;
    try {
      await deleteDataset(this.db, id);
      this.datasets = await listDatasets(this.db);
      if (this.openId === id) this.openId = undefined;
    } catch (error) {
      this.say(describeStorageError(error).message, 'error');
    }
  }

  /** New thresholds: kept for next time, and the open data analysed again with them. */
  async setThresholds(thresholds: AnomalyThresholds): Promise<void> {
    this.thresholds = { ...thresholds };
    if (this.db) await setMeta(this.db, THRESHOLDS_KEY, { ...thresholds }).catch(() => undefined);
    const dataset = this.data.dataset;
    if (dataset && dataset.kind === 'transactions') {
      const report = await this.service.analyzeDataset(dataset, { ...thresholds }, copyCleaningRules($state.snapshot(this.cleaning)));
      if (!report) return; // another analysis took over
      // Only the anomalies depend on the thresholds: the re-purchase models and their settings stay as they are.
      if (this.data.dataset === dataset) this.data.report = report;
      if (this.db && this.openId && report.ok) await saveDatasetReport(this.db, this.openId, report, { ...thresholds }).catch(() => undefined);
    }
  }

  /**
   * New cleaning rules: kept for next time, and the open transactions analysed again with them.
   * Unlike thresholds they change the purchases, so the re-purchase models are refitted too
   * (with the person's settings when they had changed them).
   */
  async setCleaning(rules: CleaningRules): Promise<void> {
    const cleaning = copyCleaningRules(rules);
    this.cleaning = cleaning;
    if (this.db) await setMeta(this.db, CLEANING_KEY, copyCleaningRules(cleaning)).catch(() => undefined);
    const dataset = this.data.dataset;
    if (!dataset || dataset.kind !== 'transactions') return;
    const thresholds = $state.snapshot(this.thresholds);
    const report = await this.service.analyzeDataset(dataset, thresholds, copyCleaningRules(cleaning));
    if (!report || this.data.dataset !== dataset) return;
    if (!report.ok) {
      this.say(`The data could not be analysed with these rules: ${report.message}`, 'error');
      return;
    }
    const chosen = this.data.repurchase.report?.settings;
    this.data.show(report);
    const fresh = this.data.repurchase.report?.settings;
    if (chosen && fresh && JSON.stringify(chosen) !== JSON.stringify(fresh)) void this.data.repurchase.refit({ ...chosen });
    if (this.db && this.openId) await saveDatasetReport(this.db, this.openId, report, thresholds).catch(() => undefined);
  }
}
