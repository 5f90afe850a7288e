/**
 * The file "Save to file…" linked, kept in IndexedDB between visits. A FileSystemFileHandle is
 * structured-cloneable, so it is stored as it is; after a reload the browser asks the person
 * again before Waypoint may write to it (state/fileLink.svelte.ts). One linked file at a time.
 * Failures come back as a StorageProblem; the caller treats a lost link as no link.
 */
import { describeStorageError } from './database.ts';
import type { StoredFileLink, WaypointDatabase } from './database.ts';

export const FILE_LINK_ID = 'linked';

/** The link kept from an earlier visit, or undefined. */
export async function loadFileLink(db: WaypointDatabase): Promise<StoredFileLink | undefined> {
  try {
    return await db.fileLinks.get(FILE_LINK_ID);
  } catch (error) {
    throw describeStorageError(error);
  }
}

/** Keeps `link` in place of any earlier one. */
export async function keepFileLink(db: WaypointDatabase, link: Omit<StoredFileLink, 'id'>): Promise<void> {
  try {
    await db.fileLinks.put({ ...link, id: FILE_LINK_ID });
  } catch (error) {
    throw describeStorageError(error);
  }
}

/** Forgets the linked file (the file itself is untouched). */
export async function forgetFileLink(db: WaypointDatabase): Promise<void> {
  try {
    await db.fileLinks.delete(FILE_LINK_ID);
  } catch (error) {
    throw describeStorageError(error);
  }
}
