// The near-duplicate lookup table (entry_bands: 8 band hashes per entry) is filled after an
// import's files, a slice of entries at a time, not inside each file's transaction. Its keys are
// hashes, so each of a file's rows lands on a different page of a big B-tree: written with the
// file they were a third of its write and half of what its commit logged, and a highlight saved
// during an import waits for the file it arrives behind. Nothing is lost by waiting: the rows are
// made again from each entry's stored signature (entries.minhash), so they can be added any time.
//
// `bands_upto` in meta: every entry with an id up to it has its rows (or no signature). Entries
// above it are the import's own (the writer keeps their bands in memory until they are indexed,
// see archive-writer.ts) or left by an import that was stopped before indexing them, which the
// next import indexes first.
import type { Db } from '../db/open-archive.ts';
import { prepared } from '../db/prepared.ts';
import { EntriesRepo } from '../repo/entries-repo.ts';
import { blobBands } from './near-duplicates.ts';

const KEY = 'bands_upto';

// Prepared once per connection (prepared.ts): a slice runs every 100 entries of an import.
const MARK_SQL = 'SELECT value FROM meta WHERE key = ?';
const NEWEST_SQL = 'SELECT max(id) AS id FROM entries';
const SET_MARK_SQL = 'INSERT INTO meta (key, value) VALUES (?, ?)';
const PAST_MARK_SQL = 'SELECT id, minhash FROM entries WHERE id > ? ORDER BY id LIMIT ?';
const MOVE_MARK_SQL = 'UPDATE meta SET value = ? WHERE key = ?';

/** How many entries one transaction indexes: short, so an edit waits for one slice at most. */
export const BAND_SLICE_ENTRIES = 100;

/**
 * The id up to which entries are in the table. An archive from before this was kept whole at each
 * import: on first use the mark is set to its newest entry (before the import writes anything).
 */
export function bandsUpto(db: Db): number {
  const mark = prepared(db, MARK_SQL).get(KEY) as { value: string } | undefined;
  if (mark !== undefined) return Number(mark.value);
  const newest = (prepared(db, NEWEST_SQL).get() as { id: number | null }).id ?? 0;
  prepared(db, SET_MARK_SQL).run(KEY, String(newest));
  return newest;
}

/**
 * Indexes up to `limit` entries past the mark, in the caller's transaction; how many it covered (0:
 * none left). `repo`: the caller's, made once: each EntriesRepo prepares a dozen statements, whose
 * memory outside V8's heap goes back only when V8 collects them (8,000 repos held 590 MB).
 */
export function indexBandSlice(db: Db, limit: number, repo: EntriesRepo): number {
  const upto = bandsUpto(db);
  const rows = prepared(db, PAST_MARK_SQL).all(upto, limit) as { id: number; minhash: Buffer | null }[];
  if (rows.length === 0) return 0;
  const bands: [number, number, number][] = [];
  for (const row of rows) {
    if (row.minhash) blobBands(row.minhash).forEach((hash, band) => bands.push([band, hash, row.id]));
  }
  repo.addBands(bands);
  prepared(db, MOVE_MARK_SQL).run(String(rows.at(-1)!.id), KEY);
  return rows.length;
}

/**
 * Indexes every entry past the mark, one transaction per slice, with a turn of the event loop
 * between slices (an edit sent to the writer meanwhile runs there). Stops early when cancelled:
 * the rest waits for the next import. Must not be called inside a transaction.
 */
export async function indexPendingBands(db: Db, options: { sliceEntries?: number; isCancelled?: () => boolean } = {}): Promise<number> {
  let done = 0;
  const repo = new EntriesRepo(db);
  const slice = db.transaction(() => indexBandSlice(db, options.sliceEntries ?? BAND_SLICE_ENTRIES, repo));
  for (;;) {
    if (options.isCancelled?.()) return done;
    const n = slice.immediate();
    if (n === 0) return done;
    done += n;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
