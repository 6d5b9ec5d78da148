// The top lists an archive lacks for today's thresholds, made without a full refresh. Statistics
// made when the lists' threshold (COMMON_DOCS) was higher, or their depth (TOP_K) lower, leave the
// words between without a list (or with a shallow one) until the next full refresh (about an hour
// at a million entries); those words are ranked live meanwhile, exactly but slower. A top-up ranks
// only those lists, in the background of the writer, while the statistics stay valid: each list
// is written whole in a transaction of its own, so a search sees a word with its list or without
// one, and is exact either way (run-search.ts uses a list only where there is one).
//
// A list made now is ranked over the same index as the others (the statistics are current: no
// entry has changed, gone or come since they were made), so its scores are what a full refresh
// would have given, and lists ranked together stay so. Lists merged by incremental refreshes (or
// not known to be otherwise: statistics older than search_top_merged) stay so too, unless the
// top-up ranked every one of them again: then they are ranked together.
//
// Merged lists are ranked again too. An import into a big archive refreshes the statistics
// incrementally, and its merged lists rank a common word's first page only approximately (scores
// from two states of the index) until every list is ranked again over one: at a million entries
// 834 lists in ~160 s, on the helper thread, stopped by the next job and begun again after it.
import { COMMON_DOCS, rankTopList, readListCoverage, TOP_K, writeListCoverage, type RefreshOptions } from './search-stats.ts';
import type { Db } from '../db/open-archive.ts';

export interface TopUpResult {
  /** Lists made (or made deeper) and written. */
  built: number;
  /** Lists found missing or too shallow. */
  missing: number;
  /** Stopped by `isCancelled`: the lists written so far stay (each is whole); the next top-up finds the rest. */
  cancelled: boolean;
  /** The statistics were stale (or became so): nothing to top up until a refresh makes them. */
  stale: boolean;
}

/** How long one slice of the vocabulary scan may hold the writer. */
const SLICE_MS = 20;
const SLICE_ROWS = 5_000;

/**
 * Makes every top list the thresholds call for that the archive lacks, and records the coverage.
 * Nothing is read when the recorded coverage already meets them (every open of an up-to-date
 * archive). Unknown coverage (statistics made before it was recorded) is checked word by word.
 */
