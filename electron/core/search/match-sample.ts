// The matching entries facets and the timeline count over, taken ONCE per query: every match
// when there are at most SAMPLE of them, else a sample where each sampled id stands for the
// matches around it (weights), so the counts are estimates marked approximate.
//  - A text query without SQL filters, or browsing everything: a STRATIFIED sample. The id range
//    is cut into STRATA slices; each slice gives its first matches, read from the index with the
//    slice bounds written into the SQL (FTS5 then seeks straight to them: ~0.3 ms a slice; with
//    bound parameters the same query costs ~25 ms), and they stand for the slice's matches,
//    estimated from how densely they fall. Reading every matching id took 110 ms for 590k.
//  - Anything else (SQL filters): every matching id is read, then every k-th kept.
// The set is cached for the last few queries: the UI asks for facets and the timeline of the
// same query one after the other; the cache key includes the archive's newest entry id.
import { matchingFrom, type SearchPlan, type StatementCache } from './search-plan.ts';

export const SAMPLE = 4_000;
const STRATA = 32;
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

/** `sample` is a parameter so tests can reach the sampled path with a small archive. */
export function collectMatches(plan: SearchPlan, stmts: StatementCache, sample = SAMPLE): MatchSet {
  if (plan.compiled.never) return { weights: new Map(), exact: true };
  // Without SQL filters the index alone answers (no join to entries).
  const from = plan.compiled.match && plan.filters.length === 0 ? { sql: 'FROM entry_index WHERE entry_index MATCH ?', params: [plan.compiled.match] } : matchingFrom(plan);
  const idCol = plan.compiled.match ? 'entry_index.rowid' : 'e.id';
  const newest = (stmts.get('SELECT coalesce(max(id), 0) AS m FROM entries').get() as { m: number }).m;
  const key = JSON.stringify([from.sql, from.params, newest, sample, generation]);
  let cache = caches.get(stmts);
  if (!cache) caches.set(stmts, (cache = new Map()));
  const cached = cache.get(key);
  if (cached) return cached;
  const stratified = plan.filters.length === 0 ? stratifiedSample(plan.compiled.match, stmts, sample) : null;
  if (stratified) {
    cache.set(key, stratified);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    return stratified;
  }
  const ids = stmts.get(`SELECT ${idCol} AS id ${from.sql}`).pluck().all(...from.params) as number[];
  const weights = new Map<number, number>();
  let exact = true;
  if (ids.length <= sample) {
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

/**
 * The stratified sample (see the top of this file) for a text query without filters (`match`) or
 * for every entry (`match` null). Exact when the newest `sample` + 1 matches are all there are.
 */
function stratifiedSample(match: string | null, stmts: StatementCache, sample: number): MatchSet {
  const src = match === null ? { sql: 'FROM entries WHERE 1', col: 'id', params: [] as unknown[] } : { sql: 'FROM entry_index WHERE entry_index MATCH ?', col: 'rowid', params: [match] };
  const newest = stmts.get(`SELECT ${src.col} AS id ${src.sql} ORDER BY ${src.col} DESC LIMIT ${sample + 1}`).pluck().all(...src.params) as number[];
  const weights = new Map<number, number>();
  if (newest.length <= sample) {
    for (const id of newest) weights.set(id, 1);
    return { weights, exact: true };
  }
  const bounds = stmts.get('SELECT coalesce((SELECT min(id) FROM entries), 0) AS lo, coalesce((SELECT max(id) FROM entries), 0) AS hi').get() as { lo: number; hi: number };
  const per = Math.max(1, Math.floor(sample / STRATA));
  const width = (bounds.hi - bounds.lo + 1) / STRATA;
  for (let k = 0; k < STRATA; k++) {
    const a = Math.trunc(bounds.lo + k * width);
    const b = k === STRATA - 1 ? bounds.hi + 1 : Math.trunc(bounds.lo + (k + 1) * width);
    if (b <= a) continue;
    // The bounds are integers written into the SQL on purpose (see above); the statement is used once.
    const ids = stmts.once(`SELECT ${src.col} ${src.sql} AND ${src.col} >= ${a} AND ${src.col} < ${b} ORDER BY ${src.col} LIMIT ${per}`).pluck().all(...src.params) as number[];
    if (ids.length === 0) continue;
    // Fewer than asked: that is the whole slice. Else they stand for the slice at their density.
    const last = ids[ids.length - 1] as number;
    const weight = ids.length < per ? 1 : (b - a) / (last - a + 1);
    for (const id of ids) weights.set(id, weight);
  }
  return { weights, exact: false };
}
