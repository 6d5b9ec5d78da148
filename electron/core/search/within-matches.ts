// The ways within-id-set.ts finds a text's matches among a set of entries: one scan of the text's
// matches newest first, tested against the set (bound as JSON) or the filters' per-entry forms;
// entries checked a batch at a time against the entries' text (text-check.ts) or the index; a
// walk in some order (the date index's, or newest first) checked until the page is full.
import type { SearchPlan, StatementCache } from './search-plan.ts';
import { checkText, type PhraseQuery } from './text-check.ts';

/** Ids written into one checking statement. */
const PROBE_BATCH = 500;

export interface Walk {
  cond: string | null;
  order: string;
}
/** Undated entries last in both directions, as the general path orders them (ascending takes two walks of the date index). */
export const WALKS: Record<'date-asc' | 'date-desc', Walk[]> = {
  'date-desc': [{ cond: null, order: 'e.date DESC, e.id DESC' }],
  'date-asc': [
    { cond: 'e.date IS NOT NULL', order: 'e.date ASC, e.id ASC' },
    { cond: 'e.date IS NULL', order: 'e.id ASC' },
  ],
};

/** Text to check entries against: its FTS5 expression, and the same as an AND of phrases where it is one (text-check.ts andOfPhrases, worked out once a search). */
export interface CheckedText {
  match: string;
  phrases: PhraseQuery | null;
}

/** A test of an index row (`entry_index.rowid`) against the filters, following `MATCH ?`. */
export interface RowFilter {
  sql: string;
  params: unknown[];
}
/** The text's matches tested against the set (bound as JSON), with `+rowid` so FTS5 is never handed a rowid lookup. */
export const jsonFilter = (json: string): RowFilter => ({ sql: ' AND +entry_index.rowid IN (SELECT value FROM json_each(?))', params: [json] });

/** The filters' per-entry forms (null when one has none), tested on each index row. */
export function probeForm(plan: SearchPlan): RowFilter | null {
  if (!plan.filters.every((f) => f.probe !== undefined)) return null;
  return { sql: plan.filters.map((f) => ` AND (${(f.probe ?? '').replace(/\be\.id\b/g, 'entry_index.rowid')})`).join(''), params: plan.filters.flatMap((f) => f.params) };
}

/**
 * The matches in the set, newest first: at least `need` of them (or all), then more while
 * `budgetMs` lasts; all of them when `toEnd`.
 */
export function scanNewest(match: string, filter: RowFilter, need: number, toEnd: boolean, stmts: StatementCache, budgetMs: number): { ids: number[]; complete: boolean } {
  const ids: number[] = [];
  const started = performance.now();
  const it = stmts.get(`SELECT entry_index.rowid AS id FROM entry_index WHERE entry_index MATCH ?${filter.sql} ORDER BY entry_index.rowid DESC`).iterate(match, ...filter.params) as IterableIterator<{ id: number }>;
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
export function rankAll(match: string, ids: readonly number[], stmts: StatementCache, limit: number, offset: number): number[] {
  const filter = jsonFilter(JSON.stringify(ids));
  const rows = stmts.get(`SELECT entry_index.rowid AS id FROM entry_index WHERE entry_index MATCH ?${filter.sql} ORDER BY entry_index.rank, entry_index.rowid DESC LIMIT ? OFFSET ?`).all(match, ...filter.params, limit, offset) as { id: number }[];
  return rows.map((r) => r.id);
}

/** The entries of `ids` that match, newest first, checked a batch at a time with the ids written into the SQL. */
export function checkAll(text: CheckedText, ids: readonly number[], stmts: StatementCache): number[] {
  const hits = matching(text, ids, stmts);
  return ids.filter((id) => hits.has(id)).reverse();
}

/**
 * Which of these entries match: an AND of phrases read off the entries' plain text where it can
 * be (text-check.ts, ~20× cheaper), the rest asked of the index. The ids are integers in the
 * statement's text: on this contentless index a bound `rowid = ?` answers every row, matching or
 * not (run-search.ts).
 */
function matching(text: CheckedText, ids: readonly number[], stmts: StatementCache): Set<number> {
  const read = text.phrases ? checkText(ids, text.phrases, stmts) : null;
  const out = read?.hits ?? new Set<number>();
  const ask = read?.unsure ?? ids;
  for (let i = 0; i < ask.length; i += PROBE_BATCH) {
    const list = ask
      .slice(i, i + PROBE_BATCH)
      .map((id) => Math.trunc(id))
      .join(',');
    for (const row of stmts.once(`SELECT rowid AS id FROM entry_index WHERE entry_index MATCH ? AND rowid IN (${list})`).all(text.match) as { id: number }[]) out.add(row.id);
  }
  return out;
}

/** A page of these matches in date order, their dates read off the covering index entries_id_date. */
export function inDateOrder(ids: readonly number[], walks: Walk[], stmts: StatementCache, limit: number, offset: number): number[] {
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
 * A page of the set's entries in the order `lists` give them one after another (the date index's
 * walks, or the set newest first), checked against the text a batch at a time until the page is
 * full; with how many matches it saw (all of them when it reached the end). Null when more than
 * `maxChecks` entries were checked before the page filled (matches rarer than guessed).
 */
export function walkChecked(
  text: CheckedText,
  lists: Iterable<number>[],
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
    const hits = matching(text, ids, stmts);
    for (const id of ids) {
      if (!hits.has(id)) continue;
      matched++;
      if (skip > 0) skip--;
      else if (out.length < limit) out.push(id);
    }
    checked += ids.length;
  };
  for (const list of lists) {
    let pending: number[] = [];
    // Leaving the loop early closes the list (and the statement under it).
    for (const id of list) {
      pending.push(id);
      if (pending.length < batch) continue;
      check(pending);
      pending = [];
      if (out.length >= limit) return { ids: out, matched, exhausted: false };
      // The next batch about as many as the rest of the page needs at the share of matches seen so
      // far, and a fifth more (at most four times the last: the share of a few batches may be
      // off), no more than `maxBatch`: doubling checked up to twice what the page needed.
      const wanted = Math.ceil(((skip + limit - out.length) * checked * 1.2) / Math.max(1, matched));
      batch = Math.max(1, Math.min(maxBatch, batch * 4, wanted));
      if (checked > maxChecks) return null;
    }
    if (pending.length > 0) check(pending);
  }
  // Every entry of the set was checked (the page may have filled in the last batch): the count is exact.
  return { ids: out, matched, exhausted: true };
}

/** The ids a statement gives (column `id`), lazily, those in `keep` only when it is given. */
export function* idsOf(stmts: StatementCache, sql: string, params: unknown[], keep: readonly number[] | null): Generator<number> {
  for (const row of stmts.get(sql).iterate(...params) as IterableIterator<{ id: number }>) if (keep === null || contains(keep, row.id)) yield row.id;
}

/** Whether ascending `xs` holds `x`. */
export const contains = (xs: readonly number[], x: number) => xs[lowerBound(xs, x)] === x;

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
