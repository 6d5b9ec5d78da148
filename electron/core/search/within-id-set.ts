// A text query within entries picked by id filters (code:, tag:, collection:, has:, source and
// code facets): `code:THEME government` at a million entries. The general path tests every match
// of the text against the filter's subquery, and gathers that subquery again in every statement
// it runs (three to four times a search, ~12 ms each for a theme's 23,000 highlight links); a
// common word's 600,000 matches then cost ~60 ms to test and FTS5's bm25 as much again.
// Here the filters' set is gathered once into JavaScript (a theme: ~21,000 entries), then:
//  - a small set is checked entry by entry against the index (ids written into the SQL: ~40 µs
//    each), which gives every match and the exact count;
//  - a larger one is the filter of one scan of the text's matches, newest first, which stops when
//    the page is in hand and the count budget is spent (the count is then a lower bound that
//    countMatches completes, as for a code alone past idSetCountCap);
//  - relevance: a word with a precomputed top list (bm25 over all its matches) gives, in list
//    order, the exact best of its matches in the set (any match off the list scores at most the
//    list's last score); after them, newest first. Text whose words are in few entries is ranked
//    by FTS5 itself over the whole intersection. Anything else goes to the general path.
//  - date order: the set's entries in date order, off the date index, checked against the index a
//    batch at a time until the page is full; or, when every match is in hand, those put in order.
import type { SortOrder } from '../../../shared/contract.ts';
import { idBounds, type SearchPlan, type StatementCache } from './search-plan.ts';
import type { SearchStats } from './search-stats.ts';
import type { SearchThresholds } from './search-thresholds.ts';
import { onlyById } from './sql-filters.ts';

export interface WithinResult {
  ids: number[];
  total: number;
  totalExact: boolean;
}

/** Ids written into one checking statement. */
const PROBE_BATCH = 500;
/** Entries are checked one by one only against text of at most this many phrases (FTS5 sets each up again for every entry). */
const PROBE_PHRASES = 4;

interface Walk {
  cond: string | null;
  order: string;
}
/** Undated entries last in both directions, as the general path orders them (ascending takes two walks of the date index). */
const WALKS: Record<'date-asc' | 'date-desc', Walk[]> = {
  'date-desc': [{ cond: null, order: 'e.date DESC, e.id DESC' }],
  'date-asc': [
    { cond: 'e.date IS NOT NULL', order: 'e.date ASC, e.id ASC' },
    { cond: 'e.date IS NULL', order: 'e.id ASC' },
  ],
};

/**
 * The page, count and order of a text query whose every filter is a set of entry ids, or null
 * when this way does not apply (the general path answers): no text, a filter of another kind,
 * a set over `limits.withinSetMax`, or relevance order over many matches with no top list.
 */
