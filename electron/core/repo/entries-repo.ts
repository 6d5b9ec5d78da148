// All SQL about entries and their provenance lives here.
import type { EntryDetail, EntryProvenance, EntryVersion, SourceLocator, TextDirection } from '../../../shared/contract.ts';
import { guidFromHash } from '../db/guids.ts';
import type { Db } from '../db/open-archive.ts';
import { stageEnd, stageStart } from '../import/stage-times.ts';
import { dateTokens } from '../search/date-tokens.ts';
import { foldFields, type FoldedFields } from '../search/fold-text.ts';

export interface NewEntry {
  title: string;
  body: string;
  date: string | null;
  dateSource: string | null;
  author: string | null;
  outlet: string | null;
  url: string | null;
  language: string | null;
  direction: TextDirection;
  contentHash: string;
  minhash: Buffer | null;
  /** The group's first entry when this is a near-duplicate of it; null when it starts its own group. */
  nearGroup?: number | null;
  /** The search-folded title/body/author/outlet when already computed (the import does it off-thread). */
  folded?: FoldedFields;
  createdAt: string;
}

/** A near-duplicate band key (entry_bands' band and hash, a signed 32-bit hash) as one number. */
export const bandKey = (band: number, hash: number): number => band * 4294967296 + (hash >>> 0);

/** Above every entry id live or in the trash. */
const NEXT_ID = 'SELECT max(coalesce((SELECT max(id) FROM entries), 0), coalesce((SELECT max(id) FROM trash_entries), 0)) + 1';

/** Where in its source an entry came from, besides its span of the stored text. */
export interface LinkProvenance {
  bodyStart?: number | null;
  bodyEnd?: number | null;
  locator?: SourceLocator | null;
}

interface EntryRow {
  id: number;
  title: string;
  body: string;
  date: string | null;
  dateSource: string | null;
  author: string | null;
  outlet: string | null;
  url: string | null;
  language: string | null;
  direction: TextDirection;
  nearGroup: number | null;
}

export class EntriesRepo {
  private readonly byHash;
  private readonly insertStmt;
  private readonly indexStmt;
  private readonly linkStmt;
  private readonly insertBandStmt;
  private readonly bandCandidatesStmt;
  private readonly minhashStmt;
  private readonly getStmt;
  private readonly provenanceStmt;
  private readonly versionsStmt;
  private readonly nextIdStmt;
  private readonly db: Db;
  /** The next entry id while countIds counts, else null (each insert looks it up). */
  private nextId: number | null = null;

