// FTS5 merges the search index's segments as part of the write that adds one (automerge): each
// file's transaction flushed its entries as a new segment and then merged older ones, so about a
// quarter of a file's write and more than a third of its commit were merge work, which a highlight
// saved during an import waited for. An import turns that off (automerge 0, kept in
// entry_index_config) and merges between its files instead, a few pages per transaction, the way
// band-index.ts fills the near-duplicate table.
//
// Nothing needs a mark of ours: FTS5 keeps an unfinished merge in its own structure record, and
// its results are the same with any number of segments (only their speed differs). An import that
// was stopped leaves automerge off and some merging undone; the next import does that first, and
// FTS5's crisis merge (16 segments on one level) bounds the segments meanwhile.
import type { Db } from '../db/open-archive.ts';
import { prepared } from '../db/prepared.ts';

/**
 * Pages one merge transaction writes (at most): about 10 ms of CPU, so an edit waits one slice at
 * most. The merge goes as far as automerge would (fewer than `usermerge`, 4, segments per level).
 */
export const MERGE_SLICE_PAGES = 64;

/** FTS5's own default, which the archive goes back to when no import runs. */
const AUTOMERGE_DEFAULT = 4;

/** Stops FTS5 merging inside writes to the index (until restoreAutomerge). */
export function deferIndexMerges(db: Db): void {
  db.prepare("INSERT INTO entry_index (entry_index, rank) VALUES ('automerge', 0)").run();
}

/** Lets writes to the index merge again as they did before the import. */
export function restoreAutomerge(db: Db): void {
  db.prepare("INSERT INTO entry_index (entry_index, rank) VALUES ('automerge', ?)").run(BigInt(AUTOMERGE_DEFAULT));
}

/**
 * One slice: up to `pages` pages of merge work in the caller's transaction; false when there was
 * none (a no-op 'merge' changes fewer than 2 rows: https://sqlite.org/fts5.html#the_merge_command).
 */
function mergeSlicer(db: Db): (pages: number) => boolean {
  // Prepared once per connection (prepared.ts): this runs between every two files of an import.
  const changes = prepared(db, 'SELECT total_changes() AS n');
  // A positive count continues a merge begun earlier, or begins one on a level of 4 or more segments.
  const merge = prepared(db, "INSERT INTO entry_index (entry_index, rank) VALUES ('merge', ?)");
  return (pages) => {
    const before = (changes.get() as { n: number }).n;
    merge.run(BigInt(Math.max(1, Math.trunc(pages))));
    return (changes.get() as { n: number }).n - before >= 2;
  };
}

/**
 * Merges until nothing is left to merge, one transaction per slice, with a turn of the event loop
 * between slices (an edit sent to the writer meanwhile runs there). Stops early when cancelled.
 * Must not be called inside a transaction. Returns the number of slices that did work.
 */
export async function mergePendingIndex(db: Db, options: { slicePages?: number; isCancelled?: () => boolean } = {}): Promise<number> {
  const slicer = mergeSlicer(db);
  const slice = db.transaction(() => slicer(options.slicePages ?? MERGE_SLICE_PAGES));
  let slices = 0;
  for (;;) {
    if (options.isCancelled?.()) return slices;
    if (!slice.immediate()) return slices;
    slices++;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
