// What FTS5 makes expensive at a million entries, computed once after each import instead of on
// every query:
//  - `search_terms`: every indexed word with the number of entries containing it. FTS5 counts a
//    word by reading its whole posting list (22 ms for a word in 590k entries; the vocabulary
//    scan takes 8 s), so exact counts, prefix expansion (gov* → the words it stands for) and
//    the substring and transliteration word lists read this table instead.
//  - `search_top`: for each word in at least `commonDocs` entries, its `topK` best entries by
//    FTS5's own bm25 ranking over ALL its matches (Xapian-style impact lists). Ranking such a word
//    live makes FTS5 scan every match for its document frequency (30 ms and up, per query).
// Both hold for the archive as of `meta.search_stats_as_of` (the newest entry id then) while
// `meta.search_stats_valid` is 1; triggers clear it when an indexed entry changes or goes.
// Queries use them only when they are current (no entry added since), else they fall back to
// reading the index itself: slower, never wrong.
import type { Db } from '../db/open-archive.ts';

/** Words in at least this many entries get a precomputed top list. */
export const COMMON_DOCS = 100_000;
/** How many of a common word's best entries its list keeps. */
export const TOP_K = 1_000;
/** Index words starting with this are the date words (search/date-tokens.ts), not vocabulary. */
const DATE_MARK = '\uE000';

