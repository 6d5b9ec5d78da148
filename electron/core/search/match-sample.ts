// The matching entries facets and the timeline count over, taken ONCE per query: every match
// when there are at most EXACT of them, else a SYSTEMATIC sample of about SAMPLE spread over the whole archive,
// where each sampled id stands for the matches around it (weights), so the counts are estimates
// marked approximate.
//  - A text query without SQL filters: the matches whose id is a multiple of k (k prime, near
//    matches / SAMPLE, estimated from how densely the newest matches fall), `rowid % k = 0`
//    evaluated as FTS5 yields its matches: 50 ms for 590k matches at 1M, where reading every
//    matching id into JavaScript took 110 ms. (Slices of the id range read a few matches each
//    were faster but sampled runs of neighbouring entries, often one file: skewed counts.)
//  - Browsing everything: every k-th id, looked up directly.
//  - Anything else (SQL filters): every matching id is read, then every k-th kept.
// The set is cached for the last few queries: the UI asks for facets and the timeline of the
// same query one after the other; the cache key includes the archive's newest entry id and its
// write counters, so a set is never reused after any change.
import { idBounds, idsFrom, type SearchPlan, type StatementCache } from './search-plan.ts';
import { DEFAULT_THRESHOLDS } from './search-thresholds.ts';

export const SAMPLE = DEFAULT_THRESHOLDS.facetSample;
export const EXACT = DEFAULT_THRESHOLDS.facetExact;
const CACHE_SIZE = 4;

export interface MatchSet {
  /** Entry id → how many matching entries it stands for (1 when exact). */
  weights: Map<number, number>;
  exact: boolean;
}

/** Per connection (one StatementCache each), so two archives in one process never share sets. */
const caches = new WeakMap<StatementCache, Map<string, MatchSet>>();
let generation = 0;

/** Drops every cached set (the bench uses it to time facets and the timeline cold). */
export function forgetMatchSets(): void {
  generation++;
}

/** `sample` and `exactUpTo` are parameters so tests can reach the sampled path with a small archive. */
export function collectMatches(plan: SearchPlan, stmts: StatementCache, sample = SAMPLE, exactUpTo = Math.max(sample, EXACT)): MatchSet {
  if (plan.compiled.never) return { weights: new Map(), exact: true };
  // Without SQL filters the index alone answers (no join to entries); id filters never read entry rows.
  const { idCol, ...from } = idsFrom(plan);
  // The archive's state in the key: its newest entry, and whether anything was written since (a
  // tag, a highlight or a collection changes what an annotation filter matches without a new
  // entry): data_version moves when another connection commits (the app's writer, seen from its
  // reader), total_changes when this one writes.
  const state = stmts.get('SELECT coalesce(max(id), 0) AS m, (SELECT data_version FROM pragma_data_version) AS v, total_changes() AS c FROM entries').get() as {
    m: number;
    v: number;
    c: number;
  };
  const key = JSON.stringify([from.sql, from.params, state.m, state.v, state.c, sample, exactUpTo, generation]);
  let cache = caches.get(stmts);
  if (!cache) caches.set(stmts, (cache = new Map()));
  const cached = cache.get(key);
  if (cached) return cached;
  const spread = plan.filters.length === 0 ? spreadSample(plan.compiled.match, stmts, sample, exactUpTo) : null;
  if (spread) {
    cache.set(key, spread);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    return spread;
  }
  const ids = stmts.get(`SELECT ${idCol} AS id ${from.sql}`).pluck().all(...from.params) as number[];
  const weights = new Map<number, number>();
  let exact = true;
  if (ids.length <= exactUpTo) {
    for (const id of ids) weights.set(id, 1);
  } else {
    exact = false;
    const step = ids.length / sample;
    for (let i = 0; i < sample; i++) weights.set(ids[Math.floor(i * step)]!, step);
  }
  const set = { weights, exact };
  cache.set(key, set);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return set;
}

/** Sum of weights, rounded: the number of matching entries (estimated when the set is a sample). */
export function totalOf(set: MatchSet): number {
  let n = 0;
  for (const w of set.weights.values()) n += w;
  return Math.round(n);
}

/** The set's ids as one JSON array, for `IN (SELECT value FROM json_each(?))`. */
export function idsJson(set: MatchSet): string {
  return JSON.stringify([...set.weights.keys()]);
}

const isPrime = (n: number) => {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
};
/** The smallest prime >= n: a step no regular layout of the archive (files of 200 posts...) shares. */
const primeAtLeast = (n: number) => {
  let k = Math.max(2, Math.ceil(n));
  while (!isPrime(k)) k++;
  return k;
};

/**
 * The systematic sample (see the top of this file) for a text query without filters (`match`) or
 * for every entry (`match` null). Exact when the newest `exactUpTo` + 1 matches are all there are.
 */
function spreadSample(match: string | null, stmts: StatementCache, sample: number, exactUpTo: number): MatchSet {
  const src = match === null ? { sql: 'FROM entries WHERE 1', col: 'id', params: [] as unknown[] } : { sql: 'FROM entry_index WHERE entry_index MATCH ?', col: 'rowid', params: [match] };
  const newest = stmts.get(`SELECT ${src.col} AS id ${src.sql} ORDER BY ${src.col} DESC LIMIT ${exactUpTo + 1}`).pluck().all(...src.params) as number[];
  const weights = new Map<number, number>();
  if (newest.length <= exactUpTo) {
    for (const id of newest) weights.set(id, 1);
    return { weights, exact: true };
  }
  const bounds = idBounds(stmts);
  if (match === null) {
    const entries = (stmts.get('SELECT count(*) AS n FROM entries').get() as { n: number }).n;
    const k = Math.max(1, Math.floor((bounds.hi - bounds.lo + 1) / sample));
    const probe: number[] = [];
    for (let id = bounds.lo; id <= bounds.hi; id += k) probe.push(id);
    const ids = stmts.get('SELECT e.id FROM entries e WHERE e.id IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(probe)) as number[];
    for (const id of ids) weights.set(id, entries / Math.max(1, ids.length));
    return { weights, exact: false };
  }
  // How densely matches fall among the newest ids says about how many there are in all.
  const span = Math.max(1, (newest[0] ?? 0) - (newest[newest.length - 1] ?? 0) + 1);
  const estimate = (newest.length / span) * (bounds.hi - bounds.lo + 1);
  const k = primeAtLeast(estimate / sample);
  // k is an integer written into the SQL; the statement text varies with it, so it is not cached.
  const ids = stmts.once(`SELECT rowid ${src.sql} AND (rowid % ${k}) = 0`).pluck().all(...src.params) as number[];
  for (const id of ids) weights.set(id, k);
  return { weights, exact: false };
}
