// Deleting sources and entries (a wrong import is common) as one undoable change. The rows move,
// verbatim, to the trash tables of migration 004, tagged with the change's history id:
//  - a source goes to trash_sources; its content stays in source_chunks under its id (migration 007);
//  - an entry goes to trash_entries when it is deleted by id, or when every source holding it is
//    deleted; an entry another live source still holds stays and only loses the link;
//  - every link removed goes to trash_entry_sources.
// Deleting entries from `entries` takes them out of the search index (trigger) and marks the
// search statistics stale (trigger). Highlights, tags, notes and collection members on them are
// never touched: the highlights show as orphans until undo brings the entries back.
// Undo moves the rows back with the same ids and GUIDs (new ids never reuse a trashed one:
// EntriesRepo/SourcesRepo.insert), indexes the entries for search again (EntriesRepo.index),
// re-adds their near-duplicate bands, and restores the links. Redo trashes the same request again.
// When a deletion falls off the bounded history (history.ts keeps the newest 1,000 changes), its
// rows STAY in the trash, their ids still reserved: no undo reaches them any more, but nothing is
// lost; restoreFromTrash(historyId) needs only the trash rows, for a trash view or "empty trash"
// (not built yet).
import type { DeleteEntriesRequest, DeleteEntriesResult } from '../../../shared/contract.ts';
import { QuireError } from '../../../shared/errors.ts';
import type { Db } from '../db/open-archive.ts';
import { blobBands } from '../import/near-duplicates.ts';
import { EntriesRepo } from '../repo/entries-repo.ts';
import { currentHistoryId, recordChange, recordOp, registerHistoryOp } from './history.ts';

interface TrashRequest {
  sourceIds: number[];
  entryIds: number[];
}

interface TrashPlan {
  sources: number[];
  entries: number[];
}

/** The columns a trash table shares with its live table (a later migration adds a column to both, e.g. 005's link locators). */
function sharedColumns(db: Db, live: string, trash: string): string {
  const cols = (t: string) => (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(t) as string[]).map((c) => `"${c}"`);
  const liveCols = new Set(cols(live));
  return cols(trash)
    .filter((c) => liveCols.has(c))
    .join(', ');
}

const IN_LIST = 'IN (SELECT value FROM json_each(?))';

/** Which sources and entries a request deletes, as the archive is now. */
function plan(db: Db, req: TrashRequest): TrashPlan {
  const sources = db.prepare(`SELECT id FROM sources WHERE id ${IN_LIST} ORDER BY id`).pluck().all(JSON.stringify(req.sourceIds)) as number[];
  const s = JSON.stringify(sources);
  // Entries held only by the deleted sources go with them; the others only lose the link.
  const onlyThere = db
    .prepare(
      `SELECT DISTINCT es.entry_id FROM entry_sources es WHERE es.source_id ${IN_LIST}
         AND NOT EXISTS (SELECT 1 FROM entry_sources o WHERE o.entry_id = es.entry_id AND o.source_id NOT ${IN_LIST})`,
    )
    .pluck()
    .all(s, s) as number[];
  const named = db.prepare(`SELECT id FROM entries WHERE id ${IN_LIST}`).pluck().all(JSON.stringify(req.entryIds)) as number[];
  const entries = [...new Set([...onlyThere, ...named])].sort((a, b) => a - b);
  return { sources, entries };
}

function moveToTrash(db: Db, p: TrashPlan, historyId: number): void {
  const now = new Date().toISOString();
  const s = JSON.stringify(p.sources);
  const e = JSON.stringify(p.entries);
  const sourceCols = sharedColumns(db, 'sources', 'trash_sources');
  const entryCols = sharedColumns(db, 'entries', 'trash_entries');
  const linkCols = sharedColumns(db, 'entry_sources', 'trash_entry_sources');
  db.prepare(
    `INSERT INTO trash_entry_sources (${linkCols}, history_id)
     SELECT ${linkCols}, ? FROM entry_sources WHERE source_id ${IN_LIST}
     UNION
     SELECT ${linkCols}, ? FROM entry_sources WHERE entry_id ${IN_LIST}`,
  ).run(historyId, s, historyId, e);
  db.prepare(`INSERT INTO trash_sources (${sourceCols}, deleted_at, history_id) SELECT ${sourceCols}, ?, ? FROM sources WHERE id ${IN_LIST}`).run(now, historyId, s);
  db.prepare(`INSERT INTO trash_entries (${entryCols}, deleted_at, history_id) SELECT ${entryCols}, ?, ? FROM entries WHERE id ${IN_LIST}`).run(now, historyId, e);
  db.prepare(`DELETE FROM entry_sources WHERE source_id ${IN_LIST}`).run(s);
  db.prepare(`DELETE FROM entry_sources WHERE entry_id ${IN_LIST}`).run(e);
  removeBands(db, p.entries);
  // The index trigger takes each entry out of search.
  db.prepare(`DELETE FROM entries WHERE id ${IN_LIST}`).run(e);
  db.prepare(`DELETE FROM sources WHERE id ${IN_LIST}`).run(s);
}

/**
 * Takes entries' near-duplicate band rows out by key, made again from each entry's signature
 * (migration 9 keeps them once, by key, with no cascade from entries).
 */