export function searchWithinIdSet(
  plan: SearchPlan,
  sort: SortOrder,
  stmts: StatementCache,
  stats: SearchStats,
  limits: SearchThresholds,
  limit: number,
  offset: number,
  explanation: string[],
): WithinResult | null {
  const match = plan.compiled.match;
  if (!match || plan.filters.length === 0 || !plan.filters.every((f) => f.ids !== undefined && onlyById(f))) return null;
  // Entries with the Arabic word as typed rank first: the general path's ordering.
  if (sort === 'relevance' && plan.compiled.preferred) return null;
  const postings = textPostings(match, stats);
  const term = plan.compiled.words?.kind === 'word' ? plan.compiled.words.term : null;
  const listed = sort === 'relevance' && term !== null ? (stats.topLength(term) ?? 0) : 0;
  const rankLive = postings !== null && postings <= limits.exactRankPostings;
  if (sort === 'relevance' && listed === 0 && !rankLive) return null;

  // Text in few entries: its matches tested one by one against the filters' per-entry forms (a
  // theme's set costs ~20 ms to gather at 1M, a rare word's 3,000 matches ~10 ms to test).
  if (listed === 0 && postings !== null && postings <= limits.withinTextFirst && plan.filters.every((f) => f.probe !== undefined)) {
    const probes = plan.filters.map((f) => ` AND (${(f.probe ?? '').replace(/\be\.id\b/g, 'entry_index.rowid')})`).join('');
    const rows = stmts.get(`SELECT entry_index.rowid AS id FROM entry_index WHERE entry_index MATCH ?${probes} ORDER BY entry_index.rowid DESC`).all(match, ...plan.filters.flatMap((f) => f.params)) as { id: number }[];
    const ids = rows.map((r) => r.id);
    if (sort === 'relevance') return { ids: rankAll(match, ids, stmts, limit, offset), total: ids.length, totalExact: true };
    return { ids: inDateOrder(ids, WALKS[sort], stmts, limit, offset), total: ids.length, totalExact: true };
  }

  const set = gatherSet(plan, stmts, limits.withinSetMax);
  if (set === null) return null;
  if (set.length === 0) return { ids: [], total: 0, totalExact: true };
  const json = JSON.stringify(set);
  // The word's best entries that are in the set: all of them match, best first.
  const ranked = listed > 0 && term !== null ? stats.top(term, listed, 0).filter((id) => contains(set, id)) : [];

  // Every match by checking each entry, or the newest by one scan of the text's matches.
  // Each check starts the query afresh: cheap for a few words, not for a prefix's or an OR's many.
  const checkable = phrasesIn(match) <= PROBE_PHRASES;
  const probeAll = checkable && set.length <= limits.withinProbeMax && (postings === null || set.length * limits.withinProbePostings <= postings);
  if (sort === 'relevance') {
    const found = probeAll ? { ids: checkAll(match, set, stmts), complete: true } : scanNewest(match, json, offset + limit + ranked.length, rankLive, stmts, limits.countBudgetMs);
    const total = found.ids.length;
    const totalExact = found.complete;
    // Few postings: every match is in hand (the scan ran to the end), FTS5 ranks them.
    if (listed === 0) return { ids: rankAll(match, found.ids, stmts, limit, offset), total, totalExact };
    const rankedSet = new Set(ranked);
    const rest = found.ids.filter((id) => !rankedSet.has(id));
    const head = ranked.slice(offset, offset + limit);
    const from = Math.max(0, offset - ranked.length);
    const ids = [...head, ...rest.slice(from, from + limit - head.length)];
    // Lists merged over several refreshes hold scores of their times, not quite today's (search-stats.ts).
    const merged = stats.listsRankedTogether() ? '' : 'approximate: ';
    const over = totalExact ? `all ${total.toLocaleString('en')} matches` : 'all matches';
    explanation.push(
      ranked.length > 0
        ? `${merged}ranked by relevance over ${over} (the best ${ranked.length.toLocaleString('en')} exactly, from the word’s ${listed.toLocaleString('en')} best entries ranked ahead of time; after them, newest first)`
        : `newest first: none of the word’s ${listed.toLocaleString('en')} best entries ranked ahead of time is among these matches`,
    );
    return { ids, total, totalExact };
  }

  const walks = WALKS[sort];
  if (probeAll || rankLive || !checkable) {
    // Every match in hand (cheap here, or no other way), then in date order.
    const all = probeAll ? checkAll(match, set, stmts) : scanNewest(match, json, 0, true, stmts, 0).ids;
    return { ids: inDateOrder(all, walks, stmts, limit, offset), total: all.length, totalExact: true };
  }
  // How many of the set's entries match, guessed from the statistics (an AND or a phrase matches
  // fewer: the walk's batches then double); the count is what the walk saw.
  const { lo, hi } = idBounds(stmts);
  const span = Math.max(1, hi - lo + 1);
  const density = postings === null ? 0.5 : Math.min(1, Math.max(1, postings) / span);
  const expected = Math.ceil((offset + limit) / density);
  // The first batch about as many as the page needs (each check is a statement of its own).
  const firstBatch = Math.min(limits.dateWalkBatchMax, Math.max(limits.dateWalkBatch, Math.ceil(expected * 1.25)));
  // The walk passes about `expected` of the set's entries, and all entries between them: tested
  // in JavaScript (~1 µs each, handed over one by one) when that is cheaper than SQLite first
  // putting the set in a temporary index (~0.2 µs an entry) to test them (~0.1 µs each).
  const passed = (expected * span) / set.length;
  const inJs = passed * 1 < set.length * 0.2 + passed * 0.1 ? set : null;
  // Checking goes on while cheaper than one scan of every match (withinProbePostings postings a check).
  const maxChecks = Math.max(expected * 4 + 200, (postings ?? 0) / Math.max(1, limits.withinProbePostings));
  const walked = walkByDate(match, json, inJs, walks, stmts, limit, offset, maxChecks, firstBatch, limits.dateWalkBatchMax);
  if (walked) return { ids: walked.ids, total: walked.matched, totalExact: walked.exhausted };
  const all = scanNewest(match, json, 0, true, stmts, 0).ids;
  return { ids: inDateOrder(all, walks, stmts, limit, offset), total: all.length, totalExact: true };
}

