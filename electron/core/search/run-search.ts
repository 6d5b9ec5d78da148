// Runs a planned search fast at a million entries:
//  - small match sets (< CANDIDATES): exact bm25 ranking (title 5×) and exact count;
//  - one very common word: its precomputed top list (bm25 over ALL its matches, made after the
//    last import, search-stats.ts) and its exact count from the statistics;
//  - other huge match sets: bm25 over the CANDIDATES most recent matches, or title matches first
//    (said in the explanation); date order by walking the date index and checking entries against
//    the index a batch at a time (early termination), or against the whole match set when matches
//    are rare; the count exact for one word, otherwise counted under a time budget.
import type { CountProgress, SearchHit, SearchRequest, SearchResult, TextDirection } from '../../../shared/contract.ts';
import { QuireError } from '../../../shared/errors.ts';
import { treeWords, type MatchTree } from './compile-query.ts';
import { browseById, idBounds, idsFrom, indexedBy, indexOnlyFrom, matchingFrom, type SearchPlan, type StatementCache } from './search-plan.ts';
import { makeSnippet } from './snippets.ts';
import type { SearchStats } from './search-stats.ts';
import { DEFAULT_THRESHOLDS, type SearchThresholds } from './search-thresholds.ts';
import { explainRanked, pageAfterRanked, rankedTop, withNewestUnranked } from './top-k.ts';
import { searchWithinIdSet } from './within-id-set.ts';

/** How many of the newest matches a huge match set is ranked among, by default. */
export const CANDIDATES = DEFAULT_THRESHOLDS.candidates;

interface HitRow {
  id: number;
  title: string;
  body: string;
  date: string | null;
  author: string | null;
  outlet: string | null;
  direction: TextDirection;
  source: string | null;
  versions: number;
}

const HIT_SQL = `SELECT e.id, e.title, e.body, e.date, e.author, e.outlet, e.direction,
    (SELECT s.name FROM entry_sources es JOIN sources s ON s.id = es.source_id WHERE es.entry_id = e.id ORDER BY es.source_id LIMIT 1) AS source,
    1 + (SELECT count(*) FROM entries v WHERE v.near_group = coalesce(e.near_group, e.id)) AS versions
  FROM entries e WHERE e.id = ?`;