export interface RefreshOptions {
  commonDocs?: number;
  topK?: number;
  isCancelled?: () => boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface RefreshResult {
  /** False when nothing had changed since the last refresh. */
  refreshed: boolean;
  /** True when only the entries added since the last refresh were read (see refreshSearchStats). */
  incremental: boolean;
  terms: number;
  topLists: number;
  cancelled: boolean;
}

const quoteTerm = (term: string) => `"${term.replace(/"/g, '""')}"`;

const META_SQL = `SELECT key, value FROM meta WHERE key IN ('search_stats_valid', 'search_stats_as_of')`;
const MAX_ID_SQL = 'SELECT coalesce(max(id), 0) AS m FROM entries';

/** The statistics' state from its meta rows: valid, and as of which newest entry id. */
function parseMeta(rows: { key: string; value: string }[]): { valid: boolean; asOf: number } {
  const get = (k: string) => rows.find((r) => r.key === k)?.value;
  return { valid: get('search_stats_valid') === '1', asOf: Number(get('search_stats_as_of') ?? -1) };
}

function metaWriter(db: Db) {
  const set = db.prepare<[string, string]>('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  return {
    stale: () => set.run('search_stats_valid', '0'),
    current: (maxId: number) =>
      db.transaction(() => {
        set.run('search_stats_as_of', String(maxId));
        set.run('search_stats_valid', '1');
      })(),
  };
}

/** The tokenizer clause of the archive's own index, so a temporary index splits words the same way. */
function indexTokenizer(db: Db): string {
  const sql = (db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'entry_index'`).get() as { sql: string } | undefined)?.sql ?? '';
  const clause = /tokenize\s*=\s*("(?:[^"]|"")*"|'(?:[^']|'')*')/i.exec(sql)?.[0];
  if (!clause) throw new Error('The search index has no tokenizer clause.');
  return clause;
}

/**
 * Rebuilds the statistics when the archive changed since they were made. Runs in the writer
 * (after an import); each step is its own short transaction and the statistics are marked valid
 * only at the end, so a crash or cancel leaves them stale (queries fall back), never wrong.
 */
export function refreshSearchStats(db: Db, options: RefreshOptions = {}): RefreshResult {
  const commonDocs = options.commonDocs ?? COMMON_DOCS;
  const topK = options.topK ?? TOP_K;
  const maxId = (db.prepare(MAX_ID_SQL).get() as { m: number }).m;
  const meta = parseMeta(db.prepare<[], { key: string; value: string }>(META_SQL).all());
  if (meta.valid && meta.asOf === maxId) return { refreshed: false, incremental: false, terms: 0, topLists: 0, cancelled: false };

  options.onProgress?.(0, 0);
  const entries = (db.prepare('SELECT count(*) AS n FROM entries').get() as { n: number }).n;
  if (meta.valid && meta.asOf > 0 && maxId - meta.asOf <= Math.max(2_000, entries / 10)) return addNewEntries(db, meta.asOf, maxId, commonDocs, topK, options);

  const write = metaWriter(db);
  // In SQL from end to end: a real archive's vocabulary can run to millions of words (names,
  // numbers, typos), which JavaScript need not hold.
  const terms = db.transaction(() => {
    write.stale();
    db.prepare('DELETE FROM search_terms').run();
    db.prepare('DELETE FROM search_top').run();
    return db.prepare('INSERT INTO search_terms (term, docs) SELECT term, doc FROM entry_terms WHERE substr(term, 1, 1) <> ?').run(DATE_MARK).changes;
  })();

  const common = db.prepare<[number], { term: string; doc: number }>('SELECT term, docs AS doc FROM search_terms WHERE docs >= ? ORDER BY docs DESC').all(commonDocs);
  const rank = db.prepare<[string], { id: number; score: number }>(`SELECT rowid AS id, rank AS score FROM entry_index WHERE entry_index MATCH ? ORDER BY rank LIMIT ${Math.trunc(topK)}`);
  const insertTop = db.prepare<[string, number, number]>('INSERT INTO search_top (term, score, entry_id) VALUES (?, ?, ?)');
  let done = 0;
  if (common.length > 0) options.onProgress?.(0, common.length);
  for (const t of common) {
    if (options.isCancelled?.()) return { refreshed: false, incremental: false, terms, topLists: done, cancelled: true };
    const rows = rank.all(quoteTerm(t.term));
    db.transaction(() => {
      for (const r of rows) insertTop.run(t.term, r.score, r.id);
    })();
    options.onProgress?.(++done, common.length);
  }
  write.current(maxId);
  return { refreshed: true, incremental: false, terms, topLists: common.length, cancelled: false };
}

/**
 * The statistics brought up to date by reading only the entries added since (ids above `asOf`),
 * so a small import into a big archive costs seconds, not the minutes of a full rebuild:
 *  - the new entries' words are counted by indexing them alone in a temporary FTS5 table (same
 *    folding and tokenizer as the archive's index) and added to `search_terms`;
 *  - each common word the new entries contain has its new matches ranked and merged into its
 *    top list, which keeps its best `topK`. Scores ranked at different times differ slightly as
 *    document frequencies drift; a full rebuild (after changes or much growth) resets them.
 */
function addNewEntries(db: Db, asOf: number, maxId: number, commonDocs: number, topK: number, options: RefreshOptions): RefreshResult {
  const write = metaWriter(db);
  db.exec(`DROP TABLE IF EXISTS temp.new_entry_terms; DROP TABLE IF EXISTS temp.new_entry_index;
    CREATE VIRTUAL TABLE temp.new_entry_index USING fts5(title, body, author, outlet, content = '', ${indexTokenizer(db)});
    CREATE VIRTUAL TABLE temp.new_entry_terms USING fts5vocab(temp, new_entry_index, 'row');`);
  try {
    const asOfInt = Math.trunc(asOf);
    db.prepare(
      `INSERT INTO temp.new_entry_index (rowid, title, body, author, outlet)
         SELECT id, quire_fold(title), quire_fold(body), quire_fold(author), quire_fold(outlet) FROM entries WHERE id > ?`,
    ).run(asOfInt);
    const added = db.transaction(() => {
      write.stale();
      // `WHERE true` lets SQLite parse the upsert after a SELECT (its documented workaround).
      return db.prepare('INSERT INTO search_terms (term, docs) SELECT term, doc FROM temp.new_entry_terms WHERE true ON CONFLICT (term) DO UPDATE SET docs = docs + excluded.docs').run().changes;
    })();
    // The common words the new entries contain; a word without a list yet (newly common) is ranked whole.
    const toRank = db
      .prepare<[number], { term: string; whole: number }>(
        `SELECT n.term, NOT EXISTS (SELECT 1 FROM search_top t WHERE t.term = n.term) AS whole
           FROM temp.new_entry_terms n JOIN search_terms s ON s.term = n.term WHERE s.docs >= ?`,
      )
      .all(commonDocs);
    const k = Math.trunc(topK);
    const rankNew = db.prepare<[string], { id: number; score: number }>(`SELECT rowid AS id, rank AS score FROM entry_index WHERE entry_index MATCH ? AND rowid > ${asOfInt} ORDER BY rank LIMIT ${k}`);
    const rankAll = db.prepare<[string], { id: number; score: number }>(`SELECT rowid AS id, rank AS score FROM entry_index WHERE entry_index MATCH ? ORDER BY rank LIMIT ${k}`);
    const insertTop = db.prepare<[string, number, number]>('INSERT OR REPLACE INTO search_top (term, score, entry_id) VALUES (?, ?, ?)');
    const trim = db.prepare<[string, string]>(
      `DELETE FROM search_top WHERE term = ? AND (score, entry_id) > (SELECT score, entry_id FROM search_top WHERE term = ? ORDER BY score, entry_id LIMIT 1 OFFSET ${k - 1})`,
    );
    let done = 0;
    if (toRank.length > 0) options.onProgress?.(0, toRank.length);
    for (const t of toRank) {
      if (options.isCancelled?.()) return { refreshed: false, incremental: true, terms: added, topLists: done, cancelled: true };
      const rows = (t.whole ? rankAll : rankNew).all(quoteTerm(t.term));
      db.transaction(() => {
        for (const r of rows) insertTop.run(t.term, r.score, r.id);
        trim.run(t.term, t.term);
      })();
      options.onProgress?.(++done, toRank.length);
    }
    write.current(maxId);
    return { refreshed: true, incremental: true, terms: added, topLists: toRank.length, cancelled: false };
  } finally {
    db.exec('DROP TABLE IF EXISTS temp.new_entry_terms; DROP TABLE IF EXISTS temp.new_entry_index;');
  }
}

/** The statistics as a reader sees them; every answer is null when they are not current. */
export class SearchStats {
  private readonly metaStmt;
  private readonly maxStmt;
  private readonly docsStmt;
  private readonly topStmt;
  private readonly hasTopStmt;
  private readonly prefixStmt;
  private readonly allStmt;

  constructor(db: Db) {
    this.metaStmt = db.prepare<[], { key: string; value: string }>(META_SQL);
    this.maxStmt = db.prepare<[], { m: number }>(MAX_ID_SQL);
    this.docsStmt = db.prepare<[string], { docs: number }>('SELECT docs FROM search_terms WHERE term = ?');
    this.topStmt = db.prepare<[string, number, number], { id: number }>('SELECT entry_id AS id FROM search_top WHERE term = ? ORDER BY score, entry_id LIMIT ? OFFSET ?');
    this.hasTopStmt = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM search_top WHERE term = ?');
    this.prefixStmt = db.prepare<[string, string, number], { term: string }>('SELECT term FROM search_terms WHERE term >= ? AND term < ? ORDER BY term LIMIT ?');
    this.allStmt = db.prepare<[], { term: string; docs: number }>('SELECT term, docs FROM search_terms');
  }

  /** True when the statistics describe the archive as it is now. Cheap (two index reads). */
  current(): boolean {
    const meta = parseMeta(this.metaStmt.all());
    return meta.valid && meta.asOf === (this.maxStmt.get()?.m ?? 0);
  }

  /** Exact number of entries containing the word, or null when the statistics are stale. */
  docs(term: string): number | null {
    if (!this.current()) return null;
    return this.docsStmt.get(term)?.docs ?? 0;
  }

  /** The entries of all these words added up, stopping once past `cap`; null when stale. */
  postings(words: readonly string[], cap: number): number | null {
    if (!this.current()) return null;
    let sum = 0;
    for (const word of words) {
      sum += this.docsStmt.get(word)?.docs ?? 0;
      if (sum > cap) break;
    }
    return sum;
  }

  /** The word's top list length (0 when it has none); null when stale. */
  topLength(term: string): number | null {
    if (!this.current()) return null;
    return this.hasTopStmt.get(term)?.n ?? 0;
  }

  /** A page of the word's best entries, best first (call only after topLength said it has a list). */
  top(term: string, limit: number, offset: number): number[] {
    return this.topStmt.all(term, limit, offset).map((r) => r.id);
  }

  /** The indexed words starting with `prefix`, up to `max` (+1 to tell there are more); null when stale. */
  wordsStartingWith(prefix: string, max: number): string[] | null {
    if (!this.current() || prefix === '') return null;
    const last = prefix.codePointAt(prefix.length - 1) ?? 0;
    const upper = prefix.slice(0, prefix.length - (last > 0xffff ? 2 : 1)) + String.fromCodePoint(last + 1);
    return this.prefixStmt.all(prefix, upper, max + 1).map((r) => r.term);
  }

  /** The whole vocabulary with counts, or null when stale. */
  vocabulary(): { term: string; doc: number }[] | null {
    if (!this.current()) return null;
    return this.allStmt.all().map((r) => ({ term: r.term, doc: r.docs }));
  }
}
