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
import type Database from 'better-sqlite3';
import type { Db } from '../db/open-archive.ts';

/**
 * Words in at least this many entries get a precomputed top list; rarer ones are ranked live
 * (SearchThresholds.exactRankPostings is as large, top-k.ts). Each list costs a ranking of all the
 * word's entries at refresh. Measured at the same share of entries (2%; busy machine): 22,200
 * entries, 796 lists; 100,000 entries, 833 lists, 43-68 s where the old threshold (10%, 161
 * lists) took 18.6 s. The number of lists hardly grows with the archive (a share of a Zipf
 * vocabulary), the time does: at 1M about 3× the old refresh (1,619 s there), over an hour after
 * a full import (searches fall back meanwhile, never wrong).
 */
export const COMMON_DOCS = 20_000;
/**
 * How many of a common word's best entries its list keeps. The lists' depth is what proves the
 * exact top of two common words combined (top-k.ts): at 100,000 entries, of 100 AND/OR/NOT pairs
 * of common and 5% words, 23 were proven with lists of 1,000, 61 with 2,000 and 97 with 3,000
 * (with topListCandidates 12,000). Size: 2.4M rows, 65 MB for 835 lists (24 MB at 1,000).
 */
export const TOP_K = 3_000;
/** Index words starting with this are the date words (search/date-tokens.ts), not vocabulary. */
const DATE_MARK = '\uE000';

/**
 * What the top lists cover, kept in `meta` beside the statistics (`search_top_common_docs`,
 * `search_top_depth`): every word in at least `commonDocs` entries has a list of at least
 * min(`topK`, its entries) entries. A threshold or depth changed in a later version is then seen
 * on the archive, and only the lists it lacks are made (top-list-top-up.ts), not every list again.
 * Absent (statistics made before it was kept): unknown.
 */
export interface ListCoverage {
  commonDocs: number;
  topK: number;
}

export function readListCoverage(db: Db): ListCoverage | null {
  const rows = db.prepare<[], { key: string; value: string }>(`SELECT key, value FROM meta WHERE key IN ('search_top_common_docs', 'search_top_depth')`).all();
  const commonDocs = Number(rows.find((r) => r.key === 'search_top_common_docs')?.value ?? Number.NaN);
  const topK = Number(rows.find((r) => r.key === 'search_top_depth')?.value ?? Number.NaN);
  return Number.isFinite(commonDocs) && Number.isFinite(topK) ? { commonDocs, topK } : null;
}