function removeBands(db: Db, entryIds: number[]): void {
  const signatures = db.prepare(`SELECT id, minhash FROM entries WHERE id ${IN_LIST} AND minhash IS NOT NULL`).all(JSON.stringify(entryIds)) as { id: number; minhash: Buffer }[];
  const remove = db.prepare('DELETE FROM entry_bands WHERE band = ? AND hash = ? AND entry_id = ?');
  for (const row of signatures) blobBands(row.minhash).forEach((hash, band) => remove.run(band, hash, row.id));
}

/** Puts back what one change trashed: same ids and GUIDs, searchable again, links restored. */
export function restoreFromTrash(db: Db, historyId: number): { sources: number; entries: number } {
  const clash = db
    .prepare(
      `SELECT 'file ' || t.name AS what FROM trash_sources t JOIN sources s ON s.sha256 = t.sha256 WHERE t.history_id = ?
       UNION ALL
       SELECT 'entry “' || substr(coalesce(nullif(t.title, ''), t.body), 1, 60) || '”' FROM trash_entries t JOIN entries e ON e.content_hash = t.content_hash WHERE t.history_id = ?
       LIMIT 1`,
    )
    .pluck()
    .get(historyId, historyId) as string | undefined;
  if (clash !== undefined) {
    throw new QuireError('invalid-input', `The deleted ${clash} cannot come back: it has been imported again since. Delete the new copy first, then undo.`);
  }
  const sourceCols = sharedColumns(db, 'sources', 'trash_sources');
  const entryCols = sharedColumns(db, 'entries', 'trash_entries');
  const sources = db.prepare(`INSERT INTO sources (${sourceCols}) SELECT ${sourceCols} FROM trash_sources WHERE history_id = ? ORDER BY id`).run(historyId).changes;
  const entries = db.prepare(`INSERT INTO entries (${entryCols}) SELECT ${entryCols} FROM trash_entries WHERE history_id = ? ORDER BY id`).run(historyId).changes;
  // Searchable again through the import's own indexing, and findable as a near-duplicate again.
  const repo = new EntriesRepo(db);
  const bands: [number, number, number][] = [];
  const restored = db.prepare('SELECT id, title, body, author, outlet, date, minhash FROM trash_entries WHERE history_id = ?').all(historyId) as {
    id: number;
    title: string;
    body: string;
    author: string | null;
    outlet: string | null;
    date: string | null;
    minhash: Buffer | null;
  }[];
  for (const row of restored) {
    repo.index(row.id, row);
    if (row.minhash) blobBands(row.minhash).forEach((hash, band) => bands.push([band, hash, row.id]));
  }
  repo.addBands(bands);
  const linkCols = sharedColumns(db, 'entry_sources', 'trash_entry_sources');
  db.prepare(`INSERT INTO entry_sources (${linkCols}) SELECT ${linkCols} FROM trash_entry_sources WHERE history_id = ?`).run(historyId);
  db.prepare('DELETE FROM trash_entry_sources WHERE history_id = ?').run(historyId);
  db.prepare('DELETE FROM trash_entries WHERE history_id = ?').run(historyId);
  db.prepare('DELETE FROM trash_sources WHERE history_id = ?').run(historyId);
  // Entries came back without an id above the statistics' newest: mark them stale, as the
  // entries triggers do (migration 003), so searches read the index until the next refresh.
  if (entries > 0) db.prepare("UPDATE meta SET value = '0' WHERE key = 'search_stats_valid' AND value <> '0'").run();
  return { sources, entries };
}

registerHistoryOp('trash', {
  undo: (db, _payload, historyId) => void restoreFromTrash(db, historyId),
  redo: (db, payload, historyId) => moveToTrash(db, plan(db, payload as TrashRequest), historyId),
});

/** Moves sources (with the entries only they hold) and entries to the trash, as one undoable change. */
export function deleteEntries(db: Db, req: DeleteEntriesRequest): DeleteEntriesResult {
  const request: TrashRequest = { sourceIds: [...new Set(req.sourceIds ?? [])], entryIds: [...new Set(req.entryIds ?? [])] };
  if (request.sourceIds.length === 0 && request.entryIds.length === 0) {
    throw new QuireError('invalid-input', 'Say which sources or entries to delete.');
  }
  const p = plan(db, request);
  if (p.sources.length === 0 && p.entries.length === 0) return { sources: 0, entries: 0, orphanedHighlights: 0 };
  const entries = (n: number) => (n === 1 ? '1 entry' : `${n.toLocaleString('en')} entries`);
  const label =
    p.sources.length > 0
      ? `Delete ${p.sources.length === 1 ? 'a source' : `${p.sources.length} sources`} (${entries(p.entries.length)})`
      : `Delete ${p.entries.length === 1 ? 'an entry' : entries(p.entries.length)}`;
  return recordChange(db, label, () => {
    const historyId = currentHistoryId(db);
    moveToTrash(db, p, historyId);
    recordOp(db, 'trash', request);
    const orphanedHighlights = db.prepare(`SELECT count(*) FROM highlights WHERE deleted_at IS NULL AND entry_id ${IN_LIST}`).pluck().get(JSON.stringify(p.entries)) as number;
    return { sources: p.sources.length, entries: p.entries.length, orphanedHighlights };
  });
}
