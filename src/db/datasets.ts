/**
 * Imported customer data in IndexedDB: a small record per dataset (name, file, kind, size) for
 * the list, and its compact columns in a table of their own, read only when it is opened. The
 * columns go through datasetProblem (validate) before use, as scenarios go through their
 * restore path. Datasets never enter a share link or an export of scenarios.
 */
import { describeStorageError, StorageProblem } from './database.ts';
import type { StoredDataset, WaypointDatabase } from './database.ts';
import { datasetBytes, datasetProblem } from '../engine/csv/index.ts';
import type { Dataset } from '../engine/csv/index.ts';

function newId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `d-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** Datasets, newest first. */
export async function listDatasets(db: WaypointDatabase): Promise<StoredDataset[]> {
  try {
    return await db.datasets.orderBy('updatedAt').reverse().toArray();
  } catch (error) {
    throw describeStorageError(error);
  }
}

/** Stores a dataset and its columns in one transaction; returns its record. */
export async function saveDataset(
  db: WaypointDatabase, name: string, fileName: string, dataset: Dataset, analysis: { report?: unknown; thresholds?: unknown } = {}, now = Date.now(),
): Promise<StoredDataset> {
  const record: StoredDataset = {
    id: newId(), name, fileName, kind: dataset.kind, rows: dataset.rows, bytes: datasetBytes(dataset), createdAt: now, updatedAt: now,
  };
  try {
    await db.transaction('rw', db.datasets, db.datasetColumns, async () => {
      await db.datasets.add(record);
      await db.datasetColumns.add({ id: record.id, columns: dataset, ...analysis });
    });
  } catch (error) {
    const problem = describeStorageError(error);
    if (problem.kind === 'quota') {
      throw new StorageProblem('The browser has no room left to keep this data. It is open here and nothing else was lost; delete an older dataset to keep it for next time.', 'quota');
    }
    throw problem;
  }
  return record;
}

/** Reads a dataset's columns back, checked, with the analysis stored beside them (if any). */
export async function loadDataset(db: WaypointDatabase, id: string): Promise<{ record: StoredDataset; dataset: Dataset; report?: unknown; thresholds?: unknown }> {
  let record: StoredDataset | undefined;
  let stored: { columns: unknown; report?: unknown; thresholds?: unknown } | undefined;
  try {
    [record, stored] = await Promise.all([db.datasets.get(id), db.datasetColumns.get(id)]);
  } catch (error) {
    throw describeStorageError(error);
  }
  if (!record || !stored) throw new StorageProblem('That dataset is no longer here (it may have been deleted in another tab).', 'missing');
  const problem = datasetProblem(stored.columns);
  if (problem) throw new StorageProblem(`This stored dataset cannot be read: ${problem}. Import the file again.`, 'damaged');
  return { record, dataset: stored.columns as Dataset, report: stored.report, thresholds: stored.thresholds };
}

/** Keeps the latest analysis of a dataset beside its columns. */
export async function saveDatasetReport(db: WaypointDatabase, id: string, report: unknown, thresholds: unknown): Promise<void> {
  try {
    await db.datasetColumns.update(id, { report, thresholds });
  } catch (error) {
    throw describeStorageError(error);
  }
}

export async function renameDataset(db: WaypointDatabase, id: string, name: string, now = Date.now()): Promise<void> {
  try {
    const changed = await db.datasets.update(id, { name, updatedAt: now });
    if (!changed) throw new StorageProblem('That dataset is no longer here.', 'missing');
  } catch (error) {
    throw describeStorageError(error);
  }
}

export async function deleteDataset(db: WaypointDatabase, id: string): Promise<void> {
  try {
    await db.transaction('rw', db.datasets, db.datasetColumns, async () => {
      await db.datasets.delete(id);
      await db.datasetColumns.delete(id);
    });
  } catch (error) {
    throw describeStorageError(error);
  }
}