  constructor(db: Db) {
    this.db = db;
    this.byHash = db.prepare<[string], { id: number }>('SELECT id FROM entries WHERE content_hash = ?');
    // Ids are never reused while a deleted entry waits in the trash (undo gives it its own id back):
    // a new id is above every id live AND trashed; SQLite's default, max(id) + 1 of the live table,
    // would hand a trashed id to the next import. See countIds for the import's fast path.
    // Bound by position: binding by name (an object spread and a lookup per parameter) was about
    // a tenth of an imported entry's row; likewise the link below.
    this.insertStmt = db.prepare<[number | null, string, string, string | null, string | null, string | null, string | null, string | null, string | null, TextDirection, string, Buffer | null, number | null, string, string]>(
      `INSERT INTO entries (id, title, body, date, date_source, author, outlet, url, language, direction, content_hash, minhash, near_group, created_at, guid)
       VALUES (coalesce(?, (${NEXT_ID})), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.nextIdStmt = db.prepare<[], number>(NEXT_ID).pluck();
    this.indexStmt = db.prepare('INSERT INTO entry_index (rowid, title, body, author, outlet, dates) VALUES (?, ?, ?, ?, ?, ?)');
    this.linkStmt = db.prepare<[number, number, number, number, number, string | null, number | null, number | null]>(
      `INSERT OR IGNORE INTO entry_sources (entry_id, source_id, start, end, ordinal, locator, body_start, body_end)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // Bands are read and written for a whole batch of entries in one statement each: one
    // statement per entry and band made near-duplicate grouping the slowest part of an import.
    this.insertBandStmt = db.prepare(
      `INSERT OR IGNORE INTO entry_bands (band, hash, entry_id)
       SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?) ORDER BY 1, 2, 3`,
    );
    // At most the 20 earliest entries per band key: a corpus of near-identical posts must not make
    // every lookup return thousands of rows (the earliest are the groups' first versions). The keys
    // come as one flat array of numbers (bandKey), taken apart in SQL: as [band, hash] pairs each
    // element was JSON to parse again, 40% of the lookup's time.
    this.bandCandidatesStmt = db.prepare<[string], { key: number; entryId: number }>(
      `WITH k(key, band, hash) AS (
         SELECT value, value >> 32, ((value + 2147483648) & 4294967295) - 2147483648 FROM json_each(?))
       SELECT k.key AS key, eb.entry_id AS entryId
         FROM k
         JOIN entry_bands eb ON eb.band = k.band AND eb.hash = k.hash
          AND eb.entry_id IN (SELECT x.entry_id FROM entry_bands x WHERE x.band = k.band AND x.hash = k.hash ORDER BY x.entry_id LIMIT 20)`,
    );
    this.minhashStmt = db.prepare<[number], { minhash: Buffer | null; near_group: number | null }>(
      'SELECT minhash, near_group FROM entries WHERE id = ?',
    );
    this.getStmt = db.prepare<[number], EntryRow>(
      `SELECT id, title, body, date, date_source AS dateSource, author, outlet, url, language, direction, near_group AS nearGroup
         FROM entries WHERE id = ?`,
    );
    this.provenanceStmt = db.prepare<[number], Omit<EntryProvenance, 'locator'> & { locator: string | null }>(
      `SELECT es.source_id AS sourceId, s.name AS sourceName, s.path AS sourcePath, es.start, es.end,
              es.body_start AS bodyStart, es.body_end AS bodyEnd, es.locator
         FROM entry_sources es JOIN sources s ON s.id = es.source_id
        WHERE es.entry_id = ? ORDER BY es.source_id, es.start`,
    );
    this.versionsStmt = db.prepare<[{ g: number; id: number }], EntryVersion>(
      `SELECT e.id, e.title, e.date, e.outlet,
              (SELECT s.name FROM entry_sources es JOIN sources s ON s.id = es.source_id WHERE es.entry_id = e.id LIMIT 1) AS source
         FROM entries e WHERE (e.near_group = :g OR e.id = :g) AND e.id != :id ORDER BY e.date IS NULL, e.date, e.id LIMIT 200`,
    );
  }

  findByHash(contentHash: string): number | null {
    return this.byHash.get(contentHash)?.id ?? null;
  }

  /** Inserts an entry and indexes it for search (folded text) in the same transaction. */
  insert(entry: NewEntry): number {
    const e = entry;
    const id = Number(
      this.insertStmt.run(
        this.nextId, e.title, e.body, e.date, e.dateSource, e.author, e.outlet, e.url, e.language, e.direction, e.contentHash, e.minhash, e.nearGroup ?? null, e.createdAt, guidFromHash(e.contentHash),
      ).lastInsertRowid,
    );
    if (this.nextId !== null) this.nextId = id + 1;
    this.index(id, entry, entry.folded);
    return id;
  }

  /** Adds an entry row's words to the search index (insert, and undo restoring a deleted entry). */
  index(id: number, entry: { title: string; body: string; author: string | null; outlet: string | null; date: string | null }, folded?: FoldedFields): void {
    const f = folded ?? foldFields(entry);
    const tick = stageStart();
    this.indexStmt.run(id, f.title, f.body, f.author, f.outlet, dateTokens(entry.date));
    stageEnd('index insert (FTS5)', tick);
  }

  /**
   * Counts entry ids in memory from one lookup, instead of two max() lookups per entry (~5 µs
   * each), until the returned function is called: for an imported file's write, inside its
   * transaction. Safe because nothing else inserts meanwhile: other connections wait for the write
   * lock this transaction holds, and on this connection an edit runs only once the file has ended
   * or stepped aside (edit-turns.ts), by which time the count has stopped.
   */
  countIds(): () => void {
    if (!this.db.inTransaction) return () => undefined;
    this.nextId = this.nextIdStmt.get() ?? 1;
    return () => {
      this.nextId = null;
    };
  }

  /** Links an entry to a source it came from, with where (see SourceLocator and EntryProvenance.bodyStart). */
  link(entryId: number, sourceId: number, start: number, end: number, ordinal: number, where: LinkProvenance = {}): void {
    const { locator, bodyStart = null, bodyEnd = null } = where;
    this.linkStmt.run(entryId, sourceId, start, end, ordinal, locator ? JSON.stringify(locator) : null, bodyStart, bodyEnd);
  }

  /** Stores [band, hash, entryId] rows. */
  addBands(rows: [number, number, number][]): void {
    if (rows.length > 0) this.insertBandStmt.run(JSON.stringify(rows));
  }

  /** Stored entries (at most the 20 earliest per key) sharing any of these keys (bandKey): the near-duplicate candidates. */
  bandMatches(keys: Set<number>): { key: number; entryId: number }[] {
    return keys.size > 0 ? this.bandCandidatesStmt.all(JSON.stringify([...keys])) : [];
  }

  signature(entryId: number): { minhash: Buffer | null; nearGroup: number | null } | null {
    const row = this.minhashStmt.get(entryId);
    return row ? { minhash: row.minhash, nearGroup: row.near_group } : null;
  }

  get(id: number): EntryDetail | null {
    const row = this.getStmt.get(id);
    if (!row) return null;
    const versions = this.versionsStmt.all({ g: row.nearGroup ?? id, id });
    const dates = [row.date, ...versions.map((v) => v.date)].filter((d): d is string => d !== null).sort();
    const { nearGroup, ...rest } = row;
    void nearGroup;
    const provenance = this.provenanceStmt.all(id).map((p) => ({ ...p, locator: p.locator ? (JSON.parse(p.locator) as SourceLocator) : null }));
    return { ...rest, provenance, versions, earliestDate: dates[0] ?? null };
  }
}