export function runSearch(
  plan: SearchPlan,
  req: SearchRequest,
  stmts: StatementCache,
  stats: SearchStats,
  explanation: string[],
  limits: SearchThresholds = DEFAULT_THRESHOLDS,
): Omit<SearchResult, 'tookMs'> {
  const limit = Math.max(1, Math.min(1000, Math.trunc(req.limit ?? 50)));
  const offset = Math.max(0, Math.trunc(req.offset ?? 0));
  const sort = req.sort ?? 'relevance';
  if (plan.compiled.never) return { total: 0, totalExact: true, hits: [], explanation: explanation.join('; ') };
  const from = matchingFrom(plan);
  const all = <T>(sql: string, params: unknown[]) => stmts.get(sql).all(...params) as T[];
  const one = <T>(sql: string, params: unknown[]) => stmts.get(sql).get(...params) as T;
  // Undated entries come last in both directions (SQLite sorts NULL first ascending).
  const dateOrder = sort === 'date-asc' ? 'e.date IS NULL, e.date ASC, e.id ASC' : 'e.date DESC, e.id DESC';
  // The same order as index walks (ascending takes two: dated, then undated).
  const dateWalks = sort === 'date-asc' ? ASC_WALKS : [{ cond: null, order: dateOrder }];

  let ids: number[];
  let total: number;
  let totalExact = true;
  // A common word's precomputed top list: its length, read once (0 when it has none or the statistics are stale).
  const term = sort === 'relevance' && plan.filters.length === 0 ? plan.compiled.singleTerm : null;
  const listed = term === null ? 0 : (stats.topLength(term) ?? 0);
  // Text within entries picked by id filters (code:THEME government): their set gathered once.
  const within = browseById(plan) ? null : searchWithinIdSet(plan, sort, stmts, stats, limits, limit, offset, explanation);
  if (browseById(plan)) {
    // Browse by annotation or source filters alone: a set of entry ids, counted and ordered on
    // covering indexes, never reading an entry's row.
    ({ ids, total, totalExact } = browseIdSet(plan, dateWalks, stmts, limit, offset, limits));
  } else if (within) {
    ({ ids, total, totalExact } = within);
  } else if (!plan.compiled.match) {
    // Browse: the date index gives the order, no scoring.
    ids = pageInOrder(from, dateWalks, stmts, limit, offset);
    total = one<{ n: number }>(`SELECT count(*) AS n ${from.sql}`, from.params).n;
  } else if (term !== null && listed > 0) {
    total = wordCount(term, stmts, stats);
    ids = fromTopList(term, listed, plan.compiled.match, stats, stmts, limit, offset);
    // A list merged over several refreshes holds scores of their times, not quite today's (search-stats.ts).
    const merged = stats.listsRankedTogether() ? '' : 'approximate: ';
    explanation.push(`${merged}ranked by relevance over all ${total.toLocaleString('en')} matches (the best ${listed.toLocaleString('en')} ranked ahead of time${merged ? ', some before the latest import' : ''}; after them, newest first)`);
  } else {
    // Without SQL filters the index alone answers (no join), which lets FTS5 sort by rank itself;
    // filters on ids alone are tested on the index's rowid, still without the join.
    const fts = plan.filters.length === 0;
    const byRowid = indexOnlyFrom(plan);
    const src = fts ? { sql: 'FROM entry_index WHERE entry_index MATCH ?', params: [plan.compiled.match] } : (byRowid ?? from);
    const idCol = fts || byRowid ? 'entry_index.rowid AS id' : 'e.id';
    const tie = fts || byRowid ? 'entry_index.rowid DESC' : 'e.id DESC';
    // The newest CANDIDATES matches in one pass: their number says whether the set is small,
    // and the last of them is the edge of the candidate set. Past them the same pass goes on
    // counting under a time budget, unless one word's count is known anyway (an FTS5 statement
    // over a prefix's hundred words costs ~15 ms just to start: it is started once).
    const cands = limits.candidates;
    const oneWord = plan.compiled.singleTerm !== null && plan.filters.length === 0;
    const newest: { id: number }[] = [];
    let beyond = 0;
    let finished = true;
    let countFrom = 0;
    const it = stmts.get(`SELECT ${idCol} ${src.sql} ORDER BY entry_index.rowid DESC`).iterate(...src.params) as IterableIterator<{ id: number }>;
    for (const row of it) {
      if ((newest.length & 255) === 0) stmts.check();
      if (newest.length < cands) {
        newest.push(row);
        if (newest.length === cands) countFrom = performance.now();
        continue;
      }
      if (oneWord || ((++beyond & 1023) === 0 && performance.now() - countFrom > limits.countBudgetMs)) {
        it.return?.();
        finished = false;
        break;
      }
    }
    const capped = newest.length;
    if (capped < cands) {
      total = capped;
      const order = sort === 'relevance' ? (fts ? 'rank' : `entry_index.rank, ${tie}`) : dateOrder;
      // An Arabic-script word typed as is ranks its entries ahead of those with only its other forms.
      const pref = sort === 'relevance' && plan.compiled.preferred ? { sql: '(entry_index.rowid IN (SELECT rowid FROM entry_index WHERE entry_index MATCH ?)) DESC, ', params: [plan.compiled.preferred] } : { sql: '', params: [] };
      if (sort === 'relevance') ids = all<{ id: number }>(`SELECT ${idCol} ${src.sql} ORDER BY ${pref.sql}${order} LIMIT ? OFFSET ?`, [...src.params, ...pref.params, limit, offset]).map((r) => r.id);
      else if (byRowid) {
        // The few matches are all in hand: their dates come off the covering index.
        const inHand = { sql: `FROM entries e INDEXED BY entries_id_date WHERE e.id IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(newest.map((r) => r.id))] };
        ids = pageInOrder(inHand, dateWalks, stmts, limit, offset);
      } else ids = all<{ id: number }>(`SELECT e.id ${from.sql} ORDER BY ${order} LIMIT ? OFFSET ?`, [...from.params, limit, offset]).map((r) => r.id);
    } else {
      if (oneWord) total = wordCount(plan.compiled.singleTerm ?? '', stmts, stats);
      else {
        total = capped + beyond;
        totalExact = finished;
      }
      // Words alone (AND/OR/NOT, prefixes): the exact best few, then newest first (top-k.ts).
      const best = sort === 'relevance' && plan.filters.length === 0 && !plan.compiled.preferred ? rankedTop(plan.compiled, stats, stmts, limits) : null;
      if (best) {
        ids = pageAfterRanked(best.ids, plan.compiled.match ?? '', stmts, limit, offset);
        explanation.push(explainRanked(best, total, totalExact));
      } else if (sort === 'relevance' && !plan.compiled.singleTerm && !rankable(plan.compiled.tree, stats, limits.rankPostings)) {
        // FTS5's bm25 for a phrase, prefix or combination first scans EVERY match for its document
        // frequency (465 ms for a phrase at 1M). Over a huge set, candidates matching in the title come
        // first, then the rest, newest first: title weighted over body, at the cost of an index read.
        // The whole query is ANDed back in: `{title} : (a NOT b)` alone only keeps b out of the
        // title, and would let in entries with b in the body.
        const edgeId = Math.trunc(Number(newest[newest.length - 1]?.id ?? 0));
        const inTitle = all<{ id: number }>(`SELECT ${idCol} ${src.sql} AND entry_index.rowid >= ${edgeId} ORDER BY entry_index.rowid DESC`, [
          `(${plan.compiled.match}) AND ({title} : (${plan.compiled.match}))`,
          ...src.params.slice(1),
        ]).map((r) => r.id);
        const titleSet = new Set(inTitle);
        const ordered = [...inTitle, ...newest.map((r) => r.id).filter((id) => !titleSet.has(id))];
        ids = [...ordered.slice(offset, offset + limit), ...olderMatches(idCol, src, edgeId, offset, limit, ordered.length, stmts)];
        explanation.push(
          `approximate: title matches first, then newest, among the ${cands.toLocaleString('en')} most recently added ${totalExact ? `of ${total.toLocaleString('en')} matches` : 'matches'}; then the older ones, newest first`,
        );
      } else if (sort === 'relevance') {
        // The edge is inlined as an integer literal: with a bound parameter FTS5 ranks every match (measured 8× slower).
        const edgeId = Math.trunc(Number(newest[newest.length - 1]?.id ?? 0));
        const ranked =
          offset < capped
            ? all<{ id: number }>(`SELECT ${idCol} ${src.sql} AND entry_index.rowid >= ${edgeId} ORDER BY ${fts ? 'rank' : `entry_index.rank, ${tie}`} LIMIT ? OFFSET ?`, [
                ...src.params,
                Math.min(limit, capped - offset),
                offset,
              ]).map((r) => r.id)
            : [];
        ids = [...ranked, ...olderMatches(idCol, src, edgeId, offset, limit, capped, stmts)];
        explanation.push(
          `approximate: ranked by relevance among the ${cands.toLocaleString('en')} most recently added ${totalExact ? `of ${total.toLocaleString('en')} matches` : 'matches'}; then the older ones, newest first`,
        );
      } else {
        // How often an entry matches, from the newest candidates: they span ids edge..newest.
        const span = Math.max(1, Number(newest[0]?.id ?? 0) - Number(newest[newest.length - 1]?.id ?? 0) + 1);
        const density = Math.min(1, capped / span);
        const expected = Math.ceil((offset + limit) / density);
        // Checking ~70 µs per walked entry against reading ~0.2 µs per match into a set.
        const estMatches = totalExact ? total : density * entryCount(stmts);
        const walk = expected * 0.07 < estMatches * 0.0002 + limits.dateWalkSlackMs;
        ids = (walk ? walkAndCheck(plan, stmts, dateWalks, limit, offset, expected * 4 + 500, limits) : null) ?? probeByDate(plan, stmts, dateWalks, limit, offset);
      }
    }
  }
  // A count left unfinished is completed by countMatches (the app and the CLI call it next).

  const hitStmt = stmts.get(HIT_SQL);
  const hits: SearchHit[] = [];
  for (const id of ids) {
    // A replaced search stops between hits too (each reads an entry and makes its snippet).
    stmts.check();
    const row = hitStmt.get(id) as HitRow | undefined;
    if (!row) continue;
    const snip = makeSnippet(row.title, row.body, plan.compiled.highlights);
    const hit: SearchHit = {
      id: row.id,
      title: row.title,
      date: row.date,
      author: row.author,
      outlet: row.outlet,
      source: row.source,
      direction: row.direction,
      snippet: snip.snippet,
      snippetHighlights: snip.snippetHighlights,
      versions: row.versions,
    };
    if (snip.matchedVariants.length > 0) hit.matchedVariants = snip.matchedVariants;
    hits.push(hit);
  }
  return { total, totalExact, hits, explanation: explanation.join('; ') };
}

/**
 * Whether bm25 can rank a phrase, prefix or combination over its newest candidates in time: FTS5
 * first counts the matches of every phrase in the query, which costs about as much as reading the
 * postings of its words (known from the statistics, read off the compiler's tree). Not for date
 * words or unexpanded prefixes (no tree), whose postings the statistics do not give.
 */
function rankable(tree: MatchTree | null, stats: SearchStats, maxPostings: number): boolean {
  if (!tree) return false;
  const postings = stats.postings(treeWords(tree), maxPostings);
  return postings !== null && postings <= maxPostings;
}

/** Entries containing one word: from the search statistics, else from the index's vocabulary (exact either way). */
function wordCount(term: string, stmts: StatementCache, stats: SearchStats): number {
  return stats.docs(term) ?? (stmts.get('SELECT doc FROM entry_terms WHERE term = ?').get(term) as { doc: number } | undefined)?.doc ?? 0;
}

interface Walk {
  cond: string | null;
  order: string;
}
/** Ascending date order as two index walks: dated entries oldest first, then the undated ones. */
const ASC_WALKS: Walk[] = [
  { cond: 'e.date IS NOT NULL', order: 'e.date ASC, e.id ASC' },
  { cond: 'e.date IS NULL', order: 'e.id ASC' },
];

const withCond = (from: { sql: string; params: unknown[] }, cond: string | null) =>
  cond === null ? from.sql : `${from.sql}${from.sql.includes(' WHERE ') ? ' AND' : ' WHERE'} ${cond}`;

/** One page over walks taken one after another (each walk can use the date index on its own). */
function pageInOrder(from: { sql: string; params: unknown[] }, walks: Walk[], stmts: StatementCache, limit: number, offset: number): number[] {
  const out: number[] = [];
  let skip = offset;
  for (const walk of walks) {
    const sql = withCond(from, walk.cond);
    const rows = stmts.get(`SELECT e.id ${sql} ORDER BY ${walk.order} LIMIT ? OFFSET ?`).all(...from.params, limit - out.length, skip) as { id: number }[];
    for (const r of rows) out.push(r.id);
    if (out.length >= limit) break;
    // This walk ran out: how many of the offset it used up decides where the next one starts.
    const inWalk = rows.length > 0 ? skip + rows.length : (stmts.get(`SELECT count(*) AS n ${sql}`).get(...from.params) as { n: number }).n;
    skip = Math.max(0, skip - inWalk);
  }
  return out;
}

/**
 * Date order over a huge match set: walk the date index and keep the entries in the match set.
 * The match set is read once (SQLite builds it as a list with a Bloom filter) and the walk stops
 * at the page. (Probing the index per entry with `MATCH ? AND rowid = ?` is NOT used: on this
 * contentless table that form answers a row for entries that do not match.)
 */
function probeByDate(plan: SearchPlan, stmts: StatementCache, walks: Walk[], limit: number, offset: number): number[] {
  const rest = matchingFrom({ compiled: { ...plan.compiled, match: null }, filters: plan.filters });
  const inSet = 'e.id IN (SELECT rowid FROM entry_index WHERE entry_index MATCH ?)';
  const sql = rest.sql.replace(/^FROM entries e\b/, 'FROM entries e INDEXED BY entries_date');
  const from = { sql: `${sql}${sql.includes(' WHERE ') ? ' AND' : ' WHERE'} ${inSet}`, params: [...rest.params, plan.compiled.match] };
  return pageInOrder(from, walks, stmts, limit, offset);
}

/**
 * One slice of an exact count (the contract's countMatches): matches with ids in (after, ...],
 * counted in id ranges written into the SQL (FTS5 seeks straight to them) until `budgetMs` is
 * spent; each range is sized from the last one's speed.
 */
export function countSlice(plan: SearchPlan, stmts: StatementCache, after: number, budgetMs: number): CountProgress {
  if (plan.compiled.never) return { counted: 0, next: null };
  const hi = (stmts.get('SELECT coalesce(max(id), 0) AS m FROM entries').get() as { m: number }).m;
  const { idCol: col, ...from } = idsFrom(plan);
  const started = performance.now();
  let a = Math.max(0, Math.trunc(after));
  // A set of ids is gathered again for every range: counted in one range (~30 ms for 20,000).
  let width = browseById(plan) || indexOnlyFrom(plan) ? hi - a : Math.max(1_000, Math.ceil((hi - a) / 64));
  let counted = 0;
  while (a < hi) {
    const b = Math.min(hi, a + width);
    const t0 = performance.now();
    const sql = `SELECT count(*) AS n ${withCond(from, `${col} > ${a} AND ${col} <= ${b}`)}`;
    counted += (stmts.once(sql).get(...from.params) as { n: number }).n;
    a = b;
    const took = performance.now() - t0;
    if (performance.now() - started >= budgetMs) break;
    width = Math.max(1_000, Math.round(took > 0.5 ? (width * budgetMs) / 4 / took : width * 2));
  }
  return { counted, next: a >= hi ? null : a };
}

/**
 * A browse whose filters pick entries by id (codes, tags, collections, sources, has:), never
 * reading an entry's row. Counted up to `idSetCountCap` (past it a lower bound that countMatches
 * completes): one set's distinct ids checked against the covering index entries_id_date, or
 * several sets' entries counted on it. Paged by walking the date index while matches are dense
 * enough to fill the page soon (each entry passed tested on its own when every filter has a
 * per-entry form), else by putting the whole set in date order off entries_id_date.
 */
function browseIdSet(plan: SearchPlan, walks: Walk[], stmts: StatementCache, limit: number, offset: number, limits: SearchThresholds): { ids: number[]; total: number; totalExact: boolean } {
  const from = matchingFrom(plan);
  const byId = indexedBy(from, 'entries_id_date');
  const cap = limits.idSetCountCap;
  const single = plan.filters.length === 1 ? plan.filters[0]!.ids : undefined;
  let counted: number;
  let exact: boolean;
  if (single !== undefined) {
    const c = stmts
      // Sorted before the existence check, so it reads the index in order (half the time of random seeks).
      .get(`SELECT count(*) AS seen, coalesce(sum(EXISTS (SELECT 1 FROM entries e INDEXED BY entries_id_date WHERE e.id = s.id)), 0) AS n FROM (SELECT id FROM (SELECT DISTINCT id FROM (${single}) LIMIT ?) ORDER BY id) s`)
      .get(...plan.filters[0]!.params, cap) as { seen: number; n: number };
    counted = c.n;
    exact = c.seen < cap;
  } else {
    counted = (stmts.get(`SELECT count(*) AS n FROM (SELECT 1 ${byId.sql} LIMIT ?)`).get(...byId.params, cap) as { n: number }).n;
    exact = counted < cap;
  }
  const { lo, hi } = idBounds(stmts);
  const span = hi - lo + 1;
  // Walking costs about one step per entry passed; ordering the set about idSetWalkRatio steps per member.
  const density = Math.max(counted, 1) / Math.max(span, 1);
  const walk = (offset + limit) / density <= counted * limits.idSetWalkRatio;
  const probes = plan.filters.every((f) => f.probe !== undefined);
  const walkFrom = probes ? { sql: `FROM entries e INDEXED BY entries_date WHERE ${plan.filters.map((f) => `(${f.probe})`).join(' AND ')}`, params: plan.filters.flatMap((f) => f.params) } : indexedBy(from, 'entries_date');
  const ids = pageInOrder(walk ? walkFrom : byId, walks, stmts, limit, offset);
  return { ids, total: counted, totalExact: exact };
}

/**
 * The part of a page past the candidates (the `ranked` newest matches, ids >= edgeId): the older
 * matches, newest first, so every match has a place in the list and the pages reach all of them.
 */
function olderMatches(idCol: string, src: { sql: string; params: unknown[] }, edgeId: number, offset: number, limit: number, ranked: number, stmts: StatementCache): number[] {
  const take = Math.min(limit, offset + limit - ranked);
  if (take <= 0) return [];
  const skip = Math.max(0, offset - ranked);
  // The edge is an integer in the SQL text (see walkAndCheck on bound rowid parameters).
  return (stmts.get(`SELECT ${idCol} ${src.sql} AND entry_index.rowid < ${Math.trunc(edgeId)} ORDER BY entry_index.rowid DESC LIMIT ? OFFSET ?`).all(...src.params, take, skip) as { id: number }[]).map((r) => r.id);
}

const entryCount = (stmts: StatementCache) => (stmts.get('SELECT count(*) AS n FROM entries').get() as { n: number }).n;

/**
 * A page of one common word's results: its top list first (best first), then its other matches
 * newest first. Past the list, one read at an SQL OFFSET (SQLite skips rows without handing them
 * to JavaScript: 50 ms for half a million) finds the place: every listed entry newer than where it
 * lands pushes the page one unlisted match further on.
 */
function fromTopList(term: string, listed: number, match: string, stats: SearchStats, stmts: StatementCache, limit: number, offset: number): number[] {
  const ids = offset < listed ? stats.top(term, Math.min(limit, listed - offset), offset) : [];
  if (ids.length >= limit) return ids;
  return withNewestUnranked(ids, new Set(stats.top(term, listed, 0)), match, stmts, limit, offset);
}

/**
 * Date order over a huge set of common matches: walk the date index and ask the index which of
 * the next batch of entries match, `rowid IN (...)` with the ids written into the SQL. (A bound
 * `rowid = ?` on this contentless table answers every row, matching or not; ids written into the
 * statement are answered correctly, ~70 µs each.) Null when the walk ran past `maxWalk` entries
 * (matches rarer here than estimated): the caller then reads the whole match set instead.
 */
function walkAndCheck(plan: SearchPlan, stmts: StatementCache, walks: Walk[], limit: number, offset: number, maxWalk: number, limits: SearchThresholds): number[] | null {
  const match = plan.compiled.match;
  if (!match) return null;
  const rest = matchingFrom({ compiled: { ...plan.compiled, match: null }, filters: plan.filters });
  const base = rest.sql.replace(/^FROM entries e\b/, 'FROM entries e INDEXED BY entries_date');
  const out: number[] = [];
  let skip = offset;
  let walked = 0;
  let batch = limits.dateWalkBatch;
  const check = (ids: number[]) => {
    const hits = new Set(stmts.once(`SELECT rowid FROM entry_index WHERE entry_index MATCH ? AND rowid IN (${ids.map((id) => Math.trunc(id)).join(',')})`).pluck().all(match) as number[]);
    for (const id of ids) {
      if (!hits.has(id)) continue;
      if (skip > 0) skip--;
      else if (out.length < limit) out.push(id);
    }
  };
  for (const walk of walks) {
    const it = stmts.get(`SELECT e.id AS id ${withCond({ sql: base, params: rest.params }, walk.cond)} ORDER BY ${walk.order}`).iterate(...rest.params) as IterableIterator<{ id: number }>;
    let pending: number[] = [];
    for (const row of it) {
      pending.push(row.id);
      if (pending.length < batch) continue;
      check(pending);
      walked += pending.length;
      pending = [];
      batch = Math.min(limits.dateWalkBatchMax, batch * 2);
      if (out.length >= limit) {
        it.return?.();
        return out;
      }
      if (walked > maxWalk) {
        it.return?.();
        return null;
      }
    }
    if (pending.length > 0) check(pending);
    if (out.length >= limit) return out;
  }
  return out;
}

/** The last safety net: an SQLite complaint about a query is reported as a query problem, in plain words. */
export function asQueryError(error: unknown): unknown {
  const msg = error instanceof Error ? error.message : '';
  if (/fts5|MATCH|syntax error|unterminated|no such column/i.test(msg) && !(error instanceof QuireError)) {
    return new QuireError('invalid-query', 'Quire could not understand this query. Check quotes, parentheses and field names.');
  }
  return error;
}