/** The entries in every filter's set, ascending; null past `max` (gathering them would cost more than it saves). */
function gatherSet(plan: SearchPlan, stmts: StatementCache, max: number): number[] | null {
  let out: number[] | null = null;
  for (const f of plan.filters) {
    // Deduplicated here, not by SQL's DISTINCT (its temporary b-tree took 10 ms more for a theme's 23,000 links).
    // The LIMIT bounds the rows read (has:highlight's 100,000 at 1M would be read for nothing); it
    // counts links, so a set with a few more links than `max` is refused too.
    const rows = stmts
      .get(`SELECT id FROM (${f.ids ?? ''}) LIMIT ?`)
      .pluck()
      .all(...f.params, max + 1) as number[];
    if (rows.length > max) return null;
    const sorted = Float64Array.from(rows).sort();
    const ids: number[] = [];
    for (const id of sorted) if (ids.length === 0 || ids[ids.length - 1] !== id) ids.push(id);
    if (ids.length > max) return null;
    if (out === null) out = ids;
    else {
      const other = ids;
      out = out.filter((id) => contains(other, id));
    }
  }
  return out;
}

/** The postings of the text's words (from the statistics), or null when unknown: stale statistics, date words, FTS5's own prefixes. */
function textPostings(match: string, stats: SearchStats): number | null {
  if (match.includes('{dates}') || match.includes('" *')) return null;
  const words = [...match.matchAll(/"((?:[^"]|"")*)"/g)].flatMap((quoted) => (quoted[1] ?? '').replace(/""/g, '"').split(' '));
  if (words.length === 0) return null;
  return stats.postings(words, Number.MAX_SAFE_INTEGER);
}

/** How many phrases (quoted words or runs of words) FTS5 sets up for the text; FTS5's own prefixes count as many. */
function phrasesIn(match: string): number {
  if (match.includes('" *')) return Number.MAX_SAFE_INTEGER;
  return match.match(/"(?:[^"]|"")*"/g)?.length ?? 0;
}

/** The text's matches tested against the set (bound as JSON), with `+rowid` so FTS5 is never handed a rowid lookup. */
const scanFrom = () => 'FROM entry_index WHERE entry_index MATCH ? AND +entry_index.rowid IN (SELECT value FROM json_each(?))';

/**
 * The matches in the set, newest first: at least `need` of them (or all), then more while
 * `budgetMs` lasts; all of them when `toEnd`.
 */
function scanNewest(match: string, json: string, need: number, toEnd: boolean, stmts: StatementCache, budgetMs: number): { ids: number[]; complete: boolean } {
  const ids: number[] = [];
  const started = performance.now();
  const it = stmts.get(`SELECT entry_index.rowid AS id ${scanFrom()} ORDER BY entry_index.rowid DESC`).iterate(match, json) as IterableIterator<{ id: number }>;
  for (const row of it) {
    ids.push(row.id);
    if (!toEnd && ids.length >= need && (ids.length & 63) === 0 && performance.now() - started > budgetMs) {
      it.return?.();
      return { ids, complete: false };
    }
  }
  return { ids, complete: true };
}

/** A page of these matches (all of them) in FTS5's bm25 order: its bm25 first counts the text's matches, cheap for text in few entries. */
function rankAll(match: string, ids: readonly number[], stmts: StatementCache, limit: number, offset: number): number[] {
  const rows = stmts.get(`SELECT entry_index.rowid AS id ${scanFrom()} ORDER BY entry_index.rank, entry_index.rowid DESC LIMIT ? OFFSET ?`).all(match, JSON.stringify(ids), limit, offset) as { id: number }[];
  return rows.map((r) => r.id);
}

/** The entries of `ids` that match, newest first, checked a batch at a time with the ids written into the SQL. */
function checkAll(match: string, ids: readonly number[], stmts: StatementCache): number[] {
  const hits = matching(match, ids, stmts);
  return ids.filter((id) => hits.has(id)).reverse();
}

