// Runs a planned search fast at a million entries:
//  - small match sets (< CANDIDATES): exact bm25 ranking (title 5×) and exact count;
//  - huge match sets: bm25 over the CANDIDATES most recent matches (said in the explanation),
//    date order by walking the date index and probing the index per entry (early termination),
//    the count exact from the vocabulary for one word, otherwise counted under a time budget.
import type { SearchHit, SearchRequest, SearchResult, TextDirection } from '../../../shared/contract.ts';
import { QuireError } from '../../../shared/errors.ts';
import { matchingFrom, type SearchPlan, type StatementCache } from './search-plan.ts';
import { makeSnippet } from './snippets.ts';
import type { Vocabulary } from './vocabulary.ts';

export const CANDIDATES = 2_000;
/** Phrases, prefixes and combinations cost more per candidate to rank (positions, many terms): fewer. */
export const CANDIDATES_COMPOUND = 2_000;
const COUNT_BUDGET_MS = 8;

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

export function runSearch(plan: SearchPlan, req: SearchRequest, stmts: StatementCache, vocab: Vocabulary, explanation: string[]): Omit<SearchResult, 'tookMs'> {
  const limit = Math.max(1, Math.min(1000, Math.trunc(req.limit ?? 50)));
  const offset = Math.max(0, Math.trunc(req.offset ?? 0));
  const sort = req.sort ?? 'relevance';
  if (plan.compiled.never) return { total: 0, totalExact: true, hits: [], explanation: explanation.join('; ') };
  const from = matchingFrom(plan);
  const all = <T>(sql: string, params: unknown[]) => stmts.get(sql).all(...params) as T[];
  const one = <T>(sql: string, params: unknown[]) => stmts.get(sql).get(...params) as T;
  // Undated entries come last in both directions (SQLite sorts NULL first ascending).
  const dateOrder = sort === 'date-asc' ? 'e.date IS NULL, e.date ASC, e.id ASC' : 'e.date DESC, e.id DESC';

  let ids: number[];
  let total: number;
  let totalExact = true;
  if (!plan.compiled.match) {
    // Browse: the date index gives the order, no scoring.
    ids = pageInOrder(from, sort === 'date-asc' ? ASC_WALKS : [{ cond: null, order: dateOrder }], stmts, limit, offset);
    total = one<{ n: number }>(`SELECT count(*) AS n ${from.sql}`, from.params).n;
  } else {
    // Without SQL filters the index alone answers (no join), which lets FTS5 sort by rank itself.
    const fts = plan.filters.length === 0;
    const src = fts ? { sql: 'FROM entry_index WHERE entry_index MATCH ?', params: [plan.compiled.match] } : from;
    const idCol = fts ? 'entry_index.rowid AS id' : 'e.id';
    const tie = fts ? 'entry_index.rowid DESC' : 'e.id DESC';
    // The newest CANDIDATES matches in one pass: their number says whether the set is small,
    // and the last of them is the edge of the candidate set (phrases paid for two passes before).
    const cands = plan.compiled.singleTerm ? CANDIDATES : CANDIDATES_COMPOUND;
    const newest = all<{ id: number }>(`SELECT ${idCol} ${src.sql} ORDER BY entry_index.rowid DESC LIMIT ${cands}`, src.params);
    const capped = newest.length;
    if (capped < cands) {
      total = capped;
      const order = sort === 'relevance' ? (fts ? 'rank' : `entry_index.rank, ${tie}`) : dateOrder;
      const sql = sort === 'relevance' ? `SELECT ${idCol} ${src.sql} ORDER BY ${order} LIMIT ? OFFSET ?` : `SELECT e.id ${from.sql} ORDER BY ${order} LIMIT ? OFFSET ?`;
      ids = all<{ id: number }>(sql, [...(sort === 'relevance' ? src.params : from.params), limit, offset]).map((r) => r.id);
    } else {
      ({ total, totalExact } = bigCount(plan, from, stmts, vocab));
      // The candidates already read are matches too: a lower bound is never below their number.
      if (!totalExact) total = Math.max(total, capped);
      if (sort === 'relevance' && !plan.compiled.singleTerm) {
        // FTS5's bm25 for a phrase, prefix or combination first scans EVERY match for its document
        // frequency (465 ms for a phrase at 1M). Over a huge set, candidates matching in the title come
        // first, then the rest, newest first: title weighted over body, at the cost of an index read.
        const edgeId = Math.trunc(Number(newest[newest.length - 1]?.id ?? 0));
        const inTitle = all<{ id: number }>(`SELECT ${idCol} ${src.sql} AND entry_index.rowid >= ${edgeId} ORDER BY entry_index.rowid DESC`, [
          `{title} : (${plan.compiled.match})`,
          ...src.params.slice(1),
        ]).map((r) => r.id);
        const titleSet = new Set(inTitle);
        const ordered = [...inTitle, ...newest.map((r) => r.id).filter((id) => !titleSet.has(id))];
        ids = ordered.slice(offset, offset + limit);
        explanation.push(
          `title matches first, then newest, among the ${cands.toLocaleString('en')} most recently added of ${totalExact ? '' : 'at least '}${total.toLocaleString('en')} matches`,
        );
      } else if (sort === 'relevance') {
        // The edge is inlined as an integer literal: with a bound parameter FTS5 ranks every match (measured 8× slower).
        const edgeId = Math.trunc(Number(newest[newest.length - 1]?.id ?? 0));
        ids = all<{ id: number }>(`SELECT ${idCol} ${src.sql} AND entry_index.rowid >= ${edgeId} ORDER BY ${fts ? 'rank' : `entry_index.rank, ${tie}`} LIMIT ? OFFSET ?`, [
          ...src.params,
          limit,
          offset,
        ]).map((r) => r.id);
        explanation.push(`ranked by relevance among the ${cands.toLocaleString('en')} most recently added of ${totalExact ? '' : 'at least '}${total.toLocaleString('en')} matches`);
      } else {
        ids = probeByDate(plan, stmts, sort === 'date-asc' ? ASC_WALKS : [{ cond: null, order: dateOrder }], limit, offset);
      }
    }
  }
  if (!totalExact) explanation.push(`${total.toLocaleString('en')}+ matches counted in the time allowed`);
  const hitStmt = stmts.get(HIT_SQL);
  const hits: SearchHit[] = [];
  for (const id of ids) {
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
 * Counting a huge match set: exact for one word (the index knows its document count), else the
 * matches are counted one by one until the time budget runs out (a lower bound). Each separate
 * FTS5 statement over a common term costs ~25 ms at 1M just to start, so the count is ONE
 * iteration, stopped early, never a series of windowed counts.
 */
function bigCount(plan: SearchPlan, from: { sql: string; params: unknown[] }, stmts: StatementCache, vocab: Vocabulary): { total: number; totalExact: boolean } {
  if (plan.compiled.singleTerm && plan.filters.length === 0) return { total: vocab.docCount(plan.compiled.singleTerm), totalExact: true };
  const started = performance.now();
  let total = 0;
  const it = stmts.get(`SELECT 1 ${from.sql}`).raw().iterate(...from.params) as IterableIterator<unknown>;
  for (const _row of it) {
    total++;
    if ((total & 1023) === 0 && performance.now() - started > COUNT_BUDGET_MS) {
      it.return?.();
      return { total, totalExact: false };
    }
  }
  return { total, totalExact: true };
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

/** The last safety net: an SQLite complaint about a query is reported as a query problem, in plain words. */
export function asQueryError(error: unknown): unknown {
  const msg = error instanceof Error ? error.message : '';
  if (/fts5|MATCH|syntax error|unterminated|no such column/i.test(msg) && !(error instanceof QuireError)) {
    return new QuireError('invalid-query', 'Quire could not understand this query. Check quotes, parentheses and field names.');
  }
  return error;
}