export function writeListCoverage(db: Db, coverage: ListCoverage): void {
  const set = db.prepare<[string, string]>('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  set.run('search_top_common_docs', String(Math.trunc(coverage.commonDocs)));
  set.run('search_top_depth', String(Math.trunc(coverage.topK)));
}

export interface RefreshOptions {
  commonDocs?: number;
  topK?: number;
  isCancelled?: () => boolean;
  onProgress?: (done: number, total: number) => void;
  /**
   * Ranks a top list on another connection in another thread (worker/top-list-ranker.ts), so the
   * writer stays free meanwhile: ranking a word in most entries is one FTS5 statement of seconds
   * at a million entries (about 175 ms at 100k), which no slicing of ours can shorten.
   */
  rankElsewhere?: (request: TopListRequest) => Promise<RankedEntry[]>;
}

/** One word's best `topK` entries by FTS5's bm25, among all its matches or those with ids in (after, upTo]. */
export interface TopListRequest {
  term: string;
  topK: number;
  range?: { after: number; upTo: number };
}

export interface RankedEntry {
  id: number;
  score: number;
}

/** Ranks one top list; any connection to the archive gives the same answer for the same index. */
export function rankTopList(db: Db, request: TopListRequest): RankedEntry[] {
  const k = Math.trunc(request.topK);
  const match = quoteTerm(request.term);
  if (!request.range) return db.prepare<[string], RankedEntry>(`SELECT rowid AS id, rank AS score FROM entry_index WHERE entry_index MATCH ? ORDER BY rank LIMIT ${k}`).all(match);
  const { after, upTo } = request.range;
  return db
    .prepare<[string, number, number], RankedEntry>(`SELECT rowid AS id, rank AS score FROM entry_index WHERE entry_index MATCH ? AND rowid > ? AND rowid <= ? ORDER BY rank LIMIT ${k}`)
    .all(match, after, upTo);
}

export interface RefreshResult {
  /** False when nothing had changed since the last refresh, or when the refresh did not finish. */
  refreshed: boolean;
  /** True when only the entries added since the last refresh were read (see refreshSearchStats). */
  incremental: boolean;
  terms: number;
  topLists: number;
  cancelled: boolean;
  /** True when an indexed entry changed, went or came while the refresh ran: the statistics were left stale. */
  overtaken?: boolean;
}

const quoteTerm = (term: string) => `"${term.replace(/"/g, '""')}"`;

const META_SQL = `SELECT key, value FROM meta WHERE key IN ('search_stats_valid', 'search_stats_as_of')`;
const MAX_ID_SQL = 'SELECT coalesce(max(id), 0) AS m FROM entries';
/**
 * `search_stats_valid` while a refresh runs: neither '1' (readers see stale statistics) nor '0',
 * so the refresh can tell at its end whether a trigger (an indexed entry changed or went) set it
 * to '0' meanwhile, between its slices.
 */
const REFRESHING = 'refreshing';

/** How long one slice of a refresh may hold the writer (reading; writing the rows read adds a little). */
const SLICE_MS = 20;
/** Rows written per slice at most, so a slice of rare words (cheap to read) stays short to write. */
const SLICE_ROWS = 4_000;

/** The statistics' state from its meta rows: valid, and as of which newest entry id. */
function parseMeta(rows: { key: string; value: string }[]): { valid: boolean; asOf: number } {
  const get = (k: string) => rows.find((r) => r.key === k)?.value;
  return { valid: get('search_stats_valid') === '1', asOf: Number(get('search_stats_as_of') ?? -1) };
}

/**
 * How a refresh ends: `complete` (the statistics describe the entries up to `maxId`), `untouched`
 * (stopped before changing them: they are as valid as before) or `partial` (stale until the next).
 */
type Outcome = 'complete' | 'untouched' | 'partial';

function metaWriter(db: Db) {
  const set = db.prepare<[string, string]>('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const valid = db.prepare<[], string>(`SELECT value FROM meta WHERE key = 'search_stats_valid'`).pluck();
  const max = db.prepare<[], { m: number }>(MAX_ID_SQL);
  return {
    begin: () => set.run('search_stats_valid', REFRESHING),
    /**
     * Whether the lists' scores were last ranked all at once (a full refresh) or merged from
     * several refreshes: each ranks with the archive's row count and lengths of its time, so a
     * merged list's scores are not quite today's, and cannot prove a top (top-k.ts).
     */
    listsMerged: (merged: boolean) => set.run('search_top_merged', merged ? '1' : '0'),
    /**
     * Marks the statistics valid only if no indexed entry changed (and none was added) since
     * `begin`, with what their lists cover (null: unknown, left as it was).
     */
    finish: (outcome: Outcome, maxId: number, coverage: ListCoverage | null = null): boolean =>
      db.transaction(() => {
        const intact = valid.get() === REFRESHING;
        if (intact && outcome === 'complete' && max.get()?.m === maxId) {
          set.run('search_stats_as_of', String(maxId));
          set.run('search_stats_valid', '1');
          if (coverage) writeListCoverage(db, coverage);
          return true;
        }
        set.run('search_stats_valid', intact && outcome === 'untouched' ? '1' : '0');
        return false;
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
 * A refresh as a series of short steps; it yields between steps, when other work may run. A step
 * that yields a top list to rank is given the ranked entries back.
 */
type Steps = Generator<TopListRequest | undefined, RefreshResult, RankedEntry[] | undefined>;

/**
 * Rebuilds the statistics when the archive changed since they were made, all at once. For tests
 * and scripts; the app refreshes in slices (refreshSearchStatsInSlices), the same steps.
 */
export function refreshSearchStats(db: Db, options: RefreshOptions = {}): RefreshResult {
  const steps = refreshSteps(db, options);
  for (let ranked: RankedEntry[] | undefined; ; ) {
    const step = steps.next(ranked);
    if (step.done) return step.value;
    ranked = step.value ? rankTopList(db, step.value) : undefined;
  }
}

/**
 * The same refresh, giving the event loop a turn between slices of at most ~SLICE_MS, so the
 * writer answers an edit during a long refresh at once. A top list is ranked by `rankElsewhere`
 * when given (another thread), else here as one slice of its own. Each slice
 * is its own transaction; an edit that changes an indexed entry meanwhile leaves the statistics
 * stale (the next refresh makes them), never wrong.
 */
export async function refreshSearchStatsInSlices(db: Db, options: RefreshOptions = {}): Promise<RefreshResult> {
  const steps = refreshSteps(db, options);
  for (let ranked: RankedEntry[] | undefined; ; ) {
    const step = steps.next(ranked);
    if (step.done) return step.value;
    ranked = step.value ? await (options.rankElsewhere?.(step.value) ?? rankTopList(db, step.value)) : undefined;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/**
 * Runs in the writer (after an import). The statistics are marked valid only at the end, so a
 * crash, a cancel or a change to the entries meanwhile leaves them stale (queries fall back), never wrong.
 */
function* refreshSteps(db: Db, options: RefreshOptions): Steps {
  const commonDocs = options.commonDocs ?? COMMON_DOCS;
  const topK = options.topK ?? TOP_K;
  const maxId = (db.prepare(MAX_ID_SQL).get() as { m: number }).m;
  const meta = parseMeta(db.prepare<[], { key: string; value: string }>(META_SQL).all());
  if (meta.valid && meta.asOf === maxId) return { refreshed: false, incremental: false, terms: 0, topLists: 0, cancelled: false };

  options.onProgress?.(0, 0);
  const entries = (db.prepare('SELECT count(*) AS n FROM entries').get() as { n: number }).n;
  if (meta.valid && meta.asOf > 0 && maxId - meta.asOf <= Math.max(2_000, entries / 10)) return yield* addNewEntries(db, meta.asOf, maxId, commonDocs, topK, options);

  const write = metaWriter(db);
  const stop = (terms: number, topLists: number): RefreshResult => {
    write.finish('partial', maxId);
    return { refreshed: false, incremental: false, terms, topLists, cancelled: true };
  };
  db.transaction(() => {
    write.begin();
    write.listsMerged(false);
    db.prepare('DELETE FROM search_terms').run();
    db.prepare('DELETE FROM search_top').run();
  })();
  // In SQL and in word-range slices: a real archive's vocabulary can run to millions of words
  // (names, numbers, typos), which JavaScript need not hold, and reading it whole takes seconds.
  const vocabulary = db.prepare<[string], { term: string; docs: number }>('SELECT term, doc AS docs FROM entry_terms WHERE term > ? ORDER BY term');
  const insertTerm = db.prepare<[string, number]>('INSERT INTO search_terms (term, docs) VALUES (?, ?)');
  // The common words are noted on the way: reading the whole vocabulary again is a step of its own.
  const common: { term: string; docs: number }[] = [];
  let terms = 0;
  for (const slice of termSlices(vocabulary)) {
    db.transaction(() => {
      for (const t of slice) {
        insertTerm.run(t.term, t.docs);
        if (t.docs >= commonDocs) common.push(t);
      }
    })();
    terms += slice.length;
    yield;
    if (options.isCancelled?.()) return stop(terms, 0);
  }

  common.sort((a, b) => b.docs - a.docs);
  const insertTop = db.prepare<[string, number, number]>('INSERT INTO search_top (term, score, entry_id) VALUES (?, ?, ?)');
  let done = 0;
  if (common.length > 0) options.onProgress?.(0, common.length);
  for (const t of common) {
    if (options.isCancelled?.()) return stop(terms, done);
    const rows = (yield { term: t.term, topK }) ?? [];
    db.transaction(() => {
      for (const r of rows) insertTop.run(t.term, r.score, r.id);
    })();
    options.onProgress?.(++done, common.length);
  }
  const refreshed = write.finish('complete', maxId, { commonDocs, topK });
  return { refreshed, incremental: false, terms, topLists: common.length, cancelled: false, ...(refreshed ? {} : { overtaken: true }) };
}

/**
 * A vocabulary (an fts5vocab table, in term order) read in slices of about SLICE_MS each, date
 * words left out. FTS5 counts a word's entries by reading its posting list, so a slice is cut by
 * time, not by a number of words; each slice starts by seeking past the last word of the one before.
 */
function* termSlices(vocabulary: Database.Statement<[string], { term: string; docs: number }>): Generator<{ term: string; docs: number }[], void, void> {
  let after = '';
  for (;;) {
    const slice: { term: string; docs: number }[] = [];
    const until = performance.now() + SLICE_MS;
    let more = false;
    for (const row of vocabulary.iterate(after)) {
      after = row.term;
      if (!row.term.startsWith(DATE_MARK)) slice.push(row);
      if (slice.length >= SLICE_ROWS || performance.now() >= until) {
        more = true;
        break;
      }
    }
    if (slice.length > 0 || more) yield slice; // a slice of date words only is still a turn
    if (!more) return;
  }
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
function* addNewEntries(db: Db, asOf: number, maxId: number, commonDocs: number, topK: number, options: RefreshOptions): Steps {
  const write = metaWriter(db);
  // A word that becomes common now gets a whole list and the others are merged to `topK`, so the
  // lists still cover the higher of both thresholds (those between them wait for a top-up) and the
  // shallower depth; unknown stays unknown.
  const before = readListCoverage(db);
  const coverage = before && { commonDocs: Math.max(before.commonDocs, commonDocs), topK: Math.min(before.topK, topK) };
  db.exec(`DROP TABLE IF EXISTS temp.new_entry_terms; DROP TABLE IF EXISTS temp.new_entry_index;
    CREATE VIRTUAL TABLE temp.new_entry_index USING fts5(title, body, author, outlet, content = '', ${indexTokenizer(db)});
    CREATE VIRTUAL TABLE temp.new_entry_terms USING fts5vocab(temp, new_entry_index, 'row');`);
  // From here, a trigger (an indexed entry changed or went) turns the marker to '0'.
  write.begin();
  write.listsMerged(true);
  const stop = (outcome: Outcome, terms: number, topLists: number): RefreshResult => {
    write.finish(outcome, maxId);
    return { refreshed: false, incremental: true, terms, topLists, cancelled: true };
  };
  try {
    // The new entries (up to `maxId`: any added meanwhile wait for the next refresh), a range of
    // ids per slice, the range sized by how long the last one took.
    const indexNew = db.prepare<[number, number]>(
      `INSERT INTO temp.new_entry_index (rowid, title, body, author, outlet)
         SELECT id, quire_fold(title), quire_fold(body), quire_fold(author), quire_fold(outlet) FROM entries WHERE id > ? AND id <= ?`,
    );
    let span = 256;
    for (let from = Math.trunc(asOf); from < maxId; ) {
      const to = Math.min(maxId, from + span);
      const t = performance.now();
      indexNew.run(from, to);
      span = Math.max(16, Math.min(span * 4, Math.round((span * SLICE_MS) / Math.max(0.5, performance.now() - t))));
      from = to;
      yield;
      if (options.isCancelled?.()) return stop('untouched', 0, 0);
    }
    const newTerms = db.prepare<[string], { term: string; docs: number }>('SELECT term, doc AS docs FROM temp.new_entry_terms WHERE term > ? ORDER BY term');
    const addTerm = db
      .prepare<[string, number], number>('INSERT INTO search_terms (term, docs) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET docs = docs + excluded.docs RETURNING docs')
      .pluck();
    const listed = db.prepare<[string], number>('SELECT 1 FROM search_top WHERE term = ? LIMIT 1').pluck();
    // The common words the new entries contain, noted on the way; a word without a list yet
    // (newly common) is ranked whole.
    const toRank: { term: string; whole: boolean }[] = [];
    let added = 0;
    for (const slice of termSlices(newTerms)) {
      db.transaction(() => {
        for (const t of slice) {
          if ((addTerm.get(t.term, t.docs) ?? 0) >= commonDocs) toRank.push({ term: t.term, whole: listed.get(t.term) === undefined });
        }
      })();
      added += slice.length;
      yield;
      if (options.isCancelled?.()) return stop('partial', added, 0);
    }
    const k = Math.trunc(topK);
    const insertTop = db.prepare<[string, number, number]>('INSERT OR REPLACE INTO search_top (term, score, entry_id) VALUES (?, ?, ?)');
    const trim = db.prepare<[string, string]>(
      `DELETE FROM search_top WHERE term = ? AND (score, entry_id) > (SELECT score, entry_id FROM search_top WHERE term = ? ORDER BY score, entry_id LIMIT 1 OFFSET ${k - 1})`,
    );
    let done = 0;
    if (toRank.length > 0) options.onProgress?.(0, toRank.length);
    for (const t of toRank) {
      if (options.isCancelled?.()) return stop('partial', added, done);
      const rows = (yield t.whole ? { term: t.term, topK } : { term: t.term, topK, range: { after: asOf, upTo: maxId } }) ?? [];
      db.transaction(() => {
        for (const r of rows) insertTop.run(t.term, r.score, r.id);
        trim.run(t.term, t.term);
      })();
      options.onProgress?.(++done, toRank.length);
    }
    const refreshed = write.finish('complete', maxId, coverage);
    return { refreshed, incremental: true, terms: added, topLists: toRank.length, cancelled: false, ...(refreshed ? {} : { overtaken: true }) };
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
  private readonly mergedStmt;

  constructor(db: Db) {
    this.metaStmt = db.prepare<[], { key: string; value: string }>(META_SQL);
    this.maxStmt = db.prepare<[], { m: number }>(MAX_ID_SQL);
    this.docsStmt = db.prepare<[string], { docs: number }>('SELECT docs FROM search_terms WHERE term = ?');
    this.topStmt = db.prepare<[string, number, number], { id: number }>('SELECT entry_id AS id FROM search_top WHERE term = ? ORDER BY score, entry_id LIMIT ? OFFSET ?');
    this.hasTopStmt = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM search_top WHERE term = ?');
    this.prefixStmt = db.prepare<[string, string, number], { term: string }>('SELECT term FROM search_terms WHERE term >= ? AND term < ? ORDER BY term LIMIT ?');
    this.allStmt = db.prepare<[], { term: string; docs: number }>('SELECT term, docs FROM search_terms');
    this.mergedStmt = db.prepare<[], string>(`SELECT value FROM meta WHERE key = 'search_top_merged'`).pluck();
  }

  /** True when the top lists' scores are today's: ranked all together by a full refresh (else, or when unknown, false). */
  listsRankedTogether(): boolean {
    return this.current() && this.mergedStmt.get() === '0';
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