/**
 * Which of these entries match. The ids are integers in the statement's text: on this
 * contentless index a bound `rowid = ?` answers every row, matching or not (run-search.ts).
 */
function matching(match: string, ids: readonly number[], stmts: StatementCache): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < ids.length; i += PROBE_BATCH) {
    const list = ids
      .slice(i, i + PROBE_BATCH)
      .map((id) => Math.trunc(id))
      .join(',');
    for (const row of stmts.once(`SELECT rowid AS id FROM entry_index WHERE entry_index MATCH ? AND rowid IN (${list})`).all(match) as { id: number }[]) out.add(row.id);
  }
  return out;
}

/** A page of these matches in date order, their dates read off the covering index entries_id_date. */
function inDateOrder(ids: readonly number[], walks: Walk[], stmts: StatementCache, limit: number, offset: number): number[] {
  const out: number[] = [];
  const json = JSON.stringify(ids);
  let skip = offset;
  for (const walk of walks) {
    const where = `e.id IN (SELECT value FROM json_each(?))${walk.cond ? ` AND ${walk.cond}` : ''}`;
    const rows = stmts.get(`SELECT e.id AS id FROM entries e INDEXED BY entries_id_date WHERE ${where} ORDER BY ${walk.order} LIMIT ? OFFSET ?`).all(json, limit - out.length, skip) as { id: number }[];
    for (const r of rows) out.push(r.id);
    if (out.length >= limit) break;
    const inWalk = rows.length > 0 ? skip + rows.length : (stmts.get(`SELECT count(*) AS n FROM entries e INDEXED BY entries_id_date WHERE ${where}`).get(json) as { n: number }).n;
    skip = Math.max(0, skip - inWalk);
  }
  return out;
}

/**
 * A page in date order: the set's entries walked down the date index (the set bound as JSON), a
 * batch at a time checked against the text, until the page is full; with how many matches it saw
 * (all of them when it reached the end). Null when more than `maxChecks` entries were checked
 * before the page filled (matches rarer than guessed).
 */
function walkByDate(
  match: string,
  json: string,
  inJs: readonly number[] | null,
  walks: Walk[],
  stmts: StatementCache,
  limit: number,
  offset: number,
  maxChecks: number,
  firstBatch: number,
  maxBatch: number,
): { ids: number[]; matched: number; exhausted: boolean } | null {
  const out: number[] = [];
  let skip = offset;
  let checked = 0;
  let matched = 0;
  let batch = firstBatch;
  const check = (ids: number[]) => {
    const hits = matching(match, ids, stmts);
    for (const id of ids) {
      if (!hits.has(id)) continue;
      matched++;
      if (skip > 0) skip--;
      else if (out.length < limit) out.push(id);
    }
    checked += ids.length;
  };
  for (const walk of walks) {
    const it = (
      inJs
        ? stmts.get(`SELECT e.id AS id FROM entries e INDEXED BY entries_date${walk.cond ? ` WHERE ${walk.cond}` : ''} ORDER BY ${walk.order}`).iterate()
        : stmts.get(`SELECT e.id AS id FROM entries e INDEXED BY entries_date WHERE e.id IN (SELECT value FROM json_each(?))${walk.cond ? ` AND ${walk.cond}` : ''} ORDER BY ${walk.order}`).iterate(json)
    ) as IterableIterator<{ id: number }>;
    let pending: number[] = [];
    for (const row of it) {
      if (inJs && !contains(inJs, row.id)) continue;
      pending.push(row.id);
      if (pending.length < batch) continue;
      check(pending);
      pending = [];
      batch = Math.min(maxBatch, batch * 2);
      if (out.length >= limit || checked > maxChecks) {
        it.return?.();
        return out.length >= limit ? { ids: out, matched, exhausted: false } : null;
      }
    }
    if (pending.length > 0) check(pending);
  }
  // Every entry of the set was checked (the page may have filled in the last batch): the count is exact.
  return { ids: out, matched, exhausted: true };
}

const contains = (xs: readonly number[], x: number) => xs[lowerBound(xs, x)] === x;

/** The index of the first element of ascending `xs` that is at least `x`. */
function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] ?? 0) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