export async function topUpTopLists(db: Db, options: RefreshOptions = {}): Promise<TopUpResult> {
  const commonDocs = options.commonDocs ?? COMMON_DOCS;
  const topK = Math.trunc(options.topK ?? TOP_K);
  const result: TopUpResult = { built: 0, missing: 0, cancelled: false, stale: false };
  const stateStmt = db.prepare<[], { valid: string | null; asOf: string | null; maxId: number }>(
    `SELECT (SELECT value FROM meta WHERE key = 'search_stats_valid') AS valid, (SELECT value FROM meta WHERE key = 'search_stats_as_of') AS asOf,
            (SELECT coalesce(max(id), 0) FROM entries) AS maxId`,
  );
  // Current: valid and as of the newest entry. Only a refresh makes stale statistics valid again,
  // and none runs meanwhile (the writer runs one job at a time), so "still current" is "unchanged".
  const asOf = stateStmt.get()?.asOf;
  const current = () => {
    const s = stateStmt.get();
    return s !== undefined && s.valid === '1' && s.asOf === asOf && Number(s.asOf) === s.maxId;
  };
  if (!current()) return { ...result, stale: true };

  const coverage = readListCoverage(db);
  const merged = db.prepare<[], string>(`SELECT value FROM meta WHERE key = 'search_top_merged'`).pluck().get() === '1';
  if (coverage && coverage.commonDocs <= commonDocs && coverage.topK >= topK && !merged) return result;
  // Words from the lower of both thresholds: a list between them made at the old depth is deepened too.
  const from = coverage ? Math.min(coverage.commonDocs, commonDocs) : commonDocs;

  // The words needing a list, read in slices of words (a vocabulary can run to millions), each
  // a range of the table's key: where it ends, then its common words.
  const rangeEnd = db.prepare<[string, number], string | null>('SELECT max(term) FROM (SELECT term FROM search_terms WHERE term > ? ORDER BY term LIMIT ?)').pluck();
  const commonIn = db.prepare<[string, string, number], { term: string; docs: number }>('SELECT term, docs FROM search_terms WHERE term > ? AND term <= ? AND docs >= ?');
  const listLength = db.prepare<[string], number>('SELECT count(*) FROM search_top WHERE term = ?').pluck();
  const lacking: { term: string; docs: number; listed: number }[] = [];
  for (let after: string | null = ''; after !== null; ) {
    const until = performance.now() + SLICE_MS;
    while (after !== null && performance.now() < until) {
      const last: string | null = rangeEnd.get(after, SLICE_ROWS) ?? null;
      if (last !== null) {
        for (const r of commonIn.all(after, last, from)) {
          const listed = listLength.get(r.term) ?? 0;
          if (listed < Math.min(topK, r.docs) || (merged && listed > 0)) lacking.push({ ...r, listed });
        }
      }
      after = last;
    }
    await turn();
    if (options.isCancelled?.()) return { ...result, cancelled: true };
    if (!current()) return { ...result, stale: true };
  }

  // Merged lists are all ranked again, also any of a word now under the threshold (a list from
  // another threshold): one left out would keep the set merged, and the next top-up would rank
  // them all again.
  if (merged) {
    const queued = new Set(lacking.map((w) => w.term));
    const docsOf = db.prepare<[string], number>('SELECT docs FROM search_terms WHERE term = ?').pluck();
    for (const term of listedTerms(db)) {
      if (!queued.has(term)) lacking.push({ term, docs: docsOf.get(term) ?? 0, listed: listLength.get(term) ?? 0 });
    }
  }

  // Words without a list first, the commonest first: they cost the most to rank live. Deepening a
  // list only helps prove the top of combinations (top-k.ts); a single word's page is exact with it.
  lacking.sort((a, b) => Number(a.listed > 0) - Number(b.listed > 0) || b.docs - a.docs || (a.term < b.term ? -1 : 1));
  result.missing = lacking.length;
  const remove = db.prepare<[string]>('DELETE FROM search_top WHERE term = ?');
  const insert = db.prepare<[string, number, number]>('INSERT INTO search_top (term, score, entry_id) VALUES (?, ?, ?)');
  if (lacking.length > 0) options.onProgress?.(0, lacking.length);
  for (const word of lacking) {
    if (options.isCancelled?.()) return { ...result, cancelled: true };
    const request = { term: word.term, topK };
    const rows = await (options.rankElsewhere?.(request) ?? rankTopList(db, request));
    // Ranked on another connection meanwhile: kept only if the index is still the one the statistics describe.
    if (options.isCancelled?.()) return { ...result, cancelled: true };
    const written = db.transaction(() => {
      if (!current()) return false;
      remove.run(word.term);
      for (const r of rows) insert.run(word.term, r.score, r.id);
      return true;
    })();
    if (!written) return { ...result, stale: true };
    result.built++;
    options.onProgress?.(result.built, lacking.length);
    await turn();
  }
  const together = listsRankedTogether(db, new Set(lacking.map((w) => w.term)));
  const recorded = db.transaction(() => {
    if (!current()) return false;
    writeListCoverage(db, { commonDocs: from, topK });
    if (together) db.prepare(`INSERT INTO meta (key, value) VALUES ('search_top_merged', '0') ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run();
    return true;
  })();
  return recorded ? result : { ...result, stale: true };
}

/**
 * True when the lists are all ranked over the same index: they were already, or every word with a
 * list is among `ranked` (made by this top-up). Lists change only on the writer, one job at a time.
 */
function listsRankedTogether(db: Db, ranked: Set<string>): boolean {
  if (db.prepare<[], string>(`SELECT value FROM meta WHERE key = 'search_top_merged'`).pluck().get() === '0') return true;
  if (ranked.size === 0) return false;
  for (const term of listedTerms(db)) if (!ranked.has(term)) return false;
  return true;
}

/** The words that have a list, word by word on the key (a seek each), not a scan of every row (2.5M at a million entries). */
function* listedTerms(db: Db): Generator<string> {
  const next = db.prepare<[string], string>('SELECT term FROM search_top WHERE term > ? ORDER BY term LIMIT 1').pluck();
  for (let term = next.get(''); term !== undefined; term = next.get(term)) yield term;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
