/**
 * Ids read from a file, trimmed the one way every reader trims them (String.prototype.trim:
 * spaces, tabs, CR, LF, no-break spaces, a stray byte-order mark), with a count of those that
 * had anything to trim. " C1", "C1\r" and "C1" are one customer; the count lets the person see
 * that it happened instead of having it done silently.
 */

export interface TrimmedIds {
  /** Distinct ids as they were in the file (before trimming) that had space around them. */
  ids: number;
  /** Rows whose id had space around it. */
  rows: number;
}

export interface IdTrimmer {
  /** The id trimmed; counted when trimming changed it. */
  trim(raw: string): string;
  counts(): TrimmedIds;
}

export function idTrimmer(): IdTrimmer {
  const changed = new Set<string>();
  let rows = 0;
  return {
    trim(raw) {
      const id = raw.trim();
      if (id.length !== raw.length && id !== '') { rows++; changed.add(raw); }
      return id;
    },
    counts: () => ({ ids: changed.size, rows }),
  };
}
